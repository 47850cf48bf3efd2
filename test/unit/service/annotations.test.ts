// Decisions the service makes around annotations: what each type needs, pick-or-create, stances, bulk edits.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { ParleyError } from '../../../shared/errors';
import { AnnotationCreateInput, type AnnotationCreateRaw } from '../../../shared/model/annotation';
import { changeAnnotation, changeAnnotations, createAnnotation } from '../../../electron/service/annotations';
import { inOneStep } from '../../../electron/service/bulk';
import { Store } from '../../../electron/store/index';
import { tempDir } from '../../helpers/temp';
import { GENEVA, SANCTIONS, addConcession, addDocument, addParty, addSource, span } from '../store/helpers/case-fixtures';

let store: Store;
const dir = tempDir();
let counter = 0;
beforeEach(() => {
  store?.close();
  store = Store.create(join(dir, `annotation-decisions-${++counter}.parley`));
});

const create = (input: AnnotationCreateRaw) => createAnnotation(store, AnnotationCreateInput.parse(input));
const isCode = (code: string, pattern?: RegExp) => (error: unknown) =>
  error instanceof ParleyError && error.code === code && (!pattern || pattern.test(error.message));
const batchesOf = (aggregate: string, id: string) => new Set(store.audit.forRecord(aggregate, id).map((entry) => entry.batchId));

describe('creating annotations', () => {
  it('stores an attribution with its context, tags and effective reliability', () => {
    const documentId = addDocument(store, GENEVA);
    const official = addSource(store, 'Senior US official');
    const attribution = create({
      documentId,
      type: 'attribution',
      selector: span(GENEVA, '"productive and meaningful"'),
      sourceId: official.id,
      quoteKind: 'direct',
      credibility: 3,
      tags: ['Geneva talks', 'geneva TALKS', 'tone'],
    });
    assert.equal(attribution.exact, '"productive and meaningful"');
    assert.equal(attribution.prefix, GENEVA.slice(attribution.start - 32, attribution.start), 'prefix filled server-side');
    assert.equal(attribution.suffix, GENEVA.slice(attribution.end, attribution.end + 32));
    assert.equal(attribution.sourceName, 'Senior US official');
    assert.equal(attribution.documentTitle, store.documents.summary(documentId).title);
    assert.deepEqual(attribution.tags, ['Geneva talks', 'tone'], 'tags deduplicated case-insensitively');
    assert.equal(attribution.reliability, null);
    assert.equal(attribution.effectiveReliability, 'C', "the source's default");
    const graded = changeAnnotation(store, attribution.id, { reliability: 'A' });
    assert.equal(graded.effectiveReliability, 'A', 'the per-claim override wins');

    // A second annotation reuses the existing tag, whatever its case.
    const note = create({ documentId, type: 'note', selector: span(GENEVA, 'Russia has not commented.'), tags: ['GENEVA TALKS'] });
    assert.deepEqual(note.tags, ['Geneva talks']);
    assert.equal(store.counts().tags, 2);
  });

  it('refuses a selection that does not match the document text, or a missing document', () => {
    const documentId = addDocument(store, GENEVA);
    const selector = { ...span(GENEVA, 'Kyiv insists'), exact: 'Kyiv demands' };
    assert.throws(() => create({ documentId, type: 'note', selector }), isCode('invalid_input', /selected text does not match the document/));
    const beyond = { exact: 'x', prefix: '', suffix: '', start: GENEVA.length + 5, end: GENEVA.length + 6 };
    assert.throws(() => create({ documentId, type: 'note', selector: beyond }), isCode('invalid_input'));
    assert.throws(
      () => create({ documentId: '01900000-0000-7000-8000-000000000000', type: 'note', selector: span(GENEVA, 'Kyiv') }),
      isCode('not_found'),
    );
    assert.equal(store.counts().annotations, 0);
  });

  it('requires what each type needs', () => {
    const documentId = addDocument(store, GENEVA);
    const selector = span(GENEVA, 'Kyiv insists');
    assert.throws(() => create({ documentId, type: 'attribution', selector }), isCode('invalid_input', /needs a source/));
    assert.throws(() => create({ documentId, type: 'party_mention', selector }), isCode('invalid_input', /needs a party/));
    assert.throws(() => create({ documentId, type: 'concession_evidence', selector }), isCode('invalid_input', /needs a concession/));
    const official = addSource(store, 'Official');
    assert.throws(
      () => create({ documentId, type: 'attribution', selector, sourceId: official.id, newSource: { name: 'Another' } }),
      isCode('invalid_input', /not both/),
    );
    assert.throws(
      () => create({ documentId, type: 'attribution', selector, sourceId: '01900000-0000-7000-8000-000000000000' }),
      isCode('invalid_input', /does not exist/),
    );
    const mention = create({ documentId, type: 'note', selector });
    assert.throws(() => changeAnnotation(store, mention.id, { type: 'party_mention' }), isCode('invalid_input', /needs a party/));
    assert.equal(store.counts().annotations, 1);
  });

  it('creates the new source, publisher, parties and concession with the annotation, in one audit batch', () => {
    const documentId = addDocument(store, SANCTIONS);
    const evidence = create({
      documentId,
      type: 'concession_evidence',
      selector: span(SANCTIONS, 'Hungary demanded that frozen Russian assets be released'),
      newSource: { name: 'Hungarian foreign minister', defaultReliability: 'B' },
      newPublisher: { name: 'Politico Europe' },
      newParty: { name: 'European Union', kind: 'bloc' },
      newStanceParty: { name: 'Hungary' },
      newConcession: { title: 'Release of frozen Russian assets' },
      stance: 'demands',
    });
    assert.equal(evidence.sourceName, 'Hungarian foreign minister');
    assert.equal(evidence.publisherName, 'Politico Europe');
    assert.equal(evidence.partyName, 'European Union');
    assert.equal(evidence.stancePartyName, 'Hungary');
    assert.equal(evidence.concessionTitle, 'Release of frozen Russian assets');
    assert.equal(evidence.effectiveReliability, 'B');

    const concession = store.concessions.get(evidence.concessionId!);
    assert.equal(concession.stances.length, 1);
    assert.deepEqual(
      { party: concession.stances[0]!.partyName, stance: concession.stances[0]!.stance, asOf: concession.stances[0]!.asOf, annotation: concession.stances[0]!.annotationId },
      { party: 'Hungary', stance: 'demands', asOf: '2025-11-23', annotation: evidence.id },
      'the stance is dated by the article and backed by the annotation',
    );

    const batch = [...batchesOf('annotation', evidence.id)];
    assert.equal(batch.length, 1);
    for (const [aggregate, id] of [
      ['source', evidence.sourceId!],
      ['source', evidence.publisherSourceId!],
      ['party', evidence.partyId!],
      ['party', evidence.stancePartyId!],
      ['concession', evidence.concessionId!],
      ['concession_stance', concession.stances[0]!.id],
    ] as const) {
      assert.deepEqual([...batchesOf(aggregate, id)], batch, `${aggregate} created in the annotation's batch`);
    }
    assert.equal(store.history.state().undoLabel, 'Create concession evidence');
  });

  it('writes nothing when a pick-or-create fails half-way', () => {
    const documentId = addDocument(store, GENEVA);
    addParty(store, 'Russia');
    const before = store.counts();
    assert.throws(
      () =>
        create({
          documentId,
          type: 'party_mention',
          selector: span(GENEVA, 'Kremlin'),
          newSource: { name: 'Kremlin spokesman' },
          newParty: { name: 'russia' }, // taken
        }),
      isCode('conflict'),
    );
    assert.deepEqual(store.counts(), before);
  });

  it('keeps the stance it recorded in step when the evidence is edited', () => {
    const documentId = addDocument(store, SANCTIONS);
    const poland = addParty(store, 'Poland');
    const hungary = addParty(store, 'Hungary');
    const relief = addConcession(store, 'Sanctions relief');
    const evidence = create({
      documentId,
      type: 'concession_evidence',
      selector: span(SANCTIONS, 'Poland rejected the idea outright'),
      concessionId: relief.id,
      stancePartyId: hungary.id,
      stance: 'accepts',
    });
    changeAnnotation(store, evidence.id, { stancePartyId: poland.id, stance: 'rejects' });
    let stances = store.concessions.get(relief.id).stances;
    assert.deepEqual(stances.map((s) => `${s.partyName}:${s.stance}`), ['Poland:rejects']);
    changeAnnotation(store, evidence.id, { stance: null });
    stances = store.concessions.get(relief.id).stances;
    assert.deepEqual(stances, []);
  });
});

describe('bulk edits', () => {
  it('edits many annotations in one transaction and one audit batch', () => {
    const documentId = addDocument(store, GENEVA);
    const official = addSource(store, 'Official');
    const ids = ['Kyiv insists', 'Russia has not commented.', 'The Kremlin said'].map(
      (quote) => create({ documentId, type: 'attribution', selector: span(GENEVA, quote), sourceId: official.id }).id,
    );
    const updated = changeAnnotations(store, ids, { credibility: 2, tags: ['checked'] });
    assert.deepEqual(updated.map((row) => row.credibility), [2, 2, 2]);
    assert.deepEqual(updated.map((row) => row.tags), [['checked'], ['checked'], ['checked']]);
    const batches = new Set(ids.flatMap((id) => [...batchesOf('annotation', id)].slice(1)));
    assert.equal(batches.size, 1);
    assert.equal(store.history.state().undoLabel, 'Edit 3 annotations');

    // One bad row (an attribution without a source) rolls back the whole edit.
    assert.throws(() => changeAnnotations(store, ids, { sourceId: null }), isCode('invalid_input'));
    assert.ok(ids.every((id) => store.annotations.get(id).sourceId === official.id));
  });

  it('edits many parties, sources and concessions with one labelled step each', () => {
    const parties = [addParty(store, 'Russia'), addParty(store, 'Belarus')];
    const edited = inOneStep(store, 'party', 'Edit', parties.map((p) => p.id), (id, batchId) => store.parties.change(id, { color: '#aa0000' }, batchId)).map((id) => store.parties.get(id));
    assert.deepEqual(edited.map((p) => p.color), ['#aa0000', '#aa0000']);
    assert.equal(store.history.state().undoLabel, 'Edit 2 parties');
    const sources = [addSource(store, 'A'), addSource(store, 'B'), addSource(store, 'C')];
    inOneStep(store, 'source', 'Edit', sources.map((s) => s.id), (id, batchId) => store.sources.change(id, { defaultReliability: 'E', partyId: parties[0]!.id }, batchId));
    assert.equal(store.history.state().undoLabel, 'Edit 3 sources');
    assert.ok(store.sources.list().every((s) => s.defaultReliability === 'E' && s.partyName === 'Russia'));
    const concession = addConcession(store, 'Ceasefire');
    inOneStep(store, 'concession', 'Edit', [concession.id], (id, batchId) => store.concessions.change(id, { status: 'agreed' }, batchId));
    assert.equal(store.history.state().undoLabel, 'Edit 1 concession');
  });
});
