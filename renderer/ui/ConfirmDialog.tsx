import { useEffect, useRef, type ReactNode } from 'react';
import { useEscapeKey } from './use-escape-key';

export function ConfirmDialog(props: {
  title: string;
  body?: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEscapeKey(props.onCancel);
  // Focus once, when the dialog opens (not on every re-render).
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" data-testid="confirm-dialog">
        <h2 id="confirm-title">{props.title}</h2>
        {props.body}
        <p className="muted">This is recorded in the case's audit log.</p>
        <div className="modal-actions">
          <button type="button" ref={cancelRef} onClick={props.onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={props.onConfirm} data-testid="confirm-ok">
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
