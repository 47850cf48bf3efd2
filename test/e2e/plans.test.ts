// The plan tracker in Chromium: paste two versions, align them, read the redline, confirm; link a concession.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cell, openWorkbench, type Workbench } from './harness';

let bench: Workbench;
const FIXTURES = resolve(fileURLToPath(new URL('../fixtures/analysis', import.meta.url)));

const DRAFT = `1. Ukraine's sovereignty will be confirmed.
2. A comprehensive non-aggression agreement will be concluded between Russia, Ukraine and Europe.
3. Ukraine's armed forces will be limited to 600,000 personnel.
4. Crimea, Luhansk and Donetsk will be recognised as de facto Russian.
   Kherson and Zaporizhzhia will be frozen along the line of contact.
5. Full amnesty will be granted to all parties for their actions during the war.`;

const REVISION = `1. Ukraine's sovereignty will be confirmed.
2. Ukraine's armed forces will be limited to 800,000 personnel in peacetime.
3. Crimea, Luhansk and Donetsk will be recognised as de facto Russian.
4. Kherson and Zaporizhzhia will be frozen along the line of contact.
5. A fund for the reconstruction of Ukraine will be created.`;

before(async () => {
  bench = await openWorkbench('plans.parley');
});
after(async () => {
  await bench?.close();
});

async function pasteVersion(label: string, date: string, text: string) {
  const { page } = bench;
  await page.getByTestId('plan-version-new').click();
  await page.getByTestId('plan-version-label').fill(label);
  await page.getByTestId('plan-version-date').fill(date);
  await page.getByTestId('plan-version-text').fill(text);
  await page.getByTestId('plan-version-save').click();
  await page.getByTestId('plan-version-tab').filter({ hasText: label }).waitFor();
}

describe('the plan tracker', () => {
  it('creates a plan and pastes a numbered list as its first version', async () => {
    const { page } = bench;
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-title').fill('US peace plan');
    await page.getByTestId('plan-add').click();
    await page.getByTestId('plan-version-label').waitFor();
    // A paste with nothing in it says so, and keeps the form.
    await page.getByTestId('plan-version-label').fill('empty');
    await page.getByTestId('plan-version-save').click();
    await page.getByRole('alert').filter({ hasText: /numbered list/ }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await pasteVersion('28-point draft', '2025-11-20', DRAFT);
    await page.getByTestId('plan-point').nth(4).waitFor();
    assert.equal(await page.getByTestId('plan-point').count(), 5);
    assert.match(await page.getByTestId('plan-point').nth(3).innerText(), /de facto Russian\. Kherson/);
  });

  it('edits a point in place', async () => {
    const { page } = bench;
    await page.getByTestId('plan-point-text').first().click();
    await page.getByTestId('plan-point-editor').fill("Ukraine's sovereignty will be confirmed and respected.");
    await page.keyboard.press('Enter');
    await page.getByTestId('plan-point-text').filter({ hasText: 'confirmed and respected' }).waitFor();
    await bench.screenshot('70-plan-points');
  });

  it('aligns two versions: kept, reworded, split, dropped and new, with a word-level redline', async () => {
    const { page } = bench;
    await pasteVersion('19-point revision', '2025-11-30', REVISION);
    await page.getByTestId('plan-compare-open').click();
    await page.getByTestId('plan-compare-row').first().waitFor();
    const kinds = await page.getByTestId('plan-compare-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    // Point 1 was edited above (reworded); a dropped point stands where it stood in the draft.
    assert.deepEqual(kinds, ['reworded', 'dropped', 'reworded', 'split', 'dropped', 'new']);
    const cap = page.getByTestId('plan-compare-row').nth(2);
    assert.equal(await cap.locator('del').first().innerText(), '600');
    assert.equal(await cap.locator('ins').first().innerText(), '800');
    assert.match(await page.getByTestId('plan-compare-counts').innerText(), /Suggested alignment/);
    await bench.screenshot('71-plan-compare-suggested');

    // The analyst says the fund point continues the amnesty point, and confirms.
    await page.getByTestId('plan-compare-row').last().getByTestId('plan-compare-choice').selectOption({ index: 5 }); // "5. Full amnesty …"
    await page.getByTestId('plan-compare-confirm').click();
    await page.getByTestId('plan-compare-note').filter({ hasText: 'Alignment saved' }).waitFor();
    assert.match(await page.getByTestId('plan-compare-counts').innerText(), /Confirmed alignment/);
    const after = await page.getByTestId('plan-compare-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    assert.ok(!after.includes('new'), after.join(' '));
    await bench.screenshot('72-plan-compare-confirmed');
    assert.deepEqual(bench.errors, []);
  });

  it('links a concession to a plan point from the Concessions grid and shows it on the point', async () => {
    const { page } = bench;
    await bench.service.call('concession:create', { title: "Cap on Ukraine's armed forces" });
    await page.getByTestId('nav-concessions').click();
    const target = cell(page, 'concessions-grid', "Cap on Ukraine's armed forces", 'planPointId');
    await target.dblclick();
    await page.locator('.ag-cell-inline-editing .ag-picker-field-wrapper').click();
    await page.locator('.ag-select-list .ag-list-item', { hasText: /19-point revision · point 2\s*$/ }).click();
    await page.waitForFunction(() => !document.querySelector('.ag-popup-editor, .ag-cell-inline-editing'));
    const concession = (await bench.service.call('concession:list', {}))[0]!;
    assert.match(concession.planPointLabel ?? '', /19-point revision · point 2/);
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-version-tab').filter({ hasText: '19-point revision' }).click();
    await page.getByTestId('plan-point-concession').filter({ hasText: "Cap on Ukraine's armed forces" }).waitFor();
  });

  it('links a concession to a plan point from the reader, seen in the plan tracker and the grid, and undoes it', async () => {
    const { page, service } = bench;
    const [result] = await service.importFiles([join(FIXTURES, 'geneva-talks.txt')]);
    const documentId = result!.documentId!;
    const text = (await service.call('document:get', { id: documentId })).text;
    const quote = 'Russian negotiators insist that Ukraine withdraw from the rest of the Donbas';
    const start = text.indexOf(quote);
    const annotation = await service.call('annotation:create', {
      documentId,
      type: 'concession_evidence',
      selector: { exact: quote, start, end: start + quote.length },
      newConcession: { title: 'Ukraine withdraws from the Donbas' },
    });
    await page.reload();
    await page.getByTestId('nav-documents').click();
    await cell(page, 'documents-grid', 'Negotiators narrow gaps', 'title').dblclick();
    await page.getByTestId('reader-text').waitFor();
    await page.locator(`[data-annotation-id="${annotation.id}"] button.annotation-entry`).click();
    const link = page.getByTestId('concession-plan-link');
    await link.getByTestId('concession-plan-point').filter({ hasText: 'not linked' }).waitFor();

    // Keyboard only: open, narrow to the 19-point revision (the latest, chosen first), type, arrow, Enter.
    await link.getByTestId('concession-plan-link-open').focus();
    await page.keyboard.press('Enter');
    const picker = page.getByTestId('plan-point-picker');
    await picker.waitFor();
    assert.equal(await picker.getByTestId('plan-point-picker-version').locator('option:checked').innerText(), '19-point revision');
    await page.keyboard.type('de facto');
    assert.equal(await picker.getByTestId('plan-point-picker-option').count(), 1);
    await picker.getByTestId('plan-point-picker-search').fill('');
    await page.keyboard.type('frozen');
    await bench.screenshot('73-reader-plan-point-picker');
    await page.keyboard.press('Enter');
    await link.getByTestId('concession-plan-point').filter({ hasText: '19-point revision · point 4' }).waitFor();
    await bench.screenshot('74-reader-plan-point-linked');
    const linked = (await service.call('concession:list', {})).find((entry) => entry.title === 'Ukraine withdraws from the Donbas');
    assert.match(linked?.planPointLabel ?? '', /19-point revision · point 4$/);

    // The plan tracker shows it on point 4, and the concession grid in its plan-point column.
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-version-tab').filter({ hasText: '19-point revision' }).click();
    const point = page.getByTestId('plan-point').filter({ hasText: 'Kherson and Zaporizhzhia' });
    await point.getByTestId('plan-point-concession').filter({ hasText: 'Ukraine withdraws from the Donbas' }).waitFor();
    await bench.screenshot('75-plan-point-with-reader-link');
    await page.getByTestId('nav-concessions').click();
    await cell(page, 'concessions-grid', 'Ukraine withdraws from the Donbas', 'planPointId').filter({ hasText: '19-point revision · point 4' }).waitFor();

    // One undoable step: undo takes the link away again.
    const undone = await service.call('history:undo', {});
    assert.match(JSON.stringify(undone), /concession/i);
    const after = (await service.call('concession:list', {})).find((entry) => entry.title === 'Ukraine withdraws from the Donbas');
    assert.equal(after?.planPointId, null);
    assert.deepEqual(bench.errors, []);
  });
});
