import { useId, type ReactNode } from 'react';
import { resolvePick, type Named } from './draft';

/**
 * A name field over existing records: typing an existing name (or alias) picks it, anything else
 * creates a new record in the same step. The hint under the field says which will happen.
 */
export function PickOrCreate(props: {
  label: string;
  noun: string;
  value: string;
  records: readonly Named[];
  onChange(value: string): void;
  placeholder?: string;
  testId: string;
  autoFocus?: boolean;
  optional?: boolean;
  /** Extra fields shown while the typed name is new. */
  whenNew?: ReactNode;
}) {
  const listId = useId();
  const pick = resolvePick(props.value, props.records);
  return (
    <div className="field">
      <label>
        <span className="field-label">
          {props.label}
          {props.optional && <span className="muted"> (optional)</span>}
        </span>
        <input
          list={listId}
          value={props.value}
          placeholder={props.placeholder}
          onChange={(event) => props.onChange(event.target.value)}
          autoFocus={props.autoFocus}
          data-testid={props.testId}
          autoComplete="off"
        />
      </label>
      <datalist id={listId}>
        {props.records.map((record) => (
          <option key={record.id} value={record.name} />
        ))}
      </datalist>
      {pick.kind === 'new' && (
        <div className="pick-new" data-testid={`${props.testId}-new`}>
          <span className="badge new">New {props.noun}</span> “{pick.name}” will be created
          {props.whenNew && <div className="pick-new-fields">{props.whenNew}</div>}
        </div>
      )}
      {pick.kind === 'existing' && (
        <div className="pick-existing muted small">
          <span className="badge">Existing</span> {pick.name}
        </div>
      )}
    </div>
  );
}
