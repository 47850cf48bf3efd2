import { z } from 'zod';
import { Id } from './common';

/** Undo/redo works on user actions (audit batches), persisted in the audit log across restarts. */
export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** "Create attribution", "Edit 30 sources", "Merge Moscow into Russia". */
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface HistoryStep extends HistoryState {
  /** What was undone or redone. */
  done: string;
  /** Aggregates touched, so views can refresh. */
  aggregates: string[];
}

/** One user action in the case's history (an audit batch), with who made it. */
export interface HistoryEntry {
  seq: number;
  batchId: string;
  /** "Create attribution", "Edit 30 sources", "Sync: 12 changes from the hub". */
  label: string;
  at: string;
  kind: 'change' | 'undo' | 'redo';
  /** 'undone': on the redo stack; 'discarded': undone, then overtaken by a new change. */
  state: 'done' | 'undone' | 'discarded';
  undoable: boolean;
  /** Audited record changes in it, and the kinds of record they touched. */
  changes: number;
  aggregates: string[];
  /** Who made it: one analyst, or each colleague whose changes a sync brought in. */
  analysts: { id: string; name: string }[];
}

export const HistoryListInput = z
  .object({
    /** Only what this analyst did. */
    analystId: Id.optional(),
    /** Older than this entry (paging back). */
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(2_000).default(500),
  })
  .strict();
export type HistoryListInput = z.input<typeof HistoryListInput>;

export const SettingKey = z
  .string()
  .regex(/^[a-z][a-z0-9.:-]{0,99}$/, 'must be a setting key such as grid.parties.columns');
export const SettingGetInput = z.object({ key: SettingKey }).strict();
export const SettingSetInput = z.object({ key: SettingKey, value: z.string().max(200_000) }).strict();
