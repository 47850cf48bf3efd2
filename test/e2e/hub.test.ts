/**
 * The team hub from the page (browser mode over the bridge): Share to hub… with a password given
 * once, the status in the header, Sync now after a colleague's conflicting edit, the clash list.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createService, type ParleyService } from '../../electron/service/service';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';
import type { Page } from 'playwright-core';
import { openWorkbench, type Workbench } from './harness';

const DB = 'desk';
let bench: Workbench;
let cluster: PostgresCluster;
let ben: ParleyService | null = null;

before(async () => {
  cluster = await startPostgres();
  await cluster.createRole('hub_admin', 'hub_admin-pw', { createRole: true });
  await cluster.createDatabase(DB, 'hub_admin');
  const admin = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  await admin.hub.init(cluster.url('hub_admin', 'hub_admin-pw', DB));
  await admin.dispose();
  for (const role of ['anna', 'ben']) await cluster.createRole(role, `${role}-pw`, { groups: ['parley_analyst'] });
  delete process.env.PGPASSWORD;
  bench = await openWorkbench('hub.parley');
  await bench.service.call('party:create', { name: 'Russia', kind: 'state', aliases: ['Kremlin'], affiliationId: null, color: null, notes: null });
  await bench.page.reload();
});
after(async () => {
  await bench?.close();
  await ben?.dispose();
  await cluster?.destroy();
});

describe('sharing and syncing from the browser', () => {
  it('shares the case, syncs after a colleague edits the same field, and lists the clash with both names', async () => {
    const { page } = bench;
    await page.getByTestId('hub-share-button').click();
    await page.getByTestId('hub-dialog').waitFor();
    await page.getByTestId('hub-url').fill(cluster.url('anna', null, DB));
    await page.getByTestId('hub-analyst').fill('Anna');
    await page.getByTestId('hub-password').fill('wrong');
    await page.getByTestId('hub-submit').click();
    await page.getByTestId('hub-error').getByText(/password/).waitFor();
    await bench.screenshot('hub-share-dialog');
    await page.getByTestId('hub-password').fill('anna-pw');
    // Browser mode keeps it for this session only (the desktop app: in the keychain).
    await page.getByTestId('hub-remember').check();
    await page.getByTestId('hub-submit').click();
    await page.getByTestId('hub-indicator').waitFor();
    assert.match(await page.getByTestId('hub-last-sync').innerText(), /Synced just now/);
    assert.equal(await page.getByTestId('hub-pending').innerText(), '0 pending');

    // Ben clones the case and rewrites Russia's notes; Anna does too, here.
    const { caseId } = bench.service.hub.status();
    await bench.service.hub.addMember(cluster.url('anna', 'anna-pw', DB), caseId!, { role: 'ben', displayName: 'Ben', access: 'editor' });
    ben = createService({ backups: { onOpen: false, everyMinutes: 0 } });
    await ben.hub.clone({ url: cluster.url('ben', 'ben-pw', DB), caseId: caseId!, path: join(tempDir('parley-e2e-hub-'), 'ben.parley') });
    const russia = (await ben.call('party:list', {})).find((party) => party.name === 'Russia')!;
    await ben.call('party:update', { id: russia.id, patch: { notes: 'open to a freeze' } });
    await ben.hub.sync({ password: 'ben-pw' });
    await bench.service.call('party:update', { id: russia.id, patch: { notes: 'demands Donetsk' } });
    await page.getByTestId('hub-pending').getByText(/^[1-9]\d* pending$/).waitFor();

    await page.getByTestId('hub-sync-button').click();
    await page.getByTestId('toast').getByText(/Synced: [1-9]\d* pushed, [1-9]\d* pulled, 1 clash to review/).waitFor();
    await page.getByTestId('hub-clashes').getByText('1 clash').waitFor();
    await bench.screenshot('hub-status');
    await page.getByTestId('hub-clashes').click();
    const row = page.getByTestId('clash-row');
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Russia/);
    assert.match(text, /Notes/);
    assert.match(text, /Anna/);
    assert.match(text, /Ben/);
    await bench.screenshot('hub-clashes');
    assert.deepEqual(bench.errors, []);
  });

  it("names who added each source, concession and stance, filters the grids and the history by analyst", async () => {
    const { page } = bench;
    await page.keyboard.press('Escape');
    await page.getByTestId('clashes-panel').waitFor({ state: 'detached' });
    // Anna adds a source here; Ben, on his copy, a source, a concession and Russia's stance on it.
    await bench.service.call('source:create', { name: 'Dmitry Peskov', role: 'Kremlin spokesman', partyId: null, anonymous: false, defaultReliability: 'B', notes: null });
    const russia = (await ben!.call('party:list', {})).find((party) => party.name === 'Russia')!;
    await ben!.call('source:create', { name: 'Senior US official', role: null, partyId: null, anonymous: true, defaultReliability: 'C', notes: null });
    const freeze = await ben!.call('concession:create', {
      title: 'Freeze along the contact line',
      issueAreaId: null,
      concedingPartyId: null,
      beneficiaryPartyId: null,
      proposedByPartyId: russia.id,
      status: 'proposed',
      planPointId: null,
      description: null,
    });
    await ben!.call('concession:set-stance', { concessionId: freeze.id, partyId: russia.id, stance: 'demands', asOf: '2025-11-24' });
    await ben!.hub.sync({ password: 'ben-pw' });
    await page.getByTestId('hub-sync-button').click();
    await page.getByTestId('toast').getByText(/Synced: [1-9]\d* pushed, [1-9]\d* pulled/).waitFor();

    await page.getByTestId('nav-sources').click();
    const sources = page.getByTestId('sources-grid');
    await sources.locator('.ag-cell[col-id="createdBy"]', { hasText: 'Ben' }).waitFor();
    await sources.locator('.ag-cell[col-id="createdBy"]', { hasText: 'Anna' }).waitFor();
    await page.getByTestId('sources-grid-count').getByText('2 of 2 sources').waitFor();
    const picker = page.getByTestId('sources-grid-analyst');
    await picker.selectOption({ label: 'Ben' });
    await page.getByTestId('sources-grid-count').getByText('1 of 2 sources').waitFor();
    await sources.locator('.ag-cell[col-id="name"]', { hasText: 'Dmitry Peskov' }).waitFor({ state: 'detached' });
    assert.deepEqual(await sources.locator('.ag-cell[col-id="name"]').allInnerTexts(), ['Senior US official']);
    await bench.screenshot('hub-analyst-sources');
    await picker.selectOption({ label: 'Every analyst' });
    await page.getByTestId('sources-grid-count').getByText('2 of 2 sources').waitFor();

    await page.getByTestId('nav-concessions').click();
    const concessions = page.getByTestId('concessions-grid');
    await concessions.locator('.ag-cell[col-id="createdBy"]', { hasText: 'Ben' }).waitFor();
    await concessions.locator('.ag-cell[col-id="evidenceCount"]').first().dblclick();
    const stance = page.getByTestId('detail-stances').locator('tr', { hasText: 'Russia' });
    await stance.waitFor();
    assert.equal(await stance.getByTestId('stance-analyst').innerText(), 'Ben');
    await bench.screenshot('hub-analyst-stances');

    await page.getByTestId('nav-matrix').click();
    const chart = page.getByTestId('matrix-chart');
    await chart.waitFor();
    await page.waitForTimeout(300); // the canvas paints on the next frame
    await clickCell(page, 0, 0);
    await page.getByTestId('matrix-evidence-analyst').getByText('by Ben').waitFor();
    await bench.screenshot('hub-analyst-matrix-evidence');

    await page.getByTestId('nav-history').click();
    const history = page.getByTestId('history-grid');
    await history.locator('.ag-cell[col-id="analysts"]', { hasText: 'Ben' }).first().waitFor();
    await history.locator('.ag-cell[col-id="label"]', { hasText: 'Create source "Dmitry Peskov"' }).waitFor();
    await bench.screenshot('hub-analyst-history');
    await page.getByTestId('history-analyst').selectOption({ label: 'Ben' });
    await history.locator('.ag-cell[col-id="label"]', { hasText: 'Create source "Dmitry Peskov"' }).waitFor({ state: 'detached' });
    const analysts = await history.locator('.ag-cell[col-id="analysts"]').allInnerTexts();
    assert.ok(analysts.length > 0 && analysts.every((text) => text.includes('Ben')), analysts.join(' | '));
    await bench.screenshot('hub-analyst-history-ben');
    assert.deepEqual(bench.errors, []);
  });
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
