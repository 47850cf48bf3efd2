/**
 * Undo/redo routing: the case's history (`history:undo` / `history:redo`) unless the analyst is
 * typing, where the key belongs to the field's own text undo.
 */

export type HistoryAction = 'undo' | 'redo';

/** Ctrl/⌘+Z → undo; Ctrl/⌘+Shift+Z and Ctrl+Y → redo. */
export function historyActionFor(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): HistoryAction | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week', '']);

interface ElementLike {
  tagName: string;
  isContentEditable?: boolean;
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
}

/** Whether focus is in something with its own text undo: a text field, contenteditable, a grid cell editor. */
export function isTextEditing(element: ElementLike | null | undefined): boolean {
  if (!element) return false;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea') return true;
  if (tag === 'input') return TEXT_INPUT_TYPES.has((element.getAttribute('type') ?? '').toLowerCase());
  if (element.isContentEditable) return true;
  return !!element.closest('.ag-cell-inline-editing, .ag-cell-edit-wrapper, .ag-popup-editor');
}
