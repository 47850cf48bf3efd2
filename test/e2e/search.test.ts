import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { NewDocument } from '../../electron/store/document-repository';
import { importFiles, openWorkbench, type Workbench } from './harness';

const FIXTURES = resolve(fileURLToPath(new URL('../fixtures/articles', import.meta.url)));

let bench: Workbench;

/** A long article of our own whose match sits far below the fold, so opening it must scroll. */
function longArticle(): NewDocument {
  const filler = Array.from(
    { length: 40 },
    (_, index) => `Paragraph ${index + 1}. Delegations exchanged drafts through the night, and aides described the mood as tense but workable.`,
  );
  const text = [...filler, 'Late in the day, inspectors said the Zaporizhzhia nuclear plant had lost external power again.', 'The talks resume on Monday.'].join('\n\n');
  return {
    title: 'Overnight drafting session ends without a deal',
    byline: 'Desk reporter',
    outlet: 'Kyiv Independent',
    publishedAt: '2025-11-25',
    publishedPrecision: 'day',
    url: null,
    language: 'en',
    format: 'text',
    label: 'overnight.txt',
    sourcePath: null,
    text,
    html: null,
    contentHash: 'e2e-search-long-article',
    minhash: null,
    bandKeys: [],
    nearDuplicateOf: null,
  };
}

before(async () => {
  bench = await openWorkbench('search.parley');
  await importFiles(bench.page, [join(FIXTURES, 'html', 'wire-jsonld.html')]);
  await bench.page.getByTestId('import-close').click();
  bench.service.session.current().documents.insertImported({ fileName: 'overnight.txt', sha256: 'e2e-overnight', bytes: new Uint8Array([1]) }, [longArticle()]);
});
after(async () => {
  await bench?.close();
});

describe('searching the case', () => {
  it('says that the Documents box filters columns, and Ctrl+K opens the case search', async () => {
    const { page } = bench;
    const box = page.getByTestId('documents-grid-search');
    assert.equal(await box.getAttribute('placeholder'), 'Filter columns…');
    assert.match((await box.getAttribute('title')) ?? '', /Ctrl\+K/);
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-view').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'search-input');
  });

  it('finds words in the article text that the grid box cannot, with the match highlighted', async () => {
    const { page } = bench;
    await page.getByTestId('search-input').fill('Witkoff NEAR/5 envoy');
    await page.getByTestId('search-hit').first().waitFor();
    assert.equal(await page.getByTestId('search-hit').count(), 1);
    assert.match(await page.getByTestId('search-hit').innerText(), /narrow gaps on 28-point plan/);
    assert.deepEqual(await page.locator('.search-hit-snippet mark').allInnerTexts(), ['envoy', 'Witkoff']);
    await bench.screenshot('60-search-hits');
  });

  it('explains a malformed query in a plain sentence instead of failing', async () => {
    const { page } = bench;
    await page.getByTestId('search-input').fill('"frozen assets');
    await page.getByTestId('search-problem').waitFor();
    assert.match(await page.getByTestId('search-problem').innerText(), /quotation mark is not closed/);
    await page.getByTestId('search-input').fill('NOT Geneva');
    await page.getByTestId('search-problem').filter({ hasText: 'NOT needs words before and after it' }).waitFor();
    await bench.screenshot('61-search-malformed');
    assert.deepEqual(bench.errors, []);
  });

  it('narrows by outlet and opens a hit in the reader scrolled to the match, marked', async () => {
    const { page } = bench;
    await page.getByTestId('search-input').fill('talks OR "nuclear plant"');
    await page.getByTestId('search-summary').filter({ hasText: '2 articles' }).waitFor();
    await page.getByTestId('search-outlet').selectOption('Kyiv Independent');
    await page.getByTestId('search-summary').filter({ hasText: '1 article ' }).waitFor();
    assert.match(await page.getByTestId('search-hit').innerText(), /Overnight drafting session/);
    await page.getByTestId('search-input').fill('"nuclear plant"');
    await page.getByTestId('search-summary').filter({ hasText: '1 article ' }).waitFor();
    await page.getByTestId('search-hit').first().click();
    await page.getByTestId('reader-search-match').filter({ hasText: 'nuclear plant' }).waitFor();
    // The match is far down a long article: the reader scrolled it into view.
    await page.waitForFunction(() => {
      const mark = document.querySelector('[data-testid="reader-search-match"]');
      const scroller = document.querySelector('[data-testid="reader"] .reader-scroll');
      if (!mark || !scroller) return false;
      const a = mark.getBoundingClientRect();
      const b = scroller.getBoundingClientRect();
      return scroller.scrollTop > 0 && a.top >= b.top && a.bottom <= b.bottom;
    });
    await bench.screenshot('62-search-open-at-match');
  });

  it('saves the search with its filters in the case and brings it back', async () => {
    const { page } = bench;
    await page.getByTestId('search-save').click();
    await page.getByTestId('search-save-name').fill('Plant power');
    await page.keyboard.press('Enter');
    await page.getByTestId('saved-search').filter({ hasText: 'Plant power' }).waitFor();
    const saved = await bench.service.call('saved-search:list', {});
    assert.deepEqual(saved.map(({ name, query, filters }) => ({ name, query, filters })), [{ name: 'Plant power', query: '"nuclear plant"', filters: { outlets: ['Kyiv Independent'] } }]);
    await page.getByTestId('search-clear-filters').click();
    await page.getByTestId('search-input').fill('Geneva');
    await page.getByTestId('saved-search').click();
    assert.equal(await page.getByTestId('search-input').inputValue(), '"nuclear plant"');
    assert.equal(await page.getByTestId('search-outlet').inputValue(), 'Kyiv Independent');
    await bench.screenshot('63-search-saved');
    assert.deepEqual(bench.errors, []);
  });
});
