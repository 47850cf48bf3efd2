/**
 * The hub as the page reaches it (contract channels, the same calls IPC and the bridge make):
 * share with a password given once, sync from the credential store, status (last sync, pending,
 * clashes), the clash list with who set what; no password in the case file; bad input refused.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { createService, type ParleyService } from '../../electron/service/service';
import { creditLine } from '../../electron/service/exports';
import { GENEVA, span } from '../unit/store/helpers/case-fixtures';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';

const DB = 'desk';
let cluster: PostgresCluster;
const dir = tempDir('parley-hub-desktop-');
/** Addresses as an analyst types them: no password inside. */
const address = (role: string) => cluster.url(role, null, DB);
const open: ParleyService[] = [];

before(async () => {
  cluster = await startPostgres();
  await cluster.createRole('hub_admin', 'hub_admin-pw', { createRole: true });
  await cluster.createDatabase(DB, 'hub_admin');
  const service = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  await service.hub.init(cluster.url('hub_admin', 'hub_admin-pw', DB));
  await service.dispose();
  for (const role of ['anna', 'ben']) await cluster.createRole(role, `${role}-secret-pw`, { groups: ['parley_analyst'] });
  delete process.env.PGPASSWORD;
});
after(async () => {
  for (const service of open) await service.dispose();
  await cluster?.destroy();
});

function newService(): ParleyService {
  const service = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  open.push(service);
  return service;
}

describe('hub channels', () => {
  it('share, sync, status and clashes through the contract; the password is never in the case file', async () => {
    const anna = newService();
    const annaPath = join(dir, 'anna.parley');
    anna.session.create(annaPath);
    const russia = await anna.call('party:create', { name: 'Russia', kind: 'state', aliases: ['Kremlin'], affiliationId: null, color: null, notes: null });

    const before = await anna.call('hub:status', {});
    assert.equal(before.shared, false);
    assert.equal(before.credentials, 'pgpass');
    assert.ok(before.pending > 0, 'the unshared case has operations waiting');

    const refused = await anna.dispatch('hub:share', { url: 'http://example.org/desk' });
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.match(refused.error.message, /PostgreSQL address/);
    const wrong = await anna.dispatch('hub:share', { url: address('anna'), password: 'not-it' });
    assert.equal(wrong.ok, false);
    if (!wrong.ok) assert.equal(wrong.error.code, 'unauthorized');

    const shared = await anna.call('hub:share', { url: address('anna'), analystName: 'Anna K.', password: 'anna-secret-pw', remember: true });
    assert.ok(shared.pushed > 0);
    const status = await anna.call('hub:status', {});
    assert.deepEqual([status.shared, status.caseId, status.pending, status.clashes, status.passwordKnown, status.analyst.name], [true, shared.caseId, 0, 0, true, 'Anna K.']);
    assert.ok(status.lastSyncAt && status.lastSyncError === null);
    assert.equal(status.hub, address('anna'));

    await anna.hub.addMember(address('anna'), shared.caseId, { role: 'ben', displayName: 'Ben', access: 'editor' }, { password: 'anna-secret-pw' });
    const ben = newService();
    await ben.hub.clone({ url: address('ben'), caseId: shared.caseId, path: join(dir, 'ben.parley'), password: 'ben-secret-pw' });

    // Both rewrite the party's notes offline: one clash, listed with both names.
    await anna.call('party:update', { id: russia.id, patch: { notes: 'demands Donetsk' } });
    await ben.call('party:update', { id: russia.id, patch: { notes: 'open to a freeze' } });
    assert.equal((await anna.call('hub:status', {})).pending > 0, true);
    // Anna's password comes from the store; Ben's sync without one is refused as a password problem.
    await anna.call('hub:sync', {});
    const noPassword = await ben.dispatch('hub:sync', {});
    assert.equal(noPassword.ok, false);
    if (!noPassword.ok) assert.match(noPassword.error.message, /password/i);
    assert.match((await ben.call('hub:status', {})).lastSyncError ?? '', /password/i);
    const benSync = await ben.call('hub:sync', { password: 'ben-secret-pw' });
    assert.ok(benSync.pulled > 0 && benSync.clashes === 1);
    await anna.call('hub:sync', {});

    for (const service of [anna, ben]) {
      const [clash] = await service.call('hub:clashes', {});
      assert.ok(clash);
      assert.deepEqual([clash.aggregate, clash.label, clash.field, clash.kind], ['party', 'Russia', 'notes', 'both_changed']);
      assert.deepEqual([clash.kept!.analyst, ...clash.lost.map((side) => side.analyst)].sort(), ['Anna K.', 'Ben']);
      assert.deepEqual([clash.kept!.value, ...clash.lost.map((side) => side.value)].sort(), ['demands Donetsk', 'open to a freeze']);
      const after = await service.call('hub:status', {});
      assert.deepEqual([after.pending, after.clashes, after.lastSyncError], [0, 1, null]);
    }
    anna.session.close();
    assert.equal(readFileSync(annaPath).includes('anna-secret-pw'), false, 'no password in the case file');
  });

  it('refuses malformed hub input without touching the case', async () => {
    const service = newService();
    service.session.create(join(dir, 'fuzz.parley'));
    for (const input of [null, 1, { url: 5 }, { url: 'postgres://x', extra: 1 }, { url: 'postgres://x', password: 'p'.repeat(2000) }, { url: 'ftp://x' }]) {
      const result = await service.dispatch('hub:share', input);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.code, 'invalid_input');
    }
    const unshared = await service.dispatch('hub:sync', {});
    assert.equal(unshared.ok, false);
    if (!unshared.ok) assert.equal(unshared.error.code, 'not_found');
    assert.equal((await service.call('hub:status', {})).shared, false);
  });

  it('shows who made each annotation, filters by analyst, and credits analysts in the report', async () => {
    const anna = newService();
    anna.session.create(join(dir, 'credit-anna.parley'));
    const store = anna.session.current();
    const bytes = new TextEncoder().encode(GENEVA);
    const [outcome] = store.documents.insertImported({ fileName: 'geneva.txt', sha256: createHash('sha256').update(bytes).digest('hex'), bytes }, [
      { title: 'Geneva talks', byline: null, outlet: 'Wire', publishedAt: '2025-11-23T10:00:00Z', publishedPrecision: 'second', url: null, language: 'en', format: 'text', label: 'geneva.txt', sourcePath: null, text: GENEVA, html: null, contentHash: createHash('sha256').update(GENEVA).digest('hex'), minhash: null, bandKeys: [], nearDuplicateOf: null },
    ]);
    const documentId = (outcome as { documentId: string }).documentId;
    await anna.call('annotation:create', { documentId, type: 'note', selector: span(GENEVA, 'Russia'), note: 'Anna reads it so' });
    const { caseId } = await anna.call('hub:share', { url: address('anna'), analystName: 'Anna', password: 'anna-secret-pw', remember: true });
    await anna.hub.addMember(address('anna'), caseId, { role: 'ben', displayName: 'Ben', access: 'editor' }, { password: 'anna-secret-pw' });
    const ben = newService();
    await ben.hub.clone({ url: address('ben'), caseId, path: join(dir, 'credit-ben.parley'), password: 'ben-secret-pw' });
    for (let index = 0; index < 2; index++) await ben.call('annotation:create', { documentId, type: 'note', selector: span(GENEVA, 'Russia'), note: `Ben ${index}` });
    await ben.call('hub:sync', { password: 'ben-secret-pw' });
    await anna.call('hub:sync', {});

    const page = await anna.call('annotation:list', {});
    assert.deepEqual(page.rows.map((row) => row.createdBy).sort(), ['Anna', 'Ben', 'Ben']);
    const analysts = await anna.call('analyst:list', {});
    assert.deepEqual(analysts.map((analyst) => analyst.name).sort(), ['Anna', 'Ben']);
    const benId = analysts.find((analyst) => analyst.name === 'Ben')!.id;
    const bens = await anna.call('annotation:list', { analystId: benId });
    assert.deepEqual([bens.total, bens.rows.every((row) => row.createdById === benId)], [2, true]);
    const report = await anna.call('report:render', { format: 'md', creditAnalysts: true });
    assert.match(Buffer.from(report.dataBase64, 'base64').toString('utf8'), /\*\*Analysts:\*\* Ben \(2 annotations\), Anna \(1 annotation\)/);
    const plain = await anna.call('report:render', { format: 'md' });
    assert.doesNotMatch(Buffer.from(plain.dataBase64, 'base64').toString('utf8'), /Analysts:/);
    assert.equal(creditLine([{ name: 'Zoe', annotations: 0 }]), null);
  });
});
