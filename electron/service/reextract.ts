/**
 * document:reextract: run extraction again on a document's stored original (a better reader, a
 * fixed bug) and re-anchor its annotations to the new text by quote.
 */
import { anchor, describeSelection } from '../../shared/anchoring';
import { ParleyError } from '../../shared/errors';
import type { AnchorStatus, TextSelector } from '../../shared/model/annotation';
import { extractBuffer, IngestError } from '../ingest/index';
import { contentHash } from '../ingest/near-duplicate';
import type { Store } from '../store/index';
import type { CaseSession } from './case-session';
import { reanchorSuggestions } from './suggestions';

/** Readers pick by content first, name second; a nameless original still needs the right extension. */
const EXTENSION_BY_FORMAT: Record<string, string> = {
  html: '.html',
  mhtml: '.mhtml',
  text: '.txt',
  markdown: '.md',
  pdf: '.pdf',
  docx: '.docx',
  eml: '.eml',
  feed: '.xml',
};

export interface ReanchorCounts {
  reanchored: number;
  orphaned: number;
}

export async function reextractDocument(session: CaseSession, id: string): Promise<ReanchorCounts> {
  const store = session.writable();
  const { label } = store.documents.summary(id);
  const original = store.documents.original(id);
  let articles;
  try {
    articles = await extractBuffer(original.bytes, original.fileName ?? `original${EXTENSION_BY_FORMAT[original.format] ?? ''}`);
  } catch (error) {
    if (error instanceof IngestError) throw new ParleyError('invalid_input', `The original of this document cannot be read again: ${error.message}`);
    throw error;
  }
  // A file may hold several articles (an e-mail's attachments, a feed's items): match by label.
  const article = articles.find((candidate) => candidate.label === label) ?? articles[0];
  if (!article?.text) throw new ParleyError('invalid_input', 'Re-extraction found no article text in the original; the document was left as it was');
  // Extraction is async: the case may have been closed or switched meanwhile.
  if (!session.isOpen || session.current() !== store) throw new ParleyError('conflict', 'The case was closed while the document was being re-extracted');
  return replaceText(store, id, { text: article.text, html: article.html, contentHash: contentHash(article.text) });
}

/**
 * Replace a document's text with a fresh extraction and re-anchor its annotations by quote:
 * still at the stored position → kept; found elsewhere (exact with context, or fuzzily within a
 * small error budget) → moved and marked 'reanchored'; not found → 'orphan', keeping its stored
 * quote and offsets rather than pointing at the wrong words. One undoable batch; nothing is
 * written when nothing changed.
 */
export function replaceText(store: Store, documentId: string, body: { text: string; html: string | null; contentHash: string }): ReanchorCounts {
  return store.transaction(
    (batch) => {
      const document = store.documents.body(documentId);
      const counts: ReanchorCounts = { reanchored: 0, orphaned: 0 };
      const moves: { id: string; status: AnchorStatus; span?: TextSelector }[] = [];
      for (const span of store.annotations.spansOf(documentId)) {
        const result = anchor(body.text, span);
        if (result.status === 'orphan') {
          counts.orphaned++;
          if (span.anchorStatus !== 'orphan') moves.push({ id: span.id, status: 'orphan' });
        } else if (result.start !== span.start || result.end !== span.end) {
          counts.reanchored++;
          moves.push({ id: span.id, status: 'reanchored', span: describeSelection(body.text, result.start, result.end) });
        } else if (span.anchorStatus === 'orphan') {
          moves.push({ id: span.id, status: 'anchored' });
        }
      }
      if (document.text === body.text && document.html === body.html && moves.length === 0) return counts;
      batch.name(`Re-extract "${document.title ?? document.label}"`);
      store.documents.replaceBody(documentId, body, batch.id);
      for (const { id, ...move } of moves) store.annotations.setAnchor(id, move, batch.id);
      reanchorSuggestions(store, documentId, body.text);
      return counts;
    },
    { failure: 'Cannot re-extract the document' },
  );
}
