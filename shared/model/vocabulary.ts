/** The analyst's controlled vocabularies, shared by the schema, the store's CHECKs and the grids. */
export const PARTY_KINDS = ['state', 'bloc', 'organisation', 'armed_group', 'person', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** NATO / Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type ReliabilityGrade = (typeof RELIABILITY_GRADES)[number];
export const RELIABILITY_LABELS: Record<ReliabilityGrade, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

/** Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
export type CredibilityGrade = (typeof CREDIBILITY_GRADES)[number];
export const CREDIBILITY_LABELS: Record<CredibilityGrade, string> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};

export const CONCESSION_STATUSES = [
  'proposed',
  'under_discussion',
  'agreed',
  'rejected',
  'withdrawn',
  'implemented',
] as const;
export type ConcessionStatus = (typeof CONCESSION_STATUSES)[number];

export const STANCES = ['demands', 'offers', 'accepts', 'rejects', 'conditional', 'unclear'] as const;
export type Stance = (typeof STANCES)[number];

export const ANNOTATION_TYPES = ['attribution', 'party_mention', 'concession_evidence', 'note'] as const;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

export const SOURCE_CHANNELS = [
  'statement',
  'interview',
  'briefing',
  'leak',
  'transcript',
  'document',
  'social_post',
] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

export const QUOTE_KINDS = ['direct', 'indirect'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];

/** The issue-area codebook a new case starts with; editable per case. */
export const DEFAULT_ISSUE_AREAS = [
  'Territory',
  'Security guarantees',
  'Military limits',
  'Alliances',
  'Sanctions',
  'Ceasefire and sequencing',
  'Humanitarian',
  'Governance',
  'Economy',
] as const;

/** Shown in the UI instead of snake_case values. */
export function humanise(value: string): string {
  const spaced = value.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
