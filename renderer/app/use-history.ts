import { useCallback, useEffect, useRef } from 'react';
import { api } from '../api';
import { historyActionFor, isTextEditing, type HistoryAction } from './undo';

/**
 * Undo/redo of the case's history from Ctrl/⌘+Z, Ctrl/⌘+Shift+Z, Ctrl+Y and the Edit menu. The
 * service announces what an undo changed (`case:changed`), so the views refetch by themselves.
 * Returns the handler the menu calls.
 */
export function useHistory(enabled: boolean, say: (text: string, tone?: 'info' | 'error') => void) {
  const active = useRef(enabled);
  active.current = enabled;

  const run = useCallback(
    async (action: HistoryAction) => {
      const result = await api.call(action === 'undo' ? 'history:undo' : 'history:redo', {});
      // The label may already carry the verb ("Undo Create attribution"): say it once.
      if (result.ok) say(`${action === 'undo' ? 'Undid' : 'Redid'}: ${result.value.done.replace(/^(undo|redo|undid|redid)\s*:?\s+/i, '')}`);
      else say(result.error.message, 'error');
    },
    [say],
  );

  /** True when the case's history took the action; false when it was the focused field's own undo. */
  const onHistory = useCallback(
    (action: HistoryAction, fromMenu: boolean) => {
      // In a text field (or a grid cell editor) the key is the field's own text undo.
      if (isTextEditing(document.activeElement as HTMLElement | null)) {
        if (fromMenu) document.execCommand(action);
        return false;
      }
      void run(action);
      return true;
    },
    [run],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = historyActionFor(event);
      if (!action || !active.current) return;
      if (document.querySelector('.modal-backdrop')) return;
      if (onHistory(action, false)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onHistory]);

  return onHistory;
}
