/**
 * Annotated reports: build the model once from the case's read model (which the service hands
 * over), then write it as HTML, Markdown, PDF or DOCX. The model is plain data, so `renderReport` can run in a worker thread.
 */
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import type { ReportModel } from './model';
import { renderPdf } from './pdf';

export { buildReportModel, REPORT_SECTIONS, SECTION_BUILDERS, type ReportData, type ReportModel, type ReportOptions, type SectionBuilder } from './model';

export type ReportFormat = 'html' | 'md' | 'pdf' | 'docx';

export const REPORT_FILE_TYPES: Record<ReportFormat, { extension: string; mimeType: string }> = {
  html: { extension: 'html', mimeType: 'text/html; charset=utf-8' },
  md: { extension: 'md', mimeType: 'text/markdown; charset=utf-8' },
  pdf: { extension: 'pdf', mimeType: 'application/pdf' },
  docx: { extension: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

export interface RenderOptions {
  onProgress?: (done: number, total: number) => void;
}

/** Writes the report in one format. PDF launches headless Chromium (PARLEY_CHROMIUM overrides its path). */
export async function renderReport(model: ReportModel, format: ReportFormat, options: RenderOptions = {}): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(renderHtml(model, options), 'utf8');
    case 'md':
      return Buffer.from(renderMarkdown(model, options), 'utf8');
    case 'pdf':
      return renderPdf(model, options);
    case 'docx':
      return renderDocx(model, options);
  }
}

/** A file name for the report: the title's safe characters, the date and the extension. */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  const stem = model.meta.title.normalize('NFKC').replace(/[^\p{L}\p{N} _.-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'report';
  return `${stem} ${model.meta.date}.${REPORT_FILE_TYPES[format].extension}`;
}
