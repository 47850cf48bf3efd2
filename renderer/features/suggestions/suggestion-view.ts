/**
 * How a suggestion reads in the reader's panel and the review queue, its order for J/K, and the
 * A/P/C form draft it opens for edit-then-accept. Pure, so it is unit-tested.
 */
import type { Suggestion, SuggestionKind } from '../../../shared/model/suggestion';
import { humanise, type AnnotationType } from '../../../shared/model/vocabulary';

export const SUGGESTION_KIND_META: Record<SuggestionKind, { label: string; plural: string; type: AnnotationType; color: string }> = {
  party: { label: 'Party', plural: 'Parties and people', type: 'party_mention', color: '#1a7f5a' },
  attribution: { label: 'Attribution', plural: 'Attributions', type: 'attribution', color: '#2457c5' },
  concession: { label: 'Concession', plural: 'Demands and concessions', type: 'concession_evidence', color: '#b35c00' },
};
export const SUGGESTION_KIND_ORDER: SuggestionKind[] = ['party', 'attribution', 'concession'];

/** The proposal in one line: who or what, as the analyst would say it. */
export function describeSuggestion(suggestion: Suggestion): string {
  if (suggestion.party) {
    const { name, kind, aliases, role, affiliation } = suggestion.party;
    const extra = [humanise(kind).toLowerCase(), role, affiliation && affiliation !== name ? affiliation : null].filter(Boolean).join(', ');
    return `${name} (${extra})${aliases.length > 0 ? ` · also ${aliases.join(', ')}` : ''}`;
  }
  if (suggestion.attribution) {
    const { speaker, anonymous, quoteKind, channel } = suggestion.attribution;
    return [speaker ?? 'Speaker not found', anonymous ? 'anonymous' : null, `${quoteKind} quote`, channel ? humanise(channel).toLowerCase() : null].filter(Boolean).join(', ');
  }
  const concession = suggestion.concession!;
  const who = concession.stanceParty ?? concession.demandedBy ?? concession.by;
  return [
    who ? `${who} ${concession.stance}` : humanise(concession.stance),
    concession.issue,
    concession.concessionId ? `→ ${concession.concessionTitle}` : null,
    // Accepting links the concession to the plan point the sentence names.
    concession.planPointLabel ? `${concession.planPointId ? '' : 'plan: '}${concession.planPointLabel}` : null,
  ].filter(Boolean).join(' · ');
}

/** The proposed speaker or party, for the review queue's column. */
export function proposedWho(suggestion: Suggestion): string {
  if (suggestion.party) return suggestion.party.name;
  if (suggestion.attribution) return suggestion.attribution.speaker ?? '';
  const concession = suggestion.concession!;
  return [concession.by, concession.demandedBy && `asked by ${concession.demandedBy}`].filter(Boolean).join(', ');
}

/** Suggestions grouped by kind in reading order: the order J and K walk. */
export function inReviewOrder(suggestions: readonly Suggestion[]): Suggestion[] {
  const rank = (kind: SuggestionKind) => SUGGESTION_KIND_ORDER.indexOf(kind);
  return [...suggestions].sort((a, b) => rank(a.kind) - rank(b.kind) || (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0) || (a.id < b.id ? -1 : 1));
}

/** The id J (+1) or K (−1) moves to from `current`, staying at the ends. */
export function step(order: readonly Suggestion[], current: string | null, by: 1 | -1): string | null {
  if (order.length === 0) return null;
  const index = order.findIndex((suggestion) => suggestion.id === current);
  if (index < 0) return order[by === 1 ? 0 : order.length - 1]!.id;
  return order[Math.min(order.length - 1, Math.max(0, index + by))]!.id;
}

/** After accepting or rejecting `done`, the next one to review: the one after it, else the one before. */
export function nextAfter(order: readonly Suggestion[], done: string): string | null {
  const index = order.findIndex((suggestion) => suggestion.id === done);
  const rest = order.filter((suggestion) => suggestion.id !== done);
  if (rest.length === 0) return null;
  return rest[Math.min(Math.max(0, index), rest.length - 1)]!.id;
}

/** The fields of the A/P/C form a suggestion prefills (edit-then-accept), in the form's own terms. */
export interface SuggestionDraft {
  type: AnnotationType;
  party?: string;
  partyKind?: NonNullable<Suggestion['party']>['kind'];
  source?: string;
  sourceAnonymous?: boolean;
  newSourceRole?: string;
  quoteKind?: 'direct' | 'indirect';
  channel?: NonNullable<NonNullable<Suggestion['attribution']>['channel']> | '';
  concession?: string;
  stanceParty?: string;
  stance?: NonNullable<Suggestion['concession']>['stance'];
}

export function draftFor(suggestion: Suggestion): SuggestionDraft {
  if (suggestion.party) return { type: 'party_mention', party: suggestion.party.name, partyKind: suggestion.party.kind };
  if (suggestion.attribution) {
    const { speaker, anonymous, role, quoteKind, channel } = suggestion.attribution;
    return { type: 'attribution', source: speaker ?? '', sourceAnonymous: anonymous, newSourceRole: role ?? '', quoteKind, channel: channel ?? '' };
  }
  const concession = suggestion.concession!;
  return {
    type: 'concession_evidence',
    concession: concession.concessionTitle,
    stanceParty: concession.stanceParty ?? (concession.stance === 'demands' ? concession.demandedBy : concession.by) ?? '',
    stance: concession.stance,
  };
}

/** Confidence as a percentage, as the panel and the queue show it. */
export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}
