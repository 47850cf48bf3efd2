import { useEffect, useState } from 'react';
import type { HubClashInfo } from '../../../shared/model/hub';
import { humanise } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { useEscapeKey } from '../../ui/use-escape-key';

const show = (value: unknown): string => {
  if (value === null || value === undefined) return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'exists' : 'deleted';
  return JSON.stringify(value);
};

/**
 * The case's open clashes: which record and field, what shows (and who set it), and what lost
 * (kept in the record's history). The same list on every replica that holds the same operations.
 */
export function ClashesPanel(props: { onClose(): void }) {
  const [clashes, setClashes] = useState<HubClashInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEscapeKey(props.onClose);
  useEffect(() => {
    void api.call('hub:clashes', {}).then((result) => (result.ok ? setClashes(result.value) : setError(result.error.message)));
  }, []);

  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal clashes-panel" role="dialog" aria-modal="true" aria-labelledby="clashes-title" data-testid="clashes-panel">
        <h2 id="clashes-title">Clashes</h2>
        {error && <p className="form-error">{error}</p>}
        {clashes?.length === 0 && <p className="muted">No clashes: every change from the team fitted in.</p>}
        {clashes && clashes.length > 0 && (
          <table className="clash-table">
            <thead>
              <tr>
                <th>Record</th>
                <th>Field</th>
                <th>Shows</th>
                <th>Lost (kept in history)</th>
              </tr>
            </thead>
            <tbody>
              {clashes.map((clash) => (
                <tr key={`${clash.aggregate}/${clash.recordId}/${clash.field}/${clash.kind}`} data-testid="clash-row">
                  <td>
                    <span className="badge">{humanise(clash.aggregate)}</span> {clash.label ?? <span className="muted">{clash.recordId.slice(0, 8)}</span>}
                    {clash.kind === 'edited_deleted' && <div className="muted small">edited after it was deleted</div>}
                  </td>
                  <td>{clash.field === '$exists' ? 'record' : humanise(clash.field)}</td>
                  <td>
                    {clash.kept ? (
                      <>
                        {show(clash.kept.value)}
                        <div className="muted small">{clash.kept.analyst}</div>
                      </>
                    ) : (
                      <span className="muted">nothing</span>
                    )}
                  </td>
                  <td>
                    {clash.lost.map((side) => (
                      <div key={`${side.analystId}${side.at}`}>
                        {show(side.value)} <span className="muted small">— {side.analyst}</span>
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="modal-actions">
          <button type="button" className="primary" onClick={props.onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
