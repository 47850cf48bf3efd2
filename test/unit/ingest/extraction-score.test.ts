import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CORPUS_DIR, aggregateScores, loadBodies, pageScore, scoreBody, scoreOutputs, words } from '../../bench/extraction-benchmark';

describe('extraction benchmark scorer', () => {
  it('splits words as Python re \\w+ does (Unicode letters and digits, underscore; not marks)', () => {
    assert.deepEqual(words("U.S. envoy's 28-point plan, Женева_2025!"), ['U', 'S', 'envoy', 's', '28', 'point', 'plan', 'Женева_2025']);
    assert.deepEqual(words('नमस्ते'), ['नमस', 'त']); // Python: combining vowel signs are not \w
    assert.deepEqual(words('²½ 一二'), ['²½', '一二']);
  });

  it('counts 4-word shingles as multisets', () => {
    assert.deepEqual(scoreBody('a b c d e', 'a b c d e'), { tp: 2, fp: 0, fn: 0 });
    assert.deepEqual(scoreBody('a b c d e', 'a b c d x'), { tp: 1, fp: 1, fn: 1 });
    assert.deepEqual(scoreBody('a b c d a b c d', 'a b c d'), { tp: 1, fp: 0, fn: 4 });
  });

  it('treats texts under four words as one shingle, as the reference script does', () => {
    assert.deepEqual(scoreBody('Talks resumed', 'Talks resumed'), { tp: 1, fp: 0, fn: 0 });
    assert.deepEqual(scoreBody('Talks resumed', 'Talks resumed today'), { tp: 0, fp: 1, fn: 1 });
  });

  it('scores empty output and empty truth like score-body.py', () => {
    assert.deepEqual(pageScore(scoreBody('', '')), { precision: 1, recall: 1 });
    assert.deepEqual(pageScore(scoreBody('one two three four', '')), { precision: 0, recall: 0 });
    assert.deepEqual(pageScore(scoreBody('', 'one two three four')), { precision: 0, recall: 0 });
  });

  it('averages P and R over pages and takes F1 from the averages', () => {
    const result = aggregateScores([
      { tp: 3, fp: 1, fn: 0 },
      { tp: 1, fp: 0, fn: 1 },
    ]);
    assert.equal(result.precision, (0.75 + 1) / 2);
    assert.equal(result.recall, (1 + 0.5) / 2);
    assert.equal(result.f1, (2 * 0.875 * 0.75) / (0.875 + 0.75));
  });

  const corpus = DEFAULT_CORPUS_DIR;
  const available = existsSync(join(corpus, 'ground-truth.json')) && existsSync(join(corpus, 'reference-outputs'));
  it(
    'reproduces the published figures of the three reference outputs',
    { skip: available ? false : `benchmark corpus not found at ${corpus}` },
    () => {
      const truth = loadBodies(join(corpus, 'ground-truth.json'));
      const expected: Record<string, [number, number, number]> = {
        readability_js: [0.914, 0.982, 0.947],
        trafilatura: [0.938, 0.978, 0.958],
        rs_trafilatura: [0.951, 0.99, 0.97],
      };
      for (const [name, [precision, recall, f1]] of Object.entries(expected)) {
        const score = scoreOutputs(truth, loadBodies(join(corpus, 'reference-outputs', `${name}.json`)));
        assert.equal(score.pages, 181);
        assert.equal(Number(score.precision.toFixed(3)), precision, `${name} precision`);
        assert.equal(Number(score.recall.toFixed(3)), recall, `${name} recall`);
        assert.equal(Number(score.f1.toFixed(3)), f1, `${name} F1`);
      }
      // Exact agreement with score-body.py on readability.js (computed with the script).
      const readability = scoreOutputs(truth, loadBodies(join(corpus, 'reference-outputs', 'readability_js.json')));
      assert.ok(Math.abs(readability.precision - 0.9139442434019313) < 1e-12);
      assert.ok(Math.abs(readability.recall - 0.9819934647706243) < 1e-12);
    },
  );
});
