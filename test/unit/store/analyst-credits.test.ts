/**
 * Every record says who added it (its creating operation's analyst), and the history says who made
 * each change: two analysts' case files exchange operations (as a sync or a bundle does), then each
 * grid's rows, each stance and each history entry name the right analyst; the history filters by one.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Store } from '../../../electron/store/index';
import { tempDir } from '../../helpers/temp';
import { GENEVA, addConcession, addDocument, addParty, addSource } from './helpers/case-fixtures';

const dir = tempDir();
let anna: Store;
let ben: Store;
const ANNA = '0190e4a0-0000-7000-8000-00000000a001';
const BEN = '0190e4a0-0000-7000-8000-00000000b002';

/** Everything `from` has that `to` lacks, applied as a colleague's operations. */
function exchange(from: Store, to: Store): void {
  to.operations.apply(from.operations.operations(), 'bundle');
}

before(() => {
  anna = Store.create(join(dir, 'anna.parley'), {}, { analyst: { id: ANNA, name: 'Anna' } });
  ben = Store.create(join(dir, 'ben.parley'), {}, { seed: false, analyst: { id: BEN, name: 'Ben' } });
});
after(() => {
  anna.close();
  ben.close();
});

describe('who added what', () => {
  it('names the analyst on parties, sources, concessions, stances and documents, on both copies', () => {
    const documentId = addDocument(anna, GENEVA);
    const russia = addParty(anna, 'Russia', ['Kremlin']);
    const freeze = addConcession(anna, 'Freeze along the contact line');
    anna.concessions.setStance({ concessionId: freeze.id, partyId: russia.id, stance: 'demands', asOf: '2025-11-23', annotationId: null, note: null });
    exchange(anna, ben);

    const ukraine = addParty(ben, 'Ukraine');
    const official = addSource(ben, 'Senior US official');
    ben.concessions.setStance({ concessionId: freeze.id, partyId: ukraine.id, stance: 'rejects', asOf: '2025-11-24', annotationId: null, note: null });
    exchange(ben, anna);

    for (const store of [anna, ben]) {
      const parties = new Map(store.parties.list().map((party) => [party.name, party]));
      assert.equal(parties.get('Russia')?.createdBy, 'Anna');
      assert.equal(parties.get('Russia')?.createdById, ANNA);
      assert.equal(parties.get('Ukraine')?.createdBy, 'Ben');
      assert.equal(store.sources.list().find((source) => source.id === official.id)?.createdBy, 'Ben');
      const concession = store.concessions.list().find((row) => row.id === freeze.id)!;
      assert.equal(concession.createdBy, 'Anna');
      assert.deepEqual(
        concession.stances.map((stance) => [stance.partyName, stance.stance, stance.createdBy]),
        [
          ['Russia', 'demands', 'Anna'],
          ['Ukraine', 'rejects', 'Ben'],
        ],
      );
      assert.equal(store.documents.list().find((document) => document.id === documentId)?.createdBy, 'Anna');
      assert.deepEqual(
        store.analysis.stanceEvidence(ukraine.id, [freeze.id]).map((row) => row.created_by),
        ['Ben'],
      );
    }
  });

  it("lists the case's history with who made each change, filtered by analyst", () => {
    const everything = anna.history.list({ limit: 100 });
    assert.ok(everything.length >= 4);
    assert.ok(everything.every((entry, index) => index === 0 || entry.seq < everything[index - 1]!.seq), 'newest first');
    const own = everything.find((entry) => entry.label.startsWith('Create party "Russia"'))!;
    assert.deepEqual(own.analysts, [{ id: ANNA, name: 'Anna' }]);
    assert.equal(own.kind, 'change');
    assert.equal(own.undoable, true);
    const merged = everything.find((entry) => entry.label === 'Merge a bundle')!;
    assert.deepEqual(merged.analysts, [{ id: BEN, name: 'Ben' }], "the merge's changes are credited to Ben, who made them");
    assert.ok(merged.aggregates.includes('party') && merged.aggregates.includes('concession_stance'));
    assert.equal(merged.undoable, false);

    const bens = anna.history.list({ analystId: BEN, limit: 100 });
    assert.deepEqual(
      bens.map((entry) => entry.batchId),
      everything.filter((entry) => entry.analysts.some((analyst) => analyst.id === BEN)).map((entry) => entry.batchId),
    );
    assert.ok(bens.length > 0 && bens.every((entry) => entry.analysts.some((analyst) => analyst.id === BEN)));
    assert.deepEqual(anna.history.list({ analystId: '0190e4a0-0000-7000-8000-00000000c003', limit: 100 }), []);

    // Paging back: older than the newest two.
    const older = anna.history.list({ limit: 100, beforeSeq: everything[1]!.seq });
    assert.deepEqual(older.map((entry) => entry.batchId), everything.slice(2).map((entry) => entry.batchId));

    // An undo is history too, and the undone change says so.
    anna.parties.change(anna.parties.list().find((party) => party.name === 'Russia')!.id, { notes: 'demands Donetsk' });
    anna.history.undo();
    const [undo, undone] = anna.history.list({ limit: 2 });
    assert.equal(undo?.kind, 'undo');
    assert.equal(undone?.state, 'undone');
  });
});
