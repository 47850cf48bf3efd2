import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { innermost, normaliseRange, paragraphsOf, segmentsOf, trimRange } from '../../../renderer/features/reader/segments';

describe('reader paragraphs', () => {
  it('splits on blank lines and keeps each paragraph’s offsets in the whole text (separators count)', () => {
    const text = 'Witkoff arrived.\n\nRussia demands Donetsk.\n\n\nKyiv refuses.';
    const paragraphs = paragraphsOf(text);
    assert.deepEqual(
      paragraphs.map((p) => p.text),
      ['Witkoff arrived.', 'Russia demands Donetsk.', 'Kyiv refuses.'],
    );
    for (const p of paragraphs) assert.equal(text.slice(p.start, p.end), p.text);
    assert.equal(paragraphs[1]!.start, 'Witkoff arrived.\n\n'.length);
    assert.equal(paragraphs[2]!.start, text.indexOf('Kyiv'));
  });

  it('keeps a single newline inside its paragraph and skips leading/trailing blank runs', () => {
    const text = '\n\nLine one\nline two\n\n';
    const paragraphs = paragraphsOf(text);
    assert.equal(paragraphs.length, 1);
    assert.equal(paragraphs[0]!.text, 'Line one\nline two');
    assert.equal(paragraphs[0]!.start, 2);
  });

  it('maps every paragraph back to the exact text slice (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', ' ', '\n', 'é', '🙂'), { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        for (const p of paragraphsOf(text)) {
          assert.equal(text.slice(p.start, p.end), p.text);
          assert.ok(!/\n\n/.test(p.text));
        }
      }),
    );
  });
});

describe('segmenting overlapping spans', () => {
  it('cuts at every boundary and lists covering spans, outermost first', () => {
    const segments = segmentsOf(0, 30, [
      { id: 'outer', start: 5, end: 25 },
      { id: 'inner', start: 10, end: 15 },
      { id: 'tail', start: 20, end: 40 },
    ]);
    assert.deepEqual(segments, [
      { start: 0, end: 5, ids: [] },
      { start: 5, end: 10, ids: ['outer'] },
      { start: 10, end: 15, ids: ['outer', 'inner'] },
      { start: 15, end: 20, ids: ['outer'] },
      { start: 20, end: 25, ids: ['outer', 'tail'] },
      { start: 25, end: 30, ids: ['tail'] },
    ]);
    assert.equal(innermost(segments[2]!.ids), 'inner');
  });

  it('merges neighbours covered by the same spans and ignores spans outside the range', () => {
    assert.deepEqual(segmentsOf(100, 110, [{ id: 'x', start: 0, end: 50 }]), [{ start: 100, end: 110, ids: [] }]);
    assert.deepEqual(segmentsOf(0, 10, [{ id: 'a', start: 0, end: 10 }, { id: 'b', start: 0, end: 10 }]), [{ start: 0, end: 10, ids: ['a', 'b'] }]);
    assert.deepEqual(segmentsOf(5, 5, []), []);
  });

  it('tiles the range exactly, each segment covered by exactly the spans over it (property)', () => {
    const span = fc.tuple(fc.nat(60), fc.nat(60)).map(([a, b]) => ({ id: '', start: Math.min(a, b), end: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 8 }), fc.nat(30), fc.nat(30), (raw, a, b) => {
        const spans = raw.map((s, i) => ({ ...s, id: `s${i}` }));
        const from = Math.min(a, b);
        const to = Math.max(a, b) + 1;
        const segments = segmentsOf(from, to, spans);
        assert.equal(segments[0]!.start, from);
        assert.equal(segments[segments.length - 1]!.end, to);
        for (let i = 0; i < segments.length; i++) {
          const segment = segments[i]!;
          if (i > 0) assert.equal(segment.start, segments[i - 1]!.end);
          for (let offset = segment.start; offset < segment.end; offset++) {
            const covering = spans.filter((s) => s.start <= offset && s.end > offset).map((s) => s.id).sort();
            assert.deepEqual([...segment.ids].sort(), covering);
          }
        }
      }),
    );
  });
});

describe('selection helpers', () => {
  it('orders a backwards selection and clamps it to the text', () => {
    assert.deepEqual(normaliseRange(12, 4, 10), { start: 4, end: 10 });
    assert.deepEqual(normaliseRange(-3, 2, 10), { start: 0, end: 2 });
  });

  it('trims whitespace and paragraph breaks from both ends', () => {
    const text = 'Peskov said.\n\n  “No deal.”  ';
    assert.deepEqual(trimRange(text, 12, text.length), { start: text.indexOf('“'), end: text.indexOf('”') + 1 });
    assert.deepEqual(trimRange('   ', 0, 3), { start: 3, end: 3 });
  });

});
