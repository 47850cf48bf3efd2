import { z } from 'zod';
import { HexColor, Id, Name, OptionalText } from './common';
import { PARTY_KINDS, type PartyKind } from './vocabulary';

export interface Party {
  id: string;
  name: string;
  kind: PartyKind;
  aliases: string[];
  /** For a person: the party they belong to or speak for. */
  affiliationId: string | null;
  affiliationName: string | null;
  color: string | null;
  notes: string | null;
  mentionCount: number;
  statementCount: number;
  /** The analyst who added it (their name in the case), from the operation log. */
  createdById: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const Alias = Name.max(200);

const PartyFields = {
  name: Name,
  kind: z.enum(PARTY_KINDS, { message: `must be one of ${PARTY_KINDS.join(', ')}` }),
  aliases: z.array(Alias).max(200),
  affiliationId: Id.nullable(),
  color: HexColor,
  notes: OptionalText(10_000),
};

export const PartyCreateInput = z
  .object({
    name: PartyFields.name,
    kind: PartyFields.kind.default('other'),
    aliases: PartyFields.aliases.default([]),
    affiliationId: PartyFields.affiliationId.default(null),
    color: PartyFields.color.default(null),
    notes: PartyFields.notes.default(null),
  })
  .strict();
export type PartyCreateInput = z.input<typeof PartyCreateInput>;

export const PartyPatch = z.object(PartyFields).partial().strict();
export const PartyUpdateInput = z.object({ id: Id, patch: PartyPatch }).strict();
export type PartyUpdateInput = z.input<typeof PartyUpdateInput>;
