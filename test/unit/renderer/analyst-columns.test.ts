import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contract } from '../../../shared/contract';
import type { HistoryEntry } from '../../../shared/model/history';
import { addedBy, analystsOf } from '../../../renderer/grid/analysts';
import { concessionColumns, documentColumns, partyColumns, sourceColumns, stanceCredits } from '../../../renderer/grid/columns';
import { historyStatus } from '../../../renderer/features/history/history-status';

const ANNA = '0190e4a0-0000-7000-8000-00000000a001';
const BEN = '0190e4a0-0000-7000-8000-00000000b002';

describe('who added a row', () => {
  it("lists a grid's analysts once each, by name, and filters rows by one", () => {
    const rows = [
      { id: '1', createdById: BEN, createdBy: 'Ben' },
      { id: '2', createdById: ANNA, createdBy: 'Anna' },
      { id: '3', createdById: BEN, createdBy: 'Ben' },
      { id: '4', createdById: null, createdBy: null },
    ];
    assert.deepEqual(analystsOf(rows), [
      { id: ANNA, name: 'Anna' },
      { id: BEN, name: 'Ben' },
    ]);
    assert.deepEqual(analystsOf(null), []);
    assert.deepEqual(rows.filter((row) => addedBy(row, BEN)).map((row) => row.id), ['1', '3']);
    assert.equal(rows.filter((row) => addedBy(row, '')).length, 4, "'' is everyone's");
  });

  it('gives the parties, sources, concessions and documents grids a read-only Added by column', () => {
    for (const columns of [partyColumns([]), sourceColumns([]), concessionColumns([], []), documentColumns()]) {
      const column = columns.find((entry) => entry.colId === 'createdBy');
      assert.ok(column, 'has an Added by column');
      assert.equal(column.headerName, 'Added by');
      assert.ok(!column.editable);
      assert.equal(column.filter, 'agTextColumnFilter');
    }
  });

  it("credits each party's latest stance to who recorded it", () => {
    const stance = (partyId: string, partyName: string, value: 'demands' | 'rejects', createdBy: string | null) =>
      ({ id: partyId + value, concessionId: 'c', partyId, partyName, stance: value, asOf: null, asOfFromEvidence: false, annotationId: null, note: null, createdById: null, createdBy }) as const;
    assert.equal(
      stanceCredits([stance('r', 'Russia', 'rejects', 'Anna'), stance('r', 'Russia', 'demands', 'Ben'), stance('u', 'Ukraine', 'rejects', null)]),
      'Russia: demands (Ben) · Ukraine: rejects',
    );
  });
});

describe('history view', () => {
  const entry = (patch: Partial<HistoryEntry>): HistoryEntry => ({
    seq: 1, batchId: 'b', label: 'Edit party', at: '2025-11-23T10:00:00Z', kind: 'change', state: 'done', undoable: true, changes: 1, aggregates: ['party'], analysts: [], ...patch,
  });
  it('says whether an entry stands, was undone, or cannot be undone', () => {
    assert.equal(historyStatus(entry({})), '');
    assert.match(historyStatus(entry({ state: 'undone' })), /^Undone \(/);
    assert.equal(historyStatus(entry({ state: 'discarded' })), 'Undone');
    assert.equal(historyStatus(entry({ undoable: false })), 'Not undoable');
    assert.equal(historyStatus(entry({ kind: 'undo', undoable: false })), '');
  });
  it('asks for a page of history the contract accepts, and refuses a bad analyst id', () => {
    const input = contract['history:list'].input;
    assert.deepEqual(input.parse({}), { limit: 500 });
    assert.ok(input.safeParse({ analystId: BEN, beforeSeq: 10, limit: 50 }).success);
    assert.equal(input.safeParse({ analystId: "x' OR 1=1 --" }).success, false);
    assert.equal(input.safeParse({ limit: 100_000 }).success, false);
  });
});
