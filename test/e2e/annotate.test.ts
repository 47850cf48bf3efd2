import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { cell, checkRow, importFiles, openWorkbench, selectInReader, type Workbench } from './harness';

const FIXTURES = resolve(fileURLToPath(new URL('../fixtures/articles', import.meta.url)));
const QUOTE = 'We have a document that is better than the one we arrived with,';
const CAP_SENTENCE = 'Kyiv has objected to clauses that would cap the size of its armed forces and rule out future membership of NATO.';
const CAP_CLAUSE = 'cap the size of its armed forces';

let bench: Workbench;
const store = () => bench.service.session.current();
const annotations = () => store().annotations.list({ limit: 5000, offset: 0 }).rows;

before(async () => {
  bench = await openWorkbench('annotate.parley');
  const { page } = bench;
  await importFiles(page, [join(FIXTURES, 'html', 'wire-jsonld.html')]);
  await page.getByTestId('import-close').click();
});
after(async () => {
  await bench?.close();
});

describe('annotating an article', () => {
  it('opens the article in the reader with an empty annotation list that says what to do', async () => {
    const { page } = bench;
    await cell(page, 'documents-grid', 'narrow gaps on 28-point plan', 'title').dblclick();
    await page.getByTestId('reader-text').waitFor();
    assert.match(await page.getByTestId('annotation-list-empty').innerText(), /Select a passage/);
  });

  it('creates an attribution with a new source and grades from a selection', async () => {
    const { page } = bench;
    await selectInReader(page, QUOTE);
    await page.getByTestId('selection-panel').waitFor();
    assert.match(await page.getByTestId('selection-panel').innerText(), /Attribution\s*A[\s\S]*Note\s*N/);
    await bench.screenshot('20-selection-panel');
    await page.keyboard.press('a');
    await page.getByTestId('field-source').fill('Senior Ukrainian official');
    await page.getByTestId('field-source-new').waitFor();
    await page.getByTestId('field-source-role').fill('Member of the Ukrainian delegation');
    await page.getByTestId('field-source-anonymous').check();
    await page.getByTestId('field-source-reliability').selectOption('B');
    await page.getByTestId('field-quote-direct').check();
    await page.getByTestId('field-channel').selectOption('briefing');
    await page.getByTestId('field-credibility').selectOption('2');
    await page.getByTestId('field-publisher').fill('Reuters');
    await bench.screenshot('21-attribution-form');
    await page.getByTestId('annotation-save').click();
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });

    const mark = page.locator('[data-testid="reader-text"] mark.hl');
    await mark.first().waitFor();
    assert.equal((await mark.allInnerTexts()).join(''), QUOTE);
    assert.equal(await page.getByTestId('annotation-entry').count(), 1);
    assert.match(await page.getByTestId('annotation-entry').innerText(), /Senior Ukrainian official, direct quote, briefing via Reuters · B2/);

    const [created] = annotations();
    assert.equal(created?.type, 'attribution');
    assert.equal(created?.exact, QUOTE);
    assert.equal(created?.credibility, 2);
    assert.equal(created?.reliability, null, 'no per-claim override: the source default applies');
    assert.equal(created?.effectiveReliability, 'B');
    assert.equal(created?.publisherName, 'Reuters');
    const source = store().sources.list().find((entry) => entry.name === 'Senior Ukrainian official');
    assert.equal(source?.anonymous, true);
    assert.equal(source?.defaultReliability, 'B');
  });

  it('shows the new source in the Sources grid with one claim, and its detail leads back to the span', async () => {
    const { page } = bench;
    await page.getByTestId('nav-sources').click();
    await cell(page, 'sources-grid', 'Senior Ukrainian official', 'claimCount').waitFor();
    assert.equal(await cell(page, 'sources-grid', 'Senior Ukrainian official', 'claimCount').innerText(), '1');
    await cell(page, 'sources-grid', 'Senior Ukrainian official', 'claimCount').dblclick();
    await page.getByTestId('detail-panel').waitFor();
    assert.equal(await page.getByTestId('detail-title').innerText(), 'Senior Ukrainian official');
    await page.getByTestId('evidence-span').first().waitFor();
    assert.match(await page.getByTestId('evidence-span').first().innerText(), /better than the one we arrived with/);
    await bench.screenshot('22-source-detail');

    await page.getByTestId('evidence-span').first().click();
    await page.getByTestId('reader-text').waitFor();
    assert.equal(await page.getByTestId('nav-documents').getAttribute('aria-current'), 'page');
    await page.locator('[data-testid="reader-text"] mark.hl-selected').first().waitFor();
    assert.equal(await page.locator('[data-testid="annotation-list"] li.selected').count(), 1);
  });

  it('lists it in the Annotations grid, paged from the service, and double-click opens it in the reader', async () => {
    const { page } = bench;
    await page.getByTestId('nav-annotations').click();
    await page.locator('[data-testid="annotations-grid"] .ag-row .ag-cell[col-id="exact"]', { hasText: 'better than the one' }).waitFor();
    assert.match(await page.getByTestId('annotations-grid-count').innerText(), /^1 annotation/);
    assert.equal(await cell(page, 'annotations-grid', 'better than the one', 'sourceId').innerText(), 'Senior Ukrainian official');
    assert.equal(await cell(page, 'annotations-grid', 'better than the one', 'reliability').innerText(), 'B');
    await bench.screenshot('27-annotations-grid');
    await cell(page, 'annotations-grid', 'better than the one', 'exact').dblclick();
    await page.locator('[data-testid="reader-text"] mark.hl-selected').first().waitFor();
  });

  it('records concession evidence twice on overlapping spans, with two parties’ stances (keyboard shortcut C)', async () => {
    const { page } = bench;
    // Keyboard path: select, then press the type's key without releasing a mouse.
    await selectInReader(page, CAP_SENTENCE, { mouseup: false });
    await page.keyboard.press('c');

    await page.getByTestId('field-concession').fill('Cap on Ukraine’s armed forces');
    await page.getByTestId('field-stance-party').fill('Ukraine');
    await page.getByTestId('field-stance').selectOption('rejects');
    await page.getByTestId('annotation-save').click();
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="annotation-entry"]').length === 2);

    await selectInReader(page, CAP_CLAUSE);
    await page.getByTestId('selection-panel').waitFor();
    await page.getByTestId('annotate-concession_evidence').click();
    await page.getByTestId('field-concession').fill('cap on ukraine’s armed forces');
    assert.match(await page.locator('.pick-existing').first().innerText(), /existing/i);
    await page.getByTestId('field-stance-party').fill('United States');
    await page.getByTestId('field-stance').selectOption('demands');
    await page.getByTestId('annotation-save').click();
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="annotation-entry"]').length === 3);

    // The overlap renders as one run covered by both spans.
    const both = page.locator('[data-testid="reader-text"] mark[data-annotations*=" "]');
    assert.equal(await both.innerText(), CAP_CLAUSE);
    await bench.screenshot('23-reader-highlights');

    const concessions = store().concessions.list();
    assert.equal(concessions.length, 1);
    const stances = Object.fromEntries(concessions[0]!.stances.map((stance) => [stance.partyName, stance.stance]));
    assert.deepEqual(stances, { Ukraine: 'rejects', 'United States': 'demands' });
    assert.equal(annotations().filter((annotation) => annotation.type === 'concession_evidence').length, 2);
  });

  it('undoes and redoes the last step with Ctrl+Z / Ctrl+Shift+Z, refreshing the reader', async () => {
    const { page } = bench;
    await page.locator('.reader-header h2').click(); // focus outside any text field
    await page.keyboard.press('Control+z');
    await page.getByTestId('toast').filter({ hasText: 'Undid: Create concession evidence' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="annotation-entry"]').length === 2);
    assert.equal(annotations().length, 2);
    assert.deepEqual(store().concessions.list()[0]!.stances.map((stance) => stance.partyName), ['Ukraine']);

    await page.keyboard.press('Control+Shift+z');
    await page.getByTestId('toast').filter({ hasText: 'Redid:' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="annotation-entry"]').length === 3);
    assert.equal(annotations().length, 3);
    assert.equal(store().concessions.list()[0]!.stances.length, 2);

    // In a text field the key is the field's own undo, not the case's.
    await page.getByTestId('nav-parties').click();
    await page.getByTestId('party-name').fill('Typing');
    await page.getByTestId('party-name').press('Control+z');
    assert.equal(annotations().length, 3);
    await page.getByTestId('party-name').fill('');
  });

  it('shows the concession’s stances and evidence in its detail', async () => {
    const { page } = bench;
    await page.getByTestId('nav-concessions').click();
    // The Details button opens the selected row's detail (the keyboard path to a double-click).
    await checkRow(page, 'concessions-grid', 'armed forces');
    await page.getByTestId('concessions-grid-details').click();
    await page.getByTestId('detail-stances').waitFor();
    const stances = await page.getByTestId('detail-stances').innerText();
    assert.match(stances, /Ukraine\s+Rejects/);
    assert.match(stances, /United States\s+Demands/);
    await page.getByTestId('evidence-span').nth(1).waitFor();
    await bench.screenshot('24-concession-detail');
  });

  it('bulk-edits the reliability of several sources in one step', async () => {
    const { page } = bench;
    for (const name of ['Dmitry Peskov', 'Steve Witkoff', 'Rustem Umerov']) {
      const result = await bench.service.dispatch('source:create', { name, defaultReliability: 'C' });
      assert.ok(result.ok);
    }
    await page.getByTestId('nav-sources').click();
    await cell(page, 'sources-grid', 'Rustem Umerov', 'name').waitFor();
    for (const name of ['Dmitry Peskov', 'Steve Witkoff', 'Rustem Umerov']) await checkRow(page, 'sources-grid', name);
    await page.getByTestId('sources-grid-count').filter({ hasText: '3 selected' }).waitFor();
    await page.getByTestId('sources-grid-bulk-edit').click();
    await page.getByTestId('bulk-defaultReliability').selectOption('D');
    await bench.screenshot('25-bulk-edit');
    await page.getByTestId('bulk-apply').click();
    await page.getByTestId('bulk-edit-dialog').waitFor({ state: 'detached' });
    const grades = Object.fromEntries(store().sources.list().map((source) => [source.name, source.defaultReliability]));
    assert.deepEqual(grades, { 'Dmitry Peskov': 'D', 'Steve Witkoff': 'D', 'Rustem Umerov': 'D', 'Senior Ukrainian official': 'B', Reuters: 'F' });
    await cell(page, 'sources-grid', 'Steve Witkoff', 'defaultReliability').filter({ hasText: /^D/ }).waitFor();
    assert.match(await cell(page, 'sources-grid', 'Steve Witkoff', 'defaultReliability').innerText(), /^D/);

    // One undoable step.
    await page.locator('.grid-footer').first().click();
    await page.keyboard.press('Control+z');
    await page.getByTestId('toast').filter({ hasText: 'Undid:' }).waitFor();
    assert.equal(store().sources.list().filter((source) => source.defaultReliability === 'C').length, 3);
    await page.keyboard.press('Control+y');
    await page.getByTestId('toast').filter({ hasText: 'Redid:' }).waitFor();
    assert.equal(store().sources.list().filter((source) => source.defaultReliability === 'D').length, 3);
  });

  it('merges two parties, keeping the one the analyst picks', async () => {
    const { page } = bench;
    await page.getByTestId('nav-parties').click();
    for (const name of ['Russia', 'Moscow']) {
      await page.getByTestId('party-name').fill(name);
      await page.getByTestId('party-add').click();
      await cell(page, 'parties-grid', name, 'name').waitFor();
    }
    await checkRow(page, 'parties-grid', 'Russia');
    await checkRow(page, 'parties-grid', 'Moscow');
    await page.getByTestId('parties-merge').click();
    await page.getByTestId('merge-dialog').waitFor();
    await page.locator('[data-testid="merge-dialog"] label', { hasText: 'Russia' }).locator('input').check();
    assert.match(await page.getByTestId('merge-summary').innerText(), /Moscow will become an alias of Russia/);
    await bench.screenshot('26-merge-dialog');
    await page.getByTestId('merge-confirm').click();
    await page.getByTestId('merge-dialog').waitFor({ state: 'detached' });
    const parties = store().parties.list();
    assert.equal(parties.find((party) => party.name === 'Moscow'), undefined);
    assert.deepEqual(parties.find((party) => party.name === 'Russia')?.aliases, ['Moscow']);
    await page.waitForFunction(() => !/Moscow/.test([...document.querySelectorAll('[data-testid="parties-grid"] .ag-cell[col-id="name"]')].map((c) => c.textContent).join('|')));
  });

  it('saves a grid’s column layout per case and restores it', async () => {
    const { page } = bench;
    await page.locator('[data-testid="parties-grid"] .ag-header-cell[col-id="name"] .ag-header-cell-label').click();
    await page.waitForFunction(() => true);
    await waitFor(() => /"colId":"name"[^}]*"sort":"asc"/.test(store().settings.get('grid.parties.columns') ?? ''));
    await page.getByTestId('parties-grid-columns').click();
    await page.locator('.column-chooser .menu label', { hasText: 'Colour' }).locator('input').uncheck();
    await waitFor(() => /"colId":"color"[^}]*"hide":true/.test(store().settings.get('grid.parties.columns') ?? ''));
    await page.getByTestId('nav-sources').click();
    await page.getByTestId('nav-parties').click();
    await cell(page, 'parties-grid', 'Russia', 'name').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="parties-grid"] .ag-header-cell[col-id="color"]'));
    assert.equal(await page.locator('[data-testid="parties-grid"] .ag-header-cell[col-id="name"]').getAttribute('aria-sort'), 'ascending');
  });

  it('made no external request and raised no page error', () => {
    assert.deepEqual(bench.errors, []);
  });
});

async function waitFor(condition: () => boolean, timeout = 5000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeout) throw new Error('timed out waiting for the store');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
