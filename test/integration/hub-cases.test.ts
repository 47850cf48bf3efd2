/**
 * The attack tests on real case files: three analysts edit one shared case offline and sync in
 * every order; the CLI is killed with SIGKILL mid-push and mid-pull; a non-member is refused.
 * Converged means equal canonical dumps of the case files (every record and clash).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rawDatabase } from '../../electron/store/raw-database';
import { SYNC_TABLES } from '../../electron/store/sync-schema';
import { createService, type ParleyService } from '../../electron/service/service';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';
import { createHash } from 'node:crypto';
import type { Store } from '../../electron/store/index';
import { GENEVA, span } from '../unit/store/helpers/case-fixtures';

/** An imported article as the import path stores it: the original with its real sha256. */
function addDocument(store: Store, text: string): string {
  const bytes = new TextEncoder().encode(text);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [outcome] = store.documents.insertImported({ fileName: 'geneva.txt', sha256, bytes }, [
    {
      title: 'Geneva talks',
      byline: null,
      outlet: 'Reuters',
      publishedAt: '2025-11-23T10:00:00Z',
      publishedPrecision: 'second',
      url: null,
      language: 'en',
      format: 'text',
      label: 'geneva.txt',
      sourcePath: null,
      text,
      html: null,
      contentHash: createHash('sha256').update(text).digest('hex'),
      minhash: null,
      bandKeys: [],
      nearDuplicateOf: null,
    },
  ]);
  if (outcome?.status !== 'imported') throw new Error('fixture document was not imported');
  return outcome.documentId;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DB = 'desk';
let cluster: PostgresCluster;
const dir = tempDir('parley-hub-cases-');
const url = (role: string) => cluster.url(role, `${role}-pw`, DB);

before(async () => {
  cluster = await startPostgres();
  await cluster.createRole('hub_admin', 'hub_admin-pw', { createRole: true });
  await cluster.createDatabase(DB, 'hub_admin');
  const service = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  await service.hub.init(url('hub_admin'));
  await service.dispose();
  for (const role of ['anna', 'ben', 'carla', 'mallory']) await cluster.createRole(role, `${role}-pw`, { groups: ['parley_analyst'] });
});
after(async () => cluster?.destroy());

const open: ParleyService[] = [];
after(async () => {
  for (const service of open) await service.dispose();
});

function newService(): ParleyService {
  const service = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  open.push(service);
  return service;
}

/** Every record and clash of a case, in one string: equal exactly when two case files hold the same case. */
function canonicalDump(service: ParleyService): string {
  const db = rawDatabase(service.session.current());
  const dump: Record<string, unknown> = {};
  for (const spec of SYNC_TABLES) {
    dump[spec.table] = db.prepare(`SELECT * FROM ${spec.table} ORDER BY id`).all();
    if (spec.child) dump[spec.child.table] = db.prepare(`SELECT * FROM ${spec.child.table} ORDER BY 1, 2`).all();
  }
  dump.clashes = db.prepare('SELECT * FROM clashes ORDER BY aggregate, record_id, field, kind').all();
  dump.operations = db.prepare('SELECT op_id FROM operations ORDER BY op_id').all();
  return JSON.stringify(dump, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value));
}

let caseCounter = 0;

/** Anna shares a case (a document, two parties, a source, an annotation); Ben and Carla clone it. */
async function desk() {
  caseCounter++;
  const anna = newService();
  anna.session.create(join(dir, `anna-${caseCounter}.parley`));
  const documentId = addDocument(anna.session.current(), GENEVA);
  const russia = await anna.call('party:create', { name: 'Russia', kind: 'state', aliases: ['Kremlin'], affiliationId: null, color: null, notes: null });
  const ukraine = await anna.call('party:create', { name: 'Ukraine', kind: 'state', aliases: ['Kyiv'], affiliationId: null, color: null, notes: null });
  const official = await anna.call('source:create', { name: 'Senior US official', role: 'official', partyId: null, anonymous: true, defaultReliability: 'C', notes: null });
  const annotation = await anna.call('annotation:create', { documentId, type: 'party_mention', selector: span(GENEVA, 'Russia'), partyId: russia.id });
  const { caseId } = await anna.hub.share({ url: url('anna'), analystName: 'Anna' });
  await anna.hub.addMember(url('anna'), caseId, { role: 'ben', displayName: 'Ben', access: 'editor' });
  await anna.hub.addMember(url('anna'), caseId, { role: 'carla', displayName: 'Carla', access: 'editor' });
  const ben = newService();
  await ben.hub.clone({ url: url('ben'), caseId, path: join(dir, `ben-${caseCounter}.parley`) });
  const carla = newService();
  await carla.hub.clone({ url: url('carla'), caseId, path: join(dir, `carla-${caseCounter}.parley`) });
  return { services: { anna, ben, carla }, caseId, ids: { documentId, russia: russia.id, ukraine: ukraine.id, official: official.id, annotation: annotation.id } };
}

/** Offline, each on their own: the same field, different fields of one record, a delete against an edit, new work. */
async function offlineWork(services: Record<'anna' | 'ben' | 'carla', ParleyService>, ids: Awaited<ReturnType<typeof desk>>['ids']) {
  await services.anna.call('party:update', { id: ids.russia, patch: { notes: 'demands Donetsk' } });
  await services.ben.call('party:update', { id: ids.russia, patch: { notes: 'demands Donetsk and Luhansk' } });
  await services.carla.call('party:update', { id: ids.russia, patch: { notes: "O'Brien\"; DROP TABLE parties; --" } });
  await services.anna.call('party:update', { id: ids.ukraine, patch: { color: '#0057b7' } });
  await services.ben.call('party:update', { id: ids.ukraine, patch: { aliases: ['Kyiv', 'Kiev'] } });
  await services.carla.call('source:delete', { id: ids.official });
  await services.ben.call('source:update', { id: ids.official, patch: { defaultReliability: 'B' } });
  await services.ben.call('party:create', { name: 'European Union', kind: 'bloc', aliases: ['EU', 'Brussels'], affiliationId: null, color: null, notes: null });
  await services.anna.call('annotation:update', { id: ids.annotation, patch: { note: 'Moscow rejects the plan' } });
}

const ORDERS = [
  ['anna', 'ben', 'carla'],
  ['anna', 'carla', 'ben'],
  ['ben', 'anna', 'carla'],
  ['ben', 'carla', 'anna'],
  ['carla', 'anna', 'ben'],
  ['carla', 'ben', 'anna'],
] as const;

describe('three analysts, three case files, one shared case', () => {
  for (const order of ORDERS) {
    it(`converge to the same case syncing in the order ${order.join(', ')}, and lose nothing`, async () => {
      const { services, ids } = await desk();
      await offlineWork(services, ids);
      for (const round of [1, 2]) {
        for (const name of order) {
          process.env.PGPASSWORD = `${name}-pw`;
          const result = await services[name].hub.sync();
          if (round === 1) assert.ok(result.pushed > 0, `${name} pushed their offline work`);
        }
      }
      delete process.env.PGPASSWORD;
      const dumps = Object.values(services).map(canonicalDump);
      assert.equal(dumps[1], dumps[0], 'Ben holds what Anna holds');
      assert.equal(dumps[2], dumps[0], 'Carla holds what Anna holds');

      const anna = services.anna;
      const parties = await anna.call('party:list', {});
      const russia = parties.find((party) => party.id === ids.russia)!;
      const ukraine = parties.find((party) => party.id === ids.ukraine)!;
      // Different fields: both kept. Same field: one shows, the others are listed.
      assert.deepEqual([ukraine.color, [...ukraine.aliases].sort()], ['#0057b7', ['Kiev', 'Kyiv']]);
      const clashes = anna.session.current().operations.clashes();
      const notes = clashes.find((clash) => clash.recordId === ids.russia && clash.field === 'notes')!;
      assert.equal(notes.kind, 'both_changed');
      assert.deepEqual([notes.kept!.value, ...notes.lost.map((side) => side.value)].sort(), ['demands Donetsk', 'demands Donetsk and Luhansk', "O'Brien\"; DROP TABLE parties; --"].sort());
      assert.equal(russia.notes, notes.kept!.value);
      // The delete wins; Ben's edit of the deleted source is kept and listed.
      assert.equal((await anna.call('source:list', {})).some((source) => source.id === ids.official), false);
      const deleted = clashes.find((clash) => clash.recordId === ids.official && clash.kind === 'edited_deleted');
      assert.equal(deleted?.lost[0]?.value, 'B');
      assert.ok(parties.some((party) => party.name === 'European Union'), 'new work travels');
      assert.equal((await anna.call('annotation:get', { id: ids.annotation })).note, 'Moscow rejects the plan');
      assert.deepEqual(anna.hub.status().pending, 0);
    });
  }

  it('a non-member can neither clone nor sync the case, and hostile text arrives as plain text', async () => {
    const { caseId, services } = await desk();
    const mallory = newService();
    await assert.rejects(mallory.hub.clone({ url: url('mallory'), caseId, path: join(dir, 'mallory.parley') }), { code: 'not_found' });
    await assert.rejects(mallory.hub.members(url('mallory'), caseId), { code: 'not_found' });
    await assert.rejects(mallory.hub.addMember(url('mallory'), caseId, { role: 'mallory', displayName: 'M', access: 'owner' }), { code: 'not_found' });
    const hostile = "Robert'); DROP TABLE parley_hub.operations; --";
    await services.ben.call('party:create', { name: hostile, kind: 'person', aliases: ["' OR '1'='1"], affiliationId: null, color: null, notes: '\u0000 and \\ and $1' });
    process.env.PGPASSWORD = 'ben-pw';
    await services.ben.hub.sync();
    process.env.PGPASSWORD = 'anna-pw';
    await services.anna.hub.sync();
    delete process.env.PGPASSWORD;
    const robert = (await services.anna.call('party:list', {})).find((party) => party.name === hostile);
    assert.deepEqual([robert?.aliases, robert?.notes], [["' OR '1'='1"], '\u0000 and \\ and $1']);
  });
});

describe('the CLI killed with SIGKILL mid-push and mid-pull', () => {
  function parley(args: string[], password: string): ReturnType<typeof spawnSync> {
    return spawnSync(process.execPath, [join(ROOT, 'electron/cli/parley.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } });
  }

  /** Start a CLI run and kill it with SIGKILL once its progress passes `after` operations. */
  function killMidway(args: string[], password: string, phase: 'pushed' | 'pulled', after: number): Promise<{ killed: boolean }> {
    return new Promise((resolvePromise) => {
      const child = spawn(process.execPath, [join(ROOT, 'electron/cli/parley.mjs'), ...args], { env: { ...process.env, PGPASSWORD: password } });
      let killed = false;
      let buffered = '';
      child.stderr.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        for (const line of buffered.split('\n')) {
          const match = /^(pushed|pulled) (\d+)$/.exec(line);
          if (!killed && match && match[1] === phase && Number(match[2]) >= after) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      });
      child.on('exit', () => resolvePromise({ killed }));
    });
  }

  it('retrying after each kill converges, with no operation twice', async () => {
    const { caseId, services } = await desk();
    const anna = services.anna;
    // A day of offline work: 150 new parties, each its own change.
    for (let index = 0; index < 150; index++) {
      await anna.call('party:create', { name: `Delegation ${index}`, kind: 'organisation', aliases: [], affiliationId: null, color: null, notes: `note ${index}` });
    }
    const annaPath = anna.session.current().path;
    const benPath = services.ben.session.current().path;
    await anna.dispose();
    await services.ben.dispose();
    open.splice(open.indexOf(anna), 1);
    open.splice(open.indexOf(services.ben), 1);

    const push = await killMidway(['sync', annaPath, '--page-size', '20'], 'anna-pw', 'pushed', 100);
    assert.ok(push.killed, 'the push was killed midway');
    const resumed = parley(['sync', annaPath, '--json'], 'anna-pw');
    assert.equal(resumed.status, 0, String(resumed.stderr));
    assert.equal(JSON.parse(String(resumed.stdout)).notPushed, 0);

    const pull = await killMidway(['sync', benPath, '--page-size', '20'], 'ben-pw', 'pulled', 100);
    assert.ok(pull.killed, 'the pull was killed midway');
    assert.equal(parley(['sync', benPath], 'ben-pw').status, 0);

    const [counts] = await cluster.sql<{ n: number; distinct: number }>('SELECT count(*)::int AS n, count(DISTINCT op_id)::int AS distinct FROM parley_hub.operations WHERE case_id = $1', [caseId], DB);
    const reopened = [annaPath, benPath].map((path) => {
      const service = newService();
      service.session.open(path);
      return service;
    });
    assert.equal(counts!.n, counts!.distinct);
    assert.equal(counts!.n, reopened[0]!.session.current().operations.counts().operations, 'the hub holds each of Anna’s operations once');
    assert.equal(reopened[0]!.hub.status().pending, 0);
    assert.equal(canonicalDump(reopened[1]!), canonicalDump(reopened[0]!));
    assert.equal((await reopened[1]!.call('party:list', {})).length, 152);
  });
});
