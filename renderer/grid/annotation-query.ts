/**
 * The Annotations grid asks the service block by block (AG Grid's infinite row model); this turns
 * a block request into an `annotation:list` query. Pure and unit-tested.
 */
import type { ChannelInput } from '../../shared/contract';
import type { AnnotationType } from '../../shared/model/vocabulary';

type Query = ChannelInput<'annotation:list'>;
type SortField = NonNullable<Query['sort']>['field'];

/** Grid column → the field the service sorts by (reference columns sort by the name shown). */
export const ANNOTATION_SORT_FIELDS: Record<string, SortField> = {
  documentTitle: 'documentTitle',
  documentPublishedAt: 'documentPublishedAt',
  type: 'type',
  exact: 'exact',
  sourceId: 'sourceName',
  partyId: 'partyName',
  concessionId: 'concessionTitle',
  credibility: 'credibility',
  reliability: 'effectiveReliability',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

export interface AnnotationFilters {
  search: string;
  type: AnnotationType | '';
  documentId?: string;
  /** Only what this analyst made ('' for everyone's). */
  analystId?: string;
}

/** The service sorts by one field: the grid's first sorted column that it knows. */
export function sortFor(sortModel: readonly { colId: string; sort: 'asc' | 'desc' }[]): Query['sort'] {
  for (const entry of sortModel) {
    const field = ANNOTATION_SORT_FIELDS[entry.colId];
    if (field) return { field, direction: entry.sort };
  }
  return undefined;
}

export function blockQuery(startRow: number, endRow: number, sortModel: readonly { colId: string; sort: 'asc' | 'desc' }[], filters: AnnotationFilters): Query {
  const query: Query = { offset: startRow, limit: Math.max(1, Math.min(5000, endRow - startRow)) };
  const sort = sortFor(sortModel);
  if (sort) query.sort = sort;
  const search = filters.search.trim();
  if (search) query.search = search.slice(0, 500);
  if (filters.type) query.type = filters.type;
  if (filters.documentId) query.documentId = filters.documentId;
  if (filters.analystId) query.analystId = filters.analystId;
  return query;
}
