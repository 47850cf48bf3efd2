/**
 * The suggestion engine's input (what the case already knows) and output (what it proposes). Both are
 * plain JSON so they cross the worker boundary by structured clone. Offsets are UTF-16 code units
 * into the text passed to `suggest`, end exclusive, as everywhere in Parley.
 */
import type { PartyKind, SourceChannel, Stance } from '../../shared/model/vocabulary';

export type SuggestionKind = 'party' | 'attribution' | 'concession';

export interface Span {
  start: number;
  end: number;
}

/** What the analyst has already confirmed in the case; the first gazetteer. */
export interface CaseKnowledge {
  parties: KnownParty[];
  sources: KnownSource[];
  concessions: KnownConcession[];
  /** The case's issue-area codebook (names, in the analyst's order). */
  issueAreas: string[];
  plans: KnownPlan[];
  /** Suggestions the analyst rejected: not proposed again. A span narrows the memory to that place. */
  rejected: RejectedSuggestion[];
}

export interface KnownParty {
  id: string;
  name: string;
  kind: PartyKind;
  aliases: string[];
  /** For a person: the party they belong to or speak for (its name). */
  affiliation?: string | null;
}

export interface KnownSource {
  id: string;
  name: string;
  role?: string | null;
  /** The party the source speaks for (its name). */
  party?: string | null;
  anonymous: boolean;
}

export interface KnownConcession {
  id: string;
  title: string;
  issueArea?: string | null;
  /** Names of the parties involved (conceding, beneficiary, proposer). */
  parties: string[];
  /** Plan point label if linked, e.g. "7". */
  planPoint?: string | null;
}

/** A plan as the case knows it: one entry per version (a 28-point draft, its 19-point revision). */
export interface KnownPlan {
  /** The plan's id (concessions link to its points). */
  id: string;
  /** The version these points are of; absent for a plan known without versions. */
  versionId?: string;
  /** "US peace plan · 28-point draft". */
  title: string;
  /** When the version is dated (ISO), to prefer the latest of several that fit. */
  dated?: string | null;
  points: { id: string; label: string; text: string }[];
}

export interface RejectedSuggestion {
  kind: SuggestionKind;
  /** The rejected suggestion's text (a party's name or mention, a quote's content, a concession sentence). */
  text: string;
  start?: number;
  end?: number;
}

export interface SuggestOptions {
  /** Drop suggestions below this confidence (default 0). */
  minConfidence?: number;
}

export interface PartyMention extends Span {
  /** The mention as written ("Kremlin", "Peskov", "Russian"). */
  text: string;
  /** How the mention was resolved: the case, the built-in gazetteer, a metonym, a demonym, coreference. */
  rule: string;
}

export interface PartySuggestion {
  /** Canonical name: the case party's name when matched, else the fullest form in the text. */
  name: string;
  kind: PartyKind;
  /** Other names the text uses for it ("Kremlin", "Moscow"), besides `name`. */
  aliases: string[];
  mentions: PartyMention[];
  /** The case party it resolves to. */
  partyId?: string;
  /** The case source it resolves to (a person confirmed as a source before). */
  sourceId?: string;
  /** A person's title or role as the text gives it ("Kremlin spokesman", "Secretary of State"). */
  role?: string;
  /** The party a person belongs to or speaks for, from the text or the case. */
  affiliation?: string;
  affiliationPartyId?: string;
  confidence: number;
  /** `party:<normalised name>`, for rejection memory. */
  key: string;
}

export interface AttributionSuggestion extends Span {
  /** Who spoke: a person's or body's canonical name, or the anonymous description ("a senior US official"). */
  speaker: string | null;
  anonymous: boolean;
  /** The content (quoted or reported words), `text.slice(start, end)`. */
  quote: string;
  kind: 'direct' | 'indirect';
  speakerStart?: number;
  speakerEnd?: number;
  /** The speaker phrase as written. */
  speakerText?: string;
  /** Through what the words reached the outlet, when the text says. */
  channel?: SourceChannel;
  /** The outlet named as receiving the words ("told CNN"). */
  outlet?: string;
  role?: string;
  /** The party the speaker speaks for. */
  affiliation?: string;
  sourceId?: string;
  partyId?: string;
  /** A document as source (a draft plan, a transcript). */
  document?: boolean;
  /** The rule that fired, e.g. `quote:speaker-after`, `indirect:said-that`, `according-to`. */
  rule: string;
  confidence: number;
  /** `attribution:<normalised content>`. */
  key: string;
}

export interface ConcessionSuggestion extends Span {
  /** The sentence or clause that records the demand, offer, concession or stance. */
  text: string;
  /** The conceding party: the side that gives, or is asked to give. */
  by: string | null;
  /** The party that demands or proposes it. */
  demandedBy?: string;
  /** The party whose stance the sentence records (the subject), with its stance. */
  stanceParty?: string;
  issue: string | null;
  stance: Stance;
  /** The cue that fired ("demand", "give up", "red line", "ceasefire first"). */
  cue: string;
  /** The case concession it is about, when one matches. */
  concessionId?: string;
  concessionTitle?: string;
  byPartyId?: string;
  demandedByPartyId?: string;
  planRefs?: PlanReference[];
  /** The case plan (and point) the sentence names, when one matched: accepting links the concession to that point. */
  planId?: string;
  planPointId?: string;
  /** "point 7 of US peace plan · 28-point draft", for the analyst. */
  planPointLabel?: string;
  rule: string;
  confidence: number;
  /** `concession:<normalised sentence>`. */
  key: string;
}

export interface PlanReference extends Span {
  text: string;
  /** Points of the plan named ("28" for "the 28-point plan"). */
  pointCount?: number;
  /** The point named ("7" for "point 7"). */
  point?: string;
  planId?: string;
  /** The version matched (by its number of points, or the plan named before the point). */
  versionId?: string;
  pointId?: string;
}

export interface Suggestions {
  parties: PartySuggestion[];
  attributions: AttributionSuggestion[];
  concessions: ConcessionSuggestion[];
  /** Plan and point references anywhere in the text. */
  planRefs: PlanReference[];
}

export const EMPTY_KNOWLEDGE: CaseKnowledge = {
  parties: [],
  sources: [],
  concessions: [],
  issueAreas: [],
  plans: [],
  rejected: [],
};
