import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_KNOWLEDGE, suggest, suggestionKey, type CaseKnowledge } from '../../../electron/suggest/index';

const TEXT = '🇺🇦 Kyiv, Nov 23 — “We will never give up Donetsk,” Ukrainian President Volodymyr Zelensky said. Russia demands that Ukraine withdraw from Donetsk.';

test('every span is a UTF-16 offset into the text (emoji before it included)', () => {
  const result = suggest(TEXT);
  for (const party of result.parties) for (const mention of party.mentions) assert.equal(TEXT.slice(mention.start, mention.end), mention.text);
  for (const item of result.attributions) {
    assert.equal(TEXT.slice(item.start, item.end), item.quote);
    if (item.speakerStart !== undefined) assert.equal(TEXT.slice(item.speakerStart, item.speakerEnd), item.speakerText);
  }
  for (const item of result.concessions) assert.equal(TEXT.slice(item.start, item.end), item.text);
  assert.ok(result.attributions.some((item) => item.quote === 'We will never give up Donetsk,' && item.speaker === 'Volodymyr Zelensky'));
});

test('the result has the shape of `parley extract --json` and survives structured clone', () => {
  const result = suggest(TEXT);
  assert.deepEqual(structuredClone(result), result);
  const party = result.parties[0]!;
  for (const field of ['name', 'kind', 'aliases', 'mentions', 'confidence', 'key']) assert.ok(field in party, field);
  const attribution = result.attributions[0]!;
  for (const field of ['speaker', 'anonymous', 'quote', 'kind', 'start', 'end', 'confidence', 'rule', 'key']) assert.ok(field in attribution, field);
  const concession = result.concessions[0]!;
  for (const field of ['text', 'by', 'issue', 'stance', 'start', 'end', 'confidence', 'rule', 'key']) assert.ok(field in concession, field);
  for (const item of [...result.parties, ...result.attributions, ...result.concessions]) assert.ok(item.confidence > 0 && item.confidence <= 1);
});

test('a rejected suggestion is not proposed again: by span, or everywhere', () => {
  const first = suggest(TEXT);
  const quote = first.attributions.find((item) => item.kind === 'direct')!;
  const concession = first.concessions[0]!;
  const knowledge: CaseKnowledge = {
    ...EMPTY_KNOWLEDGE,
    rejected: [
      { kind: 'attribution', text: quote.quote, start: quote.start, end: quote.end },
      { kind: 'concession', text: concession.text },
      { kind: 'party', text: 'Ukraine' },
    ],
  };
  const again = suggest(TEXT, knowledge);
  assert.ok(!again.attributions.some((item) => item.key === quote.key));
  assert.ok(!again.concessions.some((item) => item.key === concession.key));
  assert.ok(!again.parties.some((party) => party.name === 'Ukraine'));
  assert.ok(again.parties.some((party) => party.name === 'Russia'), 'other suggestions stay');
  assert.equal(suggestionKey('attribution', '  We will never give up Donetsk, '), quote.key);
});

test('a rejection tied to a span does not reject the same words elsewhere', () => {
  const text = 'Russia demands that Ukraine withdraw from Donetsk.\n\nRussia demands that Ukraine withdraw from Donetsk.';
  const [first, second] = suggest(text).concessions;
  assert.ok(first && second);
  const again = suggest(text, { ...EMPTY_KNOWLEDGE, rejected: [{ kind: 'concession', text: first.text, start: first.start, end: first.end }] });
  assert.deepEqual(again.concessions.map((item) => item.start), [second.start]);
});

test('minConfidence drops weak suggestions; empty text yields nothing', () => {
  const all = suggest(TEXT);
  const strong = suggest(TEXT, EMPTY_KNOWLEDGE, { minConfidence: 0.8 });
  assert.ok(strong.parties.every((party) => party.confidence >= 0.8));
  assert.ok(strong.attributions.length <= all.attributions.length);
  assert.deepEqual(suggest(''), { parties: [], attributions: [], concessions: [], planRefs: [] });
});
