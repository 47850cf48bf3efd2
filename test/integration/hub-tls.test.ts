/**
 * TLS to the hub, as the README tells a team to connect: a server that takes analysts only over
 * TLS, reached with `sslmode=verify-full&sslrootcert=<the CA>`. Parley shares, clones and syncs a
 * case that way; without TLS the server turns it away; against a CA that did not sign the server's
 * certificate the connection is refused with a message that says so.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Hub } from '../../electron/hub/hub';
import { createService } from '../../electron/service/service';
import { startPostgres, strangerCa, type PostgresCluster } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';

let cluster: PostgresCluster;
const DB = 'desk';
const dir = tempDir('parley-hub-tls-');
const tls = (url: string, ca = cluster.caFile!) => `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`;
const url = (role: string) => cluster.url(role, `${role}-pw`, DB);

before(async () => {
  cluster = await startPostgres({ tls: true });
  await cluster.createRole('hub_admin', 'hub_admin-pw', { createRole: true });
  await cluster.createDatabase(DB, 'hub_admin');
  await Hub.init(tls(url('hub_admin')));
  for (const role of ['anna', 'ben']) await cluster.createRole(role, `${role}-pw`, { groups: ['parley_analyst'] });
});
after(async () => cluster?.destroy());

describe('the hub over TLS', () => {
  it('shares, clones and syncs a case with sslmode=verify-full and the CA', async () => {
    const anna = createService({ backups: { onOpen: false, everyMinutes: 0 } });
    const ben = createService({ backups: { onOpen: false, everyMinutes: 0 } });
    try {
      anna.session.create(join(dir, 'anna.parley'));
      await anna.call('party:create', { name: 'Russia', kind: 'state', aliases: ['Kremlin'], affiliationId: null, color: null, notes: null });
      const shared = await anna.hub.share({ url: tls(url('anna')), analystName: 'Anna' });
      await anna.hub.addMember(tls(url('anna')), shared.caseId, { role: 'ben', displayName: 'Ben', access: 'editor' });
      const cloned = await ben.hub.clone({ url: tls(url('ben')), caseId: shared.caseId, path: join(dir, 'ben.parley') });
      assert.ok(cloned.pulled > 0);
      assert.deepEqual((await ben.call('party:list', {})).map((party) => party.name), ['Russia']);
      // The case keeps the address with its TLS settings (and without the password) for the next sync.
      assert.match(ben.hub.status().hub ?? '', /sslmode=verify-full/);
      assert.doesNotMatch(ben.hub.status().hub ?? '', /ben-pw/);
      await ben.call('party:create', { name: 'Ukraine', kind: 'state', aliases: [], affiliationId: null, color: null, notes: null });
      assert.ok((await ben.hub.sync({ password: 'ben-pw' })).pushed > 0);
      assert.ok((await anna.hub.sync({ password: 'anna-pw' })).pulled > 0);
      assert.deepEqual((await anna.call('party:list', {})).map((party) => party.name).sort(), ['Russia', 'Ukraine']);
    } finally {
      await anna.dispose();
      await ben.dispose();
    }
  });

  it('is turned away without TLS, and refuses a server certificate its CA did not sign', async () => {
    await assert.rejects(Hub.open(url('anna')), /refused the connection|no pg_hba\.conf entry|no encryption/i);
    await assert.rejects(Hub.open(tls(url('anna'), strangerCa(dir))), /TLS certificate was not accepted/);
    // Over TLS, with the right CA, the same analyst is in.
    const hub = await Hub.open(tls(url('anna')));
    try {
      assert.equal((await hub.cases()).length, 1);
    } finally {
      await hub.close();
    }
  });
});
