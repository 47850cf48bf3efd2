/**
 * Suggestions: what Parley proposes for an article (its parties and people, who said what, what each
 * side demands, offers or concedes) for the analyst to accept, edit-then-accept or reject. A pending
 * suggestion is never an annotation: it appears in no grid, report or export until accepted.
 */
import { z } from 'zod';
import { AnnotationCreateInput } from './annotation';
import { BulkIds, Id } from './common';
import type { PartyKind, QuoteKind, SourceChannel, Stance } from './vocabulary';

export const SUGGESTION_KINDS = ['party', 'attribution', 'concession'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];
export const SUGGESTION_STATES = ['pending', 'accepted', 'rejected'] as const;
export type SuggestionState = (typeof SUGGESTION_STATES)[number];

/** A span a suggestion rests on: UTF-16 offsets into the document text, end exclusive. */
export interface SuggestionSpan {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** A party or person and its mentions (every mention becomes a party-mention annotation). */
export interface PartyProposal {
  name: string;
  kind: PartyKind;
  aliases: string[];
  /** The case party it resolves to, when the case already has it. */
  partyId: string | null;
  role: string | null;
  affiliation: string | null;
  affiliationPartyId: string | null;
}

/** Who said what: the content span is the suggestion's first span. */
export interface AttributionProposal {
  speaker: string | null;
  anonymous: boolean;
  quoteKind: QuoteKind;
  channel: SourceChannel | null;
  role: string | null;
  affiliation: string | null;
  /** The case source it resolves to. */
  sourceId: string | null;
  partyId: string | null;
  speakerStart: number | null;
  speakerEnd: number | null;
  outlet: string | null;
}

/** A demand, offer, concession or stance: the sentence is the suggestion's first span. */
export interface ConcessionProposal {
  by: string | null;
  demandedBy: string | null;
  stanceParty: string | null;
  issue: string | null;
  stance: Stance;
  cue: string;
  /** The case concession it is about, when one matches; else a new one is proposed. */
  concessionId: string | null;
  concessionTitle: string;
  /** The case plan and point the sentence names ("point 7 of the 28-point plan"); accepting links the concession to the point. */
  planId: string | null;
  planPointId: string | null;
  /** "point 7 of US peace plan · 28-point draft". */
  planPointLabel: string | null;
}

export interface Suggestion {
  id: string;
  documentId: string;
  documentTitle: string | null;
  kind: SuggestionKind;
  /** The words it rests on: a party's name, an attribution's content, a concession's sentence. */
  text: string;
  spans: SuggestionSpan[];
  confidence: number;
  /** 'accepted' only while the annotation it made exists: undoing the accept makes it pending again. */
  state: SuggestionState;
  rule: string;
  annotationId: string | null;
  party: PartyProposal | null;
  attribution: AttributionProposal | null;
  concession: ConcessionProposal | null;
  createdAt: string;
  updatedAt: string;
}

export interface SuggestionPage {
  rows: Suggestion[];
  total: number;
}

export const SuggestionQueryInput = z
  .object({
    documentId: Id.optional(),
    state: z.enum(SUGGESTION_STATES).default('pending'),
    kind: z.enum(SUGGESTION_KINDS).optional(),
    limit: z.number().int().min(1).max(5_000).default(1_000),
    offset: z.number().int().nonnegative().default(0),
  })
  .strict();

export const SuggestionAcceptInput = z
  .object({
    id: Id,
    /** Edit-then-accept: the annotation as the analyst completed it in the A/P/C form. */
    annotation: AnnotationCreateInput.optional(),
  })
  .strict();

export const SuggestionAcceptAboveInput = z
  .object({
    kind: z.enum(SUGGESTION_KINDS, { message: `must be one of ${SUGGESTION_KINDS.join(', ')}` }),
    minConfidence: z.number().min(0).max(1),
    /** One document (the reader), or the whole case (the review queue). */
    documentId: Id.optional(),
  })
  .strict();

export const SuggestionBulkInput = z.object({ ids: BulkIds }).strict();

export const SuggestionRunInput = z
  .object({
    /** The documents to read; all of the case's documents when left out. */
    documentIds: z.array(Id).min(1, 'choose at least one document').max(100_000).optional(),
  })
  .strict();

export interface SuggestionAcceptResult {
  accepted: Suggestion[];
  /** Suggestions that cannot be accepted as they stand (an attribution with no speaker): edit them. */
  skipped: { id: string; message: string }[];
  /** The annotations made, in order. */
  annotationIds: string[];
}

export interface SuggestionProgress {
  jobId: string | null;
  state: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  /** Documents read of those queued. */
  done: number;
  total: number;
  /** Pending suggestions stored by this run. */
  suggested: number;
  message?: string;
}

export interface PendingCount {
  documentId: string;
  pending: number;
}
