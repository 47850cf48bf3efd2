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
});
