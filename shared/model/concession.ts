import { z } from 'zod';
import { Id, IsoDate, Name, OptionalText } from './common';
import { CONCESSION_STATUSES, STANCES, type ConcessionStatus, type Stance } from './vocabulary';

export interface IssueArea {
  id: string;
  name: string;
  position: number;
}

export interface StanceRecord {
  id: string;
  concessionId: string;
  partyId: string;
  partyName: string;
  stance: Stance;
  /** The date the analyst gave, else the date of the article the evidence comes from. */
  asOf: string | null;
  /** `asOf` is the evidence's article date (the analyst set none), so it follows that date. */
  asOfFromEvidence: boolean;
  annotationId: string | null;
  note: string | null;
  /** The analyst who recorded it, from the operation log. */
  createdById: string | null;
  createdBy: string | null;
}

/** Something one side demands, offers, concedes or rejects, e.g. "Cap on Ukraine's armed forces". */
export interface Concession {
  id: string;
  title: string;
  issueAreaId: string | null;
  issueAreaName: string | null;
  concedingPartyId: string | null;
  concedingPartyName: string | null;
  beneficiaryPartyId: string | null;
  beneficiaryPartyName: string | null;
  proposedByPartyId: string | null;
  proposedByPartyName: string | null;
  status: ConcessionStatus;
  planPointId: string | null;
  planPointLabel: string | null;
  description: string | null;
  stances: StanceRecord[];
  evidenceCount: number;
  /** The analyst who added it (their name in the case), from the operation log. */
  createdById: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const ConcessionFields = {
  title: Name,
  issueAreaId: Id.nullable(),
  concedingPartyId: Id.nullable(),
  beneficiaryPartyId: Id.nullable(),
  proposedByPartyId: Id.nullable(),
  status: z.enum(CONCESSION_STATUSES, { message: `must be one of ${CONCESSION_STATUSES.join(', ')}` }),
  planPointId: Id.nullable(),
  description: OptionalText(20_000),
};

export const ConcessionCreateInput = z
  .object({
    title: ConcessionFields.title,
    issueAreaId: ConcessionFields.issueAreaId.default(null),
    concedingPartyId: ConcessionFields.concedingPartyId.default(null),
    beneficiaryPartyId: ConcessionFields.beneficiaryPartyId.default(null),
    proposedByPartyId: ConcessionFields.proposedByPartyId.default(null),
    status: ConcessionFields.status.default('proposed'),
    planPointId: ConcessionFields.planPointId.default(null),
    description: ConcessionFields.description.default(null),
  })
  .strict();
export type ConcessionCreateInput = z.input<typeof ConcessionCreateInput>;

export const ConcessionPatch = z.object(ConcessionFields).partial().strict();
export const ConcessionUpdateInput = z.object({ id: Id, patch: ConcessionPatch }).strict();

export const StanceSetInput = z
  .object({
    concessionId: Id,
    partyId: Id,
    stance: z.enum(STANCES, { message: `must be one of ${STANCES.join(', ')}` }),
    asOf: IsoDate.default(null),
    annotationId: Id.nullable().default(null),
    note: OptionalText(5_000).default(null),
  })
  .strict();
export type StanceSetInput = z.input<typeof StanceSetInput>;
