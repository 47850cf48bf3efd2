import { z } from 'zod';
import { Id, IsoDate, OptionalText } from './common';

/** A row of the Documents grid: metadata without the body. */
export interface DocumentSummary {
  id: string;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  publishedAt: string | null;
  publishedPrecision: string | null;
  url: string | null;
  language: string | null;
  format: string;
  label: string;
  wordCount: number;
  annotationCount: number;
  nearDuplicateOf: string | null;
  importedAt: string;
  /** The analyst who added it (their name in the case), from the operation log. */
  createdById: string | null;
  createdBy: string | null;
  updatedAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  text: string;
  /** Sanitised at import; still rendered only through the renderer's own sanitiser. */
  html: string | null;
  originalName: string | null;
  originalSize: number | null;
  contentHash: string;
}

export interface DocumentOriginal {
  fileName: string | null;
  size: number;
  /** Decoded text of the original when it is text-like (HTML, text, e-mail, feed); null for PDF/DOCX. */
  text: string | null;
}

export const DocumentPatch = z
  .object({
    /** An import may find no title; an edit may change one but not erase it. */
    title: z
      .string({ error: (issue) => (issue.input === null || issue.input === undefined ? 'must not be empty' : 'must be text') })
      .trim()
      .min(1, 'must not be empty')
      .max(1_000, 'must be at most 1000 characters'),
    byline: OptionalText(1_000),
    outlet: OptionalText(300),
    publishedAt: IsoDate,
    url: z
      .string()
      .trim()
      .max(4_000)
      .refine((u) => u === '' || /^https?:\/\//i.test(u), 'must be an http(s) address')
      .transform((u) => (u === '' ? null : u))
      .nullable(),
    language: z
      .string()
      .trim()
      .regex(/^([a-z]{2,3})?$/, 'must be a language code such as en or ru')
      .transform((l) => (l === '' ? null : l))
      .nullable(),
  })
  .partial()
  .strict();
export const DocumentUpdateInput = z.object({ id: Id, patch: DocumentPatch }).strict();

