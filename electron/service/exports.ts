/**
 * Reports and data exports as files the page can save, and bundles merged into the open case.
 * Writers live in electron/report and electron/exchange; this module only scopes, names and
 * transports. PDF printing is pluggable: Electron's own printToPDF in the app, headless Chromium
 * (playwright-core) from the command line and in tests.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Annotation } from '../../shared/model/annotation';
import type { ExportFile, MergeReport, ReportSectionInfo } from '../../shared/model/export';
import type { z } from 'zod';
import type { BundleMergeInput, DataExportInput, ExportScope, ReportRenderInput } from '../../shared/model/export';
import type { ReportData } from '../report/model';
import type { Store } from '../store/index';
import { stanceMatrix } from './stance-matrix';

// The writers (docx, exceljs, the report model) load on first export, not when the app starts.
const reports = () => import('../report/index');
const exchange = () => import('../exchange/index');

/** Prints self-contained report HTML to PDF bytes (Electron: a hidden window's printToPDF). */
export type PdfPrinter = (html: string, chrome: { header: string; footer: string }) => Promise<Buffer>;

const DATA_TYPES = {
  json: { extension: 'json', mimeType: 'application/json' },
  w3c: { extension: 'jsonld', mimeType: 'application/ld+json' },
  csv: { extension: 'csv', mimeType: 'text/csv; charset=utf-8' },
  xlsx: { extension: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  qdpx: { extension: 'qdpx', mimeType: 'application/zip' },
  bundle: { extension: 'parley-bundle', mimeType: 'application/octet-stream' },
} as const;

export async function reportSections(): Promise<ReportSectionInfo[]> {
  return (await reports()).REPORT_SECTIONS;
}

/** "Anna (120 annotations), Ben (1 annotation)": the most prolific first. */
export function creditLine(credits: { name: string; annotations: number }[]): string | null {
  const named = credits.filter((credit) => credit.annotations > 0).sort((a, b) => b.annotations - a.annotations || a.name.localeCompare(b.name));
  if (named.length === 0) return null;
  return named.map((credit) => `${credit.name} (${credit.annotations} annotation${credit.annotations === 1 ? '' : 's'})`).join(', ');
}

export async function renderReportFile(
  store: Store,
  input: z.output<typeof ReportRenderInput>,
  printPdf?: PdfPrinter,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportFile> {
  const { buildReportModel, renderReport, reportFileName, REPORT_FILE_TYPES } = await reports();
  const { printHeaderFooter, renderHtml } = await import('../report/html');
  // Progress: building the model is the first half, writing the format the second.
  const half = (offset: number) => (done: number, total: number) => onProgress?.(offset + Math.round((done / Math.max(1, total)) * 50), 100);
  const model = buildReportModel(reportData(store), {
    onProgress: half(0),
    scope: input.scope,
    ...(input.sections ? { sections: input.sections } : {}),
    title: input.title ?? null,
    analyst: input.analyst ?? null,
    credits: input.creditAnalysts ? creditLine(store.operations.annotationsByAnalyst()) : null,
    summary: input.summary ?? null,
    caseName: store.name,
    ...(input.matrix ? { matrix: input.matrix } : {}),
  });
  const bytes =
    input.format === 'pdf' && printPdf
      ? await printPdf(renderHtml(model), printHeaderFooter(model))
      : await renderReport(model, input.format, { onProgress: half(50) });
  onProgress?.(100, 100);
  return asFile(reportFileName(model, input.format), REPORT_FILE_TYPES[input.format].mimeType, bytes);
}

/** The case as a report reads it: every record through the repositories, texts on demand. */
export function reportData(store: Store): ReportData {
  return {
    caseName: store.name,
    documents: store.documents.list(),
    parties: store.parties.list(),
    sources: store.sources.list(),
    concessions: store.concessions.list(),
    annotations: allAnnotations(store),
    documentText: (id) => store.documents.body(id).text,
    stanceMatrix: (by, asOf) => stanceMatrix(store, by, asOf),
  };
}

const ANNOTATION_PAGE = 5_000;

/** Every annotation in the case, read page by page through the repository. */
function allAnnotations(store: Store): Annotation[] {
  const all: Annotation[] = [];
  for (let offset = 0; ; offset += ANNOTATION_PAGE) {
    const page = store.annotations.list({ sort: { field: 'createdAt', direction: 'asc' }, offset, limit: ANNOTATION_PAGE });
    all.push(...page.rows);
    if (page.rows.length < ANNOTATION_PAGE || all.length >= page.total) return all;
  }
}

export async function exportDataFile(store: Store, input: z.output<typeof DataExportInput>): Promise<ExportFile> {
  const documentIds = documentsInScope(store, input.scope);
  const type = DATA_TYPES[input.format];
  const stem = `${store.name}${input.format === 'csv' ? ` ${input.table}` : ''}${input.format === 'w3c' ? ' annotations' : ''}`;
  const fileName = `${stem}.${type.extension}`;
  const dir = await mkdtemp(join(tmpdir(), 'parley-export-'));
  try {
    const outPath = join(dir, fileName);
    const { exportCase } = await exchange();
    const result = await exportCase(store, input.format, outPath, {
      ...(documentIds ? { documentIds } : {}),
      ...(input.format === 'csv' ? { grid: input.table } : {}),
    });
    const written = result.files[0] ?? outPath;
    return asFile(fileName, type.mimeType, await readFile(written));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function mergeBundleInto(store: Store, input: z.output<typeof BundleMergeInput>): Promise<MergeReport> {
  const { mergeBundle } = await exchange();
  const report = (path: string): MergeReport => {
    const result = mergeBundle(store, path);
    return {
      added: result.added,
      updated: result.updated,
      unchanged: result.unchanged,
      conflicts: result.conflicts.map(({ aggregate, id, field, kept, lost }) => ({ aggregate, id, field, kept, lost })),
    };
  };
  if ('path' in input) return report(resolve(input.path));
  const dir = await mkdtemp(join(tmpdir(), 'parley-merge-'));
  try {
    const path = join(dir, 'incoming.parley-bundle');
    await writeFile(path, Buffer.from(input.dataBase64, 'base64'));
    return report(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Date range and explicit documents → the document ids an export covers; null = everything. */
export function documentsInScope(store: Store, scope: ExportScope): string[] | null {
  const hasRange = Boolean(scope.from || scope.to);
  if (!hasRange && !scope.documentIds?.length) return null;
  const explicit = scope.documentIds?.length ? new Set(scope.documentIds) : null;
  return store.documents
    .list()
    .filter((document) => !explicit || explicit.has(document.id))
    .filter((document) => {
      if (!hasRange) return true;
      const day = document.publishedAt?.slice(0, 10);
      if (!day) return false;
      return (!scope.from || day >= scope.from.slice(0, 10)) && (!scope.to || day <= scope.to.slice(0, 10));
    })
    .map((document) => document.id);
}

function asFile(fileName: string, mimeType: string, bytes: Buffer): ExportFile {
  return { fileName, mimeType, dataBase64: bytes.toString('base64'), size: bytes.byteLength };
}
