// Merging parties: a decision the service makes over several repositories, in one undoable batch.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ParleyError } from '../../../shared/errors';
import { AnnotationCreateInput, type AnnotationCreateRaw } from '../../../shared/model/annotation';
import { createAnnotation } from '../../../electron/service/annotations';
import { mergeParties } from '../../../electron/service/parties';
import { Store } from '../../../electron/store/index';
import { tempDir } from '../../helpers/temp';
import { GENEVA, addConcession, addDocument, addParty, addSource, dump, span } from '../store/helpers/case-fixtures';
import { rawDatabase } from '../../../electron/store/raw-database';

const dir = tempDir();
let path: string;
let store: Store;
let counter = 0;
beforeEach(() => {
  path = join(dir, `party-merge-${++counter}.parley`);
  store = Store.create(path);
});
afterEach(() => store.close());

/** Close and reopen the case: history must come from the file, not from memory. */
function reopen(): void {
  store.close();
  store = Store.open(path);
}

const create = (input: AnnotationCreateRaw) => createAnnotation(store, AnnotationCreateInput.parse(input));
const isCode = (code: string, pattern?: RegExp) => (error: unknown) =>
  error instanceof ParleyError && error.code === code && (!pattern || pattern.test(error.message));

describe('merging parties', () => {
  it('moves every reference, turns the merged name and aliases into aliases, and keeps its audit', () => {
    const documentId = addDocument(store, GENEVA);
    const russia = addParty(store, 'Russia', ['Kremlin']);
    const moscow = addParty(store, 'Moscow', ['Russian government']);
    const belarus = store.parties.create({ name: 'Belarus', kind: 'state', aliases: [], affiliationId: moscow.id, color: null, notes: null });
    const spokesman = addSource(store, 'Kremlin spokesman', moscow.id);
    const relief = addConcession(store, 'Sanctions relief', { concedingPartyId: moscow.id, beneficiaryPartyId: moscow.id, proposedByPartyId: moscow.id });
    store.concessions.setStance({ concessionId: relief.id, partyId: moscow.id, stance: 'demands', asOf: '2025-11-20', annotationId: null, note: null });
    const planId = '01900000-0000-7000-8000-0000000000aa';
    rawDatabase(store).prepare("INSERT INTO plans (id, title, proposed_by_party_id, created_at, updated_at) VALUES (?, '28-point plan', ?, 'x', 'x')").run(planId, moscow.id);
    const mention = create({ documentId, type: 'party_mention', selector: span(GENEVA, 'Kremlin'), partyId: moscow.id });
    const evidence = create({ documentId, type: 'concession_evidence', selector: span(GENEVA, 'revised draft'), concessionId: relief.id, stancePartyId: moscow.id, stance: 'unclear' });
    const before = dump(store);

    const kept = mergeParties(store, russia.id, moscow.id);
    assert.deepEqual(kept.aliases, ['Kremlin', 'Moscow', 'Russian government']);
    assert.equal(store.parties.find(moscow.id), null);
    assert.equal(store.parties.get(belarus.id).affiliationId, russia.id);
    assert.equal(store.sources.get(spokesman.id).partyId, russia.id);
    const concession = store.concessions.get(relief.id);
    assert.deepEqual([concession.concedingPartyId, concession.beneficiaryPartyId, concession.proposedByPartyId], [russia.id, russia.id, russia.id]);
    assert.ok(concession.stances.every((stance) => stance.partyId === russia.id));
    assert.equal((rawDatabase(store).prepare('SELECT proposed_by_party_id AS p FROM plans WHERE id = ?').get(planId) as { p: string }).p, russia.id);
    assert.equal(store.annotations.get(mention.id).partyId, russia.id);
    assert.equal(store.annotations.get(evidence.id).stancePartyId, russia.id);
    const moscowLog = store.audit.forRecord('party', moscow.id);
    assert.deepEqual(moscowLog.map((entry) => entry.action), ['create', 'merge'], "the merged party's history stays");
    assert.equal(store.history.state().undoLabel, 'Merge Moscow into Russia');
    const batch = moscowLog.at(-1)!.batchId;
    assert.ok(store.audit.forRecord('annotation', mention.id).some((entry) => entry.batchId === batch));

    reopen();
    const step = store.history.undo();
    assert.equal(step.done, 'Undo Merge Moscow into Russia');
    assert.deepEqual(dump(store), before, 'both parties and every reference are back');
    store.history.redo();
    assert.equal(store.parties.find(moscow.id), null);
    assert.equal(store.annotations.get(mention.id).partyId, russia.id);
  });

  it('refuses to merge a party into itself, or into its own affiliate without clearing it', () => {
    const russia = addParty(store, 'Russia');
    assert.throws(() => mergeParties(store, russia.id, russia.id), isCode('invalid_input'));
    const putin = store.parties.create({ name: 'Putin', kind: 'person', aliases: [], affiliationId: russia.id, color: null, notes: null });
    const merged = mergeParties(store, putin.id, russia.id);
    assert.equal(merged.affiliationId, null, 'never affiliated with itself');
    assert.deepEqual(merged.aliases, ['Russia']);
  });
});
