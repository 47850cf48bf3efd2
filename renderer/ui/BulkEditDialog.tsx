import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useEscapeKey } from './use-escape-key';
import { CLEAR, KEEP, bulkPatch, describePatch, type BulkField } from '../grid/bulk-edit';

/** "Edit selected…": set one or more fields on every selected row in one undoable step. */
export function BulkEditDialog(props: {
  count: number;
  noun: [string, string];
  fields: BulkField[];
  onApply(patch: Record<string, unknown>): Promise<string | null>;
  onCancel(): void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const firstRef = useRef<HTMLSelectElement>(null);
  const patch = bulkPatch(props.fields, values);
  const changes = describePatch(props.fields, values);

  useEscapeKey(props.onCancel);
  // Focus once, when the dialog opens (not on every re-render).
  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(patch).length === 0) return;
    setSaving(true);
    const message = await props.onApply(patch);
    setSaving(false);
    setError(message);
  }

  const noun = props.count === 1 ? props.noun[0] : props.noun[1];
  return (
    <div className="modal-backdrop" role="presentation">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="bulk-title" onSubmit={(event) => void submit(event)} data-testid="bulk-edit-dialog">
        <h2 id="bulk-title">
          Edit {props.count} {noun}
        </h2>
        <p className="muted small">Fields left on “Keep as is” are not changed. One step: Undo reverts all {props.count}.</p>
        <div className="bulk-fields">
          {props.fields.map((field, index) => (
            <label key={field.field}>
              <span className="field-label">{field.label}</span>
              <select
                ref={index === 0 ? firstRef : undefined}
                value={values[field.field] ?? KEEP}
                onChange={(event) => setValues((current) => ({ ...current, [field.field]: event.target.value }))}
                data-testid={`bulk-${field.field}`}
              >
                <option value={KEEP}>Keep as is</option>
                {field.nullable && <option value={CLEAR}>— (clear)</option>}
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="bulk-error">
            Not saved: {error}
          </p>
        )}
        <div className="modal-actions">
          <span className="muted small bulk-summary">{changes ? `Set ${changes}` : 'Choose a field to change'}</span>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving || Object.keys(patch).length === 0} data-testid="bulk-apply">
            Apply to {props.count} {noun}
          </button>
        </div>
      </form>
    </div>
  );
}
