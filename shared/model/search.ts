/** Case-wide search: the query, its filters and sort, the hits, and saved searches. */
import { z } from 'zod';
import { Id, Name } from './common';
import { ANNOTATION_TYPES, type AnnotationType } from './vocabulary';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2025-11-23');
const IdList = z.array(Id).max(100, 'choose at most 100');

/** Narrow the hits: each list means "any of these"; every filter given must hold. */
export const SearchFilters = z
  .object({
    /** Publication date of the article, inclusive (undated articles drop out when a range is set). */
    from: Day,
    to: Day,
    outlets: z.array(z.string().trim().min(1).max(300)).max(100, 'choose at most 100'),
    /** Articles where the party is marked (mention, stance, or a source speaking for it); for annotations, the annotation's party. */
    partyIds: IdList,
    /** Articles quoting the source; for annotations, attributions to it. */
    sourceIds: IdList,
    tagIds: IdList,
    annotationTypes: z.array(z.enum(ANNOTATION_TYPES)).max(ANNOTATION_TYPES.length),
  })
  .partial()
  .strict()
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, { message: 'must not be after the end date', path: ['from'] });
export type SearchFilters = z.output<typeof SearchFilters>;

export const SEARCH_SORTS = ['relevance', 'newest', 'oldest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_SCOPES = ['all', 'documents', 'annotations'] as const;

export const DocumentSearchInput = z
  .object({
    /** The analyst's query: words, "phrases", prefix*, AND/OR/NOT, NEAR (shared/search-query.ts). */
    query: z.string().trim().min(1, 'type a word to search for').max(500, 'must be at most 500 characters'),
    limit: z.number().int().min(1).max(1000).default(50),
    filters: SearchFilters.default({}),
    sort: z.enum(SEARCH_SORTS).default('relevance'),
    scope: z.enum(SEARCH_SCOPES).default('all'),
    /**
     * Best match over every match. Without it, a query matching more than a couple of thousand
     * records is ranked among its most recently added matches (`window` in the results says so),
     * which keeps common words instant; date order is always exact.
     */
    rankAll: z.boolean().default(false),
  })
  .strict();

/** One hit: an article's text, or an annotation's quote or note, with where the match is. */
export interface SearchHit {
  kind: 'document' | 'annotation';
  documentId: string;
  annotationId: string | null;
  annotationType: AnnotationType | null;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
  /** Plain text around the match (never HTML); `highlights` are [start, end) offsets into it. */
  snippet: string;
  highlights: [number, number][];
  /** Where the hit's words are in the article's text (the reader scrolls there), null when only the title matched. */
  start: number | null;
  end: number | null;
  /** What matched: the article text or title, or the annotation's quote or note. */
  field: 'text' | 'title' | 'quote' | 'note';
}

export interface SearchResults {
  /** The query as Parley understood it (FTS5 syntax), to show the analyst what was searched. */
  understood: string;
  documents: SearchHit[];
  annotations: SearchHit[];
  /** Set when best match ranked only the most recently added matches of many: how many it ranked. */
  window: { size: number; documents: boolean; annotations: boolean } | null;
}

export interface SearchFilterOptions {
  outlets: string[];
  tags: { id: string; name: string }[];
  /** The first and last publication day in the case. */
  dateRange: { from: string; to: string } | null;
}

export const SavedSearchInput = z
  .object({
    /** Given: overwrite that saved search; absent: a new one (a taken name is a conflict). */
    id: Id.optional(),
    name: Name.max(100, 'must be at most 100 characters'),
    query: DocumentSearchInput.shape.query,
    filters: SearchFilters.default({}),
    sort: z.enum(SEARCH_SORTS).default('relevance'),
  })
  .strict();

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  filters: SearchFilters;
  sort: SearchSort;
  createdAt: string;
  updatedAt: string;
}
