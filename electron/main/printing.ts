/**
 * Reports printed by Electron's own Chromium: a hidden, script-less window loads the report HTML
 * (served from memory by the app:// protocol under /__report/<id>) and printToPDF writes the file.
 */
import { BrowserWindow } from 'electron';
import { randomUUID } from 'node:crypto';
import type { PdfPrinter } from '../service/exports';
import { APP_ORIGIN } from './security';

/** The report page's own inline styles only; no script, nothing fetched. */
export const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export interface ReportPrinter {
  printPdf: PdfPrinter;
  /** The HTML of a report being printed, for the app:// protocol; undefined once printed. */
  page(id: string): string | undefined;
}

export function createReportPrinter(): ReportPrinter {
  const pages = new Map<string, string>();
  return {
    page: (id) => pages.get(id),
    async printPdf(html, chrome) {
      const id = randomUUID();
      pages.set(id, html);
      const printer = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webviewTag: false },
      });
      try {
        await printer.loadURL(`${APP_ORIGIN}/__report/${id}`);
        const pdf = await printer.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: chrome.header,
          footerTemplate: chrome.footer,
          margins: { top: 0.8, bottom: 0.7, left: 0.6, right: 0.6 },
          generateDocumentOutline: true,
          generateTaggedPDF: true,
        });
        return Buffer.from(pdf);
      } finally {
        printer.destroy();
        pages.delete(id);
      }
    },
  };
}
