import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnnotationCreateInput } from '../../../shared/model/annotation';
import { contract } from '../../../shared/contract';
import {
  buildCreateInput,
  describeGrade,
  emptyDraft,
  offeredAlias,
  parseGrade,
  parseTags,
  resolvePick,
  selectionContext,
  withType,
} from '../../../renderer/features/reader/draft';
import { aliasToOffer, nameFromSelection, suggest } from '../../../renderer/features/reader/name-match';
import { guessPartyKind } from '../../../renderer/features/reader/party-kind';
import { looksAnonymous, quoteKindAt, speakerNear, splitSpeaker } from '../../../renderer/features/reader/speaker';

const DOC = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a01';
const WITKOFF = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a02';
const RUSSIA = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a03';
const DONETSK = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a04';
const EU = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a05';
const AREA = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a06';
const selector = { exact: 'Russia demands Donetsk', prefix: 'said ', suffix: '.', start: 5, end: 27 };
const refs = {
  sources: [{ id: WITKOFF, name: 'Steve Witkoff', defaultReliability: 'C' as const }],
  parties: [
    { id: RUSSIA, name: 'Russia', aliases: ['Kremlin', 'Moscow'] },
    { id: EU, name: 'European Union', aliases: ['EU', 'Brussels'] },
  ],
  concessions: [{ id: DONETSK, name: 'Ukraine withdraws from Donetsk', issueAreaId: null, concedingPartyId: null, proposedByPartyId: RUSSIA }],
};

describe('pick or create', () => {
  it('picks an existing record by name or alias, in any case or accent, and otherwise proposes a new one', () => {
    assert.deepEqual(resolvePick('  steve   witkoff ', refs.sources), { kind: 'existing', id: WITKOFF, name: 'Steve Witkoff' });
    assert.deepEqual(resolvePick('the kremlin', refs.parties), { kind: 'new', name: 'the kremlin' });
    assert.deepEqual(resolvePick('KREMLIN', refs.parties), { kind: 'existing', id: RUSSIA, name: 'Russia' });
    assert.deepEqual(resolvePick('Européan Union', refs.parties), { kind: 'existing', id: EU, name: 'European Union' });
    assert.deepEqual(resolvePick('   ', refs.parties), { kind: 'none' });
  });

  it('suggests records by prefixes of their names, aliases and words: "Krem" finds Russia via Kremlin', () => {
    assert.deepEqual(suggest('Krem', refs.parties), [{ id: RUSSIA, name: 'Russia', via: 'Kremlin' }]);
    assert.deepEqual(suggest('rus', refs.parties), [{ id: RUSSIA, name: 'Russia', via: null }]);
    assert.deepEqual(suggest('union', refs.parties), [{ id: EU, name: 'European Union', via: null }], 'a later word');
    assert.deepEqual(suggest('bru', refs.parties).map((entry) => entry.via), ['Brussels']);
    assert.deepEqual(suggest('kyiv', refs.parties), []);
    // The name beats an alias; an exact match beats a prefix.
    const parties = [
      { id: 'a', name: 'Moscow Patriarchate' },
      { id: 'b', name: 'Russia', aliases: ['Moscow'] },
    ];
    assert.deepEqual(suggest('moscow', parties).map((entry) => entry.id), ['b', 'a']);
    assert.deepEqual(suggest('mos', parties).map((entry) => entry.id), ['a', 'b']);
  });

  it('reads a selection as a name only when it looks like one', () => {
    assert.equal(nameFromSelection('the Kremlin’s'), 'Kremlin');
    assert.equal(nameFromSelection(' “Washington,” '), 'Washington');
    assert.equal(nameFromSelection('Kyiv has objected to clauses that would cap the size of its armed forces.'), null);
  });

  it('offers the selected words as an alias when they name the chosen party otherwise', () => {
    assert.equal(aliasToOffer('Moscow', { kind: 'existing', id: RUSSIA, name: 'Russia' }, refs.parties), null, 'already an alias');
    assert.equal(aliasToOffer('Russia', { kind: 'existing', id: RUSSIA, name: 'Russia' }, refs.parties), null, 'its name');
    assert.equal(aliasToOffer('the Russians', { kind: 'existing', id: RUSSIA, name: 'Russia' }, refs.parties), 'the Russians');
    assert.equal(aliasToOffer('Washington', { kind: 'new', name: 'United States' }, refs.parties), 'Washington');
    assert.equal(aliasToOffer(null, { kind: 'existing', id: RUSSIA, name: 'Russia' }, refs.parties), null);
  });
});

describe('defaults read from the article', () => {
  const text = 'GENEVA - Talks went on. "We have a better document," a senior Ukrainian official told reporters. Peskov said: "No deal yet." Kyiv wants guarantees, said Rustem Umerov, the negotiator.';
  const at = (phrase: string) => [text.indexOf(phrase), text.indexOf(phrase) + phrase.length] as const;

  it('finds who spoke the selected words, after or before them', () => {
    assert.equal(speakerNear(text, ...at('We have a better document,')), 'Senior Ukrainian official');
    assert.equal(speakerNear(text, ...at('No deal yet.')), 'Peskov');
    assert.equal(speakerNear(text, ...at('Kyiv wants guarantees')), 'Rustem Umerov');
    assert.equal(speakerNear(text, ...at('Talks went on')), null);
    assert.equal(speakerNear('"We will see," he said.', 1, 13), null, 'a pronoun is no source');
  });

  it('splits a speaker phrase into the name and the role', () => {
    assert.deepEqual(splitSpeaker('Kremlin spokesman Dmitry Peskov'), { name: 'Dmitry Peskov', role: 'Kremlin spokesman' });
    assert.deepEqual(splitSpeaker('U.S. envoy Steve Witkoff'), { name: 'Steve Witkoff', role: 'U.S. envoy' });
    assert.deepEqual(splitSpeaker('Foreign Minister Sergei Lavrov'), { name: 'Sergei Lavrov', role: 'Foreign Minister' });
    assert.deepEqual(splitSpeaker('President Zelensky'), { name: 'Zelensky', role: 'President' });
    assert.deepEqual(splitSpeaker('European Commission President Ursula von der Leyen'), { name: 'Ursula von der Leyen', role: 'European Commission President' });
    assert.deepEqual(splitSpeaker('Secretary of State Marco Rubio'), { name: 'Marco Rubio', role: 'Secretary of State' });
    assert.deepEqual(splitSpeaker('Minister for Foreign Affairs Penny Wong'), { name: 'Penny Wong', role: 'Minister for Foreign Affairs' });
    assert.deepEqual(splitSpeaker('Steve Witkoff'), { name: 'Steve Witkoff', role: '' });
    assert.deepEqual(splitSpeaker('Senior Ukrainian official'), { name: 'Senior Ukrainian official', role: '' });
    assert.deepEqual(splitSpeaker('Peskov'), { name: 'Peskov', role: '' });
    assert.deepEqual(splitSpeaker('EU foreign policy chief Kaja Kallas'), { name: 'Kaja Kallas', role: 'EU foreign policy chief' });
  });

  it('calls words inside quotation marks direct, others indirect; a described source anonymous', () => {
    assert.equal(quoteKindAt(text, ...at('We have a better document,')), 'direct');
    assert.equal(quoteKindAt(text, ...at('Kyiv wants guarantees')), 'indirect');
    assert.equal(looksAnonymous('Senior Ukrainian official'), true);
    assert.equal(looksAnonymous('People familiar with the talks'), true);
    assert.equal(looksAnonymous('Dmitry Peskov'), false);
  });

  it('guesses a new party’s kind: a capitalised country name is a state', () => {
    assert.equal(guessPartyKind('Russia'), 'state');
    assert.equal(guessPartyKind('United States'), 'state');
    assert.equal(guessPartyKind('the United Kingdom'), 'state');
    assert.equal(guessPartyKind('Moldova'), 'state');
    assert.equal(guessPartyKind('Syria'), 'state');
    assert.equal(guessPartyKind('russia'), 'other', 'not capitalised: a word, not a name');
    assert.equal(guessPartyKind('European Union'), 'bloc');
    assert.equal(guessPartyKind('NATO'), 'organisation');
    assert.equal(guessPartyKind('Steve Witkoff'), 'other');
  });

  it('prefills the party with the selected name and the source with the speaker, and keeps them across type switches', () => {
    const context = selectionContext(text, { exact: 'We have a better document,', start: at('We have a better document,')[0], end: at('We have a better document,')[1] });
    const attribution = emptyDraft('attribution', context);
    assert.equal(attribution.source, 'Senior Ukrainian official');
    assert.equal(attribution.quoteKind, 'direct');
    const kyiv = selectionContext(text, { exact: 'Kyiv', start: text.indexOf('Kyiv'), end: text.indexOf('Kyiv') + 4 });
    assert.equal(emptyDraft('party_mention', kyiv).party, 'Kyiv');
    assert.equal(withType({ ...emptyDraft('attribution', kyiv), source: 'Umerov' }, 'party_mention', kyiv).party, 'Kyiv');
  });
});

describe('the grade, in NATO notation', () => {
  it('reads "B2", "b 2", "B", "2" and "", and refuses anything else with what it expects', () => {
    assert.deepEqual(parseGrade('B2'), { ok: true, grade: { reliability: 'B', credibility: 2 } });
    assert.deepEqual(parseGrade(' b 2 '), { ok: true, grade: { reliability: 'B', credibility: 2 } });
    assert.deepEqual(parseGrade('2'), { ok: true, grade: { reliability: null, credibility: 2 } });
    assert.deepEqual(parseGrade(''), { ok: true, grade: { reliability: null, credibility: null } });
    for (const bad of ['G1', 'B7', '2B', 'good']) assert.equal(parseGrade(bad).ok, false, bad);
    assert.match(describeGrade({ reliability: null, credibility: 2 }, 'C', false), /^C · Fairly reliable \(the source’s default\) · 2 · Probably true$/);
  });
});

describe('building annotation:create from the selection panel', () => {
  it('an attribution with a new source: the grade letter becomes its default, anonymity follows the name, and it passes the contract', () => {
    const draft = {
      ...emptyDraft('attribution'),
      source: 'Senior Russian diplomat',
      newSourceRole: 'Foreign ministry',
      newSourcePartyId: RUSSIA,
      grade: 'b2',
      quoteKind: 'indirect' as const,
      channel: 'briefing' as const,
      publisher: 'Bloomberg',
    };
    const built = buildCreateInput(DOC, selector, draft, refs);
    assert.ok(built.ok);
    assert.deepEqual(built.input.newSource, { name: 'Senior Russian diplomat', role: 'Foreign ministry', partyId: RUSSIA, anonymous: true, defaultReliability: 'B' });
    assert.equal(built.input.sourceId, undefined);
    assert.deepEqual(built.input.newPublisher, { name: 'Bloomberg' });
    assert.equal(built.input.credibility, 2);
    assert.equal(built.input.reliability, null, 'no per-claim override: the new source’s default is B');
    assert.equal(built.input.channel, 'briefing');
    assert.ok(AnnotationCreateInput.safeParse(built.input).success);
    const named = buildCreateInput(DOC, selector, { ...draft, source: 'Dmitry Peskov', sourceAnonymous: null }, refs);
    assert.ok(named.ok && named.input.newSource?.anonymous === false);
  });

  it('an attribution to an existing source: its default stands unless the grade says otherwise', () => {
    const plain = buildCreateInput(DOC, selector, { ...emptyDraft('attribution'), source: 'steve witkoff' }, refs);
    assert.ok(plain.ok);
    assert.equal(plain.input.sourceId, WITKOFF);
    assert.equal(plain.input.reliability, null);
    assert.equal(plain.input.credibility, null);
    const same = buildCreateInput(DOC, selector, { ...emptyDraft('attribution'), source: 'Steve Witkoff', grade: 'C3' }, refs);
    assert.ok(same.ok && same.input.reliability === null && same.input.credibility === 3);
    const other = buildCreateInput(DOC, selector, { ...emptyDraft('attribution'), source: 'Steve Witkoff', grade: 'A' }, refs);
    assert.ok(other.ok && other.input.reliability === 'A');
    assert.ok(AnnotationCreateInput.safeParse(other.input).success);
  });

  it('refuses an attribution without a source, with a bad grade, or published by its own originator', () => {
    const missing = buildCreateInput(DOC, selector, emptyDraft('attribution'), refs);
    assert.equal(!missing.ok && missing.field, 'source');
    const badGrade = buildCreateInput(DOC, selector, { ...emptyDraft('attribution'), source: 'Steve Witkoff', grade: 'Z9' }, refs);
    assert.equal(!badGrade.ok && badGrade.field, 'grade');
    const same = buildCreateInput(DOC, selector, { ...emptyDraft('attribution'), source: 'Steve Witkoff', publisher: 'steve witkoff' }, refs);
    assert.equal(!same.ok && same.field, 'publisher');
  });

  it('a party mention: a new party gets its kind (guessed or chosen) and, when asked, the selected words as its alias', () => {
    const context = { name: 'Washington', speaker: null, quoteKind: 'indirect' as const };
    const created = buildCreateInput(DOC, selector, { ...emptyDraft('party_mention', context), party: 'United States', addAlias: true }, refs, context);
    assert.ok(created.ok);
    assert.deepEqual(created.input.newParty, { name: 'United States', kind: 'state', aliases: ['Washington'] });
    assert.deepEqual(created.followUps, []);
    const chosen = buildCreateInput(DOC, selector, { ...emptyDraft('party_mention'), party: 'Hamas', partyKind: 'armed_group' }, refs);
    assert.ok(chosen.ok && chosen.input.newParty?.kind === 'armed_group');
    assert.ok(AnnotationCreateInput.safeParse(created.input).success);
  });

  it('a party mention of an existing party: the alias, when asked, is an edit of that party after the span', () => {
    const context = { name: 'the Russians', speaker: null, quoteKind: 'indirect' as const };
    const draft = { ...emptyDraft('party_mention', context), party: 'Russia' };
    assert.equal(offeredAlias(draft, context, refs), 'the Russians');
    const without = buildCreateInput(DOC, selector, draft, refs, context);
    assert.ok(without.ok && without.input.partyId === RUSSIA && without.followUps.length === 0);
    const withAlias = buildCreateInput(DOC, selector, { ...draft, addAlias: true }, refs, context);
    assert.ok(withAlias.ok);
    assert.deepEqual(withAlias.followUps, [{ channel: 'party:update', input: { id: RUSSIA, patch: { aliases: ['Kremlin', 'Moscow', 'the Russians'] } } }]);
    assert.ok(contract['party:update'].input.safeParse(withAlias.followUps[0]!.input).success);
  });

  it('concession evidence: its fields set from the reader go into a new concession, or edit an existing one where they differ', () => {
    const built = buildCreateInput(
      DOC,
      selector,
      { ...emptyDraft('concession_evidence'), concession: 'Ukraine withdraws from Donetsk', stanceParty: 'Ukraine', stance: 'rejects', concessionFields: { concedingPartyId: EU, proposedByPartyId: RUSSIA } },
      refs,
    );
    assert.ok(built.ok);
    assert.equal(built.input.concessionId, DONETSK);
    assert.deepEqual(built.input.newStanceParty, { name: 'Ukraine', kind: 'state' });
    assert.equal(built.input.stance, 'rejects');
    assert.deepEqual(built.followUps, [{ channel: 'concession:update', input: { id: DONETSK, patch: { concedingPartyId: EU } } }], 'the proposer is already Russia');
    assert.ok(AnnotationCreateInput.safeParse(built.input).success);
    const fresh = buildCreateInput(DOC, selector, { ...emptyDraft('concession_evidence'), concession: 'Security guarantees', concessionFields: { issueAreaId: AREA, concedingPartyId: '' } }, refs);
    assert.ok(fresh.ok);
    assert.deepEqual(fresh.input.newConcession, { title: 'Security guarantees', issueAreaId: AREA, concedingPartyId: null });
    assert.equal(fresh.input.stance, undefined);
    assert.ok(AnnotationCreateInput.safeParse(fresh.input).success);
  });

  it('a note', () => {
    const note = buildCreateInput(DOC, selector, { ...emptyDraft('note'), note: ' check the date ', tags: 'territory, sequencing, territory' }, refs);
    assert.ok(note.ok);
    assert.equal(note.input.note, 'check the date');
    assert.deepEqual(note.input.tags, ['territory', 'sequencing']);
    assert.equal(buildCreateInput(DOC, selector, emptyDraft('note'), refs).ok, false);
    assert.deepEqual(parseTags('a; b\nc,,'), ['a', 'b', 'c']);
  });
});
