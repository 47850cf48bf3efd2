import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnnotationCreateInput } from '../../../shared/model/annotation';
import { buildCreateInput, emptyDraft, parseTags, resolvePick } from '../../../renderer/features/reader/draft';

const DOC = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a01';
const WITKOFF = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a02';
const RUSSIA = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a03';
const DONETSK = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a04';
const selector = { exact: 'Russia demands Donetsk', prefix: 'said ', suffix: '.', start: 5, end: 27 };
const refs = {
  sources: [{ id: WITKOFF, name: 'Steve Witkoff' }],
  parties: [{ id: RUSSIA, name: 'Russia', aliases: ['Kremlin', 'Moscow'] }],
  concessions: [{ id: DONETSK, name: 'Ukraine withdraws from Donetsk' }],
};

describe('pick or create', () => {
  it('picks an existing record by name or alias, in any case, and otherwise proposes a new one', () => {
    assert.deepEqual(resolvePick('  steve   witkoff ', refs.sources), { kind: 'existing', id: WITKOFF, name: 'Steve Witkoff' });
    assert.deepEqual(resolvePick('the kremlin', refs.parties), { kind: 'new', name: 'the kremlin' });
    assert.deepEqual(resolvePick('KREMLIN', refs.parties), { kind: 'existing', id: RUSSIA, name: 'Russia' });
    assert.deepEqual(resolvePick('   ', refs.parties), { kind: 'none' });
  });
});

describe('building annotation:create from the selection panel', () => {
  it('an attribution with a new source carries the new source, the grades and the publisher, and passes the contract', () => {
    const draft = {
      ...emptyDraft('attribution'),
      source: 'Dmitry Peskov',
      newSourceRole: 'Kremlin spokesman',
      newSourcePartyId: RUSSIA,
      newSourceReliability: 'B' as const,
      quoteKind: 'indirect' as const,
      channel: 'briefing' as const,
      credibility: 2 as const,
      reliability: 'C' as const,
      publisher: 'Bloomberg',
    };
    const built = buildCreateInput(DOC, selector, draft, refs);
    assert.ok(built.ok);
    assert.deepEqual(built.input.newSource, { name: 'Dmitry Peskov', role: 'Kremlin spokesman', partyId: RUSSIA, anonymous: false, defaultReliability: 'B' });
    assert.equal(built.input.sourceId, undefined);
    assert.deepEqual(built.input.newPublisher, { name: 'Bloomberg' });
    assert.equal(built.input.credibility, 2);
    assert.equal(built.input.reliability, 'C');
    assert.equal(built.input.channel, 'briefing');
    assert.ok(AnnotationCreateInput.safeParse(built.input).success);
  });

  it('an attribution to an existing source uses its id and leaves reliability to the source default', () => {
    const built = buildCreateInput(DOC, selector, { ...emptyDraft('attribution'), source: 'steve witkoff' }, refs);
    assert.ok(built.ok);
    assert.equal(built.input.sourceId, WITKOFF);
    assert.equal(built.input.reliability, null);
    assert.equal(built.input.credibility, null);
    assert.ok(AnnotationCreateInput.safeParse(built.input).success);
  });

  it('refuses an attribution without a source, or published by its own originator', () => {
    const missing = buildCreateInput(DOC, selector, emptyDraft('attribution'), refs);
    assert.equal(missing.ok, false);
    assert.equal(!missing.ok && missing.field, 'source');
    const same = buildCreateInput(DOC, selector, { ...emptyDraft('attribution'), source: 'Steve Witkoff', publisher: 'steve witkoff' }, refs);
    assert.equal(!same.ok && same.field, 'publisher');
  });

  it('concession evidence: existing concession, new stance party, stance only when a party is named', () => {
    const built = buildCreateInput(DOC, selector, { ...emptyDraft('concession_evidence'), concession: 'Ukraine withdraws from Donetsk', stanceParty: 'Ukraine', stance: 'rejects' }, refs);
    assert.ok(built.ok);
    assert.equal(built.input.concessionId, DONETSK);
    assert.deepEqual(built.input.newStanceParty, { name: 'Ukraine' });
    assert.equal(built.input.stance, 'rejects');
    assert.ok(AnnotationCreateInput.safeParse(built.input).success);
    const bare = buildCreateInput(DOC, selector, { ...emptyDraft('concession_evidence'), concession: 'Security guarantees' }, refs);
    assert.ok(bare.ok);
    assert.deepEqual(bare.input.newConcession, { title: 'Security guarantees' });
    assert.equal(bare.input.stance, undefined);
  });

  it('party mention and note', () => {
    const mention = buildCreateInput(DOC, selector, { ...emptyDraft('party_mention'), party: 'Moscow' }, refs);
    assert.ok(mention.ok && mention.input.partyId === RUSSIA);
    const note = buildCreateInput(DOC, selector, { ...emptyDraft('note'), note: ' check the date ', tags: 'territory, sequencing, territory' }, refs);
    assert.ok(note.ok);
    assert.equal(note.input.note, 'check the date');
    assert.deepEqual(note.input.tags, ['territory', 'sequencing']);
    assert.equal(buildCreateInput(DOC, selector, emptyDraft('note'), refs).ok, false);
    assert.deepEqual(parseTags('a; b\nc,,'), ['a', 'b', 'c']);
  });
});
