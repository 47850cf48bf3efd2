import type { GridApi } from 'ag-grid-community';
import { useCallback, useRef } from 'react';
import { api } from '../api';
import { layoutKey, layoutToRestore, layoutToSave } from '../grid/column-layout';

/**
 * Restore a grid's saved column layout when it is ready, and save it (debounced) whenever the
 * analyst moves, resizes, sorts or hides a column. Per case: settings live in the case file.
 */
export function useColumnLayout<T>(gridName: string | undefined) {
  const timer = useRef<number | undefined>(undefined);
  const restoring = useRef(false);

  const restore = useCallback(
    async (grid: GridApi<T>) => {
      if (!gridName) return;
      const result = await api.call('setting:get', { key: layoutKey(gridName) });
      if (!result.ok || grid.isDestroyed()) return;
      const known = (grid.getColumns() ?? []).map((column) => column.getColId());
      const state = layoutToRestore(result.value.value, known);
      if (!state) return;
      restoring.current = true;
      grid.applyColumnState({ state, applyOrder: true, defaultState: { sort: null } });
      restoring.current = false;
    },
    [gridName],
  );

  const save = useCallback(
    (grid: GridApi<T>) => {
      if (!gridName || restoring.current) return;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        if (grid.isDestroyed()) return;
        void api.call('setting:set', { key: layoutKey(gridName), value: layoutToSave(grid.getColumnState()) });
      }, 400);
    },
    [gridName],
  );

  return { restore, save };
}
