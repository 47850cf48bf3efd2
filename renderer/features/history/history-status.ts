import type { HistoryEntry } from '../../../shared/model/history';

/** What the Status column says of a history entry: whether it stands, was undone, or cannot be. */
export function historyStatus(entry: HistoryEntry): string {
  if (entry.state === 'undone') return 'Undone (Ctrl+Shift+Z redoes it)';
  if (entry.state === 'discarded') return 'Undone';
  if (entry.kind !== 'change') return '';
  return entry.undoable ? '' : 'Not undoable';
}
