import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutSnippet, findMatches, phraseMatcher } from '../../../shared/search-highlight';
import { parseSearchQuery, searchQueryProblem } from '../../../shared/search-query';

const fts = (query: string) => parseSearchQuery(query).fts;

describe('search query syntax', () => {
  it('turns words, phrases, prefixes, operators and NEAR into FTS5 built from quoted tokens', () => {
    assert.equal(fts('ceasefire Kremlin'), '"ceasefire" AND "Kremlin"');
    assert.equal(fts('"security guarantees"'), '"security guarantees"');
    assert.equal(fts('peacekeep*'), '"peacekeep" *');
    assert.equal(fts('"frozen ass*"'), '"frozen ass" *');
    assert.equal(fts('Kremlin OR Moscow'), '"Kremlin" OR "Moscow"');
    assert.equal(fts('talks NOT Geneva'), '"talks" NOT "Geneva"');
    assert.equal(fts('talks -Geneva'), '"talks" NOT "Geneva"');
    assert.equal(fts('(Kremlin OR Moscow) ceasefire'), '("Kremlin" OR "Moscow") AND "ceasefire"');
    assert.equal(fts('Witkoff NEAR Kremlin'), 'NEAR("Witkoff" "Kremlin", 10)');
    assert.equal(fts('Witkoff NEAR/3 Kremlin'), 'NEAR("Witkoff" "Kremlin", 3)');
    assert.equal(fts('NEAR(Witkoff "Kremlin officials", 5)'), 'NEAR("Witkoff" "Kremlin officials", 5)');
    // Lower-case operators are words; punctuation inside a word splits it as the tokenizer does.
    assert.equal(fts('war and peace'), '"war" AND "and" AND "peace"');
    assert.equal(fts('U.S. envoy'), '"U S" AND "envoy"');
    assert.equal(fts('Путин'), '"Путин"');
  });

  it('never lets FTS5 syntax through: column filters and carets are just words', () => {
    assert.equal(fts('title:Kremlin'), '"title Kremlin"');
    assert.equal(fts('^start {a b}'), '"start" AND "a" AND "b"');
  });

  it('explains a malformed query in one plain sentence', () => {
    const cases: [string, RegExp][] = [
      ['"unclosed', /quotation mark is not closed/],
      ['(Kremlin OR Moscow', /"\(" is not closed/],
      ['Kremlin)', /"\)" without its "\("/],
      ['NOT Geneva', /NOT needs words before and after/],
      ['Kremlin OR', /OR needs words on both sides/],
      ['ceasefire AND', /AND needs words on both sides/],
      ['NEAR(Witkoff)', /at least two/],
      ['a NEAR/5000 b', /from 0 to 1000/],
      ['-Geneva', /cannot start with an exclusion/],
      ['*** ', /Type a word/],
    ];
    for (const [query, message] of cases) {
      assert.match(searchQueryProblem(query) ?? 'parsed', message, query);
    }
    assert.equal(searchQueryProblem('ceasefire'), null);
  });

  it('highlights what FTS5 matches: any case, accents ignored, prefixes, phrases across punctuation', () => {
    const text = 'The U.S. envoy met Zelenskýy; frozen  assets and peacekeepers, then peacekeeping.';
    const matcher = phraseMatcher(parseSearchQuery('zelenskyy "frozen assets" peacekeep* u.s. NOT envoy').highlights);
    const words = findMatches(text, matcher).map(([start, end]) => text.slice(start, end));
    assert.deepEqual(words, ['U.S', 'Zelenskýy', 'frozen  assets', 'peacekeepers', 'peacekeeping']);
  });

  it('cuts a snippet around the first match with its highlights inside', () => {
    const text = `${'Opening words of the article. '.repeat(10)}Then the ceasefire held.\nMore text follows. ${'Closing words. '.repeat(20)}`;
    const snippet = cutSnippet(text, phraseMatcher(parseSearchQuery('ceasefire').highlights));
    assert.ok(snippet.text.startsWith('… ') && snippet.text.endsWith(' …'));
    assert.deepEqual(snippet.highlights.map(([start, end]) => snippet.text.slice(start, end)), ['ceasefire']);
    assert.equal(text.slice(...snippet.first!), 'ceasefire');
    assert.ok(!snippet.text.includes('\n'));
  });
});
