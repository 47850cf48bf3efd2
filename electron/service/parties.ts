/** Decisions about parties that span several records: merging two into one. */
import { ParleyError } from '../../shared/errors';
import type { Party } from '../../shared/model/party';
import type { Store } from '../store/index';

/**
 * Merge one party into another: every reference moves to the kept party, the merged party's name
 * and aliases become aliases of the kept one, and the merged party is deleted. One batch, so one
 * undo restores both parties and every reference; the merged party's audit history stays.
 */
export function mergeParties(store: Store, keepId: string, mergeId: string): Party {
  if (keepId === mergeId) throw new ParleyError('invalid_input', 'A party cannot be merged into itself');
  store.transaction(
    (batch) => {
      const keep = store.parties.get(keepId);
      const merged = store.parties.get(mergeId);
      batch.name(`Merge ${merged.name} into ${keep.name}`);
      store.parties.repointReferences(mergeId, keepId, batch.id);
      // Deleting first frees the merged party's name and aliases for the kept one.
      store.parties.delete(mergeId, batch.id, 'merge');
      store.parties.change(keepId, { aliases: [...keep.aliases, merged.name, ...merged.aliases] }, batch.id, 'merge');
    },
    { failure: 'Cannot merge the parties' },
  );
  return store.parties.get(keepId);
}
