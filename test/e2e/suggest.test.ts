// Reviewing suggestions with the keyboard: import an article, Parley proposes its parties, quotes
// and demands; accept three, reject one, suggest again and the rejected one stays gone; undo brings a
// rejection back (a bulk one in one step).
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { cell, importFiles, openWorkbench, type Workbench } from './harness';

const FIXTURES = resolve(fileURLToPath(new URL('../fixtures/suggest', import.meta.url)));
const TITLE = 'US, Ukraine report progress on peace plan';

let bench: Workbench;
const store = () => bench.service.session.current();
const pendingTexts = () => store().suggestions.list({ state: 'pending', limit: 5000, offset: 0 }).rows.map((row) => `${row.kind}:${row.text}`);
const entries = () => bench.page.getByTestId('suggestion-entry');
const currentEntry = () => bench.page.locator('[data-testid="suggestion-entry"].selected');

before(async () => {
  bench = await openWorkbench('suggest.parley');
  await importFiles(bench.page, [join(FIXTURES, '01-wire-geneva-talks.txt')]);
  await bench.page.getByTestId('import-close').click();
});
after(async () => {
  await bench?.close();
});

describe('reviewing suggestions', () => {
  it('proposes suggestions after import: the Documents grid counts them, nothing is an annotation yet', async () => {
    const { page } = bench;
    await bench.service.suggestions.idle();
    const pending = store().suggestions.pendingCounts()[0]?.pending ?? 0;
    assert.ok(pending > 10, `${pending} pending`);
    await page.waitForFunction(
      (count) => document.querySelector('[data-testid="documents-grid"] .ag-cell[col-id="pendingSuggestions"]')?.textContent === String(count),
      pending,
    );
    await bench.screenshot('59-documents-to-review');
    assert.equal(store().counts().annotations, 0);
  });

  it('shows them in the reader grouped by kind, dashed in the text, and walks them with J and K', async () => {
    const { page } = bench;
    await cell(page, 'documents-grid', TITLE, 'title').dblclick();
    await entries().first().waitFor();
    for (const kind of ['party', 'attribution', 'concession']) await page.getByTestId(`suggestion-group-${kind}`).waitFor();
    assert.ok((await page.locator('[data-testid="reader-text"] mark.sg').count()) > 10, 'suggested spans underlined in the text');
    assert.equal(await page.locator('[data-testid="reader-text"] mark.hl').count(), 0, 'none looks like an annotation');
    await bench.screenshot('60-suggestions-panel');

    await page.keyboard.press('j');
    await currentEntry().waitFor();
    const first = await currentEntry().getAttribute('data-suggestion-id');
    await page.keyboard.press('j');
    assert.notEqual(await currentEntry().getAttribute('data-suggestion-id'), first);
    await page.keyboard.press('k');
    assert.equal(await currentEntry().getAttribute('data-suggestion-id'), first);
    assert.equal(await page.locator('[data-testid="reader-text"] mark.sg-current').count() > 0, true, 'its words marked in the text');
    await bench.screenshot('61-suggestion-under-review');
  });

  it('E opens the A/P/C form prefilled with the proposal; Escape leaves it pending', async () => {
    const { page } = bench;
    const before = pendingTexts().length;
    await page.keyboard.press('e');
    await page.getByTestId('selection-panel').waitFor();
    assert.ok((await page.getByTestId('field-party').inputValue()).length > 0, 'the proposed party is filled in');
    await bench.screenshot('62-edit-then-accept');
    await page.keyboard.press('Escape');
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
    assert.equal(pendingTexts().length, before);
  });

  it('accepts three with Enter and rejects one with X; accepted ones become annotations', async () => {
    const { page } = bench;
    const accepted: string[] = [];
    for (let n = 0; n < 3; n++) {
      const id = (await currentEntry().getAttribute('data-suggestion-id'))!;
      const annotationsBefore = store().counts().annotations ?? 0;
      await page.keyboard.press('Enter');
      await page.waitForFunction((done) => !document.querySelector(`[data-suggestion-id="${done}"]`), id);
      assert.ok((store().counts().annotations ?? 0) > annotationsBefore, 'an annotation was made');
      assert.equal(store().suggestions.get(id).state, 'accepted');
      accepted.push(id);
      await currentEntry().waitFor();
    }
    // Walk to an attribution and reject it.
    while (!(await currentEntry().getAttribute('data-suggestion-id').then((id) => store().suggestions.get(id!).kind === 'attribution'))) await page.keyboard.press('j');
    const rejectedId = (await currentEntry().getAttribute('data-suggestion-id'))!;
    const rejected = store().suggestions.get(rejectedId);
    await page.keyboard.press('x');
    await page.waitForFunction((done) => !document.querySelector(`[data-suggestion-id="${done}"]`), rejectedId);
    assert.equal(store().suggestions.get(rejectedId).state, 'rejected');
    await page.locator('[data-testid="reader-text"] mark.hl').first().waitFor();
    await bench.screenshot('63-after-accept-and-reject');

    // Suggest again: the rejected one stays gone, the accepted ones are not proposed twice.
    await page.getByTestId('suggest-document').click();
    await bench.service.suggestions.idle();
    await page.getByTestId('suggest-document').filter({ hasText: /^Suggest$/ }).waitFor();
    assert.ok(!pendingTexts().includes(`attribution:${rejected.text}`), 'the rejected quote is not proposed again');
    const acceptedKeys = accepted.map((id) => store().suggestions.get(id).key);
    const pendingKeys = store().suggestions.list({ state: 'pending', limit: 5000, offset: 0 }).rows.map((row) => row.key);
    assert.ok(acceptedKeys.every((key) => !pendingKeys.includes(key)), 'accepted ones are not proposed again');
    assert.equal(await page.locator(`[data-suggestion-id]`, { hasText: rejected.text.slice(0, 40) }).count(), 0);

    // Only what was accepted is in the Annotations grid.
    await page.getByTestId('nav-annotations').click();
    await page.locator('[data-testid="annotations-grid"] .ag-row').first().waitFor();
    const annotationCount = store().counts().annotations;
    await page.getByTestId('annotations-grid-count').filter({ hasText: new RegExp(`\\b${annotationCount} annotation`) }).waitFor();
  });

  it('undo takes the rejection back, then an accept: each suggestion is pending again', async () => {
    const { page } = bench;
    const waitForPending = async (count: number) => {
      for (let tries = 0; tries < 50 && pendingTexts().length !== count; tries++) await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
      assert.equal(pendingTexts().length, count);
    };
    const before = pendingTexts().length;
    const rejected = store().suggestions.list({ state: 'rejected', limit: 10, offset: 0 }).rows[0]!;
    await page.keyboard.press('Control+z');
    await waitForPending(before + 1);
    assert.equal(store().suggestions.get(rejected.id).state, 'pending', 'the rejected quote is pending again');
    await page.keyboard.press('Control+z');
    await waitForPending(before + 2);
  });

  it('lists every pending suggestion in the review queue, and bulk-rejects a selection', async () => {
    const { page } = bench;
    await page.getByTestId('nav-suggestions').click();
    await page.locator('[data-testid="suggestions-grid"] .ag-row').first().waitFor();
    const total = pendingTexts().length;
    await page.getByTestId('suggestions-grid-count').filter({ hasText: `${total} pending` }).waitFor();
    await bench.screenshot('64-review-queue');
    const rows = page.locator('[data-testid="suggestions-grid"] .ag-row .ag-selection-checkbox input');
    await rows.nth(0).check();
    await rows.nth(1).check();
    await page.getByTestId('queue-reject').click();
    await page.getByTestId('suggestions-grid-count').filter({ hasText: `${total - 2} pending` }).waitFor();
    // One undo step brings the whole bulk rejection back.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await page.getByTestId('suggestions-grid-count').filter({ hasText: `${total} pending` }).waitFor();
    await bench.screenshot('64b-bulk-reject-undone');
    assert.deepEqual(bench.errors, []);
  });
});
