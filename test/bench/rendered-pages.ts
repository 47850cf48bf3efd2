/**
 * The article-extraction corpus rendered in Debian's Chromium the way an analyst's browser would
 * show a saved page: JavaScript off, nothing fetched beyond the page itself. Used by the opt-in
 * benchmarks that read back what a browser makes of a page (a PDF print, a text copy).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** The corpus's ground truth: body text and address per page id. */
export function corpusTruth(corpusDir: string): Record<string, { articleBody?: string; url?: string }> {
  return JSON.parse(readFileSync(join(corpusDir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
}

/**
 * Render the first `limit` corpus pages one by one and hand each to `use`; a page that cannot be
 * rendered (or that `use` gives up on by throwing) is counted, not fatal. Null without Chromium.
 */
export async function forEachRenderedPage(corpusDir: string, limit: number, use: (id: string, page: Page) => Promise<void>): Promise<{ failures: number } | null> {
  if (!existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  const ids = readdirSync(join(corpusDir, 'html')).filter((name) => name.endsWith('.html.gz')).sort().slice(0, limit).map((name) => name.replace(/\.html\.gz$/, ''));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
  let failures = 0;
  try {
    for (const id of ids) {
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => (route.request().resourceType() === 'document' ? route.continue() : route.abort()));
        await page.setContent(gunzipSync(readFileSync(join(corpusDir, 'html', `${id}.html.gz`))).toString('utf8'), { waitUntil: 'domcontentloaded', timeout: 15_000 });
        await use(id, page);
      } catch {
        failures++;
      } finally {
        await context.close().catch(() => {});
      }
    }
  } finally {
    await browser.close();
  }
  return { failures };
}
