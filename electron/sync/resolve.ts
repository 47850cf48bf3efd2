/**
 * What a set of operations means: a pure function of the set, so every replica holding the same
 * operations shows the same case, whatever order they arrived in and however often.
 *
 * Per field, a register: the operations on it form a graph (each names the heads it superseded);
 * the heads are those nobody superseded; the later head (clock, then id) shows. Two heads with
 * different values are a clash: both stay in history, the later shows, the clash is listed.
 * The existence register works the same way, so a delete is a tombstone and a restore a later
 * `true`. Across records (schema.ts): a record whose required reference is gone is hidden
 * (listed as orphaned), an optional reference to a record that is gone reads as empty, and of
 * records claiming the same unique name the first created keeps it.
 */
import { EXISTS_FIELD, compareOperations, sameValue, type Json, type Operation } from './operation';
import type { AggregateSpec, SyncSchema } from './schema';

export type ClashKind =
  /** Two analysts set the same field without seeing each other's value. */
  | 'both_changed'
  /** A record was deleted while someone edited it: the edit is kept in history. */
  | 'edited_deleted'
  /** A record refers (by a required reference) to one that was deleted: it is hidden. */
  | 'orphaned'
  /** Two records claim the same unique name: the later one is shown with a suffix. */
  | 'duplicate';

export interface ClashSide {
  opId: string;
  analystId: string;
  hlc: string;
  value: Json;
}

export interface Clash {
  aggregate: string;
  recordId: string;
  field: string;
  kind: ClashKind;
  /** What shows; null when nothing of the record shows. */
  kept: ClashSide | null;
  /** What was set but does not show (kept in history). */
  lost: ClashSide[];
}

export interface FieldState {
  winner: Operation;
  heads: Operation[];
}

export interface RecordState {
  aggregate: string;
  recordId: string;
  /** The existence register reads true (created or restored, not deleted since). */
  exists: boolean;
  /** The first creation: orders records that claim the same unique name. */
  created: Operation | null;
  fields: Map<string, FieldState>;
  /** Clashes within the record (both_changed, edited_deleted). */
  clashes: Clash[];
}

/** Resolve one record from all operations on it (any order, duplicates allowed). */
export function resolveRecord(aggregate: string, recordId: string, operations: Iterable<Operation>, spec: AggregateSpec = {}): RecordState {
  const unique = new Map<string, Operation>();
  for (const op of operations) unique.set(op.opId, op);
  const byField = new Map<string, Operation[]>();
  for (const op of unique.values()) {
    const list = byField.get(op.field) ?? [];
    list.push(op);
    byField.set(op.field, list);
  }

  const fields = new Map<string, FieldState>();
  const clashes: Clash[] = [];
  const quiet = new Set(spec.quiet ?? []);
  for (const field of [...byField.keys()].sort()) {
    const ops = byField.get(field)!;
    const superseded = new Set(ops.flatMap((op) => op.base));
    let heads = ops.filter((op) => !superseded.has(op.opId));
    // Only a forged cycle of bases leaves no head; the latest operation shows then.
    if (heads.length === 0) heads = ops;
    heads.sort(compareOperations);
    const winner = heads.at(-1)!;
    fields.set(field, { winner, heads });
    if (quiet.has(field)) continue;
    const lost = heads.filter((op) => op !== winner && !sameValue(op.after, winner.after));
    if (lost.length > 0) clashes.push({ aggregate, recordId, field, kind: 'both_changed', kept: side(winner), lost: lost.map(side) });
  }

  const existence = fields.get(EXISTS_FIELD);
  const exists = existence?.winner.after === true;
  const creations = (byField.get(EXISTS_FIELD) ?? []).filter((op) => op.after === true).sort(compareOperations);

  if (existence && !exists) {
    // Edits the deleter had not seen: the record stays deleted, the edits stay in history.
    const tombstone = existence.winner;
    const seen = new Set(tombstone.base);
    for (const [field, state] of fields) {
      if (field === EXISTS_FIELD || quiet.has(field)) continue;
      const unseen = state.heads.filter((op) => !seen.has(op.opId) && op.kind === 'update');
      if (unseen.length > 0) clashes.push({ aggregate, recordId, field, kind: 'edited_deleted', kept: side(tombstone), lost: unseen.map(side) });
    }
  }

  return { aggregate, recordId, exists, created: creations[0] ?? null, fields, clashes };
}

export function side(op: Operation): ClashSide {
  return { opId: op.opId, analystId: op.analystId, hlc: op.hlc, value: op.after };
}

/** The value a field shows by its own register (before cross-record rules); undefined if never set. */
export function fieldValue(state: RecordState, field: string): Json | undefined {
  return state.fields.get(field)?.winner.after;
}

/** Where cross-record rules look other records up: in memory (Replica) or in the case file. */
export interface RecordLookup {
  record(aggregate: string, recordId: string): RecordState | null;
  /** Records of `aggregate` whose `field` (a unique name, or a list of them) holds `key` once normalised. */
  claimants(aggregate: string, field: string, key: string): RecordState[];
}

export type MaterialRow = Record<string, Json>;

export interface Materialized {
  /** The record as it shows (id included), or null when it does not show. */
  row: MaterialRow | null;
  clashes: Clash[];
}

/** A record shows when it exists and every record it requires shows. */
export function isLive(lookup: RecordLookup, schema: SyncSchema, state: RecordState | null, visiting = new Set<string>()): boolean {
  if (!state?.exists) return false;
  const key = `${state.aggregate}:${state.recordId}`;
  // A cycle of required references cannot be broken by a deletion: treat it as showing.
  if (visiting.has(key)) return true;
  visiting.add(key);
  try {
    for (const [field, ref] of Object.entries(schema[state.aggregate]?.refs ?? {})) {
      if (!ref.required) continue;
      const target = fieldValue(state, field);
      if (typeof target !== 'string' || !isLive(lookup, schema, lookup.record(ref.to, target), visiting)) return false;
    }
    return true;
  } finally {
    visiting.delete(key);
  }
}

/** Normalise a unique name as the store compares it. */
export function uniqueKey(value: string, caseInsensitive: boolean | undefined): string {
  return caseInsensitive ? value.toLowerCase() : value;
}

/** The suffix a later record claiming a taken unique name shows with. */
export function duplicateName(value: string, recordId: string): string {
  return `${value} (duplicate ${recordId.replace(/-/g, '').slice(-8)})`;
}

function byCreation(a: RecordState, b: RecordState): number {
  const order = compareOperations(a.created ?? { hlc: '', opId: '' }, b.created ?? { hlc: '', opId: '' });
  return order !== 0 ? order : a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0;
}

/** The record as every replica shows it, with the clashes it takes part in. */
export function materializeRecord(lookup: RecordLookup, schema: SyncSchema, state: RecordState): Materialized {
  const spec = schema[state.aggregate] ?? {};
  const clashes = [...state.clashes];
  if (!state.exists) return { row: null, clashes };

  for (const [field, ref] of Object.entries(spec.refs ?? {})) {
    if (!ref.required) continue;
    const targetId = fieldValue(state, field);
    const target = typeof targetId === 'string' ? lookup.record(ref.to, targetId) : null;
    if (!isLive(lookup, schema, target)) {
      const removal = target?.fields.get(EXISTS_FIELD)?.winner;
      clashes.push({
        aggregate: state.aggregate,
        recordId: state.recordId,
        field,
        kind: 'orphaned',
        kept: removal && removal.after === false ? side(removal) : null,
        lost: state.created ? [side(state.created)] : [],
      });
      return { row: null, clashes };
    }
  }

  const row: MaterialRow = { id: state.recordId };
  for (const [field, fieldState] of state.fields) if (field !== EXISTS_FIELD) row[field] = fieldState.winner.after;

  for (const [field, ref] of Object.entries(spec.refs ?? {})) {
    if (ref.required || !Object.hasOwn(row, field)) continue;
    const value = row[field] ?? null;
    const live = (id: Json) => typeof id === 'string' && isLive(lookup, schema, lookup.record(ref.to, id));
    if (ref.list) row[field] = Array.isArray(value) ? value.filter(live) : [];
    else if (value !== null && !live(value)) row[field] = null;
  }

  for (const unique of spec.unique ?? []) {
    const value = row[unique.field] ?? null;
    const values = unique.list ? (Array.isArray(value) ? value : []) : [value];
    const kept: Json[] = [];
    for (const name of values) {
      if (typeof name !== 'string') {
        kept.push(name);
        continue;
      }
      const first = lookup
        .claimants(state.aggregate, unique.field, uniqueKey(name, unique.caseInsensitive))
        .filter((claimant) => isLive(lookup, schema, claimant))
        .sort(byCreation)[0];
      if (!first || first.recordId === state.recordId) {
        kept.push(name);
        continue;
      }
      const theirs = first.fields.get(unique.field)!.winner;
      const ours = state.fields.get(unique.field)!.winner;
      clashes.push({ aggregate: state.aggregate, recordId: state.recordId, field: unique.field, kind: 'duplicate', kept: side(theirs), lost: [{ ...side(ours), value: name }] });
      if (!unique.list) kept.push(duplicateName(name, state.recordId));
    }
    if (Object.hasOwn(row, unique.field)) row[unique.field] = unique.list ? kept : kept[0]!;
  }
  return { row, clashes };
}

/** Clashes in the order every replica lists them. */
export function sortClashes(clashes: Clash[]): Clash[] {
  const key = (clash: Clash) => `${clash.aggregate}\u0000${clash.recordId}\u0000${clash.field}\u0000${clash.kind}`;
  return [...clashes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
