import { useCallback, useState } from 'react';
import type { ChannelInput, ChannelName } from '../../shared/contract';
import type { Concession } from '../../shared/model/concession';
import type { DocumentSummary } from '../../shared/model/document';
import type { Party } from '../../shared/model/party';
import type { Source } from '../../shared/model/source';
import type { Result } from '../../shared/errors';
import { api } from '../api';
import type { Aggregate } from './aggregates';
import { announceChanges } from './case-changes';
import { useRecords } from './use-records';

/** The aggregates worked in an entity grid, and the row each one lists. */
export interface EntityRows {
  party: Party;
  source: Source;
  concession: Concession;
  document: DocumentSummary;
}
export type EntityAggregate = keyof EntityRows;
type CreateChannel<A extends EntityAggregate> = Extract<ChannelName, `${A}:create`>;

/** What deleting a record also changes (references cleared, spans removed with their document). */
const DELETE_TOUCHES: Record<EntityAggregate, readonly Aggregate[]> = {
  party: ['party', 'source', 'concession', 'concession_stance', 'annotation'],
  source: ['source', 'annotation'],
  concession: ['concession', 'concession_stance', 'annotation'],
  document: ['document', 'annotation'],
};

// The channel names are built from the aggregate, so the calls go through one untyped door; the
// hook's own signature keeps callers typed.
const call = api.call as (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;

/**
 * Delete several records as one contract call, so the deletion is one undo step.
 * Until the contract has `*:bulk-delete`, the records are deleted one call each.
 */
async function deleteRecords(aggregate: EntityAggregate, ids: string[]): Promise<Result<unknown>> {
  for (const id of ids) {
    const result = await call(`${aggregate}:delete` as ChannelName, { id });
    if (!result.ok) return result;
  }
  return { ok: true, value: { ids } };
}

/**
 * Create, edit, delete and bulk-edit for one aggregate's grid, the same way in every view: each
 * write is one contract call; on success the aggregates it touched are announced (so this grid
 * and any other view showing them refetch) and the grid's error line is cleared; on failure the
 * line says what was not saved and why.
 */
export function useEntityGrid<A extends EntityAggregate>(aggregate: A) {
  type Row = EntityRows[A];
  const records = useRecords(`${aggregate}:list`);
  const rows = records.rows as Row[] | null;
  const [error, setError] = useState<string | null>(null);

  /** Run one write; null when it succeeded, else the reason (also shown on the error line, prefixed). */
  const write = useCallback(
    async (run: () => Promise<Result<unknown>>, failure: string | null, touches: readonly Aggregate[] | null): Promise<string | null> => {
      const result = await run();
      if (!result.ok) {
        if (failure) setError(`${failure}: ${result.error.message}`);
        return result.error.message;
      }
      setError(null);
      // Bulk writes are announced by the service itself (`case:changed`).
      if (touches) await announceChanges(touches);
      return null;
    },
    [],
  );

  const create = useCallback(
    (input: ChannelInput<CreateChannel<A>>) => write(() => call(`${aggregate}:create` as ChannelName, input), 'Not added', [aggregate]),
    [aggregate, write],
  );
  const onEdit = useCallback(
    (row: Row, field: string, value: unknown) =>
      write(() => call(`${aggregate}:update` as ChannelName, { id: row.id, patch: { [field]: value } }), 'Not saved', [aggregate]),
    [aggregate, write],
  );
  const onDelete = useCallback(
    (selected: Row[]) => write(() => deleteRecords(aggregate, selected.map((row) => row.id)), 'Not deleted', DELETE_TOUCHES[aggregate]),
    [aggregate, write],
  );
  /** The bulk-edit dialog shows its own failure, so the grid's line is left alone then. */
  const onBulkEdit = useCallback(
    (selected: Row[], patch: Record<string, unknown>) => write(() => call(`${aggregate}:bulk-update` as ChannelName, { ids: selected.map((row) => row.id), patch }), null, null),
    [aggregate, write],
  );

  return {
    rows,
    reload: records.reload,
    create,
    /** Show a problem found before any call (a form's own check) on the grid's error line. */
    complain: setError,
    /** Spread into <EntityGrid>. */
    gridProps: { rows, error: error ?? records.error, onDismissError: () => setError(null), onEdit, onDelete, onBulkEdit },
  };
}
