/** What every reader's article is made of: the body's paragraph form, its display HTML, the article record. */
import { detectLanguage } from './language';
import type { ExtractedArticle, SourceFormat } from './types';

/** Paragraphs → the contract's body form: NFC, inner whitespace collapsed, one blank line between. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.normalize('NFC').replace(/[\t\f\v \u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').replace(/ *\n */g, '\n').trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Display HTML for a plain-text body: escaped paragraphs, nothing else. */
export function paragraphsToHtml(text: string): string | null {
  if (!text) return null;
  return text
    .split('\n\n')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export function makeArticle(fields: Partial<ExtractedArticle> & { text: string; format: SourceFormat; label: string }): ExtractedArticle {
  return {
    title: null,
    byline: null,
    outlet: null,
    publishedAt: null,
    publishedPrecision: null,
    url: null,
    language: detectLanguage(fields.text),
    html: paragraphsToHtml(fields.text),
    ...fields,
  };
}
