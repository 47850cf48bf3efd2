import { useCallback, useEffect, useState } from 'react';
import type { PlanPointOption } from '../../../shared/model/plan';
import { api } from '../../api';
import { useCaseChanged } from '../../ui/case-changes';

/** Every plan point a concession can be linked to (its grid, the reader), refetched as plans change. */
export function usePlanPoints(): PlanPointOption[] {
  const [points, setPoints] = useState<PlanPointOption[]>([]);
  const load = useCallback(async () => {
    const result = await api.call('plan:point-options', {});
    if (result.ok) setPoints(result.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useCaseChanged(['plan', 'plan_version', 'plan_point'], load);
  return points;
}
