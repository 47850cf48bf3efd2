/**
 * Many machines syncing one case at the same moment, with tiny pages and delays injected between
 * every call to the hub, so that pushes and pulls interleave in every way: after each sync, every
 * operation the hub holds at or below a replica's pull cursor must be in that replica (a cursor
 * never moves past what was applied), and after a quiet round all replicas are equal.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { Hub } from '../../electron/hub/hub';
import { syncCase } from '../../electron/hub/sync';
import { MemoryCase, memoryCase } from '../helpers/memory-case';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { SCHEMA } from '../unit/sync/simulation';

let cluster: PostgresCluster;
const DB = 'stress';
const ANALYSTS = ['a1', 'a2', 'a3', 'a4', 'a5'] as const;
const RANGE_READ = /seq > \$2 AND seq <= \$3/;
const url = (role: string) => cluster.url(role, `${role}-pw`, DB);

before(async () => {
  cluster = await startPostgres();
  await cluster.createRole('hub_admin', 'hub_admin-pw', { createRole: true });
  await cluster.createDatabase(DB, 'hub_admin');
  await Hub.init(url('hub_admin'));
  for (const role of ANALYSTS) await cluster.createRole(role, `${role}-pw`, { groups: ['parley_analyst'] });
});
after(async () => cluster?.destroy());

/** A deterministic generator, so a failing schedule can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The statements a Hub sends, each run through `around` (a pause, a commit elsewhere) first. */
function hookQueries(hub: Hub, around: (sql: string, run: () => Promise<pg.QueryResult>) => Promise<pg.QueryResult>): Hub {
  const client = (hub as unknown as { client: pg.Client }).client;
  const query = client.query.bind(client) as (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;
  (client as unknown as { query: typeof query }).query = (sql, params) => around(sql, () => query(sql, params));
  return hub;
}

/** A pause before and after every statement: another machine's push lands between any two of them. */
function slowHub(hub: Hub, next: () => number): Hub {
  return hookQueries(hub, async (_sql, run) => {
    await sleep(Math.floor(next() * 4));
    const result = await run();
    await sleep(Math.floor(next() * 4));
    return result;
  });
}

async function hubOpIds(caseId: string, throughSeq: number): Promise<string[]> {
  const rows = await cluster.sql<{ op_id: string }>('SELECT op_id::text FROM parley_hub.operations WHERE case_id = $1 AND seq <= $2', [caseId, throughSeq], DB);
  return rows.map((row) => row.op_id);
}

async function checkedSync(role: string, caseId: string, local: MemoryCase, next: () => number, pageSize: number) {
  const hub = await Hub.open(url(role), { connectTimeoutMs: 10_000 });
  try {
    await syncCase(slowHub(hub, next), caseId, local, { pageSize });
  } finally {
    await hub.close();
  }
  const cursor = local.cursors().pulled?.seq ?? 0;
  const missing = (await hubOpIds(caseId, cursor)).filter((opId) => !local.replica.has(opId));
  assert.deepEqual(missing, [], `${role}'s pull cursor (${cursor}) is past ${missing.length} operations it never applied`);
}

describe('many machines syncing at once', () => {
  it('no pull cursor moves past an operation it did not apply; all converge', async () => {
    const next = random(20251120);
    const cases = Object.fromEntries(ANALYSTS.map((role) => [role, memoryCase(SCHEMA, randomUUID())])) as Record<(typeof ANALYSTS)[number], MemoryCase>;
    const caseId = randomUUID();
    const owner = cases.a1;
    owner.replica.create('document', 'doc-1', { title: 'Talks', text: 'GENEVA — talks.' });
    const admin = await Hub.open(url('a1'));
    try {
      await admin.shareCase({ id: caseId, name: 'Stress', analystId: owner.replica.analystId, displayName: 'A1' });
      for (const role of ANALYSTS.slice(1)) await admin.addMember(caseId, { role, displayName: role, access: 'editor', analystId: cases[role].replica.analystId });
    } finally {
      await admin.close();
    }
    let counter = 0;
    const work = (role: (typeof ANALYSTS)[number]) => {
      const local = cases[role];
      const edits = 1 + Math.floor(next() * 5);
      for (let index = 0; index < edits; index++) {
        const id = `party-${role}-${counter++}`;
        local.replica.create('party', id, { name: `Party ${id}`, aliases: [], notes: null });
        if (next() < 0.5) local.replica.update('annotation', 'ann-shared', { note: `${role} ${counter}` });
      }
      local.capture();
    };
    for (const role of ANALYSTS) {
      cases[role].replica.create('annotation', 'ann-shared', { document_id: 'doc-1', party_id: null, tag_ids: [], note: role });
      cases[role].capture();
    }
    for (let round = 0; round < 12; round++) {
      for (const role of ANALYSTS) if (next() < 0.8) work(role);
      const pageSize = 1 + Math.floor(next() * 3);
      await Promise.all(ANALYSTS.map((role) => checkedSync(role, caseId, cases[role], next, pageSize)));
    }
    // Everything is on the hub now: one more round brings everyone everything.
    await Promise.all(ANALYSTS.map((role) => checkedSync(role, caseId, cases[role], next, 2)));
    const [total] = await cluster.sql<{ n: number }>('SELECT count(*)::int AS n FROM parley_hub.operations WHERE case_id = $1', [caseId], DB);
    for (const role of ANALYSTS) {
      assert.equal(cases[role].replica.size, total!.n, `${role} holds every operation on the hub`);
      assert.equal(cases[role].replica.canonical(), cases.a1.replica.canonical());
    }
  });

  it('a push that commits between a pull\'s range read and its next statement is pulled, not stepped over', async () => {
    const [a1, a2] = [memoryCase(SCHEMA, randomUUID()), memoryCase(SCHEMA, randomUUID())];
    const caseId = randomUUID();
    a1.replica.create('document', 'doc-1', { title: 'Talks', text: 'GENEVA — talks.' });
    const first = await Hub.open(url('a1'));
    const second = await Hub.open(url('a2'));
    const pusher = await Hub.open(url('a1'));
    try {
      await first.shareCase({ id: caseId, name: 'Race', analystId: a1.replica.analystId, displayName: 'A1' });
      await first.addMember(caseId, { role: 'a2', displayName: 'A2', access: 'editor', analystId: a2.replica.analystId });
      await syncCase(first, caseId, a1);
      await syncCase(second, caseId, a2);
      const before = a2.cursors().pulled!.seq;
      // A1 pushes five operations in a transaction held open: they hold the next seqs but are not visible yet.
      for (let index = 0; index < 5; index++) a1.replica.create('party', `party-${index}`, { name: `Party ${index}`, aliases: [], notes: null });
      a1.capture();
      const pending = a1.unpushed(a1.cursors().pushedThrough, 100).operations;
      assert.ok(pending.length >= 5);
      const pushClient = (pusher as unknown as { client: pg.Client }).client;
      await pushClient.query('BEGIN');
      await pusher.push(caseId, pending);
      // A2 pulls two at a time; its first range read finds nothing, and right then A1's push commits.
      let committed = false;
      hookQueries(second, async (sql, run) => {
        const result = await run();
        if (!committed && RANGE_READ.test(sql) && result.rows.length === 0) {
          committed = true;
          await pushClient.query('COMMIT');
        }
        return result;
      });
      await syncCase(second, caseId, a2, { pageSize: 2 });
      assert.ok(committed, 'the push committed between two statements of the pull');
      const missing = (await hubOpIds(caseId, a2.cursors().pulled!.seq)).filter((opId) => !a2.replica.has(opId));
      assert.deepEqual(missing, [], `the pull cursor moved from ${before} to ${a2.cursors().pulled!.seq} past operations never applied`);
      for (const op of pending) assert.ok(a2.replica.has(op.opId), 'every operation of the push arrived');
    } finally {
      await Promise.all([first.close(), second.close(), pusher.close()]);
    }
  });
});
