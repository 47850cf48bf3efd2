/**
 * A grid's column layout (order, width, sort, hidden) as saved per case under the setting
 * `grid.<name>.columns`. Pure: what is kept, and what a stored value may restore.
 */
import type { ColumnState } from 'ag-grid-community';

export const layoutKey = (gridName: string) => `grid.${gridName}.columns`;

/** Only what the analyst chose; AG Grid's flex and pivot state stay the column definitions' business. */
export function layoutToSave(state: readonly ColumnState[]): string {
  return JSON.stringify(
    state.map((column) => ({
      colId: column.colId,
      width: column.width,
      hide: column.hide ?? false,
      sort: column.sort ?? null,
      sortIndex: column.sortIndex ?? null,
      pinned: column.pinned ?? null,
    })),
  );
}

/**
 * The stored layout to apply, or null: unparsable values and unknown columns (renamed or removed
 * since it was saved) are dropped, widths are clamped so a bad value cannot hide a column's content.
 */
export function layoutToRestore(stored: string | null, knownColIds: readonly string[]): ColumnState[] | null {
  if (!stored) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const known = new Set(knownColIds);
  const seen = new Set<string>();
  const state: ColumnState[] = [];
  for (const entry of parsed as unknown[]) {
    if (!entry || typeof entry !== 'object') continue;
    const column = entry as Record<string, unknown>;
    if (typeof column.colId !== 'string' || !known.has(column.colId) || seen.has(column.colId)) continue;
    seen.add(column.colId);
    const restored: ColumnState = { colId: column.colId, hide: column.hide === true };
    if (typeof column.width === 'number' && Number.isFinite(column.width)) restored.width = Math.max(40, Math.min(1200, Math.round(column.width)));
    restored.sort = column.sort === 'asc' || column.sort === 'desc' ? column.sort : null;
    restored.sortIndex = typeof column.sortIndex === 'number' ? column.sortIndex : null;
    restored.pinned = column.pinned === 'left' || column.pinned === 'right' ? column.pinned : null;
    state.push(restored);
  }
  return state.length > 0 ? state : null;
}
