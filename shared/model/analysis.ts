/**
 * The analysis views' answers, as the service computes them: the stance matrix as of a date, the
 * timeline of statements and stance changes, and how well a claim is corroborated.
 */
import { z } from 'zod';
import { Id, IsoDate } from './common';
import type { CredibilityGrade, ReliabilityGrade, Stance } from './vocabulary';

/** A cell's stance: one of the recorded stances, or none recorded (yet) as of the date. */
export type CellStance = Stance | 'none';

/** How each stance looks everywhere (views, spreadsheets, reports), so a colour means one thing. */
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

/** Stances light enough that their label is written dark. */
export const LIGHT_STANCES: ReadonlySet<CellStance> = new Set(['unclear', 'none']);

export const MATRIX_COLUMNS = ['concession', 'issue_area'] as const;
export type MatrixColumns = (typeof MATRIX_COLUMNS)[number];

export const StanceMatrixInput = z
  .object({
    /** Columns: one per concession, or one per issue area (a party's latest stance on any of its concessions). */
    by: z.enum(MATRIX_COLUMNS).default('concession'),
    /** The matrix as it stood at the end of this day; null: everything recorded, undated stances included. */
    asOf: IsoDate.default(null),
  })
  .strict();
export type StanceMatrixInput = z.input<typeof StanceMatrixInput>;

export interface MatrixCell {
  /** Indexes into `parties` and `columns` (sparse: cells with no stance are left out). */
  party: number;
  column: number;
  stance: Stance;
  /** The date of the latest stance entry, and since when the party has held this stance (unbroken). */
  date: string | null;
  since: string | null;
  /** Evidence spans that support this stance (dated no later than the as-of day). */
  spans: number;
  /** The concession the stance is on (for issue-area columns, the concession of the latest entry). */
  concessionId: string;
  /** Part of a gap: another party's stance on this column is incompatible (demands vs rejects). */
  incompatible: boolean;
}

export interface StanceMatrix {
  by: MatrixColumns;
  asOf: string | null;
  parties: { id: string; name: string }[];
  columns: { id: string; title: string; issueAreaName: string | null }[];
  cells: MatrixCell[];
  /** The case's stance dates, ascending (the "as of" slider's stops). */
  dates: string[];
  /** Columns where one party demands what another rejects. */
  gaps: number;
}

export const StanceEvidenceInput = z
  .object({
    partyId: Id,
    /** A concession id, or an issue area id when `by` is 'issue_area'. */
    columnId: Id,
    by: z.enum(MATRIX_COLUMNS).default('concession'),
    asOf: IsoDate.default(null),
  })
  .strict();
export type StanceEvidenceInput = z.input<typeof StanceEvidenceInput>;

/** One entry of a party's stance history behind a cell, with the span that showed it (if any). */
export interface StanceEvidence {
  stanceId: string;
  stance: Stance;
  asOf: string | null;
  concessionId: string;
  concessionTitle: string;
  /** Whether it counts as of the day: later entries (and, with a day chosen, undated ones) are listed but do not. */
  counts: boolean;
  annotationId: string | null;
  documentId: string | null;
  documentTitle: string | null;
  outlet: string | null;
  exact: string | null;
  note: string | null;
  /** The analyst who recorded the stance. */
  createdBy: string | null;
}

export const TimelineInput = z
  .object({
    partyIds: z.array(Id).max(500).default([]),
    issueAreaIds: z.array(Id).max(500).default([]),
    concessionIds: z.array(Id).max(5_000).default([]),
    /** Rows of the chart: one per party, per concession or per issue area. */
    lanes: z.enum(['party', 'concession', 'issue_area']).default('party'),
  })
  .strict();
export type TimelineInput = z.input<typeof TimelineInput>;

export interface TimelineEvent {
  /** A stance entry (a position taken or changed) or an attributed statement. */
  kind: 'stance' | 'statement';
  id: string;
  date: string | null;
  lane: number;
  partyName: string | null;
  concessionTitle: string | null;
  stance: Stance | null;
  /** The stance differs from the party's previous one on the same concession. */
  change: boolean;
  quote: string | null;
  annotationId: string | null;
  documentId: string | null;
  documentTitle: string | null;
  outlet: string | null;
}

export interface Timeline {
  lanes: { id: string; name: string }[];
  /** Dated events, in date order. */
  events: TimelineEvent[];
  /** Evidence without a date: listed aside, never placed on the axis by guess. */
  undated: TimelineEvent[];
}

export const CorroborationInput = z
  .object({
    concessionId: Id.optional(),
    sourceId: Id.optional(),
  })
  .strict();
export type CorroborationInput = z.input<typeof CorroborationInput>;

/** Reliability (A–F) × credibility (1–6, or '-' when not graded) → how many attributions. */
export type GradeMatrix = Record<ReliabilityGrade | '-', Partial<Record<`${CredibilityGrade}` | '-', number>>>;

export interface OutletCount {
  outlet: string;
  documents: number;
  /** Copies counted under another outlet's article: near-duplicates or syndicated (same text). */
  copies: { documentId: string; outlet: string; title: string | null; copyOf: string }[];
}

export interface Corroboration {
  /** 'claim': one source's words (grouped by source and quote); 'concession': all its evidence. */
  kind: 'claim' | 'concession';
  id: string;
  label: string;
  sourceNames: string[];
  /** Independent outlets: syndicated and near-duplicate copies count once, under their original. */
  independentOutlets: number;
  outlets: OutletCount[];
  documents: number;
  grades: GradeMatrix;
  /** All of it rests on one source, and that source is anonymous. */
  singleAnonymousSource: boolean;
  /** The spans behind it, one click from the reader. */
  spans: { annotationId: string; documentId: string; outlet: string | null; publishedAt: string | null }[];
}

export interface SourceProfile {
  sourceId: string;
  name: string;
  anonymous: boolean;
  claims: number;
  outlets: string[];
  /** Each graded attribution, in date order. */
  grades: { date: string | null; reliability: ReliabilityGrade | null; credibility: CredibilityGrade | null; annotationId: string; documentId: string }[];
}

export interface CorroborationReport {
  claims: Corroboration[];
  concessions: Corroboration[];
  sources: SourceProfile[];
}
