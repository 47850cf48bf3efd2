import { useCallback, useState } from 'react';
import type { ChannelInput, ChannelName } from '../../shared/contract';
import type { Concession } from '../../shared/model/concession';
import type { DocumentSummary } from '../../shared/model/document';
import type { Party } from '../../shared/model/party';
import type { Source } from '../../shared/model/source';
import type { Result } from '../../shared/errors';
import { api } from '../api';
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

// The channel names are built from the aggregate, so the calls go through one untyped door; the
// hook's own signature keeps callers typed, and this fails to compile if a channel it builds is
// not in the contract (documents are imported and bulk-edited by no one, so they skip those two).
type Built<A extends EntityAggregate> = `${A}:${'list' | 'update' | 'bulk-delete' | (A extends 'document' ? never : 'create' | 'bulk-update')}`;
type Missing = { [A in EntityAggregate]: Exclude<Built<A>, ChannelName> }[EntityAggregate];
type _EveryBuiltChannelExists = [Missing] extends [never] ? true : { missing: Missing };
const _check: _EveryBuiltChannelExists = true;
const call = api.call as (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;

/**
 * Create, edit, delete and bulk-edit for one aggregate's grid, the same way in every view: each
 * write is one contract call, so one undo step (deleting 30 rows too); on success the aggregate is
 * announced, so this grid and every view showing it refetch before the call resolves (what a
 * delete or a bulk edit also changed elsewhere, the service names in `case:changed`), and the
 * grid's error line is cleared; on failure the line says what was not saved and why.
 */
export function useEntityGrid<A extends EntityAggregate>(aggregate: A) {
  type Row = EntityRows[A];
  const records = useRecords(`${aggregate}:list`);
  const rows = records.rows as Row[] | null;
  const [error, setError] = useState<string | null>(null);

  /** Run one write; null when it succeeded, else the reason (also shown on the error line, prefixed). */
  const write = useCallback(
    async (run: () => Promise<Result<unknown>>, failure: string | null): Promise<string | null> => {
      const result = await run();
      if (!result.ok) {
        if (failure) setError(`${failure}: ${result.error.message}`);
        return result.error.message;
      }
      setError(null);
      await announceChanges([aggregate]);
      return null;
    },
    [aggregate],
  );

  const create = useCallback(
    (input: ChannelInput<CreateChannel<A>>) => write(() => call(`${aggregate}:create` as ChannelName, input), 'Not added'),
    [aggregate, write],
  );
  const onEdit = useCallback(
    (row: Row, field: string, value: unknown) =>
      write(() => call(`${aggregate}:update` as ChannelName, { id: row.id, patch: { [field]: value } }), 'Not saved'),
    [aggregate, write],
  );
  const onDelete = useCallback(
    (selected: Row[]) => write(() => call(`${aggregate}:bulk-delete` as ChannelName, { ids: selected.map((row) => row.id) }), 'Not deleted'),
    [aggregate, write],
  );
  /** The bulk-edit dialog shows its own failure, so the grid's line is left alone then. */
  const onBulkEdit = useCallback(
    (selected: Row[], patch: Record<string, unknown>) => write(() => call(`${aggregate}:bulk-update` as ChannelName, { ids: selected.map((row) => row.id), patch }), null),
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
