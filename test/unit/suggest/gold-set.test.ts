import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { built, GOLD_DIR, markedFiles } from '../../fixtures/suggest/build-gold';
import { parseMarked } from '../../fixtures/suggest/gold-format';

test('the gold set is at least 15 articles, with a held-out half and a blind split of at least 12', () => {
  const files = markedFiles();
  assert.ok(files.length >= 15);
  const splits = files.map((name) => built(name)).map(({ json }) => JSON.parse(json).split as string);
  assert.ok(splits.filter((split) => split === 'held').length >= 10);
  assert.ok(splits.filter((split) => split === 'dev').length >= 10);
  assert.ok(splits.filter((split) => split === 'blind').length >= 12);
});

test('each article and its gold JSON are what the marked source builds (run build-gold.ts after an edit)', () => {
  for (const name of markedFiles()) {
    const { id, text, json } = built(name);
    assert.equal(readFileSync(join(GOLD_DIR, `${id}.txt`), 'utf8'), text, `${id}.txt is stale`);
    assert.equal(readFileSync(join(GOLD_DIR, `${id}.gold.json`), 'utf8'), json, `${id}.gold.json is stale`);
  }
});

test('every gold span lies in the text and attributions have content', () => {
  for (const name of markedFiles()) {
    const { text, json } = built(name);
    const gold = JSON.parse(json);
    for (const party of gold.parties) for (const mention of party.mentions) assert.equal(text.slice(mention.start, mention.end), mention.text);
    for (const item of gold.attributions) {
      assert.ok(item.content.length > 0);
      for (const segment of item.content) assert.ok(segment.end > segment.start && segment.end <= text.length);
    }
  }
});

test('the authoring format computes offsets and refuses undeclared parties', () => {
  const source = '---\nsplit: dev\nparty: Russia | state\n---\n“{{q1:direct|We agree,}}” said {{s1:anon|an official}} in [[Moscow>Russia]].';
  const { text, gold } = parseMarked(source, 'sample');
  assert.equal(text, '“We agree,” said an official in Moscow.');
  assert.deepEqual(gold.attributions[0]!.content, [{ start: 1, end: 10 }]);
  assert.equal(gold.attributions[0]!.anonymous, true);
  assert.deepEqual(gold.parties[0]!.mentions, [{ start: 32, end: 38, text: 'Moscow' }]);
  assert.throws(() => parseMarked('---\nsplit: dev\n---\n[[Kremlin>Russia]]', 'bad'), /not declared/);
});
