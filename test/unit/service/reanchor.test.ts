// Re-anchoring: when a document's text is replaced, the service decides where each annotation now sits.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AnnotationCreateInput, type AnnotationCreateRaw } from '../../../shared/model/annotation';
import { createAnnotation } from '../../../electron/service/annotations';
import { replaceText } from '../../../electron/service/reextract';
import { Store } from '../../../electron/store/index';
import { tempDir } from '../../helpers/temp';
import { GENEVA, addDocument, addSource, dump, span } from '../store/helpers/case-fixtures';

let store: Store;
let counter = 0;
const dir = tempDir();
beforeEach(() => {
  store = Store.create(join(dir, `reanchor-${++counter}.parley`));
});
afterEach(() => store.close());

const create = (input: AnnotationCreateRaw) => createAnnotation(store, AnnotationCreateInput.parse(input));
const body = (text: string) => ({ text, html: null, contentHash: `hash-${text.length}-${text.slice(0, 20)}` });

describe('replacing a text and re-anchoring its annotations', () => {
  it('keeps spans that did not move, moves those found elsewhere, and orphans the lost ones without moving them', () => {
    const documentId = addDocument(store, GENEVA);
    const official = addSource(store, 'Senior US official');
    const first = create({ documentId, type: 'note', selector: span(GENEVA, 'GENEVA —') });
    const quote = create({ documentId, type: 'attribution', selector: span(GENEVA, '"productive and meaningful"'), sourceId: official.id });
    const lost = create({ documentId, type: 'note', selector: span(GENEVA, 'The Kremlin said it had not received the revised draft.') });
    // The new extraction drops a line and the last sentence, and adds a dateline before the quote.
    const next = GENEVA.replace('Russia has not commented. ', '').replace('The Kremlin said it had not received the revised draft.', '').replace('A senior', 'Updated 10:00. A senior');

    const counts = replaceText(store, documentId, body(next));
    assert.deepEqual(counts, { reanchored: 1, orphaned: 1 });
    const kept = store.annotations.get(first.id);
    assert.deepEqual([kept.start, kept.anchorStatus], [first.start, 'anchored']);
    const moved = store.annotations.get(quote.id);
    assert.equal(moved.anchorStatus, 'reanchored');
    assert.equal(next.slice(moved.start, moved.end), '"productive and meaningful"');
    assert.equal(moved.prefix, next.slice(Math.max(0, moved.start - 32), moved.start), 'context follows the new text');
    const orphan = store.annotations.get(lost.id);
    assert.deepEqual([orphan.anchorStatus, orphan.start, orphan.exact], ['orphan', lost.start, lost.exact], 'left where it was, flagged');
    assert.equal(store.documents.body(documentId).text, next);
  });

  it('writes nothing when nothing changed, and un-orphans a span whose words come back', () => {
    const documentId = addDocument(store, GENEVA);
    const note = create({ documentId, type: 'note', selector: span(GENEVA, 'Kyiv insists') });
    const seq = store.latestAuditSeq();
    assert.deepEqual(replaceText(store, documentId, body(GENEVA)), { reanchored: 0, orphaned: 0 });
    assert.equal(store.latestAuditSeq(), seq, 'no audit row, no undo step');

    replaceText(store, documentId, body(GENEVA.replace('Kyiv insists', 'Ukraine says')));
    assert.equal(store.annotations.get(note.id).anchorStatus, 'orphan');
    replaceText(store, documentId, body(GENEVA));
    assert.equal(store.annotations.get(note.id).anchorStatus, 'anchored', 'back at its stored position');
  });

  it('is one undo step that restores the text and every span exactly', () => {
    const documentId = addDocument(store, GENEVA);
    create({ documentId, type: 'note', selector: span(GENEVA, 'Kyiv insists') });
    create({ documentId, type: 'note', selector: span(GENEVA, 'Russia has not commented.') });
    const before = dump(store);
    replaceText(store, documentId, body(`Updated. ${GENEVA.replace('Russia has not commented.', '')}`));
    assert.match(store.history.state().undoLabel ?? '', /^Re-extract "Article \d+"$/);
    store.history.undo();
    assert.deepEqual(dump(store), before);
  });
});
