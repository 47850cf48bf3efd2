/**
 * The hub on a real PostgreSQL: schema set-up and upgrades, who may see and change what (through
 * Parley and through direct SQL with each analyst's own role), hostile text as plain data, and
 * the log's order under concurrent pushers.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { Hub } from '../../electron/hub/hub';
import { loadHubMigrations, migrateHub } from '../../electron/hub/migrations';
import { HybridClock } from '../../electron/sync/hlc';
import type { Operation } from '../../electron/sync/operation';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';

let cluster: PostgresCluster;
const DB = 'desk';
const password = (role: string) => `${role}-secret`;
const url = (role: string, database = DB) => cluster.url(role, password(role), database);
const clock = new HybridClock();

function operation(analystId: string, recordId: string, after: unknown, extra: Partial<Operation> = {}): Operation {
  return {
    opId: randomUUID(),
    analystId,
    hlc: clock.tick(),
    aggregate: 'party',
    recordId,
    field: 'name',
    kind: 'update',
    before: null,
    after: after as Operation['after'],
    base: [],
    batchId: randomUUID(),
    ...extra,
  };
}

/** A direct connection as an analyst's own role, as psql would make it. */
async function asRole<T>(role: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url(role) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

before(async () => {
  cluster = await startPostgres();
  // As a team sets it up: a hub administrator owning the database, analysts with their own logins.
  await cluster.createRole('hub_admin', password('hub_admin'), { createRole: true });
  await cluster.createDatabase(DB, 'hub_admin');
  await Hub.init(url('hub_admin'));
  for (const role of ['alice', 'bob', 'mallory']) await cluster.createRole(role, password(role), { groups: ['parley_analyst'] });
  await cluster.createRole('eve', password('eve'));
});
after(async () => cluster?.destroy());

describe('hub init', () => {
  it('is idempotent and safe to run twice at once', async () => {
    const results = await Promise.all([Hub.init(url('hub_admin')), Hub.init(url('hub_admin'))]);
    assert.deepEqual(results.map((result) => result.applied), [[], []]);
    const rows = await cluster.sql<{ version: number }>('SELECT version FROM parley_hub.schema_migrations', [], DB);
    assert.equal(rows.length, loadHubMigrations().length);
  });

  it('applies every migration to a fresh database in one go, and refuses a newer or edited hub', async () => {
    await cluster.createDatabase('fresh', 'hub_admin');
    const first = await Hub.init(url('hub_admin', 'fresh'));
    assert.deepEqual(first.applied, loadHubMigrations().map((migration) => `${String(migration.version).padStart(4, '0')}_${migration.name}`));

    await cluster.sql("INSERT INTO parley_hub.schema_migrations (version, name, checksum) VALUES (99, 'from_the_future', 'x')", [], 'fresh');
    await assert.rejects(Hub.init(url('hub_admin', 'fresh')), { code: 'store_too_new' });
    await assert.rejects(Hub.open(url('alice', 'fresh')), { code: 'store_too_new' });
    await cluster.sql('DELETE FROM parley_hub.schema_migrations WHERE version = 99', [], 'fresh');

    await cluster.sql("UPDATE parley_hub.schema_migrations SET checksum = 'edited' WHERE version = 1", [], 'fresh');
    await assert.rejects(Hub.init(url('hub_admin', 'fresh')), { code: 'migration_mismatch' });
  });

  it('rolls back a migration that fails halfway, leaving the database as it was', async () => {
    await cluster.createDatabase('broken', 'hub_admin');
    const client = new pg.Client({ connectionString: url('hub_admin', 'broken') });
    await client.connect();
    try {
      const known = loadHubMigrations();
      const bad = [...known, { version: known.length + 1, name: 'bad', sql: 'CREATE TABLE parley_hub.half (id int); SELECT 1/0;', checksum: 'x' }];
      await assert.rejects(migrateHub(client, bad));
      const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = 'parley_hub'");
      assert.equal(rows[0].n, 0);
    } finally {
      await client.end();
    }
  });

  it('tells an analyst when a database is not a hub, and refuses a role outside parley_analyst', async () => {
    await cluster.createDatabase('plain');
    await assert.rejects(Hub.open(url('alice', 'plain')), { code: 'not_found', message: /not a Parley hub/ });
    await assert.rejects(Hub.open(url('eve')), { code: 'unauthorized' });
    await assert.rejects(Hub.open(cluster.url('alice', 'wrong', DB)), { code: 'unauthorized' });
    await assert.rejects(Hub.init(url('alice', 'plain')), { code: 'unauthorized' });
  });
});

describe('who sees and changes a case', () => {
  let alice: Hub;
  let bob: Hub;
  let mallory: Hub;
  const caseId = randomUUID();
  const aliceId = randomUUID();
  const bobId = randomUUID();

  before(async () => {
    alice = await Hub.open(url('alice'));
    bob = await Hub.open(url('bob'));
    mallory = await Hub.open(url('mallory'));
    await alice.shareCase({ id: caseId, name: 'Ukraine talks', analystId: aliceId, displayName: 'Alice' });
    await alice.push(caseId, [operation(aliceId, 'p1', 'Russia')]);
  });
  after(async () => {
    await Promise.all([alice?.close(), bob?.close(), mallory?.close()]);
  });

  it('the sharer owns the case; a non-member sees nothing of it through Parley', async () => {
    assert.equal((await alice.case(caseId)).access, 'owner');
    assert.deepEqual(await mallory.cases(), []);
    await assert.rejects(mallory.case(caseId), { code: 'not_found' });
    await assert.rejects(mallory.members(caseId), { code: 'not_found' });
    assert.deepEqual((await mallory.pull(caseId, 0)).operations, []);
    await assert.rejects(mallory.push(caseId, [operation(randomUUID(), 'p1', 'Mallory was here')]), { code: 'unauthorized' });
    await assert.rejects(mallory.putBlob(caseId, sha('x'), Buffer.from('x')), { code: 'unauthorized' });
    await assert.rejects(mallory.addMember(caseId, { role: 'mallory', displayName: 'M', access: 'owner', analystId: randomUUID() }), { code: 'not_found' });
  });

  it('a non-member cannot read or write the case with direct SQL under their own role either', async () => {
    await asRole('mallory', async (client) => {
      for (const table of ['cases', 'members', 'operations', 'blobs']) {
        const { rows } = await client.query(`SELECT * FROM parley_hub.${table}`);
        assert.deepEqual(rows, [], `mallory reads nothing from ${table}`);
      }
      const { rows: mine } = await client.query('SELECT * FROM parley_hub.my_cases');
      assert.deepEqual(mine, []);
      await assert.rejects(
        client.query(
          `INSERT INTO parley_hub.operations (case_id, seq, op_id, analyst_id, hlc, aggregate, record_id, field, kind, after, batch_id)
           VALUES ($1, 1, $2, $3, '2025-11-20T10:00:00.000Z-000000', 'party', 'p1', 'name', 'update', '"x"', $4)`,
          [caseId, randomUUID(), randomUUID(), randomUUID()],
        ),
        /row-level security/,
      );
      await assert.rejects(
        client.query("INSERT INTO parley_hub.members (case_id, role_name, analyst_id, display_name, access) VALUES ($1, 'mallory', $2, 'M', 'owner')", [caseId, randomUUID()]),
        /row-level security/,
      );
      const updated = await client.query("UPDATE parley_hub.cases SET name = 'mine' WHERE id = $1", [caseId]);
      assert.equal(updated.rowCount, 0);
      await assert.rejects(client.query('DELETE FROM parley_hub.operations'), /permission denied/);
      await assert.rejects(client.query('UPDATE parley_hub.operations SET after = $1', ['"x"']), /permission denied/);
      await assert.rejects(client.query('TRUNCATE parley_hub.operations'), /permission denied/);
      await assert.rejects(client.query('ALTER TABLE parley_hub.operations DISABLE ROW LEVEL SECURITY'), /must be owner/);
    });
    await asRole('eve', async (client) => {
      await assert.rejects(client.query('SELECT * FROM parley_hub.operations'), /permission denied/);
    });
  });

  it("a caller's own function in a WHERE clause cannot peek at other analysts' memberships", async () => {
    await asRole('mallory', async (client) => {
      const notices: string[] = [];
      client.on('notice', (notice) => notices.push(notice.message ?? ''));
      await client.query(`CREATE FUNCTION pg_temp.leak(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS $$ BEGIN RAISE NOTICE 'saw %', $1; RETURN true; END $$`);
      await client.query('SELECT * FROM parley_hub.my_cases WHERE pg_temp.leak(display_name)');
      await client.query('SELECT * FROM parley_hub.members WHERE pg_temp.leak(display_name)');
      await client.query('SELECT * FROM parley_hub.operations WHERE pg_temp.leak(after)');
      assert.deepEqual(notices, []);
    });
  });

  it('an owner adds members; members read and push, readers only read, and nobody rewrites history', async () => {
    await assert.rejects(alice.addMember(caseId, { role: 'eve', displayName: 'Eve', access: 'editor', analystId: randomUUID() }), { message: /not a Parley analyst/ });
    await assert.rejects(alice.addMember(caseId, { role: 'nobody_here', displayName: 'N', access: 'editor', analystId: randomUUID() }), { message: /not a Parley analyst/ });
    await alice.addMember(caseId, { role: 'bob', displayName: 'Bob', access: 'reader', analystId: bobId });
    assert.equal((await bob.pull(caseId, 0)).operations.length, 1);
    await assert.rejects(bob.push(caseId, [operation(bobId, 'p1', 'Ukraine')]), { code: 'unauthorized' });
    await assert.rejects(bob.addMember(caseId, { role: 'mallory', displayName: 'M', access: 'editor', analystId: randomUUID() }), { code: 'unauthorized' });

    await alice.addMember(caseId, { role: 'bob', displayName: 'Bob', access: 'editor', analystId: bobId });
    assert.equal((await bob.push(caseId, [operation(bobId, 'p1', 'Ukraine')])).added, 1);
    assert.deepEqual((await alice.members(caseId)).map((member) => [member.role, member.access, member.displayName]), [
      ['alice', 'owner', 'Alice'],
      ['bob', 'editor', 'Bob'],
    ]);
    await asRole('bob', async (client) => {
      await assert.rejects(client.query('DELETE FROM parley_hub.operations WHERE case_id = $1', [caseId]), /permission denied/);
      const changed = await client.query("UPDATE parley_hub.members SET access = 'owner' WHERE case_id = $1 AND role_name = 'bob'", [caseId]);
      assert.equal(changed.rowCount, 0);
      // Pushing in someone else's name is stamped with the pusher's own role.
      await client.query(
        `INSERT INTO parley_hub.operations (case_id, seq, op_id, analyst_id, pushed_by, hlc, aggregate, record_id, field, kind, after, batch_id)
         VALUES ($1, 999, $2, $3, 'alice', '2025-11-20T10:00:00.000Z-000000', 'party', 'p1', 'notes', 'update', '"x"', $4)`,
        [caseId, randomUUID(), bobId, randomUUID()],
      );
    });
    const log = await alice.pull(caseId, 0);
    assert.deepEqual(log.operations.map((op) => [op.seq, op.pushedBy]), [
      [1, 'alice'],
      [2, 'bob'],
      [3, 'bob'],
    ]);
    await assert.rejects(alice.removeMember(caseId, 'alice'), { message: /at least one owner/ });
  });

  it('hostile names, notes and queries are stored and returned as plain data', async () => {
    const hostile = [
      "Robert'); DROP TABLE parley_hub.operations; --",
      "' OR '1'='1",
      '$1; SELECT pg_sleep(10)',
      'E\'\\x00\' \u0000 nul and \\ backslash',
      '{"a": ["{}", "\\u0000"]}',
      'Кремль 克里姆林宫 🇺🇦',
    ];
    const hostileCase = randomUUID();
    await alice.shareCase({ id: hostileCase, name: hostile[0]!, analystId: aliceId, displayName: hostile[1]! });
    const ops = hostile.map((text, index) => operation(aliceId, `r${index}`, { note: text, list: [text] }, { before: text }));
    await alice.push(hostileCase, ops);
    const pulled = await alice.pull(hostileCase, 0);
    assert.deepEqual(
      pulled.operations.map((op) => [op.before, op.after]),
      ops.map((op) => [op.before, op.after]),
    );
    assert.equal((await alice.case(hostileCase)).name, hostile[0]);
    assert.equal((await alice.members(hostileCase))[0]?.displayName, hostile[1]);
    await assert.rejects(alice.case("' OR 1=1 --"), { code: 'not_found' });
    await assert.rejects(alice.addMember(hostileCase, { role: 'bob"; DROP ROLE alice; --', displayName: 'x', access: 'editor', analystId: randomUUID() }), /must be a PostgreSQL role name/);
    const [count] = await cluster.sql<{ n: number }>('SELECT count(*)::int AS n FROM parley_hub.operations WHERE case_id = $1', [hostileCase], DB);
    assert.equal(count?.n, ops.length);
  });
});

describe('the operation log', () => {
  let alice: Hub;
  const caseId = randomUUID();
  const aliceId = randomUUID();
  before(async () => {
    alice = await Hub.open(url('alice'));
    await alice.shareCase({ id: caseId, name: 'Log', analystId: aliceId, displayName: 'Alice' });
  });
  after(async () => alice?.close());

  it('pushing the same operations again adds nothing', async () => {
    const ops = Array.from({ length: 50 }, (_, index) => operation(aliceId, `r${index}`, index));
    assert.deepEqual(await alice.push(caseId, ops), { added: 50, known: 0, firstSeq: 1, last: { seq: 50, opId: ops[49]!.opId } });
    const late = operation(aliceId, 'new', 1);
    assert.deepEqual(await alice.push(caseId, [...ops.slice(10, 20), late]), { added: 1, known: 10, firstSeq: 51, last: { seq: 51, opId: late.opId } });
    assert.equal(await alice.latestSeq(caseId), 51);
  });

  it('concurrent pushers get one gapless order, each push contiguous, and a page never splits a batch', async () => {
    const hubs = await Promise.all([1, 2, 3, 4].map(() => Hub.open(url('alice'))));
    try {
      const start = await alice.latestSeq(caseId);
      const batches = hubs.map(() => {
        const batchId = randomUUID();
        return Array.from({ length: 120 }, (_, index) => operation(aliceId, `c${index}`, index, { batchId }));
      });
      await Promise.all(hubs.flatMap((hub, index) => [hub.push(caseId, batches[index]!)]));
      const log = [];
      let cursor = start;
      for (;;) {
        const page = await alice.pull(caseId, cursor, 50);
        log.push(...page.operations);
        cursor = page.lastSeq;
        if (page.operations.length > 0) assert.notEqual(page.operations.at(-1)!.batchId, undefined);
        if (!page.more) break;
        // A page ends where a batch ends.
        const nextFirst = (await alice.pull(caseId, cursor, 1)).operations[0];
        if (nextFirst) assert.notEqual(nextFirst.batchId, page.operations.at(-1)!.batchId);
      }
      assert.deepEqual(log.map((op) => op.seq), Array.from({ length: 480 }, (_, index) => start + index + 1));
      const runs = log.map((op) => op.batchId).filter((batchId, index, all) => index === 0 || all[index - 1] !== batchId);
      assert.equal(runs.length, 4);
    } finally {
      await Promise.all(hubs.map((hub) => hub.close()));
    }
  });

  it('keeps blobs once, and only under their true sha256', async () => {
    const bytes = Buffer.from('<html>the original article</html>');
    assert.deepEqual(await alice.missingBlobs(caseId, [sha(bytes), sha(bytes)]), [sha(bytes)]);
    assert.equal(await alice.putBlob(caseId, sha(bytes), bytes), true);
    assert.equal(await alice.putBlob(caseId, sha(bytes), bytes), false);
    assert.deepEqual(await alice.missingBlobs(caseId, [sha(bytes)]), []);
    assert.deepEqual(await alice.blob(caseId, sha(bytes)), bytes);
    await assert.rejects(alice.putBlob(caseId, sha('something else'), bytes), { code: 'invalid_input' });
  });

  it('refuses a damaged operation from the hub instead of applying it', async () => {
    await cluster.sql(
      `INSERT INTO parley_hub.operations (case_id, seq, op_id, analyst_id, hlc, aggregate, record_id, field, kind, after, batch_id)
       VALUES ($1, 0, $2, $3, '2025-11-20T10:00:00.000Z-000000', 'Party; DROP', 'p1', 'name', 'update', 'not json', $4)`,
      [caseId, randomUUID(), aliceId, randomUUID()],
      DB,
    );
    const last = await alice.latestSeq(caseId);
    await assert.rejects(alice.pull(caseId, last - 1), { code: 'invalid_input', message: /damaged operation/ });
  });
});

function sha(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
