/** What every reader produces: one article, cleaned, with its metadata. */
export type SourceFormat =
  | 'html'
  | 'mhtml'
  | 'text'
  | 'markdown'
  | 'pdf'
  | 'docx'
  | 'eml'
  | 'feed';

export type DatePrecision = 'year' | 'month' | 'day' | 'minute' | 'second';

export interface ExtractedArticle {
  /** Headline without the site suffix ("… | Reuters" removed). */
  title: string | null;
  /** Set when no headline was found and `title` is the story's first sentence standing in for one. */
  titleGuessed?: boolean;
  /** Person names only: no "By", no dates, joined with ", ". */
  byline: string | null;
  /** Publication name, e.g. "Reuters", "The Guardian". */
  outlet: string | null;
  /** ISO 8601: "2025-11-23" or "2025-11-23T14:05:00Z"; null rather than a guess. */
  publishedAt: string | null;
  publishedPrecision: DatePrecision | null;
  /** Canonical link / og:url where present. */
  url: string | null;
  /** ISO 639-1 code ("en", "ru") or null when unsure. */
  language: string | null;
  /** The cleaned body: paragraphs separated by one blank line ("\n\n"), NFC/NFKC-normalised. */
  text: string;
  /** Sanitised article HTML for display (no scripts, handlers, javascript: URLs), or null. */
  html: string | null;
  format: SourceFormat;
  /** Label of this article within its file: the file name, or "file.eml › attachment.html", "feed.xml › item 3". */
  label: string;
}

/** Stable reasons a file can fail; each becomes a per-file error in a batch. */
export type IngestErrorCode =
  | 'empty_file'
  | 'too_large'
  | 'unsupported_format'
  | 'not_text' // binary content where text/HTML was expected
  | 'no_article' // parsed fine but nothing that looks like an article body
  | 'corrupt_pdf'
  | 'encrypted_pdf'
  | 'image_only_pdf'
  | 'corrupt_docx'
  | 'zip_bomb'
  | 'nested_too_deeply' // elements inside elements beyond any real article (a crafted file)
  | 'too_complex' // needs more memory than one file may take
  | 'corrupt_feed'
  | 'corrupt_email'
  | 'unreadable'
  | 'timeout';

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}

export interface ExtractOptions {
  /** Reject files larger than this many bytes (default 50 MiB). */
  maxBytes?: number;
  /** File modification time, used only to interpret relative dates (never to invent one). */
  fileDate?: Date;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
