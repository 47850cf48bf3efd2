import { useEffect, useRef, useState } from 'react';
import { useEscapeKey } from '../../ui/use-escape-key';
import type { Party } from '../../../shared/model/party';
import { humanise } from '../../../shared/model/vocabulary';

/** Merge two parties: the analyst picks which record survives; the other's name becomes its alias. */
export function MergeDialog(props: { parties: [Party, Party]; onMerge(keep: Party, merge: Party): Promise<string | null>; onCancel(): void }) {
  const [a, b] = props.parties;
  // Keep the better-attested record by default.
  const [keepId, setKeepId] = useState(a.mentionCount + a.statementCount >= b.mentionCount + b.statementCount ? a.id : b.id);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const firstRef = useRef<HTMLInputElement>(null);
  const keep = keepId === a.id ? a : b;
  const merge = keepId === a.id ? b : a;

  useEscapeKey(props.onCancel);
  // Focus once, when the dialog opens (not on every re-render).
  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="merge-title" data-testid="merge-dialog">
        <h2 id="merge-title">Merge two parties</h2>
        <p className="muted small">Which record do you keep?</p>
        <div className="merge-choices" role="radiogroup">
          {[a, b].map((party, index) => (
            <label key={party.id} className={`merge-choice${party.id === keepId ? ' chosen' : ''}`}>
              <input ref={index === 0 ? firstRef : undefined} type="radio" name="keep" checked={party.id === keepId} onChange={() => setKeepId(party.id)} data-testid={`merge-keep-${index}`} />
              <span>
                <strong>{party.name}</strong> <span className="muted">({humanise(party.kind)})</span>
                <span className="muted small merge-facts">
                  {party.mentionCount} mentions · {party.statementCount} statements
                  {party.aliases.length > 0 && ` · aka ${party.aliases.join(', ')}`}
                </span>
              </span>
            </label>
          ))}
        </div>
        <p className="merge-summary" data-testid="merge-summary">
          <strong>{merge.name}</strong> will become an alias of <strong>{keep.name}</strong>; its mentions, sources and stances move
          to {keep.name}. Undo reverts the merge.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={saving}
            data-testid="merge-confirm"
            onClick={async () => {
              setSaving(true);
              const message = await props.onMerge(keep, merge);
              setSaving(false);
              setError(message);
            }}
          >
            Merge into {keep.name}
          </button>
        </div>
      </div>
    </div>
  );
}
