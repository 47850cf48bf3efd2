/**
 * Case-wide search: the analyst's query parsed into FTS5 syntax we built (a malformed one is a
 * plain invalid_input message), matched over articles and annotations by the store, and each hit
 * given a snippet and the place of its words in the article, so the reader can open at the match.
 */
import { ParleyError } from '../../shared/errors';
import type { ChannelParsedInput } from '../../shared/contract';
import type { SearchHit, SearchResults } from '../../shared/model/search';
import { cutSnippet, findMatches, phraseMatcher } from '../../shared/search-highlight';
import { SearchQueryError, parseSearchQuery, type ParsedQuery } from '../../shared/search-query';
import type { Store } from '../store/index';
import type { AnnotationMatchRow, DocumentMatchRow } from '../store/search-repository';

export function parseQueryOrFail(query: string): ParsedQuery {
  try {
    return parseSearchQuery(query);
  } catch (error) {
    if (error instanceof SearchQueryError) throw new ParleyError('invalid_input', error.message, { query: error.message });
    throw error;
  }
}

export function searchCase(store: Store, input: ChannelParsedInput<'document:search'>): SearchResults {
  const parsed = parseQueryOrFail(input.query);
  const matcher = phraseMatcher(parsed.highlights);
  const options = { filters: input.filters, sort: input.sort, limit: input.limit, rankAll: input.rankAll };
  const none = { rows: [], window: null };
  const documents = input.scope === 'annotations' ? none : store.search.matchDocuments(parsed.fts, options);
  const annotations = input.scope === 'documents' ? none : store.search.matchAnnotations(parsed.fts, options);
  const size = documents.window ?? annotations.window;
  return {
    understood: parsed.fts,
    documents: documents.rows.map((row) => documentHit(row, matcher)),
    annotations: annotations.rows.map((row) => annotationHit(row, matcher)),
    window: size === null ? null : { size, documents: documents.window !== null, annotations: annotations.window !== null },
  };
}

function documentHit(row: DocumentMatchRow, matcher: RegExp | null): SearchHit {
  const snippet = cutSnippet(row.text, matcher);
  const inTitle = !snippet.first && row.title !== null && findMatches(row.title, matcher, 1).length > 0;
  return {
    kind: 'document',
    documentId: row.id,
    annotationId: null,
    annotationType: null,
    title: row.title,
    outlet: row.outlet,
    publishedAt: row.published_at,
    snippet: snippet.text,
    highlights: snippet.highlights,
    start: snippet.first?.[0] ?? null,
    end: snippet.first?.[1] ?? null,
    field: inTitle || !snippet.first ? 'title' : 'text',
  };
}

function annotationHit(row: AnnotationMatchRow, matcher: RegExp | null): SearchHit {
  const inQuote = findMatches(row.exact, matcher, 1).length > 0 || !row.note;
  const snippet = cutSnippet(inQuote ? row.exact : (row.note ?? ''), matcher);
  return {
    kind: 'annotation',
    documentId: row.document_id,
    annotationId: row.id,
    annotationType: row.type,
    title: row.title,
    outlet: row.outlet,
    publishedAt: row.published_at,
    snippet: snippet.text,
    highlights: snippet.highlights,
    start: row.start_offset,
    end: row.end_offset,
    field: inQuote ? 'quote' : 'note',
  };
}
