/**
 * The report as PDF: the HTML report printed by headless Chromium (playwright-core), A4, with the
 * case name in the header and "page X of Y" in the footer. Chromium embeds the system fonts the
 * HTML asks for (Noto Sans CJK, DejaVu), so CJK and Cyrillic text survive.
 */
import { renderHtml, printHeaderFooter, type WriterOptions } from './html';
import type { ReportModel } from './model';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export async function renderPdf(model: ReportModel, options: WriterOptions = {}): Promise<Buffer> {
  const total = model.sections.length + 2;
  const html = renderHtml(model, { onProgress: (done) => options.onProgress?.(done, total) });
  // Loaded on demand: playwright-core is a development tool (CLI, tests); the desktop app prints
  // with Electron's own printToPDF and never reaches this code.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM || DEFAULT_CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
  try {
    // No network at all: the page is self-contained, and nothing from an article may phone out.
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // Under load, printing can start before the CJK fallback fonts are resolved and their glyphs
    // drop out of the PDF: wait for the page's fonts (evaluation works with page scripts disabled).
    await page.evaluate('document.fonts.ready.then(() => document.fonts.status)');
    options.onProgress?.(model.sections.length + 1, total);
    const { header, footer } = printHeaderFooter(model);
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: header,
      footerTemplate: footer,
      margin: { top: '20mm', bottom: '18mm', left: '16mm', right: '16mm' },
      preferCSSPageSize: false,
      outline: true,
      tagged: true,
    });
    options.onProgress?.(total, total);
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
