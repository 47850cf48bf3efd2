import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTypedDate } from '../../../renderer/grid/typed-date';

describe('dates as analysts type them', () => {
  const cases: [string, string | null][] = [
    ['26 Nov 2025', '2025-11-26'],
    ['2025-11-26', '2025-11-26'],
    ['Nov 26, 2025', '2025-11-26'],
    ['November 26, 2025', '2025-11-26'],
    ['26 November 2025', '2025-11-26'],
    ['26/11/2025', '2025-11-26'],
    ['26.11.2025', '2025-11-26'],
    ['11/26/2025', '2025-11-26'],
    ['November 2025', '2025-11'],
    ['2025-11', '2025-11'],
    ['2025', '2025'],
    ['26 Nov 2025 14:30', '2025-11-26T14:30'],
    ['  ', null],
  ];
  for (const [typed, stored] of cases) {
    it(`"${typed}" is stored as ${String(stored)}`, () => assert.deepEqual(parseTypedDate(typed), { ok: true, value: stored }));
  }

  it('refuses what is not a date, or has no year, with a message saying how to type one', () => {
    for (const typed of ['soon', '26 Nov', 'the 26 Nov 2025 talks', 'Geneva']) {
      const result = parseTypedDate(typed);
      assert.equal(result.ok, false, typed);
      if (!result.ok) assert.match(result.message, /26 Nov 2025/);
    }
  });
});
