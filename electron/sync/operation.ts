/**
 * One operation: one analyst setting one field of one record, or creating or deleting a record.
 * Operations are what travels between replicas of a case (the hub, bundles), so the schema below
 * is applied to every operation read from outside: nothing foreign is trusted.
 */
import { z } from 'zod';
import { isHlc, type Hlc } from './hlc';

/** The existence register: `true` creates (or restores) a record, `false` is its tombstone. */
export const EXISTS_FIELD = '$exists';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OperationKind = 'create' | 'update' | 'delete';

export interface Operation {
  /** Global id (UUID): the same operation received twice is applied once. */
  opId: string;
  /** The analyst who made it (stable id within the case). */
  analystId: string;
  hlc: Hlc;
  aggregate: string;
  recordId: string;
  /** A column, a child list ('aliases', 'tag_ids'), or EXISTS_FIELD. */
  field: string;
  kind: OperationKind;
  /** The value the author's replica held (for history; never used to decide). */
  before: Json;
  after: Json;
  /**
   * The operations this one supersedes: the heads of the field as the author's replica had them
   * (for a delete, the heads of every field of the record). Two heads of one field that do not
   * know each other are a clash.
   */
  base: string[];
  /** The user action it belongs to (one undoable step). */
  batchId: string;
}

const NAME = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_BASE = 1000;

export const OperationSchema = z
  .object({
    opId: z.uuid(),
    analystId: z.uuid(),
    hlc: z.string().refine(isHlc, 'must be a hybrid logical clock timestamp'),
    aggregate: z.string().regex(NAME, 'must be an aggregate name'),
    recordId: z.string().min(1).max(100).regex(/^[\w-]+$/, 'must be a record id'),
    field: z.string().refine((field) => field === EXISTS_FIELD || NAME.test(field), 'must be a field name'),
    kind: z.enum(['create', 'update', 'delete']),
    before: z.json(),
    after: z.json(),
    base: z.array(z.uuid()).max(MAX_BASE),
    batchId: z.uuid(),
  })
  .refine((op) => op.field !== EXISTS_FIELD || (typeof op.after === 'boolean' && op.kind === (op.after ? 'create' : 'delete')), {
    message: 'a create or delete sets the existence register to true or false',
  })
  .refine((op) => op.field === EXISTS_FIELD || op.kind !== 'delete', { message: 'only the existence register is deleted' });

/** Validate an operation from outside this replica (the hub, a bundle). */
export function parseOperation(value: unknown): Operation {
  return OperationSchema.parse(value) as Operation;
}

/** Total order of operations: the later clock, then the larger id. */
export function compareOperations(a: Pick<Operation, 'hlc' | 'opId'>, b: Pick<Operation, 'hlc' | 'opId'>): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.opId !== b.opId) return a.opId < b.opId ? -1 : 1;
  return 0;
}

/** JSON with object keys sorted: equal values give equal text on every replica. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function sameValue(a: unknown, b: unknown): boolean {
  // Strings compare as themselves (JSON of a string is one-to-one): a document's text and HTML
  // are compared on every import, and serialising them twice per field made a third of the cost.
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}
