/**
 * Peace plans and their versions ("28-point draft" → "19-point revision"): each version's numbered
 * points, which earlier points each continues, and how two versions compare point by point.
 */
import { z } from 'zod';
import { Id, IsoDate, Name, OptionalText } from './common';
import type { Stance } from './vocabulary';

export interface PlanVersionSummary {
  id: string;
  planId: string;
  label: string;
  dated: string | null;
  notes: string | null;
  pointCount: number;
  createdAt: string;
}

export interface Plan {
  id: string;
  title: string;
  proposedByPartyId: string | null;
  proposedByPartyName: string | null;
  notes: string | null;
  /** Oldest first (by date, then by when they were added). */
  versions: PlanVersionSummary[];
  createdAt: string;
  updatedAt: string;
}

export interface PlanPointConcession {
  id: string;
  title: string;
  /** Each party's latest stance on the concession. */
  stances: { partyId: string; partyName: string; stance: Stance; asOf: string | null }[];
}

export interface PlanPoint {
  id: string;
  versionId: string;
  number: number;
  text: string;
  /** Points of earlier versions this point continues (confirmed alignment). */
  alignedFrom: string[];
  concessions: PlanPointConcession[];
}

export interface PlanVersion extends PlanVersionSummary {
  planTitle: string;
  points: PlanPoint[];
}

/** A point a concession can be linked to: "US peace plan · 28-point draft · point 5". */
export interface PlanPointOption {
  id: string;
  /** "Peace plan · 28-point draft · point 3". */
  label: string;
  text: string;
  /** Where the point sits, for pickers that go plan → version → point. */
  planId: string;
  planTitle: string;
  versionId: string;
  versionLabel: string;
  number: number;
}

export const PlanCreateInput = z
  .object({
    title: Name,
    proposedByPartyId: Id.nullable().default(null),
    notes: OptionalText(20_000).default(null),
  })
  .strict();
export type PlanCreateInput = z.input<typeof PlanCreateInput>;

export const PlanUpdateInput = z
  .object({
    id: Id,
    patch: z.object({ title: Name, proposedByPartyId: Id.nullable(), notes: OptionalText(20_000) }).partial().strict(),
  })
  .strict();

export const PlanVersionCreateInput = z
  .object({
    planId: Id,
    label: Name,
    dated: IsoDate.default(null),
    notes: OptionalText(20_000).default(null),
    /** The points as pasted: a numbered list ("1. …", "2) …", "Point 3: …"), one point per number. */
    text: z.string().max(500_000, 'must be at most 500,000 characters'),
  })
  .strict();
export type PlanVersionCreateInput = z.input<typeof PlanVersionCreateInput>;

export const PlanPointUpdateInput = z
  .object({ id: Id, text: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters') })
  .strict();

export const PlanPointCreateInput = z
  .object({ versionId: Id, text: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters') })
  .strict();

export const PlanCompareInput = z
  .object({
    fromVersionId: Id,
    toVersionId: Id,
    /** Suggest an alignment from the texts even where one is confirmed. */
    suggest: z.boolean().default(false),
  })
  .strict()
  .refine((input) => input.fromVersionId !== input.toVersionId, { message: 'choose two different versions', path: ['toVersionId'] });
export type PlanCompareInput = z.input<typeof PlanCompareInput>;

export const PlanAlignInput = z
  .object({
    fromVersionId: Id,
    toVersionId: Id,
    /** Every pair the analyst confirmed: this later point continues that earlier one. */
    links: z.array(z.object({ fromPointId: Id, toPointId: Id }).strict()).max(10_000),
  })
  .strict()
  .refine((input) => input.fromVersionId !== input.toVersionId, { message: 'choose two different versions', path: ['toVersionId'] });
export type PlanAlignInput = z.input<typeof PlanAlignInput>;

export const ALIGNMENT_KINDS = ['kept', 'reworded', 'merged', 'split', 'dropped', 'new'] as const;
export type AlignmentKind = (typeof ALIGNMENT_KINDS)[number];

/** One word-level change: unchanged, removed (only in the earlier text) or added (only in the later). */
export interface RedlinePart {
  text: string;
  change: 'same' | 'removed' | 'added';
}

export interface AlignedPoints {
  kind: AlignmentKind;
  from: { id: string; number: number; text: string }[];
  to: { id: string; number: number; text: string }[];
  /** Text similarity (TF-IDF cosine, 0–1) of the pair; null for dropped and new points. */
  similarity: number | null;
  redline: RedlinePart[];
}

export interface PlanComparison {
  from: PlanVersion;
  to: PlanVersion;
  /** The alignment shown is the analyst's (confirmed) or suggested from the texts. */
  confirmed: boolean;
  rows: AlignedPoints[];
  links: { fromPointId: string; toPointId: string; similarity: number }[];
  counts: Record<AlignmentKind, number>;
}
