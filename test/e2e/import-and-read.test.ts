import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/temp';
import { cell, importFiles, openWorkbench, type Workbench } from './harness';

const FIXTURES = resolve(fileURLToPath(new URL('../fixtures/articles', import.meta.url)));
let bench: Workbench;
before(async () => {
  bench = await openWorkbench('import.parley');
  // Anything that tries to run from an imported article trips these.
  await bench.page.evaluate(() => {
    (window as unknown as { __alerts: string[] }).__alerts = [];
    window.alert = (message?: unknown) => void (window as unknown as { __alerts: string[] }).__alerts.push(String(message));
  });
});
after(async () => {
  await bench?.close();
});

describe('importing and reading articles in the browser', () => {
  it('uploads a mixed batch: good files import, bad ones fail alone with a reason', async () => {
    const { page } = bench;
    const dir = tempDir();
    const files = [
      join(FIXTURES, 'html', 'wire-jsonld.html'),
      join(FIXTURES, 'text', 'broadsheet.txt'),
      join(FIXTURES, 'html', 'hostile.html'),
      join(FIXTURES, 'feed', 'rss.xml'),
    ];
    const empty = join(dir, 'empty.html');
    writeFileSync(empty, '');
    const copy = join(dir, 'reuters-again.html');
    copyFileSync(files[0]!, copy);
    await importFiles(page, [...files, empty, copy]);
    const summary = await page.getByTestId('import-summary').innerText();
    assert.match(summary, /6 of 6 files/);
    assert.match(summary, /1 duplicates/);
    assert.match(summary, /1 failed/);
    const results = await page.getByTestId('import-results').innerText();
    assert.match(results, /empty\.html[\s\S]*empty/);
    await bench.screenshot('10-import-finished');
    await page.getByTestId('import-close').click();
  });

  it('lists the documents with their metadata', async () => {
    const { page } = bench;
    await cell(page, 'documents-grid', 'narrow gaps on 28-point plan', 'outlet').waitFor();
    assert.equal(await cell(page, 'documents-grid', 'narrow gaps on 28-point plan', 'outlet').innerText(), 'Reuters');
    assert.match(await page.getByTestId('documents-grid-count').innerText(), /of \d+ documents/);
  });

  it('opens the reader on double-click and toggles to the original as plain text', async () => {
    const { page } = bench;
    await cell(page, 'documents-grid', 'narrow gaps on 28-point plan', 'title').dblclick();
    await page.getByTestId('reader').waitFor();
    assert.equal(await page.getByTestId('reader-title').innerText(), 'Ukraine, U.S. negotiators narrow gaps on 28-point plan in Geneva');
    assert.match(await page.getByTestId('reader-text').innerText(), /28-point peace framework/);
    await bench.screenshot('11-reader');
    await page.getByTestId('reader-original').click();
    await page.getByTestId('reader-original-text').waitFor();
    assert.match(await page.getByTestId('reader-original-text').innerText(), /<meta property="og:site_name" content="Reuters">/);
    await page.getByTestId('reader-cleaned').click();
    // Re-extraction from the stored original keeps the article (and would carry annotations along).
    await page.getByTestId('reader-reextract').click();
    await page.waitForFunction(() => /^Re-extracted\./.test(document.querySelector('[data-testid="reader-reextracted"]')?.textContent ?? ''));
    assert.match(await page.getByTestId('reader-text').innerText(), /28-point peace framework/);
  });

  it('never runs anything from a hostile article, in the grid, the reader or the original view', async () => {
    const { page } = bench;
    await cell(page, 'documents-grid', 'prisoner exchanges', 'title').dblclick();
    await page.getByTestId('reader-text').waitFor();
    await page.getByTestId('reader-original').click();
    await page.getByTestId('reader-original-text').waitFor();
    await page.getByTestId('reader-original-text').hover();
    const alerts = await page.evaluate(() => (window as unknown as { __alerts: string[] }).__alerts);
    assert.deepEqual(alerts, []);
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.equal(await page.locator('[data-testid="reader"] script, [data-testid="reader"] img, [data-testid="reader"] [onerror]').count(), 0);
    await bench.screenshot('12-hostile-original');
    // The stored display HTML is sanitised too.
    const store = bench.service.session.current();
    const hostile = store.documents.list().find((document) => document.title?.includes('prisoner exchanges'))!;
    const html = store.documents.get(hostile.id).html ?? '';
    assert.doesNotMatch(html, /<script|onerror|onload|onclick|onmouseover|javascript:/i);
  });

  it('made no external request and raised no page error', () => {
    assert.deepEqual(bench.errors, []);
  });
});
