import { useState } from 'react';
import type { Concession } from '../../../shared/model/concession';
import { api } from '../../api';
import { announceChanges } from '../../ui/case-changes';
import { PlanPointPicker } from './PlanPointPicker';
import { usePlanPoints } from './use-plan-points';

/**
 * The plan point a concession carries, with a control to link it (plan → version → point) or
 * unlink it: one `concession:update`, so one audited, undoable step, seen at once in the plan
 * tracker and the concession grid.
 */
export function ConcessionPlanLink({ concession }: { concession: Pick<Concession, 'id' | 'title' | 'planPointId' | 'planPointLabel'> }) {
  const points = usePlanPoints();
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function link(planPointId: string | null) {
    setBusy(true);
    setError(null);
    const result = await api.call('concession:update', { id: concession.id, patch: { planPointId } });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setPicking(false);
    await announceChanges(['concession']);
  }

  return (
    <div className="concession-plan-link" data-testid="concession-plan-link">
      <div className="pick-line small">
        <span className="field-label">Plan point</span>
        {concession.planPointLabel ? (
          <span data-testid="concession-plan-point">{concession.planPointLabel}</span>
        ) : (
          <span className="muted" data-testid="concession-plan-point">
            not linked
          </span>
        )}
        {!picking && (
          <button type="button" className="link small" onClick={() => setPicking(true)} data-testid="concession-plan-link-open">
            {concession.planPointId ? 'Change…' : 'Link to a plan point…'}
          </button>
        )}
        {!picking && concession.planPointId && (
          <button type="button" className="link small danger" onClick={() => void link(null)} disabled={busy} data-testid="concession-plan-unlink">
            Unlink
          </button>
        )}
      </div>
      {picking && <PlanPointPicker points={points} current={concession.planPointId} busy={busy} onPick={(id) => void link(id)} onCancel={() => setPicking(false)} />}
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
