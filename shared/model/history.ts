import { z } from 'zod';

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

export const SettingKey = z
  .string()
  .regex(/^[a-z][a-z0-9.:-]{0,99}$/, 'must be a setting key such as grid.parties.columns');
export const SettingGetInput = z.object({ key: SettingKey }).strict();
export const SettingSetInput = z.object({ key: SettingKey, value: z.string().max(200_000) }).strict();
