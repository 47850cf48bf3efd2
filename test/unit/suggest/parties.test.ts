import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_KNOWLEDGE, suggest, type CaseKnowledge, type PartySuggestion } from '../../../electron/suggest/index';

const partyOf = (parties: PartySuggestion[], mention: string) => parties.find((party) => party.mentions.some((item) => item.text === mention));

test('metonyms, capitals and demonyms resolve to their state or bloc', () => {
  const { parties } = suggest('The Kremlin rejected the plan. Downing Street and the Élysée welcomed it, Brussels said little, and Kyiv said Ukrainian troops would stay. Washington was silent.');
  assert.equal(partyOf(parties, 'Kremlin')?.name, 'Russia');
  assert.equal(partyOf(parties, 'Downing Street')?.name, 'United Kingdom');
  assert.equal(partyOf(parties, 'Élysée')?.name, 'France');
  assert.equal(partyOf(parties, 'Brussels')?.name, 'European Union');
  assert.equal(partyOf(parties, 'Kyiv')?.name, 'Ukraine');
  assert.equal(partyOf(parties, 'Ukrainian')?.name, 'Ukraine');
  assert.equal(partyOf(parties, 'Washington')?.name, 'United States');
  assert.deepEqual(partyOf(parties, 'Kyiv')?.aliases.sort(), ['Kyiv', 'Ukrainian']);
});

test('a capital used as a place, a dateline and a list of places are not parties', () => {
  const text = 'MOSCOW, Nov 27 (Reuters) - Talks were held in Geneva and later in London, Paris and Berlin. Officials in Kyiv were cautious.';
  const { parties } = suggest(text);
  for (const place of ['MOSCOW', 'London', 'Paris', 'Berlin', 'Kyiv', 'Geneva']) assert.equal(partyOf(parties, place), undefined, place);
  assert.equal(partyOf(parties, 'Reuters'), undefined, 'a news agency is a channel, not a party');
});

test('a surname resolves to the full name given before or after it', () => {
  const text = 'Putin rejects talks\n\nRussian President Vladimir Putin said on Thursday he was open to a deal. Putin added that Moscow was patient.';
  const { parties } = suggest(text);
  const putin = parties.find((party) => party.name === 'Vladimir Putin');
  assert.ok(putin);
  assert.equal(putin.mentions.length, 3);
  assert.equal(putin.kind, 'person');
  assert.equal(putin.role, 'President');
  assert.equal(putin.affiliation, 'Russia');
});

test('role and affiliation come from the words around a name', () => {
  const { parties } = suggest('Ukrainian lawmaker Inna Sovsun spoke first. Rustem Umerov, Ukraine’s chief negotiator, said little. Kremlin aide Yuri Ushakov disagreed.');
  const sovsun = parties.find((party) => party.name === 'Inna Sovsun');
  assert.equal(sovsun?.role, 'lawmaker');
  assert.equal(sovsun?.affiliation, 'Ukraine');
  const umerov = parties.find((party) => party.name === 'Rustem Umerov');
  assert.equal(umerov?.role, 'chief negotiator');
  assert.equal(umerov?.affiliation, 'Ukraine');
  assert.equal(parties.find((party) => party.name === 'Yuri Ushakov')?.affiliation, 'Russia');
});

test('"known as" and a first name alone point to the person named in full', () => {
  const { parties } = suggest('Its leader, Mohamed Hamdan Dagalo, known as Hemedti, spoke. Sir Keir Starmer arrived late. Sir Keir said nothing.');
  assert.ok(parties.find((party) => party.name === 'Mohamed Hamdan Dagalo')?.mentions.some((mention) => mention.text === 'Hemedti'));
  assert.equal(parties.find((party) => party.name === 'Keir Starmer')?.mentions.length, 2);
});

test('blocs and organisations: NATO and Nato, the EU, armed groups, state bodies', () => {
  const { parties } = suggest('Nato and NATO are one alliance. The EU and Hamas met. The Russian Foreign Ministry objected, as did the Rapid Support Forces.');
  assert.equal(partyOf(parties, 'Nato')?.name, 'NATO');
  assert.equal(partyOf(parties, 'Nato'), partyOf(parties, 'NATO'));
  assert.equal(partyOf(parties, 'EU')?.kind, 'bloc');
  assert.equal(partyOf(parties, 'Hamas')?.kind, 'armed_group');
  const ministry = partyOf(parties, 'Russian Foreign Ministry');
  assert.equal(ministry?.kind, 'organisation');
  assert.equal(ministry?.affiliation, 'Russia');
  assert.equal(partyOf(parties, 'Rapid Support Forces')?.kind, 'armed_group');
});

test('the case comes first: an accepted alias resolves everywhere, a confirmed source names the surname', () => {
  const knowledge: CaseKnowledge = {
    ...EMPTY_KNOWLEDGE,
    parties: [{ id: 'p-ru', name: 'Russian Federation', kind: 'state', aliases: ['Kremlin', 'Moscow', 'Russia'] }],
    sources: [{ id: 's-peskov', name: 'Dmitry Peskov', role: 'Kremlin spokesman', party: 'Russian Federation', anonymous: false }],
  };
  const { parties } = suggest('Peskov said the Kremlin had not seen the text.', knowledge);
  const russia = partyOf(parties, 'Kremlin');
  assert.equal(russia?.name, 'Russian Federation');
  assert.equal(russia?.partyId, 'p-ru');
  const peskov = partyOf(parties, 'Peskov');
  assert.equal(peskov?.name, 'Dmitry Peskov');
  assert.equal(peskov?.sourceId, 's-peskov');
  assert.equal(peskov?.affiliationPartyId, 'p-ru');
});

test('sentence-initial common words and scare-quoted words are not names', () => {
  const { parties } = suggest('History is not kind to such bargains. Realism, properly understood, is about consequences. Messages were passed on.');
  assert.deepEqual(parties, []);
});
