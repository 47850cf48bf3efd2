/**
 * `suggest(text, knowledge)`: what Parley proposes for one article — its parties and people, who said
 * what, and what each side demands, offers, concedes or rejects — each with the spans it rests on, a
 * confidence and the rule that made it. Pure and synchronous: it runs inside an import worker.
 */
import { readAttributions } from './attributions';
import { findPlanReferences, readConcessions } from './concessions';
import { normalise } from './gazetteer';
import { partySuggestions, readParties } from './parties';
import { readText } from './text';
import type { CaseKnowledge, RejectedSuggestion, SuggestOptions, SuggestionKind, Suggestions } from './types';
import { EMPTY_KNOWLEDGE } from './types';

export * from './types';
export { warmUp } from './text';
export { normalise } from './gazetteer';

/** The rejection memory's key for a suggestion of `kind` resting on `text`. */
export function suggestionKey(kind: SuggestionKind, text: string): string {
  return `${kind}:${normalise(text).slice(0, 200)}`;
}

function rejectedFilter(rejected: RejectedSuggestion[]) {
  const byKey = new Map<string, RejectedSuggestion[]>();
  for (const item of rejected) {
    const key = suggestionKey(item.kind, item.text);
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  return (key: string, start: number, end: number): boolean => {
    const items = byKey.get(key);
    if (!items) return false;
    // A rejection with a span applies there (or where it moved by re-extraction: any overlap); without one, everywhere.
    return items.some((item) => item.start === undefined || item.end === undefined || (item.start < end && start < item.end) || item.start === start);
  };
}

export function suggest(text: string, knowledge: CaseKnowledge = EMPTY_KNOWLEDGE, options: SuggestOptions = {}): Suggestions {
  const read = readText(text);
  const parties = readParties(read, knowledge);
  const planRefs = findPlanReferences(text, knowledge);
  const attributions = readAttributions(read, parties, knowledge);
  const result: Suggestions = {
    parties: partySuggestions(parties),
    attributions,
    concessions: readConcessions(read, parties, knowledge, planRefs, attributions),
    planRefs,
  };
  const isRejected = rejectedFilter(knowledge.rejected);
  const minimum = options.minConfidence ?? 0;
  result.parties = result.parties.filter((party) => {
    if (party.confidence < minimum) return false;
    // A party is rejected by its name; a single mention by its text and span.
    party.mentions = party.mentions.filter((mention) => !isRejected(suggestionKey('party', mention.text), mention.start, mention.end) || normalise(mention.text) === normalise(party.name) && false);
    if (isRejected(party.key, -1, -1) || knowledge.rejected.some((item) => item.kind === 'party' && item.start === undefined && suggestionKey('party', item.text) === party.key)) return false;
    return party.mentions.length > 0;
  });
  result.attributions = result.attributions.filter((item) => item.confidence >= minimum && !isRejected(item.key, item.start, item.end));
  result.concessions = result.concessions.filter((item) => item.confidence >= minimum && !isRejected(item.key, item.start, item.end));
  return result;
}
