/** How each stance looks in every view (matrix, timeline, plans), so a colour means one thing. */
import type { CellStance } from '../../shared/model/analysis';

export const STANCE_COLORS: Record<CellStance, string> = {
  demands: '#e8590c',
  offers: '#1971c2',
  accepts: '#2f9e44',
  rejects: '#c92a2a',
  conditional: '#9c36b5',
  unclear: '#adb5bd',
  none: '#f1f3f5',
};

export const STANCE_ORDER: CellStance[] = ['demands', 'offers', 'accepts', 'rejects', 'conditional', 'unclear', 'none'];
