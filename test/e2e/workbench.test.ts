import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cell, openWorkbench, type Workbench } from './harness';

let bench: Workbench;
before(async () => {
  bench = await openWorkbench();
});
after(async () => {
  await bench?.close();
});

describe('workbench in the browser (bridge + real case)', () => {
  it('opens on the case with an empty state that says what to do', async () => {
    const { page } = bench;
    await page.getByTestId('case-name').waitFor();
    assert.equal(await page.getByTestId('case-name').textContent(), 'e2e');
    await page.getByTestId('documents-grid-empty').waitFor();
    assert.match(await page.getByTestId('documents-grid-empty').innerText(), /Import the articles you follow/);
    await bench.screenshot('01-documents-empty');
  });

  it('creates parties in the grid, and they are still there after a reload', async () => {
    const { page } = bench;
    await page.getByTestId('nav-parties').click();
    for (const name of ['Russia', 'Ukraine', 'European Union']) {
      await page.getByTestId('party-name').fill(name);
      await page.getByTestId('party-add').click();
      await cell(page, 'parties-grid', name, 'name').waitFor();
    }
    await page.reload();
    await page.getByTestId('nav-parties').click();
    await cell(page, 'parties-grid', 'European Union', 'name').waitFor();
    assert.match(await page.getByTestId('parties-grid-count').innerText(), /3 of 3 parties/);
    const stored = bench.service.session.current().parties.list().map((party) => party.name);
    assert.deepEqual(stored, ['European Union', 'Russia', 'Ukraine']);
  });

  it('saves a valid inline edit through the contract', async () => {
    const { page } = bench;
    await cell(page, 'parties-grid', 'Russia', 'aliases').dblclick();
    await page.keyboard.type('Kremlin, Moscow');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.innerText.includes('Kremlin, Moscow'));
    const russia = bench.service.session.current().parties.list().find((party) => party.name === 'Russia');
    assert.deepEqual(russia?.aliases, ['Kremlin', 'Moscow']);
  });

  it('shows why a bad edit was not saved, and keeps the old value', async () => {
    const { page } = bench;
    await cell(page, 'parties-grid', 'Ukraine', 'name').dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Not saved: Name must not be empty/.test(document.querySelector('[data-testid="grid-error"]')?.textContent ?? ''));
    await cell(page, 'parties-grid', 'Ukraine', 'name').waitFor();
    // An alias that already names another party is refused too, with the reason.
    await cell(page, 'parties-grid', 'Ukraine', 'aliases').dblclick();
    await page.keyboard.type('Kremlin');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /already names Russia/.test(document.querySelector('[data-testid="grid-error"]')?.textContent ?? ''));
    await bench.screenshot('02-parties-bad-edit');
    assert.ok(bench.service.session.current().parties.list().some((party) => party.name === 'Ukraine'));
  });

  it('clears the error line once a later edit is saved, whichever way it is made', async () => {
    const { page } = bench;
    await page.getByTestId('grid-error').waitFor();
    await cell(page, 'parties-grid', 'Ukraine', 'aliases').dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Kyiv');
    await page.keyboard.press('Enter');
    await page.getByTestId('grid-error').waitFor({ state: 'detached' });
    // The add form refuses an empty name too, on the same line, with the reason…
    await page.getByTestId('party-name').fill('   ');
    await page.getByTestId('party-add').click();
    await page.getByTestId('grid-error').filter({ hasText: 'Not added: Name must not be empty' }).waitFor();
    // …and a party added after that clears it.
    await page.getByTestId('party-name').fill('NATO');
    await page.getByTestId('party-kind').selectOption('organisation');
    await page.getByTestId('party-add').click();
    await cell(page, 'parties-grid', 'NATO', 'name').waitFor();
    await page.getByTestId('grid-error').waitFor({ state: 'detached' });
  });

  it('deletes selected rows only after confirmation', async () => {
    const { page } = bench;
    await page.locator('[data-testid="parties-grid"] .ag-row', { hasText: 'European Union' }).locator('.ag-selection-checkbox input, input[type=checkbox]').first().check();
    await page.getByTestId('parties-grid-delete').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await bench.screenshot('03-parties-confirm-delete');
    await page.getByTestId('confirm-ok').click();
    await page.waitForFunction(() => !document.body.innerText.includes('European Union'));
    assert.deepEqual(bench.service.session.current().parties.list().map((party) => party.name), ['NATO', 'Russia', 'Ukraine']);
  });

  it('adds sources and concessions in their grids', async () => {
    const { page } = bench;
    await page.getByTestId('nav-sources').click();
    await page.getByTestId('source-name').fill('Dmitry Peskov');
    await page.getByTestId('source-add').click();
    await cell(page, 'sources-grid', 'Dmitry Peskov', 'name').waitFor();
    await page.getByTestId('nav-concessions').click();
    // The issue-area codebook is editable from here.
    await page.getByTestId('concession-issue-area').selectOption('__new_issue_area__');
    await page.getByTestId('issue-area-name').fill('Energy');
    await page.getByTestId('issue-area-add').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="concession-issue-area"]') as HTMLSelectElement | null)?.selectedOptions[0]?.textContent === 'Energy');
    assert.ok(bench.service.session.current().issueAreas.list().some((area) => area.name === 'Energy'));
    await page.getByTestId('concession-title').fill('No NATO membership for Ukraine');
    await page.getByTestId('concession-add').click();
    await cell(page, 'concessions-grid', 'No NATO membership', 'title').waitFor();
    await bench.screenshot('04-concessions');
  });

  it('made no external request and raised no page error', () => {
    assert.deepEqual(bench.errors, []);
  });
});
