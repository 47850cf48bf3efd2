import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportCase } from '../../electron/exchange/index';
import { Store } from '../../electron/store/index';
import { tempDir } from '../helpers/temp';
import { openWorkbench, type Workbench } from './harness';
import { rawDatabase } from '../../electron/store/raw-database';

let bench: Workbench;
const dir = tempDir('parley-e2e-export-');

before(async () => {
  bench = await openWorkbench('export.parley');
  const service = bench.service;
  await service.dispatch('party:create', { name: 'Russia', kind: 'state', aliases: ['Kremlin'] });
  await service.dispatch('party:create', { name: '<img src=x onerror=alert(1)> Ukraine', kind: 'state' });
  await service.dispatch('concession:create', { title: 'No NATO membership for Ukraine', status: 'under_discussion' });
  await bench.page.reload();
});
after(async () => {
  await bench?.close();
});

describe('exporting and sharing from the browser', () => {
  it('opens on a full-height preview of the report, marks it stale when the options change, and downloads it as HTML with a confirmation', async () => {
    const { page } = bench;
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-panel').waitFor();
    // The report as it stands is previewed at once, in a pane as tall as the window allows.
    await page.getByTestId('report-preview-frame').getByText('No NATO membership for Ukraine').first().waitFor();
    const frame = await page.getByTestId('report-preview-frame').boundingBox();
    assert.ok(frame && frame.height > 560 && frame.width > 700, `preview pane ${JSON.stringify(frame)}`);
    await page.getByTestId('report-analyst').fill('A. Analyst');
    await page.getByTestId('report-preview-stale').waitFor();
    // With every section unticked there is nothing to write: the report buttons wait.
    const sectionBoxes = page.locator('[data-testid="export-panel"] fieldset.sections input[type="checkbox"]');
    await sectionBoxes.first().waitFor();
    // The attributed statements are the heart of the report: ticked from the start; the list of every document in scope is an option.
    const sections = page.locator('[data-testid="export-panel"] fieldset.sections label');
    assert.equal(await sections.filter({ hasText: 'Attributed statements' }).locator('input').isChecked(), true);
    assert.equal(await sections.filter({ hasText: 'Appendix: all documents in scope' }).locator('input').isChecked(), false);
    const ticked = [];
    for (const box of await sectionBoxes.all()) if (await box.isChecked()) ticked.push(box);
    for (const box of ticked) await box.uncheck();
    await page.getByTestId('report-no-section').waitFor();
    assert.equal(await page.getByTestId('report-preview').isDisabled(), true);
    for (const box of ticked) await box.check();
    await page.getByTestId('report-preview').click();
    // The preview lives in a shadow root; Playwright's locators pierce it.
    await page.getByTestId('report-preview-frame').getByText('No NATO membership for Ukraine').first().waitFor();
    assert.equal(await page.locator('[data-testid="report-preview-frame"] script').count(), 0);
    await bench.screenshot('40-export-preview');
    const download = page.waitForEvent('download');
    await page.getByTestId('report-html').click();
    const file = await download;
    await page.getByTestId('export-done').filter({ hasText: `Downloaded “${file.suggestedFilename()}”` }).waitFor();
    assert.match(await page.getByTestId('export-done').innerText(), /\(\d+ (KB|bytes)\)/);
    await bench.screenshot('42-export-downloaded');
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    const html = readFileSync(path, 'utf8');
    assert.match(html, /No NATO membership for Ukraine/);
    assert.match(html, /A\. Analyst/);
    assert.doesNotMatch(html, /<script|<img src=x/i, 'no script, payloads escaped');
  });

  it('downloads the data as Excel and JSON', async () => {
    const { page } = bench;
    await page.getByTestId('export-tab-data').click();
    const xlsx = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const sheet = await xlsx;
    assert.match(sheet.suggestedFilename(), /\.xlsx$/);
    const json = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    const dump = await json;
    const path = join(dir, dump.suggestedFilename());
    await dump.saveAs(path);
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    assert.ok(JSON.stringify(parsed).includes('No NATO membership for Ukraine'));
  });

  it('merges a colleague’s bundle and reports what changed', async () => {
    const { page } = bench;
    // A colleague's copy: the same case plus one new party.
    const colleaguePath = join(dir, 'colleague.parley');
    const store = bench.service.session.current();
    await rawDatabase(store).backup(colleaguePath);
    const colleague = Store.open(colleaguePath);
    colleague.parties.create({ name: 'European Union', kind: 'bloc', aliases: ['EU'], affiliationId: null, color: null, notes: null });
    const bundlePath = join(dir, 'colleague.parley-bundle');
    await exportCase(colleague, 'bundle', bundlePath);
    colleague.close();

    await page.getByTestId('merge-bundle-input').setInputFiles(bundlePath);
    await page.getByTestId('merge-report').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('merge-report').innerText(), /Merged: [1-9]\d* added/);
    await bench.screenshot('41-export-merged');
    assert.ok(bench.service.session.current().parties.list().some((party) => party.name === 'European Union'));
  });

  it('made no external request and raised no page error', () => {
    assert.deepEqual(bench.errors, []);
  });
});
