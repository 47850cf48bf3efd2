import { useEffect } from 'react';

export interface ToastMessage {
  text: string;
  tone?: 'info' | 'error';
  id: number;
}

/** A short note at the bottom of the window ("Undid: Create attribution"); fades by itself. */
export function Toast({ toast, onDone }: { toast: ToastMessage | null; onDone(): void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(onDone, toast.tone === 'error' ? 6000 : 3500);
    return () => window.clearTimeout(timer);
  }, [toast, onDone]);
  if (!toast) return null;
  return (
    <div className={`toast ${toast.tone ?? 'info'}`} role="status" aria-live="polite" data-testid="toast" key={toast.id}>
      {toast.text}
    </div>
  );
}
