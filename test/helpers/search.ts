/** Article hits for a query through the service's search (what `document:search` returns for articles). */
import { searchCase } from '../../electron/service/search';
import type { Store } from '../../electron/store/index';
import type { SearchHit } from '../../shared/model/search';

export function searchDocuments(store: Store, query: string, limit = 10): SearchHit[] {
  return searchCase(store, { query, limit, filters: {}, sort: 'relevance', scope: 'documents', rankAll: false }).documents;
}
