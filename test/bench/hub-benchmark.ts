/**
 * The team hub at desk scale, on a throwaway PostgreSQL with its durable defaults: 20 analysts
 * with 10,000 operations each sync through one hub (all pushing at once, then all pulling at once),
 * and a fresh analyst's first sync of a 100,000-operation case. The floor: a raw COPY of the same
 * rows into a plain table (no row-level security, no sequence lock, no validation), and a raw COPY
 * out of them. Skips with a message when PostgreSQL is not installed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { Hub } from '../../electron/hub/hub';
import { syncCase, type LocalCase } from '../../electron/hub/sync';
import { HybridClock } from '../../electron/sync/hlc';
import type { Operation } from '../../electron/sync/operation';
import { Replica } from '../../electron/sync/replica';
import type { SyncSchema } from '../../electron/sync/schema';
import { createService } from '../../electron/service/service';
import { MemoryCase } from '../helpers/memory-case';
import { POSTGRES_MISSING, findPostgresBin, startPostgres, type PostgresCluster } from '../helpers/postgres';

export interface HubBenchmarkOptions {
  analysts?: number;
  operationsPerAnalyst?: number;
  firstSyncOperations?: number;
}

const SCHEMA: SyncSchema = {
  document: {},
  annotation: { refs: { document_id: { to: 'document', required: true } }, quiet: ['updated_at'] },
};

const QUOTES = [
  'a senior US official said the talks were "productive and meaningful"',
  'the Kremlin said it had not received the revised draft',
  'Kyiv insists that any deal must respect its sovereignty',
  'Hungary demanded that frozen Russian assets be released',
];

/** One analyst's offline work: annotations on shared documents, created and then revised. */
function analystWork(replica: Replica, documents: string[], operations: number): Operation[] {
  const made: Operation[] = [];
  const annotations: string[] = [];
  let step = 0;
  while (made.length < operations) {
    step++;
    if (annotations.length < 20 || step % 3 !== 0) {
      const id = randomUUID();
      const quote = QUOTES[step % QUOTES.length]!;
      made.push(
        ...replica.create('annotation', id, {
          document_id: documents[step % documents.length]!,
          type: 'attribution',
          exact: quote,
          prefix: 'GENEVA — ',
          suffix: ' on Sunday.',
          start_offset: step * 7,
          end_offset: step * 7 + quote.length,
          note: null,
          quote_kind: 'direct',
          reliability: 'B',
          created_at: '2025-11-23T10:00:00.000Z',
          updated_at: '2025-11-23T10:00:00.000Z',
        }),
      );
      annotations.push(id);
    } else {
      const id = annotations[(step * 7919) % annotations.length]!;
      made.push(...replica.update('annotation', id, { note: `revised ${step}: ${QUOTES[step % QUOTES.length]}`, updated_at: new Date(Date.UTC(2025, 10, 24) + step).toISOString() }));
    }
  }
  return made;
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

export async function runHubBenchmark(options: HubBenchmarkOptions = {}): Promise<Record<string, unknown>> {
  if (!findPostgresBin()) return { skipped: POSTGRES_MISSING };
  const analysts = options.analysts ?? 20;
  const perAnalyst = options.operationsPerAnalyst ?? 10_000;
  const firstSyncOperations = options.firstSyncOperations ?? 100_000;
  const cluster = await startPostgres({ durable: true });
  try {
    await cluster.createRole('hub_admin', 'admin-pw', { createRole: true });
    await cluster.createDatabase('hub', 'hub_admin');
    await Hub.init(cluster.url('hub_admin', 'admin-pw', 'hub'));
    const roles = Array.from({ length: analysts + 1 }, (_, index) => `analyst_${index}`);
    for (const role of roles) await cluster.createRole(role, `${role}-pw`, { groups: ['parley_analyst'] });
    const url = (role: string) => cluster.url(role, `${role}-pw`, 'hub');

    // First sync of a 100,000-operation case by a newcomer: a real case file, shared and cloned
    // through the service (annotations made through the contract, as an analyst makes them).
    // Measured first, in a process not yet holding the desk's twenty in-memory replicas (4 GB of
    // heap whose garbage collection would be timed too).
    const firstSync = await firstSyncOfCaseFile(cluster, url, roles[0]!, roles[analysts]!, firstSyncOperations);

    // The desk: analyst 0 shares a case with 50 documents; everyone clones it, then works offline.
    const caseId = randomUUID();
    const cases = roles.slice(0, analysts).map(() => new MemoryCase(new Replica(SCHEMA, randomUUID(), { clock: new HybridClock() })));
    const owner = await Hub.open(url(roles[0]!));
    await owner.shareCase({ id: caseId, name: 'Benchmark desk', analystId: cases[0]!.replica.analystId, displayName: 'Analyst 0' });
    for (const [index, local] of cases.entries()) {
      if (index > 0) await owner.addMember(caseId, { role: roles[index]!, displayName: `Analyst ${index}`, access: 'editor', analystId: local.replica.analystId });
    }
    const documents = Array.from({ length: 50 }, () => randomUUID());
    for (const id of documents) cases[0]!.replica.create('document', id, { title: 'Geneva talks', text: QUOTES.join(' ') });
    await syncCase(owner, caseId, cases[0]!);
    for (const [index, local] of cases.entries()) if (index > 0) await syncWith(url(roles[index]!), caseId, local);

    const generated = process.hrtime.bigint();
    const work = cases.map((local) => analystWork(local.replica, documents, perAnalyst));
    const generateSeconds = seconds(generated);
    const pushedTotal = work.reduce((sum, ops) => sum + ops.length, 0);

    const pushStart = process.hrtime.bigint();
    const pushes = await Promise.all(cases.map((local, index) => syncWith(url(roles[index]!), caseId, local, 'push')));
    const pushSeconds = seconds(pushStart);

    const pullStart = process.hrtime.bigint();
    const pulls = await Promise.all(cases.map((local, index) => syncWith(url(roles[index]!), caseId, local)));
    const pullSeconds = seconds(pullStart);
    const pulledTotal = pulls.reduce((sum, result) => sum + result.pulled, 0);
    const converged = cases.every((local) => local.replica.size === cases[0]!.replica.size) && cases[1]!.replica.canonical() === cases[0]!.replica.canonical();

    await owner.close();

    const floor = await copyFloor(cluster, work.flat(), caseId);

    // How far each phase is from what PostgreSQL itself does with the same number of rows.
    const times = (opsPerSecond: number, floorPerSecond: number) => round(floorPerSecond / opsPerSecond);
    return {
      analysts,
      operationsPerAnalyst: perAnalyst,
      generateSeconds: round(generateSeconds),
      push: { operations: pushedTotal, seconds: round(pushSeconds), opsPerSecond: Math.round(pushedTotal / pushSeconds), added: pushes.reduce((sum, result) => sum + result.pushed, 0) },
      pull: { operations: pulledTotal, seconds: round(pullSeconds), opsPerSecond: Math.round(pulledTotal / pullSeconds) },
      converged,
      firstSync,
      floor,
      slowerThanFloor: {
        push: times(pushedTotal / pushSeconds, floor.copyInRowsPerSecond),
        pull: times(pulledTotal / pullSeconds, floor.copyOutRowsPerSecond),
        firstSync: times(firstSync.opsPerSecond, floor.copyOutRowsPerSecond),
        share: times(firstSync.sharePushedPerSecond, floor.copyInRowsPerSecond),
      },
      load: loadavg().map((value) => round(value)),
      summary:
        `hub: ${analysts} analysts × ${perAnalyst} operations pushed at ${Math.round(pushedTotal / pushSeconds)} ops/s and pulled at ${Math.round(pulledTotal / pullSeconds)} ops/s ` +
        `(raw COPY in ${floor.copyInRowsPerSecond} rows/s, out ${floor.copyOutRowsPerSecond} rows/s); first sync (clone into a case file) of a ${firstSync.operations}-operation case ${firstSync.seconds} s; converged: ${converged}`,
    };
  } finally {
    await cluster.destroy();
  }
}

async function firstSyncOfCaseFile(cluster: PostgresCluster, url: (role: string) => string, ownerRole: string, newcomerRole: string, operations: number) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-hub-bench-'));
  const author = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  const newcomer = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  try {
    author.session.create(join(dir, 'author.parley'));
    const store = author.session.current();
    const documents: { id: string; text: string }[] = [];
    for (let index = 0; index < 100; index++) {
      const text = `GENEVA, Nov ${index} — ${QUOTES.join(' ')} Officials met again on day ${index}.`;
      const bytes = new TextEncoder().encode(text);
      const [outcome] = store.documents.insertImported({ fileName: `article-${index}.txt`, sha256: createHash('sha256').update(bytes).digest('hex'), bytes }, [
        { title: `Geneva talks, day ${index}`, byline: null, outlet: 'Wire', publishedAt: '2025-11-23T10:00:00Z', publishedPrecision: 'second', url: null, language: 'en', format: 'text', label: `article-${index}.txt`, sourcePath: null, text, html: null, contentHash: createHash('sha256').update(text).digest('hex'), minhash: null, bandKeys: [], nearDuplicateOf: null },
      ]);
      if (outcome?.status === 'imported') documents.push({ id: outcome.documentId, text });
    }
    const quote = QUOTES[0]!;
    for (let index = 0; store.operations.counts().operations < operations; index++) {
      const document = documents[index % documents.length]!;
      const start = document.text.indexOf(quote);
      await author.call('annotation:create', { documentId: document.id, type: 'note', selector: { exact: quote, prefix: '', suffix: '', start, end: start + quote.length }, note: `note ${index}` });
    }
    const total = store.operations.counts().operations;
    process.env.PGPASSWORD = `${ownerRole}-pw`;
    const shareStart = process.hrtime.bigint();
    const shared = await author.hub.share({ url: url(ownerRole), analystName: 'Author' });
    const shareSeconds = seconds(shareStart);
    await author.hub.addMember(url(ownerRole), shared.caseId, { role: newcomerRole, displayName: 'Newcomer', access: 'editor' });
    const cloneStart = process.hrtime.bigint();
    const cloned = await newcomer.hub.clone({ url: url(newcomerRole), caseId: shared.caseId, path: join(dir, 'newcomer.parley') });
    const cloneSeconds = seconds(cloneStart);
    const same = newcomer.session.current().counts().annotations === store.counts().annotations;
    // Where the first sync's time goes: reading the case's log from the hub (pages through the
    // same client, validated, nothing applied), the rest is making the case file from it.
    const reader = await Hub.open(url(newcomerRole));
    const readStart = process.hrtime.bigint();
    let read = 0;
    try {
      for (let after = 0; ; ) {
        const page = await reader.pull(shared.caseId, after, 2000);
        read += page.operations.length;
        after = page.lastSeq;
        if (!page.more) break;
      }
    } finally {
      await reader.close();
    }
    const readSeconds = seconds(readStart);
    return {
      operations: total,
      seconds: round(cloneSeconds),
      opsPerSecond: Math.round(cloned.pulled / cloneSeconds),
      hubReadSeconds: round(readSeconds),
      hubReadOpsPerSecond: Math.round(read / readSeconds),
      localApplySeconds: round(cloneSeconds - readSeconds),
      shareSeconds: round(shareSeconds),
      sharePushedPerSecond: Math.round(shared.pushed / shareSeconds),
      annotations: store.counts().annotations,
      sameCounts: same,
      local: 'case file',
    };
  } finally {
    delete process.env.PGPASSWORD;
    await author.dispose();
    await newcomer.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function syncWith(url: string, caseId: string, local: LocalCase, only?: 'push') {
  // Twenty analysts connecting at once on a loaded machine: give the handshake time.
  const hub = await Hub.open(url, { connectTimeoutMs: 120_000 });
  try {
    if (only === 'push') {
      // Push only: pull nothing back yet (everyone pulls in the next phase).
      const unpushed = local.unpushed(local.cursors().pushedThrough, Number.MAX_SAFE_INTEGER);
      let pushed = 0;
      for (let index = 0; index < unpushed.operations.length; index += 2000) {
        pushed += (await hub.push(caseId, unpushed.operations.slice(index, index + 2000))).added;
      }
      local.markPushed(unpushed.through);
      return { pushed, pulled: 0 };
    }
    return await syncCase(hub, caseId, local);
  } finally {
    await hub.close();
  }
}

/** The same rows through COPY into a plain table, and back out: what PostgreSQL itself can do. */
async function copyFloor(cluster: PostgresCluster, operations: Operation[], caseId: string) {
  const client = new pg.Client({ connectionString: cluster.url('hub_admin', 'admin-pw', 'hub') });
  await client.connect();
  try {
    await client.query(`CREATE TABLE copy_floor (
      case_id uuid NOT NULL, seq bigint NOT NULL, op_id uuid NOT NULL UNIQUE, analyst_id uuid NOT NULL, hlc text NOT NULL,
      aggregate text NOT NULL, record_id text NOT NULL, field text NOT NULL, kind text NOT NULL,
      before text, after text, base uuid[] NOT NULL, batch_id uuid NOT NULL, UNIQUE (case_id, seq))`);
    const lines = function* () {
      let seq = 0;
      for (const op of operations) {
        seq++;
        yield `${[caseId, seq, op.opId, op.analystId, op.hlc, op.aggregate, op.recordId, op.field, op.kind, JSON.stringify(op.before), JSON.stringify(op.after), `{${op.base.join(',')}}`, op.batchId].map(csv).join(',')}\n`;
      }
    };
    const inStart = process.hrtime.bigint();
    await pipeline(Readable.from(lines()), client.query(copyFrom('COPY copy_floor FROM STDIN WITH (FORMAT csv)')));
    const inSeconds = seconds(inStart);
    const outStart = process.hrtime.bigint();
    let bytes = 0;
    await pipeline(
      client.query(copyTo('COPY copy_floor TO STDOUT WITH (FORMAT csv)')),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done();
        },
      }),
    );
    const outSeconds = seconds(outStart);
    return {
      rows: operations.length,
      copyInSeconds: round(inSeconds),
      copyInRowsPerSecond: Math.round(operations.length / inSeconds),
      copyOutSeconds: round(outSeconds),
      copyOutRowsPerSecond: Math.round(operations.length / outSeconds),
      megabytes: round(bytes / 1e6),
    };
  } finally {
    await client.end();
  }
}

function csv(value: unknown): string {
  return `"${String(value).replace(/"/g, '""')}"`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
