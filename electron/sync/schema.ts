/**
 * What the operation model needs to know of a case's records: references between them (a record
 * whose required reference is gone does not show), unique names, and bookkeeping fields whose
 * later value wins without being listed as a clash. The store describes its tables with it.
 */

export interface ReferenceSpec {
  /** The aggregate referred to. */
  to: string;
  /** NOT NULL reference: without its target the record does not show. */
  required?: boolean;
  /** The field is a list of ids (an annotation's tags). */
  list?: boolean;
}

export interface UniqueSpec {
  field: string;
  caseInsensitive?: boolean;
  /** The field is a list of names, each unique across the aggregate (a party's aliases). */
  list?: boolean;
}

export interface AggregateSpec {
  refs?: Record<string, ReferenceSpec>;
  unique?: UniqueSpec[];
  /** Bookkeeping (updated_at, …): the later value wins, never listed as a clash. */
  quiet?: string[];
}

export type SyncSchema = Record<string, AggregateSpec>;
