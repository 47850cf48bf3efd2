import type { DocumentOriginal } from '../../shared/model/document';
import { decodeText } from '../ingest/decode';

const TEXT_FORMATS = new Set(['html', 'mhtml', 'text', 'markdown', 'eml', 'feed']);

/**
 * The original file as the reader's "show original" toggle displays it: decoded source text for
 * text-like formats (shown as plain text, never rendered as HTML), nothing for binary ones.
 */
export function originalForDisplay(original: { fileName: string | null; size: number; bytes: Buffer; format: string }): DocumentOriginal {
  let text: string | null = null;
  if (TEXT_FORMATS.has(original.format)) {
    try {
      text = decodeText(original.bytes, { sniffHtmlMeta: true });
    } catch {
      text = null;
    }
  }
  return { fileName: original.fileName, size: original.size, text };
}
