import { useEffect, useRef } from 'react';

/**
 * Calls `onEscape` when Escape is pressed, for dialogs and panels. The latest handler is kept in a
 * ref, so the listener is added once and callers may pass inline functions.
 */
export function useEscapeKey(onEscape: () => void): void {
  const handler = useRef(onEscape);
  handler.current = onEscape;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') handler.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
