// The stance matrix in Chromium: the heat map, the as-of slider, a cell's evidence, and the reader.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkbench, type Workbench } from './harness';
import { seedAnalysisCase, type AnalysisCase } from './analysis-case';

let bench: Workbench;
let seeded: AnalysisCase;

before(async () => {
  bench = await openWorkbench('matrix.parley');
  seeded = await seedAnalysisCase(bench.service);
  await bench.page.reload();
});
after(async () => {
  await bench?.close();
});

/** Click the heat-map cell of row `row`, column `column` (0-based), placed as the chart's fixed margins say. */
async function clickCell(page: Page, column: number, row: number) {
  const chart = page.getByTestId('matrix-chart');
  const [left, top, right, bottom] = (await chart.getAttribute('data-grid'))!.split(',').map(Number) as [number, number, number, number];
  const [columns, rows] = (await chart.getAttribute('data-size'))!.split(',').map(Number) as [number, number];
  const box = (await chart.boundingBox())!;
  const width = (box.width - left - right) / columns;
  const height = (box.height - top - bottom) / rows;
  await page.mouse.click(box.x + left + width * (column + 0.5), box.y + top + height * (row + 0.5));
}

describe('the stance matrix', () => {
  it('shows each side as a heat map with the Donbas gap, and moves back in time with the slider', async () => {
    const { page } = bench;
    await page.getByTestId('nav-matrix').click();
    await page.getByTestId('matrix-gaps').filter({ hasText: '1 gap' }).waitFor();
    await page.waitForTimeout(300); // the canvas paints on the next frame
    await bench.screenshot('60-stance-matrix');
    assert.equal(await page.getByTestId('matrix-as-of-label').innerText(), 'latest');

    // Slide to the first day: Russia already demands, Ukraine already rejects (both 20 November).
    await page.getByTestId('matrix-as-of').fill('0');
    await page.getByTestId('matrix-as-of-label').filter({ hasText: '2025-11-20' }).waitFor();
    await page.getByTestId('matrix-gaps').filter({ hasText: '1 gap' }).waitFor();
    await page.waitForTimeout(200);
    await bench.screenshot('61-stance-matrix-as-of');
  });

  it('lists a cell evidence, later entries marked, and opens a span in the reader', async () => {
    const { page } = bench;
    // Columns: concessions ordered by issue area (Territory first); rows: parties by name (Russia second).
    const matrix = await bench.service.call('stance:matrix', {});
    const column = matrix.columns.findIndex((entry) => entry.id === seeded.concessions.donbas);
    const row = matrix.parties.findIndex((entry) => entry.id === seeded.parties.russia);
    await clickCell(page, column, row);
    const panel = page.getByTestId('matrix-evidence');
    await page.getByTestId('matrix-evidence-entry').first().waitFor();
    assert.match(await panel.innerText(), /Russia · Ukraine withdraws from the Donbas/i);
    assert.match(await panel.innerText(), /since 2025-11-20 · 1 supporting span · gap/);
    const entries = page.getByTestId('matrix-evidence-entry');
    assert.equal(await entries.count(), 2);
    assert.match(await entries.nth(1).innerText(), /not yet as of this day/);
    await bench.screenshot('62-stance-matrix-evidence');

    await page.getByTestId('matrix-evidence-span').first().click();
    await page.getByTestId('reader-text').waitFor();
    await page.getByTestId('reader').filter({ hasText: 'Negotiators narrow gaps in Geneva' }).waitFor();
    // The span the cell rests on is the one selected in the reader's list.
    const selected = page.locator('[data-testid="annotation-entry"].selected');
    await selected.waitFor();
    assert.match(await selected.innerText(), /Russian negotiators insist/);
    await bench.screenshot('63-stance-matrix-to-reader');
    assert.deepEqual(bench.errors, []);
  });

  it('exports the matrix as a workbook', async () => {
    const { page } = bench;
    await page.getByTestId('nav-matrix').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('matrix-export').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /stances-.*\.xlsx$/);
  });

  it('draws the matrix as a picture in a report, as of a chosen day', async () => {
    const { page } = bench;
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-panel').waitFor();
    const section = page.locator('[data-testid="export-panel"] fieldset.sections label').filter({ hasText: 'Stance matrix' });
    assert.equal(await section.locator('input').isChecked(), false, 'an option, not a default');
    await section.locator('input').check();
    await page.getByTestId('report-matrix-options').waitFor();
    await page.getByTestId('report-matrix-as-of').fill('2025-11-21');
    await page.getByTestId('report-preview').click();
    const figure = page.getByTestId('report-preview-frame').locator('figure.stance-matrix svg');
    await figure.waitFor();
    await page.getByTestId('report-preview-frame').getByText('as of 2025-11-21', { exact: false }).first().waitFor();
    // As of 21 November the Kyiv article (2 December) has not happened: no cap column yet; the Donbas gap is outlined.
    const labels = await figure.locator('text').evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    assert.ok(labels.includes('Ukraine withdraws from the Donbas') && !labels.some((label) => label.startsWith('Cap on')), labels.join(' | '));
    assert.equal(await figure.locator('rect[stroke-width="3"][fill="none"]').count(), 2, 'Russia and Ukraine outlined');
    await figure.scrollIntoViewIfNeeded();
    await bench.screenshot('64-report-stance-matrix');
    await page.keyboard.press('Escape');
    assert.deepEqual(bench.errors, []);
  });
});
