import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchor, describeSelection, errorBudget } from '../../../shared/anchoring';

const ARTICLE =
  'GENEVA — Ukrainian and US officials met on Sunday to discuss the 28-point plan. ' +
  'A senior US official said the talks were "productive and meaningful". ' +
  'Russia has not commented. Kyiv insists that any deal must respect its sovereignty. ' +
  'The Kremlin said it had not received the revised draft.';

function select(text: string, quote: string, occurrence = 0) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  assert.ok(start >= 0, `"${quote}" not in text`);
  return describeSelection(text, start, start + quote.length);
}

describe('describeSelection', () => {
  it('keeps the quote with 32 characters of context either side, clipped at the text ends', () => {
    const selector = select(ARTICLE, 'productive and meaningful');
    assert.equal(selector.exact, 'productive and meaningful');
    assert.equal(selector.prefix, ARTICLE.slice(selector.start - 32, selector.start));
    assert.equal(selector.suffix, ARTICLE.slice(selector.end, selector.end + 32));
    const atStart = describeSelection(ARTICLE, 0, 6);
    assert.equal(atStart.prefix, '');
    assert.equal(atStart.exact, 'GENEVA');
  });
});

describe('anchor', () => {
  it('keeps a quote that is still at its stored position', () => {
    const selector = select(ARTICLE, 'Kyiv insists');
    assert.deepEqual(anchor(ARTICLE, selector), { start: selector.start, end: selector.end, status: 'anchored' });
  });

  it('follows a quote whose text moved (a paragraph added above it)', () => {
    const selector = select(ARTICLE, 'any deal must respect its sovereignty');
    const shifted = `Updated 14:05 with Kremlin reaction.\n\n${ARTICLE}`;
    const result = anchor(shifted, selector);
    assert.equal(result.status, 'reanchored');
    assert.equal(shifted.slice(result.start, result.end), 'any deal must respect its sovereignty');
  });

  it('finds a quote edited within the error budget (a typo fixed by the new extraction)', () => {
    const old = ARTICLE.replace('productive and meaningful', 'productve and meaningfull');
    const selector = select(old, 'the talks were "productve and meaningfull"');
    const fixed = `Correction appended.\n\n${ARTICLE}`;
    const result = anchor(fixed, selector);
    assert.equal(result.status, 'reanchored');
    assert.equal(fixed.slice(result.start, result.end), 'the talks were "productive and meaningful"');
  });

  it('does not accept a variant beyond the error budget', () => {
    const selector = select(ARTICLE, 'has not commented');
    const rewritten = ARTICLE.replace('Russia has not commented.', 'Moscow declined to reply.');
    assert.equal(anchor(rewritten, selector).status, 'orphan');
    assert.equal(errorBudget(9), 0, 'short quotes must match exactly');
  });

  it('resolves a repeated phrase by its prefix and suffix, not by the first occurrence', () => {
    const text = 'Russia said no. Then Ukraine said no. Later the EU said no. Finally Russia said no again.';
    const selector = select(text, 'said no', 3); // "Finally Russia said no again"
    const edited = `Breaking: ${text.replace('Later the EU said no. ', '')}`;
    const result = anchor(edited, selector);
    assert.equal(result.status, 'reanchored');
    assert.equal(edited.slice(result.start - 15, result.end + 6), 'Finally Russia said no again');
  });

  it('orphans a quote whose passage was deleted, keeping its stored offsets', () => {
    const selector = select(ARTICLE, 'The Kremlin said it had not received the revised draft.');
    const cut = ARTICLE.slice(0, ARTICLE.indexOf('The Kremlin said'));
    assert.deepEqual(anchor(cut, selector), { start: selector.start, end: selector.end, status: 'orphan' });
  });

  it('orphans a quote whose places cannot be told apart by context', () => {
    const text = 'Lavrov: we said no. Rubio: we said no.';
    const selector = { exact: 'said no', prefix: 'Yermak: we ', suffix: '.', start: 0, end: 7 };
    assert.equal(anchor(text, selector).status, 'orphan', 'both places share the same context');
  });

  it('orphans an ambiguous quote rather than guessing', () => {
    const text = 'No deal. No deal. No deal.';
    const selector = { exact: 'No deal', prefix: 'entirely different context ', suffix: ' unrelated', start: 100, end: 107 };
    assert.equal(anchor(text, selector).status, 'orphan');
  });
});
