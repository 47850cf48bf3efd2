import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_KNOWLEDGE, suggest, type CaseKnowledge } from '../../../electron/suggest/index';
import { DEFAULT_ISSUE_AREAS } from '../../../shared/model/vocabulary';

const knowledge: CaseKnowledge = { ...EMPTY_KNOWLEDGE, issueAreas: [...DEFAULT_ISSUE_AREAS] };
const one = (text: string, with_: CaseKnowledge = knowledge) => {
  const { concessions } = suggest(text, with_);
  assert.equal(concessions.length, 1, JSON.stringify(concessions.map((item) => item.text)));
  return concessions[0]!;
};

test('a demand: who demands, who would give, the issue area', () => {
  const demand = one('Russia still demands that Ukraine withdraw from the parts of Donetsk it holds.');
  assert.equal(demand.stance, 'demands');
  assert.equal(demand.demandedBy, 'Russia');
  assert.equal(demand.by, 'Ukraine');
  assert.equal(demand.issue, 'Territory');
});

test('rejections, red lines and refusals win over what they reject', () => {
  const rejection = one('Ukraine rejected the demand to cede Donbas and said it would never accept a cap on its army.');
  assert.equal(rejection.stance, 'rejects');
  assert.equal(rejection.by, 'Ukraine');
  assert.equal(one('For Moscow, NATO membership for Ukraine remains a red line.').stance, 'demands');
});

test('offers, acceptances and conditions', () => {
  const offer = one('France is ready to send troops to Ukraine as part of a reassurance force.');
  assert.deepEqual([offer.stance, offer.by, offer.issue], ['offers', 'France', 'Security guarantees']);
  assert.equal(one('China agreed to delay export controls on rare earths.').stance, 'accepts');
  const condition = one('Russia would only discuss a ceasefire once the root causes were addressed.');
  assert.deepEqual([condition.stance, condition.issue], ['conditional', 'Ceasefire and sequencing']);
});

test('a first-person stance in a quote belongs to the speaker’s side', () => {
  const stance = one('“We will not give away our land,” Ukrainian President Volodymyr Zelensky said.');
  assert.equal(stance.stance, 'rejects');
  assert.equal(stance.stanceParty, 'Ukraine');
});

test('sentences that state no position are not proposed', () => {
  const { concessions } = suggest('The talks began on Monday in Geneva. Markets rallied on the news. He refused to say how many troops would be involved.', knowledge);
  assert.deepEqual(concessions, []);
});

test('a sentence about an existing concession is matched to it', () => {
  const withConcession: CaseKnowledge = {
    ...knowledge,
    parties: [{ id: 'ua', name: 'Ukraine', kind: 'state', aliases: ['Kyiv'] }],
    concessions: [{ id: 'c-cap', title: 'Cap on Ukraine’s armed forces', issueArea: 'Military limits', parties: ['Ukraine'] }],
  };
  const match = one('The draft would cap Ukraine’s armed forces at 600,000 troops.', withConcession);
  assert.equal(match.concessionId, 'c-cap');
  assert.equal(match.byPartyId, 'ua');
});

test('plan references: the 28-point plan, point 7, linked to the case plan', () => {
  const withPlan: CaseKnowledge = {
    ...knowledge,
    plans: [{ id: 'plan-28', title: 'US 28-point plan', points: Array.from({ length: 28 }, (_, index) => ({ id: `pt-${index + 1}`, label: String(index + 1), text: '' })) }],
  };
  const { planRefs, concessions } = suggest('Under the 28-point plan, Ukraine would give up Donetsk. Point 7 says Ukraine must renounce NATO membership.', withPlan);
  const plan = planRefs.find((ref) => ref.pointCount === 28);
  assert.equal(plan?.planId, 'plan-28');
  const point = planRefs.find((ref) => ref.point === '7');
  assert.deepEqual([point?.planId, point?.pointId], ['plan-28', 'pt-7']);
  assert.ok(concessions.some((item) => item.planRefs?.some((ref) => ref.point === '7')));
});
