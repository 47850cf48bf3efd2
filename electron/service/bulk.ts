/**
 * The same change to many rows of a grid, as one user action: one transaction, one audit batch,
 * one undo step ("Edit 30 sources", "Delete 4 parties"). One row that cannot take the change
 * refuses them all, and nothing is written.
 */
import type { Store } from '../store/index';

const NOUNS = {
  party: ['party', 'parties'],
  source: ['source', 'sources'],
  concession: ['concession', 'concessions'],
  annotation: ['annotation', 'annotations'],
  document: ['document', 'documents'],
} as const;
export type BulkAggregate = keyof typeof NOUNS;

/** Run `apply` on each id (duplicates once) inside one labelled batch; returns the ids in order. */
export function inOneStep(store: Store, aggregate: BulkAggregate, verb: 'Edit' | 'Delete', ids: string[], apply: (id: string, batchId: string) => void): string[] {
  const unique = [...new Set(ids)];
  const [one, many] = NOUNS[aggregate];
  store.transaction(
    (batch) => {
      for (const id of unique) apply(id, batch.id);
    },
    { label: `${verb} ${unique.length} ${unique.length === 1 ? one : many}`, failure: `Cannot ${verb.toLowerCase()} the ${many}` },
  );
  return unique;
}
