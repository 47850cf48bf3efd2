import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ParleyError } from '../../../shared/errors';
import { AnnotationCreateInput, type AnnotationCreateRaw } from '../../../shared/model/annotation';
import { changeAnnotation, createAnnotation } from '../../../electron/service/annotations';
import { inOneStep } from '../../../electron/service/bulk';
import { Store } from '../../../electron/store/index';
import { tempDir } from '../../helpers/temp';
import { GENEVA, SANCTIONS, addConcession, addDocument, addParty, addSource, dump, span } from './helpers/case-fixtures';
import { searchDocuments } from '../../helpers/search';

const dir = tempDir();
let path: string;
let store: Store;
let counter = 0;
beforeEach(() => {
  path = join(dir, `history-${++counter}.parley`);
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

describe('undo and redo', () => {
  it('undoes and redoes a create, an edit and a delete, across a restart, restoring rows exactly', () => {
    const documentId = addDocument(store, GENEVA);
    const official = addSource(store, 'Senior US official');
    const empty = dump(store);

    const created = create({ documentId, type: 'attribution', selector: span(GENEVA, 'Kyiv insists'), sourceId: official.id, tags: ['sovereignty'] });
    const afterCreate = dump(store);
    changeAnnotation(store, created.id, { credibility: 2, note: 'check wording', tags: ['sovereignty', 'red line'] });
    const afterEdit = dump(store);
    store.annotations.delete(created.id);
    const afterDelete = dump(store);
    assert.deepEqual(store.history.state(), { canUndo: true, canRedo: false, undoLabel: 'Delete attribution', redoLabel: null });

    reopen();
    assert.equal(store.history.undo().done, 'Undo Delete attribution');
    assert.deepEqual(dump(store), afterEdit);
    reopen();
    assert.equal(store.history.undo().done, 'Undo Edit attribution');
    assert.deepEqual(dump(store), afterCreate);
    const step = store.history.undo();
    assert.equal(step.done, 'Undo Create attribution');
    assert.deepEqual(step.aggregates, ['annotation', 'tag']);
    assert.deepEqual(dump(store), empty, 'the tag made for it is gone too');
    assert.equal(step.redoLabel, 'Create attribution');

    reopen();
    store.history.redo();
    assert.deepEqual(dump(store), afterCreate);
    store.history.redo();
    assert.deepEqual(dump(store), afterEdit);
    reopen();
    store.history.redo();
    assert.deepEqual(dump(store), afterDelete);
    assert.equal(store.history.state().canRedo, false);
    assert.throws(() => store.history.redo(), isCode('conflict', /nothing to redo/));

    // The log is a complete history: every undo and redo is in it.
    const actions = store.audit.forRecord('annotation', created.id).map((entry) => entry.action);
    assert.deepEqual(actions, ['create', 'update', 'delete', 'undo', 'undo', 'undo', 'redo', 'redo', 'redo']);
  });

  it('undoes a pick-or-create annotation with everything it created, in one step', () => {
    const documentId = addDocument(store, SANCTIONS);
    const before = dump(store);
    create({
      documentId,
      type: 'concession_evidence',
      selector: span(SANCTIONS, 'Hungary demanded'),
      newSource: { name: 'Hungarian foreign minister' },
      newStanceParty: { name: 'Hungary' },
      newConcession: { title: 'Release of frozen assets' },
      stance: 'demands',
      tags: ['assets'],
    });
    const after = dump(store);
    store.history.undo();
    assert.deepEqual(dump(store), before);
    store.history.redo();
    assert.deepEqual(dump(store), after);
  });

  it('undoes a bulk edit of sources in one step', () => {
    const sources = [addSource(store, 'A'), addSource(store, 'B'), addSource(store, 'C')];
    const before = dump(store);
    inOneStep(store, 'source', 'Edit', sources.map((s) => s.id), (id, batchId) => store.sources.change(id, { defaultReliability: 'A', anonymous: true }, batchId));
    const after = dump(store);
    reopen();
    const step = store.history.undo();
    assert.equal(step.done, 'Undo Edit 3 sources');
    assert.deepEqual(dump(store), before);
    store.history.redo();
    assert.deepEqual(dump(store), after);
  });

  it('undoes a delete together with the references it nulled and the stances it removed', () => {
    const documentId = addDocument(store, SANCTIONS);
    const poland = addParty(store, 'Poland', ['Warsaw']);
    const relief = addConcession(store, 'Sanctions relief', { concedingPartyId: poland.id });
    const minister = addSource(store, 'Polish minister', poland.id);
    create({ documentId, type: 'concession_evidence', selector: span(SANCTIONS, 'Poland rejected'), concessionId: relief.id, stancePartyId: poland.id, stance: 'rejects' });
    create({ documentId, type: 'attribution', selector: span(SANCTIONS, 'the idea outright'), sourceId: minister.id });
    const before = dump(store);
    store.parties.delete(poland.id);
    assert.equal(store.sources.get(minister.id).partyId, null);
    assert.equal(store.concessions.get(relief.id).stances.length, 0);
    store.history.undo();
    assert.deepEqual(dump(store), before);
    assert.equal(store.concessions.get(relief.id).stances[0]!.partyName, 'Poland');
  });

  it('discards the redo stack when a new change is made', () => {
    const russia = addParty(store, 'Russia');
    store.parties.change(russia.id, { color: '#ff0000' });
    store.history.undo();
    assert.equal(store.history.state().redoLabel, 'Edit party "Russia"');
    store.parties.change(russia.id, { notes: 'Kremlin line' });
    reopen();
    assert.deepEqual(store.history.state(), { canUndo: true, canRedo: false, undoLabel: 'Edit party "Russia"', redoLabel: null });
  });

  it('keeps imports off the undo stack and refuses an undo that a later change would contradict', () => {
    const russia = addParty(store, 'Russia');
    const documentId = addDocument(store, GENEVA);
    assert.equal(store.history.state().undoLabel, 'Create party "Russia"', 'the import is not on the stack');
    const mention = create({ documentId, type: 'party_mention', selector: span(GENEVA, 'Kremlin'), partyId: russia.id });
    store.documents.delete(documentId); // not undoable; deletes the mention explicitly
    assert.equal(store.history.state().undoLabel, 'Create party mention');
    const before = dump(store);
    assert.throws(() => store.history.undo(), isCode('conflict', /Cannot undo "Create party mention"/));
    assert.deepEqual(dump(store), before, 'a refused undo changes nothing');
    assert.equal(store.audit.forRecord('annotation', mention.id).at(-1)!.action, 'delete');
  });

  it('undoes document metadata edits', () => {
    const documentId = addDocument(store, GENEVA);
    const before = store.documents.summary(documentId);
    store.documents.change(documentId, { title: 'Geneva: talks productive', publishedAt: '2025-11-24' });
    store.history.undo();
    assert.deepEqual(store.documents.summary(documentId), before);
    assert.equal(searchDocuments(store, 'productive', 10).length, 1, 'the body was untouched');
  });

  it('does not offer the issue-area codebook a new case starts with', () => {
    assert.deepEqual(store.history.state(), { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    assert.throws(() => store.history.undo(), isCode('conflict', /nothing to undo/));
  });
});
