/**
 * document:reextract: run extraction again on a document's stored original (a better reader, a
 * fixed bug) and re-anchor its annotations to the new text by quote.
 */
import { ParleyError } from '../../shared/errors';
import { extractBuffer, IngestError } from '../ingest/index';
import { contentHash } from '../ingest/near-duplicate';
import type { CaseSession } from './case-session';

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

export async function reextractDocument(session: CaseSession, id: string): Promise<{ reanchored: number; orphaned: number }> {
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
  return store.annotations.reextract(id, { text: article.text, html: article.html, contentHash: contentHash(article.text) });
}
