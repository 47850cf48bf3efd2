import { z } from 'zod';

export type ImportFileStatus = 'imported' | 'duplicate' | 'skipped' | 'error';

/** What happened to one article (one file may hold several: an e-mail, a feed). */
export interface ImportFileResult {
  file: string;
  /** "file.eml › attachment.html" when a file holds several articles. */
  label: string;
  status: ImportFileStatus;
  documentId?: string;
  /** For duplicates: the document already in the case. */
  duplicateOf?: string;
  /** For near-duplicates stored as copies: the document this one copies. */
  nearDuplicateOf?: string;
  error?: { code: string; message: string };
}

export interface ImportProgress {
  jobId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  total: number;
  done: number;
  currentFile: string | null;
  /** Files per second since the job started. */
  rate: number;
  counts: Record<ImportFileStatus, number>;
  /** Newest last; the full list for the job. */
  results: ImportFileResult[];
  startedAt: string;
  finishedAt: string | null;
  message?: string;
}

export const ImportStartInput = z
  .object({ paths: z.array(z.string().min(1).max(4096)).min(1, 'choose at least one file or folder').max(10_000) })
  .strict();

/** Browser mode: one file at a time, base64 in JSON (the bridge caps the body size). */
export const ImportUploadInput = z
  .object({
    name: z.string().trim().min(1).max(1000),
    dataBase64: z.string().max(70_000_000, 'file too large to upload (limit 50 MB)'),
    lastModified: z.number().int().nonnegative().optional(),
  })
  .strict();

export const ImportJobInput = z.object({ jobId: z.string().min(1).max(100) }).strict();

/** `parley extract`: what Parley reads from one file, without a case (one entry per article). */
export interface ArticlePreview {
  title: string | null;
  byline: string | null;
  outlet: string | null;
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  text: string;
  /** `parley extract --json`: what Parley would propose for the text (UTF-16 offsets into `text`). */
  suggestions?: PreviewSuggestions;
}

export interface PreviewSuggestions {
  parties: { name: string; kind: string; aliases: string[]; mentions: { start: number; end: number }[] }[];
  attributions: {
    speaker: string | null;
    anonymous: boolean;
    quote: string;
    kind: 'direct' | 'indirect';
    start: number;
    end: number;
    speakerStart?: number;
    speakerEnd?: number;
    channel?: string;
    confidence: number;
  }[];
  concessions: { text: string; by: string | null; demandedBy?: string; issue: string | null; stance: string; start: number; end: number; confidence: number }[];
}
