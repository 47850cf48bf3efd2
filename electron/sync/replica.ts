/**
 * A case held in memory as its set of operations: the reference implementation of the model
 * (resolve.ts) that the case file's operation log is checked against, and an author of
 * operations the way an analyst's replica makes them (clock ticked, bases = the heads it sees).
 * Tests and the hub benchmark use it; the desktop app keeps its operations in the case file.
 */
import { v7 as uuidv7 } from 'uuid';
import { HybridClock } from './hlc';
import { EXISTS_FIELD, canonicalJson, type Json, type Operation, type OperationKind } from './operation';
import {
  fieldValue,
  materializeRecord,
  resolveRecord,
  sortClashes,
  uniqueKey,
  type Clash,
  type MaterialRow,
  type RecordLookup,
  type RecordState,
} from './resolve';
import type { SyncSchema } from './schema';

export interface CaseImage {
  /** Per aggregate, the records that show, by id. */
  records: Record<string, MaterialRow[]>;
  clashes: Clash[];
}

export class Replica implements RecordLookup {
  private readonly ops = new Map<string, Operation>();
  private readonly byRecord = new Map<string, Operation[]>();
  private readonly states = new Map<string, RecordState>();
  readonly clock: HybridClock;

  constructor(
    readonly schema: SyncSchema,
    readonly analystId: string = uuidv7(),
    options: { clock?: HybridClock; newId?: () => string } = {},
  ) {
    this.clock = options.clock ?? new HybridClock();
    this.newId = options.newId ?? uuidv7;
  }

  private readonly newId: () => string;

  /** Take in one operation; false when it was already here (applying twice changes nothing). */
  apply(op: Operation): boolean {
    if (this.ops.has(op.opId)) return false;
    this.ops.set(op.opId, op);
    const key = recordKey(op.aggregate, op.recordId);
    const list = this.byRecord.get(key) ?? [];
    list.push(op);
    this.byRecord.set(key, list);
    this.states.delete(key);
    this.clock.observe(op.hlc);
    return true;
  }

  applyAll(ops: Iterable<Operation>): number {
    let added = 0;
    for (const op of ops) if (this.apply(op)) added++;
    return added;
  }

  has(opId: string): boolean {
    return this.ops.has(opId);
  }

  get size(): number {
    return this.ops.size;
  }

  operations(): Operation[] {
    return [...this.ops.values()];
  }

  record(aggregate: string, recordId: string): RecordState | null {
    const key = recordKey(aggregate, recordId);
    const ops = this.byRecord.get(key);
    if (!ops) return null;
    let state = this.states.get(key);
    if (!state) {
      state = resolveRecord(aggregate, recordId, ops, this.schema[aggregate]);
      this.states.set(key, state);
    }
    return state;
  }

  claimants(aggregate: string, field: string, key: string): RecordState[] {
    const caseInsensitive = this.schema[aggregate]?.unique?.find((unique) => unique.field === field)?.caseInsensitive;
    const found: RecordState[] = [];
    for (const recordKeyText of this.byRecord.keys()) {
      const [recordAggregate, recordId] = recordKeyText.split('\u0000') as [string, string];
      if (recordAggregate !== aggregate) continue;
      const state = this.record(aggregate, recordId)!;
      const value = fieldValue(state, field);
      const names = Array.isArray(value) ? value : [value];
      if (names.some((name) => typeof name === 'string' && uniqueKey(name, caseInsensitive) === key)) found.push(state);
    }
    return found;
  }

  /** The case as it shows: records per aggregate sorted by id, and every clash. */
  image(): CaseImage {
    const records: Record<string, MaterialRow[]> = {};
    const clashes: Clash[] = [];
    const keys = [...this.byRecord.keys()].sort();
    for (const key of keys) {
      const [aggregate, recordId] = key.split('\u0000') as [string, string];
      const result = materializeRecord(this, this.schema, this.record(aggregate, recordId)!);
      clashes.push(...result.clashes);
      if (result.row) (records[aggregate] ??= []).push(result.row);
    }
    return { records, clashes: sortClashes(clashes) };
  }

  /** One string per case content: equal on two replicas exactly when they show the same case. */
  canonical(): string {
    return canonicalJson(this.image());
  }

  // ---- authoring, as an analyst's replica does ----

  create(aggregate: string, recordId: string, fields: Record<string, Json>, batchId = this.newId()): Operation[] {
    const made = [this.author(aggregate, recordId, EXISTS_FIELD, 'create', true, batchId)];
    for (const [field, value] of Object.entries(fields)) made.push(this.author(aggregate, recordId, field, 'create', value, batchId));
    return made;
  }

  update(aggregate: string, recordId: string, changes: Record<string, Json>, batchId = this.newId()): Operation[] {
    return Object.entries(changes).map(([field, value]) => this.author(aggregate, recordId, field, 'update', value, batchId));
  }

  /** A tombstone that names every head of the record it saw, so edits it did not see clash. */
  delete(aggregate: string, recordId: string, batchId = this.newId()): Operation {
    return this.author(aggregate, recordId, EXISTS_FIELD, 'delete', false, batchId);
  }

  restore(aggregate: string, recordId: string, batchId = this.newId()): Operation {
    return this.author(aggregate, recordId, EXISTS_FIELD, 'create', true, batchId);
  }

  private author(aggregate: string, recordId: string, field: string, kind: OperationKind, after: Json, batchId: string): Operation {
    const state = this.record(aggregate, recordId);
    const current = state?.fields.get(field);
    const base =
      kind === 'delete' && state
        ? [...state.fields.values()].flatMap((fieldState) => fieldState.heads.map((head) => head.opId))
        : (current?.heads.map((head) => head.opId) ?? []);
    const op: Operation = {
      opId: this.newId(),
      analystId: this.analystId,
      hlc: this.clock.tick(),
      aggregate,
      recordId,
      field,
      kind,
      before: current?.winner.after ?? null,
      after,
      base: [...new Set(base)].sort(),
      batchId,
    };
    this.apply(op);
    return op;
  }
}

function recordKey(aggregate: string, recordId: string): string {
  return `${aggregate}\u0000${recordId}`;
}
