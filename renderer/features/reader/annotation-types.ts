/**
 * How each annotation type looks and is reached from the keyboard. Pure, so the colours and the
 * stacking of overlapping highlights are unit-tested.
 */
import type { AnnotationType } from '../../../shared/model/vocabulary';

export interface TypeMeta {
  type: AnnotationType;
  label: string;
  /** The label where room is short (the selection panel's type buttons). */
  short: string;
  /** Shortcut in the selection panel. */
  key: string;
  /** Underline / chip colour. */
  color: string;
  /** Translucent fill behind the text. */
  fill: string;
}

export const TYPE_META: Record<AnnotationType, TypeMeta> = {
  attribution: { type: 'attribution', label: 'Attribution', short: 'Attribution', key: 'A', color: '#2457c5', fill: 'rgba(36, 87, 197, 0.13)' },
  party_mention: { type: 'party_mention', label: 'Party mention', short: 'Party', key: 'P', color: '#1a7f5a', fill: 'rgba(26, 127, 90, 0.13)' },
  concession_evidence: { type: 'concession_evidence', label: 'Concession evidence', short: 'Concession', key: 'C', color: '#b35c00', fill: 'rgba(214, 120, 0, 0.16)' },
  note: { type: 'note', label: 'Note', short: 'Note', key: 'N', color: '#7a4fb5', fill: 'rgba(122, 79, 181, 0.13)' },
};

export const TYPE_ORDER: AnnotationType[] = ['attribution', 'party_mention', 'concession_evidence', 'note'];

/** The type a shortcut key picks, if any ("a" or "A" → attribution). */
export function typeForKey(key: string): AnnotationType | null {
  const upper = key.toUpperCase();
  return TYPE_ORDER.find((type) => TYPE_META[type].key === upper) ?? null;
}

/**
 * The CSS for a run of text covered by annotations of these types (outermost first): the fill of
 * the innermost, deepened by overlap, and one 2px underline band per covering annotation, stacked
 * downwards so every span stays visible.
 */
export function highlightStyle(types: readonly AnnotationType[]): { backgroundColor?: string; boxShadow?: string; paddingBottom?: string } {
  if (types.length === 0) return {};
  const inner = TYPE_META[types[types.length - 1]!];
  // The first shadow paints on top: innermost (thinnest) band first, outer ones peek out above it.
  const bands = types.map((type, i) => `inset 0 -${2 * (types.length - i)}px 0 ${TYPE_META[type].color}`).reverse();
  return {
    backgroundColor: types.length > 1 ? inner.fill.replace(/[\d.]+\)$/, (alpha) => `${Math.min(0.4, parseFloat(alpha) * 1.8).toFixed(2)})`) : inner.fill,
    boxShadow: bands.join(', '),
    paddingBottom: `${2 * types.length - 1}px`,
  };
}
