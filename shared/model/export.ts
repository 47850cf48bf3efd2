import { z } from 'zod';
import { MATRIX_COLUMNS } from './analysis';
import { Id, IsoDate, OptionalText } from './common';

/** What a report or export covers; everything empty means the whole case. */
export const ExportScope = z
  .object({
    documentIds: z.array(Id).max(10_000).optional(),
    partyIds: z.array(Id).max(10_000).optional(),
    concessionIds: z.array(Id).max(10_000).optional(),
    tags: z.array(z.string().max(100)).max(100).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();
export type ExportScope = z.infer<typeof ExportScope>;

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'docx'] as const;
export const DATA_FORMATS = ['json', 'w3c', 'csv', 'xlsx', 'qdpx', 'bundle'] as const;
export const CSV_TABLES = ['documents', 'parties', 'sources', 'annotations', 'concessions'] as const;

export interface ReportSectionInfo {
  id: string;
  title: string;
  /** Included unless the analyst unticks it. */
  byDefault: boolean;
}

export const ReportRenderInput = z
  .object({
    format: z.enum(REPORT_FORMATS, { message: `must be one of ${REPORT_FORMATS.join(', ')}` }),
    scope: ExportScope.default({}),
    sections: z.array(z.string().max(100)).max(50).optional(),
    title: OptionalText(300).optional(),
    analyst: OptionalText(300).optional(),
    summary: OptionalText(20_000).optional(),
    /** Credit the case's analysts on the title page, each with the annotations they made. */
    creditAnalysts: z.boolean().optional(),
    /** The stance-matrix section: columns, and the day it shows (default: the scope's end, else the latest entries). */
    matrix: z
      .object({
        by: z.enum(MATRIX_COLUMNS, { message: `must be one of ${MATRIX_COLUMNS.join(', ')}` }).default('concession'),
        asOf: IsoDate.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const DataExportInput = z
  .object({
    format: z.enum(DATA_FORMATS, { message: `must be one of ${DATA_FORMATS.join(', ')}` }),
    scope: ExportScope.default({}),
    /** For CSV: which grid. */
    table: z.enum(CSV_TABLES).default('annotations'),
  })
  .strict();

/** A file for the page to save (browser download or the desktop save dialog). */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  dataBase64: string;
  size: number;
}

/** A bundle to merge: uploaded (browser mode, the page), or a file on this machine (the CLI, a dropped file). */
export const BundleMergeInput = z.union([
  z
    .object({
      name: z.string().trim().min(1).max(1000),
      dataBase64: z.string().max(70_000_000, 'bundle too large to upload (limit 50 MB); use `parley merge` instead'),
    })
    .strict(),
  z.object({ path: z.string().min(1).max(4096) }).strict(),
]);

export interface MergeConflict {
  aggregate: string;
  id: string;
  field: string;
  kept: unknown;
  lost: unknown;
}

export interface MergeReport {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: MergeConflict[];
}
