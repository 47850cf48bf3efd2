import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markQueryWords, partsOf } from '../../../renderer/features/search/snippet-parts';

describe('search hit text', () => {
  it('cuts a snippet into plain and marked parts, ignoring ranges that do not fit', () => {
    assert.deepEqual(partsOf('the ceasefire held', [[4, 13]]), [
      { text: 'the ', marked: false },
      { text: 'ceasefire', marked: true },
      { text: ' held', marked: false },
    ]);
    assert.deepEqual(partsOf('short', [[2, 99], [3, 1]]), [{ text: 'short', marked: false }]);
  });

  it('marks the query words in a title, and nothing for a query that does not parse', () => {
    assert.deepEqual(markQueryWords('Kremlin rejects plan', 'kremlin OR plan').filter((part) => part.marked).map((part) => part.text), ['Kremlin', 'plan']);
    assert.deepEqual(markQueryWords('Kremlin rejects plan', '"kremlin'), [{ text: 'Kremlin rejects plan', marked: false }]);
  });
});
