import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { cell, importFiles, openWorkbench, type Workbench } from './harness';

const FIXTURES = resolve(fileURLToPath(new URL('../fixtures/articles', import.meta.url)));
const TITLE = 'Ukraine, U.S. negotiators narrow gaps on 28-point plan in Geneva';

let bench: Workbench;
const store = () => bench.service.session.current();
const storedTitle = () => store().documents.list().find((document) => document.title?.includes('narrow gaps'))?.title;
const editors = () => bench.page.locator('.ag-cell-inline-editing, .ag-popup-editor').count();

before(async () => {
  bench = await openWorkbench('grid-keys.parley');
  await importFiles(bench.page, [join(FIXTURES, 'html', 'wire-jsonld.html')]);
});
after(async () => {
  await bench?.close();
});

describe('opening a record from a grid never starts an edit', () => {
  it('double-clicking a document’s title opens the reader, and the next key press lands in the reader, not the title', async () => {
    const { page } = bench;
    await cell(page, 'documents-grid', 'narrow gaps', 'title').dblclick();
    await page.getByTestId('reader-text').waitFor();
    assert.equal(await editors(), 0, 'no cell editor is open');
    await page.keyboard.press('p');
    await page.keyboard.type('xyz');
    // Clicking into the article used to commit whatever the editor held.
    await page.getByTestId('reader-text').click();
    await page.getByTestId('reader-title').click();
    assert.equal(await editors(), 0);
    assert.equal(storedTitle(), TITLE);
    assert.equal(await cell(page, 'documents-grid', 'narrow gaps', 'title').innerText(), TITLE);
    await bench.screenshot('50-reader-opened-by-double-click');
  });

  it('a letter typed on a focused cell does not overwrite it; Enter still edits the cell on purpose', async () => {
    const { page } = bench;
    await cell(page, 'documents-grid', 'narrow gaps', 'outlet').click();
    await page.keyboard.press('p');
    assert.equal(await editors(), 0);
    assert.equal(store().documents.list()[0]?.outlet, 'Reuters');
    await page.keyboard.press('Enter');
    await page.locator('.ag-cell-inline-editing').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Reuters (Geneva)');
    await page.keyboard.press('Enter');
    await cell(page, 'documents-grid', 'narrow gaps', 'outlet').filter({ hasText: 'Reuters (Geneva)' }).waitFor();
    assert.equal(store().documents.list()[0]?.outlet, 'Reuters (Geneva)');
  });

  it('refuses to erase a document’s title, and says why', async () => {
    const { page } = bench;
    await cell(page, 'documents-grid', 'narrow gaps', 'title').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Enter');
    await page.getByTestId('grid-error').filter({ hasText: 'Not saved: Title must not be empty' }).waitFor();
    assert.equal(storedTitle(), TITLE);
    await bench.screenshot('55-documents-empty-title-refused');
  });

  it('in the Parties grid, double-clicking a figure opens the detail without an editor; double-clicking a name still edits it', async () => {
    const { page } = bench;
    await bench.service.dispatch('party:create', { name: 'Russia', kind: 'state' });
    await page.getByTestId('nav-parties').click();
    await cell(page, 'parties-grid', 'Russia', 'mentionCount').dblclick();
    await page.getByTestId('detail-panel').waitFor();
    assert.equal(await editors(), 0);
    await page.keyboard.type('pz');
    assert.deepEqual(store().parties.list().map((party) => party.name), ['Russia']);
    await cell(page, 'parties-grid', 'Russia', 'name').dblclick();
    await page.locator('.ag-cell-inline-editing').waitFor();
    await page.keyboard.press('Escape');
  });

  it('in the Annotations grid, double-clicking a quote opens it in the reader without an editor', async () => {
    const { page } = bench;
    const document = store().documents.list()[0]!;
    const text = store().documents.get(document.id).text;
    const exact = 'a senior Ukrainian official';
    const start = text.indexOf(exact);
    const created = await bench.service.dispatch('annotation:create', {
      documentId: document.id,
      type: 'note',
      note: 'who is this?',
      selector: { exact, prefix: text.slice(Math.max(0, start - 20), start), suffix: text.slice(start + exact.length, start + exact.length + 20), start, end: start + exact.length },
    });
    assert.ok(created.ok);
    await page.getByTestId('nav-annotations').click();
    await cell(page, 'annotations-grid', exact, 'exact').dblclick();
    await page.getByTestId('reader-text').waitFor();
    assert.equal(await editors(), 0);
    await page.keyboard.type('pn');
    const [note] = store().annotations.list({ limit: 10, offset: 0 }).rows;
    assert.equal(note?.note, 'who is this?');
    assert.equal(storedTitle(), TITLE);
  });

  it('made no external request and raised no page error', () => {
    assert.deepEqual(bench.errors, []);
  });
});
