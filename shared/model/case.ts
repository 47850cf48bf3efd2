import { z } from 'zod';

export interface CaseInfo {
  path: string;
  /** File name without `.parley`. */
  name: string;
  schemaVersion: number;
  /** The file or its folder cannot be written: the case can be read, not changed. */
  readOnly: boolean;
  counts: Record<string, number>;
}

/** A table, index, trigger or view in the case's SQLite schema. */
export interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  /** The table an index or trigger belongs to (the object itself for tables and views). */
  table: string;
}

/** `case:check` (and `parley check`): what can go wrong inside a case, found and, where safe, repaired. */
export interface HealthReport {
  integrity: string;
  /** The schema against what the case's migrations create (a tampered case). */
  schema: { unexpected: SchemaObject[]; missing: SchemaObject[]; changed: SchemaObject[] };
  foreignKeyViolations: number;
  ftsConsistent: boolean;
  ftsRebuilt: boolean;
  /** Annotations whose stored offsets no longer hold their quote. */
  misplacedSpans: number;
  orphanSpans: number;
  problems: string[];
  repaired: string[];
}

export const CaseCheckInput = z
  .object({
    /** Rebuild what can be rebuilt (the full-text index); needs a writable case. */
    repair: z.boolean().default(false),
  })
  .strict();

/** A snapshot of the case in `<case>.parley.backups/`, newest first in lists. */
export interface BackupInfo {
  path: string;
  createdAt: string;
  size: number;
}

export const CaseRestoreInput = z
  .object({
    /** The backup to put back (a file path); default: the newest backup of the open case. */
    from: z.string().min(1).max(4096).optional(),
  })
  .strict();

export interface RestoreReport {
  restoredFrom: string;
  /** The file the case was before the restore, kept as one more backup (null: there was none). */
  keptCurrentAs: string | null;
}
