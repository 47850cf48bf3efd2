import { z } from 'zod';
import { Id, Name, OptionalText } from './common';
import { RELIABILITY_GRADES, type ReliabilityGrade } from './vocabulary';

/** A speaker or originator of claims: an official, a spokesperson, "a senior US official". */
export interface Source {
  id: string;
  name: string;
  role: string | null;
  partyId: string | null;
  partyName: string | null;
  anonymous: boolean;
  defaultReliability: ReliabilityGrade;
  notes: string | null;
  claimCount: number;
  outlets: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  /** The analyst who added it (their name in the case), from the operation log. */
  createdById: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const SourceFields = {
  name: Name,
  role: OptionalText(300),
  partyId: Id.nullable(),
  anonymous: z.boolean(),
  defaultReliability: z.enum(RELIABILITY_GRADES, { message: 'must be a reliability grade A–F' }),
  notes: OptionalText(10_000),
};

export const SourceCreateInput = z
  .object({
    name: SourceFields.name,
    role: SourceFields.role.default(null),
    partyId: SourceFields.partyId.default(null),
    anonymous: SourceFields.anonymous.default(false),
    defaultReliability: SourceFields.defaultReliability.default('F'),
    notes: SourceFields.notes.default(null),
  })
  .strict();
export type SourceCreateInput = z.input<typeof SourceCreateInput>;

export const SourcePatch = z.object(SourceFields).partial().strict();
export const SourceUpdateInput = z.object({ id: Id, patch: SourcePatch }).strict();
export type SourceUpdateInput = z.input<typeof SourceUpdateInput>;
