// The reader's review order and the A/P/C draft a suggestion opens (edit-then-accept).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Suggestion } from '../../../shared/model/suggestion';
import { describeSuggestion, draftFor, inReviewOrder, nextAfter, step } from '../../../renderer/features/suggestions/suggestion-view';

const base = { documentId: 'd', documentTitle: 'Talks', confidence: 0.9, state: 'pending' as const, rule: 'r', annotationId: null, createdAt: '', updatedAt: '', party: null, attribution: null, concession: null };
const span = (start: number) => [{ start, end: start + 5, exact: 'words', prefix: '', suffix: '' }];
const party: Suggestion = { ...base, id: 'p', kind: 'party', text: 'Russia', spans: span(50), party: { name: 'Russia', kind: 'state', aliases: ['Kremlin'], partyId: null, role: null, affiliation: null, affiliationPartyId: null } };
const quote: Suggestion = {
  ...base,
  id: 'a',
  kind: 'attribution',
  text: 'We will not give up our land',
  spans: span(10),
  attribution: { speaker: 'Volodymyr Zelensky', anonymous: false, quoteKind: 'direct', channel: null, role: 'President', affiliation: 'Ukraine', sourceId: null, partyId: null, speakerStart: null, speakerEnd: null, outlet: null },
};
const demand: Suggestion = {
  ...base,
  id: 'c',
  kind: 'concession',
  text: 'Russia demanded that Ukraine withdraw.',
  spans: span(0),
  concession: { by: 'Ukraine', demandedBy: 'Russia', stanceParty: 'Russia', issue: 'Territory', stance: 'demands', cue: 'demand', concessionId: null, concessionTitle: 'Russia demanded that Ukraine withdraw', planId: null, planPointId: null, planPointLabel: null },
};

describe('suggestions in the reader', () => {
  it('are reviewed by kind (parties, attributions, concessions), each in reading order', () => {
    const later: Suggestion = { ...party, id: 'p2', spans: span(5) };
    assert.deepEqual(inReviewOrder([demand, quote, party, later]).map((s) => s.id), ['p2', 'p', 'a', 'c']);
  });

  it('J and K move and stop at the ends; after a decision the next one is up', () => {
    const order = inReviewOrder([demand, quote, party]);
    assert.equal(step(order, null, 1), 'p');
    assert.equal(step(order, null, -1), 'c');
    assert.equal(step(order, 'p', 1), 'a');
    assert.equal(step(order, 'c', 1), 'c');
    assert.equal(step(order, 'p', -1), 'p');
    assert.equal(nextAfter(order, 'a'), 'c');
    assert.equal(nextAfter(order, 'c'), 'a', 'the last one: the one before');
    assert.equal(nextAfter([party], 'p'), null);
  });

  it('say what they propose, and open the form prefilled with it', () => {
    assert.equal(describeSuggestion(party), 'Russia (state) · also Kremlin');
    assert.equal(describeSuggestion(quote), 'Volodymyr Zelensky, direct quote');
    assert.equal(describeSuggestion(demand), 'Russia demands · Territory');
    const onPoint = { ...demand, concession: { ...demand.concession!, planId: 'plan', planPointId: 'pt-7', planPointLabel: 'point 7 of US plan · 28-point draft' } };
    assert.equal(describeSuggestion(onPoint), 'Russia demands · Territory · point 7 of US plan · 28-point draft');
    assert.deepEqual(draftFor(party), { type: 'party_mention', party: 'Russia', partyKind: 'state' });
    assert.deepEqual(draftFor(quote), { type: 'attribution', source: 'Volodymyr Zelensky', sourceAnonymous: false, newSourceRole: 'President', quoteKind: 'direct', channel: '' });
    assert.deepEqual(draftFor(demand), { type: 'concession_evidence', concession: 'Russia demanded that Ukraine withdraw', stanceParty: 'Russia', stance: 'demands' });
  });
});
