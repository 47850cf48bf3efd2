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

test('plan references by version: "the 19-point framework" is the revision, "point 7 of the 28-point plan" the draft, "clause 12 of the draft" counts, "Article 5" does not', () => {
  const points = (version: string, count: number) => Array.from({ length: count }, (_, index) => ({ id: `${version}-${index + 1}`, label: String(index + 1), text: '' }));
  const withVersions: CaseKnowledge = {
    ...knowledge,
    plans: [
      { id: 'us-plan', versionId: 'draft', title: 'US peace plan · 28-point draft', dated: '2025-11-20', points: points('draft', 28) },
      { id: 'us-plan', versionId: 'revision', title: 'US peace plan · 19-point revision', dated: '2025-11-24', points: points('revision', 19) },
    ],
  };
  const text = [
    'Under point 7 of the 28-point plan, Ukraine would give up its claim to NATO membership.',
    'The 19-point framework drops the amnesty, and point 3 now says Russia must withdraw from Kharkiv.',
    'Clause 12 of the draft would cap the army at 800,000, an offer Kyiv rejected.',
    'Poland invoked Article 5 and demanded more troops on the border.',
  ].join(' ');
  const found = suggest(text, withVersions);
  const ref = (point: string) => found.planRefs.filter((item) => item.point === point).map((item) => item.pointId);
  assert.deepEqual(ref('7'), ['draft-7']);
  assert.deepEqual(ref('3'), ['revision-3'], 'the plan named before the point');
  assert.deepEqual(ref('12'), ['revision-12'], 'a clause of the draft named last');
  assert.deepEqual(ref('5'), [], 'a treaty article is no plan point');
  const bySentence = (words: string) => found.concessions.find((item) => item.text.includes(words));
  assert.deepEqual([bySentence('Under point 7')?.planId, bySentence('Under point 7')?.planPointId], ['us-plan', 'draft-7']);
  assert.equal(bySentence('Under point 7')?.planPointLabel, 'point 7 of US peace plan · 28-point draft');
  assert.equal(bySentence('point 3 now says')?.planPointId, 'revision-3');
  assert.equal(bySentence('Article 5')?.planPointId, undefined);
  // A plan named without a point links the plan only.
  const planOnly = suggest('Kyiv rejected the 28-point plan outright.', withVersions).concessions[0];
  assert.deepEqual([planOnly?.planId, planOnly?.planPointId, planOnly?.planPointLabel], ['us-plan', undefined, 'US peace plan · 28-point draft']);
});
