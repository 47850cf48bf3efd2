/**
 * The sync engine against a real PostgreSQL hub, with cases held in memory (the case file's own
 * log is tested in the store's tests): analysts editing offline and syncing in every order, cut
 * connections, a hub that goes down mid-sync, two machines at once.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Hub } from '../../electron/hub/hub';
import { syncCase } from '../../electron/hub/sync';
import { HybridClock } from '../../electron/sync/hlc';
import { MemoryCase, memoryCase } from '../helpers/memory-case';
import { startCuttingProxy } from '../helpers/cutting-proxy';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { SCHEMA } from '../unit/sync/simulation';

let cluster: PostgresCluster;
const DB = 'desk';
const ANALYSTS = ['anna', 'ben', 'carla'] as const;
const url = (role: string, port?: number) => cluster.url(role, `${role}-pw`, DB, port);
const GENEVA_FILE = new Uint8Array([1, 2, 3]);
const BRUSSELS_FILE = new Uint8Array([4, 5, 6]);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

before(async () => {
  cluster = await startPostgres();
  await cluster.createRole('hub_admin', 'hub_admin-pw', { createRole: true });
  await cluster.createDatabase(DB, 'hub_admin');
  await Hub.init(url('hub_admin'));
  for (const role of [...ANALYSTS, 'dora']) await cluster.createRole(role, `${role}-pw`, { groups: ['parley_analyst'] });
});
after(async () => cluster?.destroy());

async function sync(role: string, caseId: string, local: MemoryCase, port?: number, pageSize = 7) {
  const hub = await Hub.open(url(role, port), { connectTimeoutMs: 5000 });
  try {
    return await syncCase(hub, caseId, local, { pageSize });
  } finally {
    await hub.close();
  }
}

/** Anna shares a case; Ben and Carla are added and clone it; all three then work offline. */
async function desk() {
  let physical = Date.UTC(2025, 10, 20, 9);
  const clock = () => new HybridClock(null, () => physical);
  const ids = { anna: randomUUID(), ben: randomUUID(), carla: randomUUID() };
  const cases = {
    anna: memoryCase(SCHEMA, ids.anna, { clock: clock() }),
    ben: memoryCase(SCHEMA, ids.ben, { clock: clock() }),
    carla: memoryCase(SCHEMA, ids.carla, { clock: clock() }),
  };
  const caseId = randomUUID();
  const anna = cases.anna.replica;
  anna.create('document', 'doc-geneva', { title: 'Geneva talks', text: 'GENEVA — officials met on Sunday.', sha256: sha(GENEVA_FILE) });
  cases.anna.blobs.set(sha(GENEVA_FILE), GENEVA_FILE);
  anna.create('party', 'party-ru', { name: 'Russia', aliases: ['Kremlin'], notes: null, updated_at: 't0' });
  anna.create('party', 'party-ua', { name: 'Ukraine', aliases: ['Kyiv'], notes: null, updated_at: 't0' });
  anna.create('annotation', 'ann-1', { document_id: 'doc-geneva', party_id: 'party-ru', tag_ids: [], note: 'Moscow rejects the plan' });
  const owner = await Hub.open(url('anna'));
  try {
    await owner.shareCase({ id: caseId, name: 'Ukraine talks', analystId: ids.anna, displayName: 'Anna' });
    await owner.addMember(caseId, { role: 'ben', displayName: 'Ben', access: 'editor', analystId: ids.ben });
    await owner.addMember(caseId, { role: 'carla', displayName: 'Carla', access: 'editor', analystId: ids.carla });
  } finally {
    await owner.close();
  }
  await sync('anna', caseId, cases.anna);
  await sync('ben', caseId, cases.ben);
  await sync('carla', caseId, cases.carla);
  return { caseId, cases, advance: (ms = 1000) => (physical += ms) };
}

/** Offline work that collides in every way the issue names. */
function offlineWork(cases: Awaited<ReturnType<typeof desk>>['cases'], advance: (ms?: number) => number) {
  // Same field: all three rewrite the annotation's note.
  cases.anna.replica.update('annotation', 'ann-1', { note: 'Moscow rejects the 28-point plan' });
  advance();
  cases.ben.replica.update('annotation', 'ann-1', { note: 'Kremlin calls the plan a basis' });
  advance();
  cases.carla.replica.update('annotation', 'ann-1', { note: 'Russia: no comment' });
  // Different fields of one record.
  cases.anna.replica.update('party', 'party-ua', { notes: 'insists on sovereignty' });
  cases.ben.replica.update('party', 'party-ua', { aliases: ['Kyiv', 'Kiev'] });
  // One deletes what another edits.
  cases.carla.replica.delete('party', 'party-ru');
  advance();
  cases.ben.replica.update('party', 'party-ru', { notes: 'demands Donetsk and Luhansk' });
  // New work on each side.
  cases.ben.replica.create('document', 'doc-brussels', { title: 'Brussels', text: 'BRUSSELS — ministers met.', sha256: sha(BRUSSELS_FILE) });
  cases.ben.blobs.set(sha(BRUSSELS_FILE), BRUSSELS_FILE);
  cases.carla.replica.create('annotation', 'ann-2', { document_id: 'doc-geneva', party_id: 'party-ua', tag_ids: [], note: 'Kyiv insists' });
  for (const local of Object.values(cases)) local.capture();
}

function assertConverged(cases: Record<string, MemoryCase>) {
  const [first, ...rest] = Object.values(cases);
  for (const other of rest) assert.equal(other.replica.canonical(), first!.replica.canonical());
  for (const local of Object.values(cases)) {
    const ids = local.log.map((entry) => entry.op.opId);
    assert.equal(new Set(ids).size, ids.length, 'no operation twice in a local log');
  }
}

const PERMUTATIONS = [
  ['anna', 'ben', 'carla'],
  ['anna', 'carla', 'ben'],
  ['ben', 'anna', 'carla'],
  ['ben', 'carla', 'anna'],
  ['carla', 'anna', 'ben'],
  ['carla', 'ben', 'anna'],
] as const;

describe('three analysts, one case, offline edits', () => {
  for (const order of PERMUTATIONS) {
    it(`converge when they sync in the order ${order.join(', ')}`, async () => {
      const { caseId, cases, advance } = await desk();
      offlineWork(cases, advance);
      const firstRound = [];
      for (const role of order) firstRound.push(await sync(role, caseId, cases[role]));
      assert.ok(firstRound.every((result) => result.pushed > 0), 'everyone pushed their offline work');
      for (const role of order) await sync(role, caseId, cases[role]);
      assertConverged(cases);

      const image = cases.anna.replica.image();
      // Nothing lost: the losing notes are listed, the deleted party's edit too, both field edits show.
      const notes = image.clashes.find((clash) => clash.recordId === 'ann-1' && clash.field === 'note')!;
      assert.equal(notes.kind, 'both_changed');
      assert.deepEqual([notes.kept!.value, ...notes.lost.map((side) => side.value)].sort(), ['Kremlin calls the plan a basis', 'Moscow rejects the 28-point plan', 'Russia: no comment']);
      assert.equal(notes.kept!.value, 'Russia: no comment');
      assert.ok(image.clashes.some((clash) => clash.recordId === 'party-ru' && clash.kind === 'edited_deleted' && clash.lost[0]?.value === 'demands Donetsk and Luhansk'), 'the edit of the deleted party is listed');
      const ukraine = image.records.party!.find((party) => party.id === 'party-ua')!;
      assert.deepEqual([ukraine.notes, ukraine.aliases], ['insists on sovereignty', ['Kyiv', 'Kiev']]);
      assert.equal(image.records.party!.some((party) => party.id === 'party-ru'), false);
      assert.equal(image.records.annotation!.length, 2);
      // The annotation's party was deleted meanwhile: it reads as empty everywhere.
      assert.equal(image.records.annotation!.find((annotation) => annotation.id === 'ann-1')!.party_id, null);
      // Blobs travelled once.
      for (const local of Object.values(cases)) assert.deepEqual([...local.blobs.keys()].sort(), [sha(GENEVA_FILE), sha(BRUSSELS_FILE)].sort());
      const [count] = await cluster.sql<{ n: number }>('SELECT count(*)::int AS n FROM parley_hub.blobs WHERE case_id = $1', [caseId], DB);
      assert.equal(count!.n, 2);
      const [sizes] = await cluster.sql<{ n: number; ops: number }>('SELECT count(*)::int AS n, count(DISTINCT op_id)::int AS ops FROM parley_hub.operations WHERE case_id = $1', [caseId], DB);
      assert.equal(sizes!.n, cases.anna.log.length);
      assert.equal(sizes!.ops, sizes!.n);
    });
  }

  it('converges when two machines sync at the same moment', async () => {
    const { caseId, cases, advance } = await desk();
    offlineWork(cases, advance);
    await Promise.all(ANALYSTS.map((role) => sync(role, caseId, cases[role], undefined, 3)));
    await Promise.all(ANALYSTS.map((role) => sync(role, caseId, cases[role], undefined, 3)));
    assertConverged(cases);
  });

  it('a reader pulls but does not push, and says how much stayed local', async () => {
    const { caseId, cases } = await desk();
    const owner = await Hub.open(url('anna'));
    const dora = memoryCase(SCHEMA, randomUUID());
    await owner.addMember(caseId, { role: 'dora', displayName: 'Dora', access: 'reader', analystId: dora.replica.analystId });
    await owner.close();
    await sync('dora', caseId, dora);
    dora.replica.update('party', 'party-ua', { notes: 'my own reading' });
    const result = await sync('dora', caseId, dora);
    assert.equal(result.pushed, 0);
    assert.equal(result.notPushed, 1);
    assert.equal(dora.replica.image().records.party!.length, cases.anna.replica.image().records.party!.length);
  });
});

describe('interrupted syncs resume without duplicates', () => {
  it('a connection cut after N bytes, mid-push or mid-pull, at many points: retrying converges', async () => {
    const proxy = await startCuttingProxy(cluster.port);
    try {
      const { caseId, cases, advance } = await desk();
      // Measure one full sync's traffic first, on a throwaway copy of the same work.
      offlineWork(cases, advance);
      const probe = memoryCase(SCHEMA, cases.ben.replica.analystId);
      probe.replica.applyAll(cases.ben.replica.operations());
      probe.capture();
      // (The probe pushes nothing new to the hub that Ben will not push himself: same operations.)
      await sync('ben', caseId, probe, proxy.port);
      const total = proxy.largestConnection;
      assert.ok(total > 2000, `a sync moves more than 2 kB (${total} bytes)`);

      let failures = 0;
      const points = Array.from({ length: 14 }, (_, index) => Math.round(200 + ((total - 200) * index) / 13));
      for (const [index, point] of points.entries()) {
        const role = ANALYSTS[index % 3]!;
        proxy.cutAfter = point;
        await sync(role, caseId, cases[role], proxy.port, 3).catch((error: unknown) => {
          failures++;
          assert.ok(['io_error', 'unauthorized'].includes((error as { code?: string }).code ?? '') || /terminated|ECONNRESET|closed/i.test(String(error)), String(error));
        });
        if (index % 4 === 3) advance();
        cases[role].replica.update('party', 'party-ua', { notes: `note ${index}` });
        cases[role].capture();
      }
      assert.ok(failures >= 10, `most cuts interrupted a sync (${failures})`);
      proxy.cutAfter = null;
      for (const round of [1, 2]) for (const role of ANALYSTS) await sync(role, caseId, cases[role], round === 1 ? proxy.port : undefined);
      assertConverged(cases);
      const [sizes] = await cluster.sql<{ n: number; ops: number }>('SELECT count(*)::int AS n, count(DISTINCT op_id)::int AS ops FROM parley_hub.operations WHERE case_id = $1', [caseId], DB);
      assert.equal(sizes!.n, cases.anna.log.length);
    } finally {
      await proxy.close();
    }
  });

  it('PostgreSQL stopped mid-sync: the sync fails cleanly, and the next one after restart finishes the job', async () => {
    const { caseId, cases } = await desk();
    for (let index = 0; index < 300; index++) cases.ben.replica.create('party', `bulk-${index}`, { name: `Party ${index}`, aliases: [], notes: null, updated_at: 't' });
    cases.ben.capture();
    const hub = await Hub.open(url('ben'));
    let pages = 0;
    const running = syncCase(hub, caseId, cases.ben, {
      pageSize: 20,
      onProgress: () => {
        pages++;
        if (pages === 3) void cluster.stop('immediate');
      },
    });
    await assert.rejects(running);
    await hub.close();
    await cluster.start();
    await sync('ben', caseId, cases.ben, undefined, 50);
    await sync('anna', caseId, cases.anna, undefined, 50);
    assert.equal(cases.anna.replica.image().records.party!.length, 302);
    assertConverged({ anna: cases.anna, ben: cases.ben });
  });

  it('a hub restored from an older backup gets back what it lost from the replicas that still have it', async () => {
    const { caseId, cases, advance } = await desk();
    offlineWork(cases, advance);
    for (const role of ANALYSTS) await sync(role, caseId, cases[role]);
    // The hub loses its newest operations, as a restore from last night's backup would.
    const [before] = await cluster.sql<{ n: number }>('SELECT count(*)::int AS n FROM parley_hub.operations WHERE case_id = $1', [caseId], DB);
    await cluster.sql('DELETE FROM parley_hub.operations WHERE case_id = $1 AND seq > $2', [caseId, 5], DB);
    const result = await sync('carla', caseId, cases.carla);
    assert.equal(result.rewound, true);
    const [afterRestore] = await cluster.sql<{ n: number }>('SELECT count(*)::int AS n FROM parley_hub.operations WHERE case_id = $1', [caseId], DB);
    assert.equal(afterRestore!.n, before!.n);
    cases.anna.replica.update('party', 'party-ua', { notes: 'after the restore' });
    cases.anna.capture();
    for (const role of ANALYSTS) await sync(role, caseId, cases[role]);
    assertConverged(cases);
  });

  it('a cancelled sync keeps what it did and the next resumes', async () => {
    const { caseId, cases } = await desk();
    for (let index = 0; index < 50; index++) cases.carla.replica.create('tag', `tag-${index}`, { name: `tag ${index}` });
    cases.carla.capture();
    const controller = new AbortController();
    const hub = await Hub.open(url('carla'));
    await assert.rejects(
      syncCase(hub, caseId, cases.carla, { pageSize: 10, signal: controller.signal, onProgress: () => controller.abort() }),
      { code: 'cancelled' },
    );
    await hub.close();
    assert.ok(cases.carla.cursors().pushedThrough > 0, 'the first page stays pushed');
    const result = await sync('carla', caseId, cases.carla, undefined, 100);
    // 50 tags of two operations each: the first page of 10 went before the cancel.
    assert.equal(result.pushed, 90);
    await sync('anna', caseId, cases.anna);
    assertConverged({ anna: cases.anna, carla: cases.carla });
  });
});
