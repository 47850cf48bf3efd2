/**
 * The team hub, seen from one analyst's connection: shared cases and their members, each case's
 * operation log (push, pull) and its blobs. Every statement is parameterised; what the hub sends
 * back is validated before anything uses it. Row-level security on the server decides what this
 * role may see and write (see migrations/0001_hub.sql); this class adds no access rules of its own.
 */
import type pg from 'pg';
import { z } from 'zod';
import { ParleyError } from '../../shared/errors';
import { parseOperation, type Operation } from '../sync/operation';
import { connectHub, hubError, redactUrl, type HubConnectOptions } from './connection';
import { assertHubSchema, HUB_SCHEMA, migrateHub, type HubInitResult } from './migrations';

export const HUB_ACCESS = ['owner', 'editor', 'reader'] as const;
export type HubAccess = (typeof HUB_ACCESS)[number];

export interface HubCase {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  /** This analyst's membership. */
  access: HubAccess;
  analystId: string;
  displayName: string;
}

export interface HubMember {
  role: string;
  analystId: string;
  displayName: string;
  access: HubAccess;
  addedBy: string;
  addedAt: string;
}

/** An operation as the hub holds it: its place in the case's log and who pushed it. */
export interface HubOperation extends Operation {
  seq: number;
  pushedBy: string;
}

export interface PushResult {
  /** Operations new to the hub, and those it already had (an earlier push that was cut). */
  added: number;
  known: number;
  /** Where the new ones went: one contiguous run from firstSeq to last, as one push holds the case's lock. */
  firstSeq: number | null;
  last: HubPosition | null;
}

/** A place in a case's log on the hub, with the operation there (to notice a hub that lost history). */
export interface HubPosition {
  seq: number;
  opId: string;
}

export interface PullPage {
  operations: HubOperation[];
  /** The highest seq read: pull after it next time. */
  lastSeq: number;
  /** More operations follow. */
  more: boolean;
}

export const RoleName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z_][A-Za-z0-9_.@-]*$/, 'must be a PostgreSQL role name (letters, digits, _ . @ -)');

/** Case ids: the hub's own primary keys. Anything else is "not found", never an error from the server. */
const CaseId = z.uuid();

export class Hub {
  private constructor(
    private readonly client: pg.Client,
    readonly url: string,
    readonly role: string,
  ) {}

  /** Connect as an analyst: the hub must be set up with this Parley's schema. */
  static async open(url: string, options: HubConnectOptions = {}): Promise<Hub> {
    const client = await connectHub(url, options);
    try {
      await assertHubSchema(client);
      const { rows } = await client.query<{ role: string }>('SELECT current_user AS role');
      return new Hub(client, redactUrl(url), rows[0]!.role);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw hubError(error, url);
    }
  }

  /** `parley hub init`: create or upgrade the hub schema in the database the URL names. */
  static async init(url: string, options: HubConnectOptions = {}): Promise<HubInitResult & { role: string }> {
    const client = await connectHub(url, options);
    try {
      const result = await migrateHub(client);
      const { rows } = await client.query<{ role: string }>('SELECT current_user AS role');
      return { ...result, role: rows[0]!.role };
    } catch (error) {
      if ((error as { code?: string }).code === '42501') {
        throw new ParleyError('unauthorized', 'This role may not set up a hub here: run `parley hub init` as the database owner (with CREATEROLE the first time, to create the parley_analyst group)');
      }
      throw hubError(error, url);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  // ---- cases and members ----

  /** Publish a case: this role becomes its owner, as `analystId` named `displayName`. */
  async shareCase(input: { id: string; name: string; analystId: string; displayName: string }): Promise<HubCase> {
    await this.run(
      `INSERT INTO ${HUB_SCHEMA}.cases (id, name, creator_analyst_id, creator_name) VALUES ($1, $2, $3, $4)`,
      [CaseId.parse(input.id), input.name, input.analystId, input.displayName],
    );
    return this.case(input.id);
  }

  /** The cases this analyst is a member of. */
  async cases(): Promise<HubCase[]> {
    const { rows } = await this.run(
      `SELECT c.id, c.name, c.created_by, c.created_at, m.access, m.analyst_id, m.display_name
         FROM ${HUB_SCHEMA}.cases c JOIN ${HUB_SCHEMA}.my_cases m ON m.case_id = c.id
        ORDER BY c.created_at, c.id`,
    );
    return rows.map(toCase);
  }

  /** One case; a case this analyst is not a member of is "not found", exactly like one that does not exist. */
  async case(caseId: string): Promise<HubCase> {
    if (!CaseId.safeParse(caseId).success) throw notFound();
    const { rows } = await this.run(
      `SELECT c.id, c.name, c.created_by, c.created_at, m.access, m.analyst_id, m.display_name
         FROM ${HUB_SCHEMA}.cases c JOIN ${HUB_SCHEMA}.my_cases m ON m.case_id = c.id
        WHERE c.id = $1`,
      [caseId],
    );
    if (rows.length === 0) throw notFound();
    return toCase(rows[0]!);
  }

  async members(caseId: string): Promise<HubMember[]> {
    await this.case(caseId);
    const { rows } = await this.run(
      `SELECT role_name, analyst_id, display_name, access, added_by, added_at FROM ${HUB_SCHEMA}.members WHERE case_id = $1 ORDER BY added_at, role_name`,
      [caseId],
    );
    return rows.map(toMember);
  }

  /** Owners add members (existing PostgreSQL roles in parley_analyst); the analyst id is theirs from then on. */
  async addMember(caseId: string, input: { role: string; displayName: string; access: HubAccess; analystId: string }): Promise<HubMember> {
    const own = await this.case(caseId);
    if (own.access !== 'owner') throw new ParleyError('unauthorized', 'Only an owner of the case can add members');
    const role = RoleName.parse(input.role);
    await this.run(
      `INSERT INTO ${HUB_SCHEMA}.members (case_id, role_name, analyst_id, display_name, access) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id, role_name) DO UPDATE SET display_name = EXCLUDED.display_name, access = EXCLUDED.access`,
      [caseId, role, input.analystId, input.displayName, input.access],
    );
    const member = (await this.members(caseId)).find((candidate) => candidate.role === role);
    if (!member) throw new ParleyError('internal', `The hub did not keep the membership of ${role}`);
    return member;
  }

  async removeMember(caseId: string, role: string): Promise<void> {
    const own = await this.case(caseId);
    if (own.access !== 'owner') throw new ParleyError('unauthorized', 'Only an owner of the case can remove members');
    const result = await this.run(`DELETE FROM ${HUB_SCHEMA}.members WHERE case_id = $1 AND role_name = $2`, [caseId, RoleName.parse(role)]);
    if (result.rowCount === 0) throw new ParleyError('not_found', `${role} is not a member of that case`);
  }

  // ---- the operation log ----

  /**
   * Append operations to the case's log in one statement (one transaction): all or none. An
   * operation already there (same id: a push that was cut after the server committed) is skipped,
   * so pushing again after any interruption never duplicates.
   */
  async push(caseId: string, operations: Operation[]): Promise<PushResult> {
    if (operations.length === 0) return { added: 0, known: 0, firstSeq: null, last: null };
    const columns = {
      opId: [] as string[],
      analystId: [] as string[],
      hlc: [] as string[],
      aggregate: [] as string[],
      recordId: [] as string[],
      field: [] as string[],
      kind: [] as string[],
      before: [] as (string | null)[],
      after: [] as (string | null)[],
      base: [] as string[],
      batchId: [] as string[],
    };
    for (const op of operations) {
      columns.opId.push(op.opId);
      columns.analystId.push(op.analystId);
      columns.hlc.push(op.hlc);
      columns.aggregate.push(op.aggregate);
      columns.recordId.push(op.recordId);
      columns.field.push(op.field);
      columns.kind.push(op.kind);
      columns.before.push(JSON.stringify(op.before ?? null));
      columns.after.push(JSON.stringify(op.after ?? null));
      columns.base.push(`{${op.base.join(',')}}`);
      columns.batchId.push(op.batchId);
    }
    const result = await this.run(
      `INSERT INTO ${HUB_SCHEMA}.operations (case_id, op_id, analyst_id, hlc, aggregate, record_id, field, kind, before, after, base, batch_id)
       SELECT $1, op_id, analyst_id, hlc, aggregate, record_id, field, kind, before, after, base::uuid[], batch_id
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[])
              WITH ORDINALITY AS pushed(op_id, analyst_id, hlc, aggregate, record_id, field, kind, before, after, base, batch_id, position)
        ORDER BY position
       ON CONFLICT (op_id) DO NOTHING
       RETURNING seq, op_id`,
      [
        caseId,
        columns.opId,
        columns.analystId,
        columns.hlc,
        columns.aggregate,
        columns.recordId,
        columns.field,
        columns.kind,
        columns.before,
        columns.after,
        columns.base,
        columns.batchId,
      ],
      'push',
    );
    let firstSeq: number | null = null;
    let last: HubPosition | null = null;
    for (const row of result.rows) {
      const seq = Number(row.seq);
      if (firstSeq === null || seq < firstSeq) firstSeq = seq;
      if (last === null || seq > last.seq) last = { seq, opId: String(row.op_id) };
    }
    return { added: result.rows.length, known: operations.length - result.rows.length, firstSeq, last };
  }

  /**
   * Operations after `afterSeq`, oldest first, about `limit` of them: a page never ends inside a
   * user action (batch), so a page applies as whole actions.
   */
  async pull(caseId: string, afterSeq: number, limit = 2000): Promise<PullPage> {
    const page = await this.readLog(caseId, afterSeq, limit);
    // Finish the batch the page ends in (a batch is pushed in one statement, so it is contiguous).
    for (let batchId = page.at(-1)?.batchId; batchId !== undefined; ) {
      const next = await this.readLog(caseId, page.at(-1)!.seq, 250);
      const end = next.findIndex((op) => op.batchId !== batchId);
      page.push(...(end < 0 ? next : next.slice(0, end)));
      if (end >= 0 || next.length === 0) break;
    }
    const lastSeq = page.at(-1)?.seq ?? afterSeq;
    const more = page.length > 0 && (await this.run(`SELECT 1 FROM ${HUB_SCHEMA}.operations WHERE case_id = $1 AND seq > $2 LIMIT 1`, [caseId, lastSeq])).rows.length > 0;
    return { operations: page, lastSeq, more };
  }

  /** The operation at `seq`, or null: a replica checks the hub still has what it pulled. */
  async operationAt(caseId: string, seq: number): Promise<string | null> {
    const { rows } = await this.run(`SELECT op_id FROM ${HUB_SCHEMA}.operations WHERE case_id = $1 AND seq = $2`, [caseId, seq]);
    return rows.length === 0 ? null : String(rows[0]!.op_id);
  }

  /** The case's newest seq (0 for an empty log). */
  async latestSeq(caseId: string): Promise<number> {
    const { rows } = await this.run(`SELECT coalesce(max(seq), 0) AS seq FROM ${HUB_SCHEMA}.operations WHERE case_id = $1`, [caseId]);
    return Number(rows[0]!.seq);
  }

  /**
   * Up to `limit` operations after `afterSeq`, in order. The log is numbered without gaps, so a
   * range of seqs is read through the index without sorting the rest of the log; a gap (history
   * removed by the admin) is stepped over.
   *
   * Each statement sees its own snapshot, and within one snapshot the log is a prefix (seqs are
   * assigned in commit order). An empty range therefore means either a gap or operations not
   * committed yet when it was read; by the next statement they may be. So the step looks for the
   * first operation after `from` itself, never after the end of the range read: stepping from
   * `from + limit` skipped a push that committed in between, and the pull cursor passed it by.
   */
  private async readLog(caseId: string, afterSeq: number, limit: number): Promise<HubOperation[]> {
    let from = afterSeq;
    for (;;) {
      const { rows } = await this.run(
        `SELECT seq, op_id, analyst_id, pushed_by, hlc, aggregate, record_id, field, kind, before, after, base, batch_id
           FROM ${HUB_SCHEMA}.operations WHERE case_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
        [caseId, from, from + limit],
        'pull',
      );
      if (rows.length > 0) return rows.map(toHubOperation);
      const next = await this.run(`SELECT min(seq) AS seq FROM ${HUB_SCHEMA}.operations WHERE case_id = $1 AND seq > $2`, [caseId, from]);
      if (next.rows[0]?.seq === null || next.rows[0]?.seq === undefined) return [];
      from = Number(next.rows[0].seq) - 1;
    }
  }

  // ---- blobs (originals), content-addressed ----

  /** Which of these sha256s the hub does not hold for the case yet. */
  async missingBlobs(caseId: string, sha256s: string[]): Promise<string[]> {
    if (sha256s.length === 0) return [];
    const { rows } = await this.run(`SELECT sha256 FROM ${HUB_SCHEMA}.blobs WHERE case_id = $1 AND sha256 = ANY($2::text[])`, [caseId, sha256s]);
    const present = new Set(rows.map((row) => String(row.sha256)));
    return [...new Set(sha256s)].filter((sha) => !present.has(sha));
  }

  /** Store a blob once; the server checks that the bytes hash to the name. */
  async putBlob(caseId: string, sha256: string, bytes: Uint8Array): Promise<boolean> {
    const result = await this.run(
      `INSERT INTO ${HUB_SCHEMA}.blobs (case_id, sha256, size, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id, sha256) DO NOTHING`,
      [caseId, sha256, bytes.byteLength, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)],
      'blob',
    );
    return (result.rowCount ?? 0) === 1;
  }

  async blob(caseId: string, sha256: string): Promise<Buffer | null> {
    const { rows } = await this.run(`SELECT bytes FROM ${HUB_SCHEMA}.blobs WHERE case_id = $1 AND sha256 = $2`, [caseId, sha256], 'blob');
    return rows.length === 0 ? null : (rows[0]!.bytes as Buffer);
  }

  private async run(sql: string, params: unknown[] = [], what?: 'push' | 'pull' | 'blob'): Promise<pg.QueryResult> {
    try {
      return await this.client.query(sql, params);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Row-level security refusing a write: the case is not this analyst's to change.
      if (code === '42501' && (what === 'push' || what === 'blob' || /row-level security/.test((error as Error).message))) {
        throw new ParleyError('unauthorized', 'This analyst may not change that case on the hub (not a member, or a reader only)');
      }
      if (code === '23503' && what) throw notFound();
      throw hubError(error, this.url);
    }
  }
}

function notFound(): ParleyError {
  return new ParleyError('not_found', 'There is no such case on the hub, or it is not shared with this analyst');
}

function toCase(row: Record<string, unknown>): HubCase {
  return {
    id: String(row.id),
    name: String(row.name),
    createdBy: String(row.created_by),
    createdAt: new Date(row.created_at as string).toISOString(),
    access: row.access as HubAccess,
    analystId: String(row.analyst_id),
    displayName: String(row.display_name),
  };
}

function toMember(row: Record<string, unknown>): HubMember {
  return {
    role: String(row.role_name),
    analystId: String(row.analyst_id),
    displayName: String(row.display_name),
    access: row.access as HubAccess,
    addedBy: String(row.added_by),
    addedAt: new Date(row.added_at as string).toISOString(),
  };
}

/** A row from the hub is foreign data: parsed and validated like any other operation from outside. */
function toHubOperation(row: Record<string, unknown>): HubOperation {
  let before: unknown;
  let after: unknown;
  try {
    before = JSON.parse(String(row.before ?? 'null'));
    after = JSON.parse(String(row.after ?? 'null'));
  } catch {
    throw new ParleyError('invalid_input', `The hub holds a damaged operation (seq ${String(row.seq)}): its values are not JSON`);
  }
  const base = Array.isArray(row.base) ? row.base.map(String) : [];
  try {
    const op = parseOperation({
      opId: String(row.op_id),
      analystId: String(row.analyst_id),
      hlc: String(row.hlc),
      aggregate: String(row.aggregate),
      recordId: String(row.record_id),
      field: String(row.field),
      kind: String(row.kind),
      before,
      after,
      base,
      batchId: String(row.batch_id),
    });
    return { ...op, seq: Number(row.seq), pushedBy: String(row.pushed_by) };
  } catch (error) {
    throw new ParleyError('invalid_input', `The hub holds an operation this Parley does not accept (seq ${String(row.seq)}): ${(error as Error).message.slice(0, 200)}`);
  }
}
