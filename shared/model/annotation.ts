import { z } from 'zod';
import { Id, Name, OptionalText } from './common';

export { BulkIds } from './common';
import { ConcessionCreateInput } from './concession';
import { PartyCreateInput } from './party';
import { SourceCreateInput } from './source';
import {
  ANNOTATION_TYPES,
  CREDIBILITY_GRADES,
  QUOTE_KINDS,
  RELIABILITY_GRADES,
  SOURCE_CHANNELS,
  STANCES,
  type AnnotationType,
  type CredibilityGrade,
  type QuoteKind,
  type ReliabilityGrade,
  type SourceChannel,
  type Stance,
} from './vocabulary';

export type AnchorStatus = 'anchored' | 'reanchored' | 'orphan';

/**
 * A span of a document's cleaned text, anchored W3C-style: TextQuote (exact + prefix + suffix) and
 * TextPosition (start, end: UTF-16 offsets into the document text, end exclusive).
 */
export interface TextSelector {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export interface Annotation extends TextSelector {
  id: string;
  documentId: string;
  documentTitle: string | null;
  documentOutlet: string | null;
  documentPublishedAt: string | null;
  type: AnnotationType;
  anchorStatus: AnchorStatus;
  note: string | null;
  tags: string[];
  // attribution: who said it, how, and how far it can be trusted
  sourceId: string | null;
  sourceName: string | null;
  publisherSourceId: string | null;
  publisherName: string | null;
  quoteKind: QuoteKind | null;
  channel: SourceChannel | null;
  credibility: CredibilityGrade | null;
  /** Per-claim override of the source's default reliability. */
  reliability: ReliabilityGrade | null;
  /** The override, else the source's default. */
  effectiveReliability: ReliabilityGrade | null;
  // party mention
  partyId: string | null;
  partyName: string | null;
  // concession evidence
  concessionId: string | null;
  concessionTitle: string | null;
  stancePartyId: string | null;
  stancePartyName: string | null;
  stance: Stance | null;
  /** The analyst who made it (their name in the case), from the operation log. */
  createdById: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export const TextSelectorInput = z
  .object({
    exact: z.string().min(1, 'select some text first').max(20_000),
    prefix: z.string().max(200).default(''),
    suffix: z.string().max(200).default(''),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .strict()
  .refine((selector) => selector.end > selector.start, { message: 'the span must not be empty', path: ['end'] });

const Tag = Name.max(100);
const Credibility = z
  .number()
  .int()
  .refine((value): value is CredibilityGrade => (CREDIBILITY_GRADES as readonly number[]).includes(value), 'must be a credibility grade 1–6');

/** The fields an annotation carries besides its span; which apply depends on the type. */
export const AnnotationFields = {
  note: OptionalText(20_000),
  tags: z.array(Tag).max(50),
  sourceId: Id.nullable(),
  publisherSourceId: Id.nullable(),
  quoteKind: z.enum(QUOTE_KINDS, { message: 'must be direct or indirect' }).nullable(),
  channel: z.enum(SOURCE_CHANNELS, { message: `must be one of ${SOURCE_CHANNELS.join(', ')}` }).nullable(),
  credibility: Credibility.nullable(),
  reliability: z.enum(RELIABILITY_GRADES, { message: 'must be a reliability grade A–F' }).nullable(),
  partyId: Id.nullable(),
  concessionId: Id.nullable(),
  stancePartyId: Id.nullable(),
  stance: z.enum(STANCES, { message: `must be one of ${STANCES.join(', ')}` }).nullable(),
};

export const AnnotationCreateInput = z
  .object({
    documentId: Id,
    type: z.enum(ANNOTATION_TYPES, { message: `must be one of ${ANNOTATION_TYPES.join(', ')}` }),
    selector: TextSelectorInput,
    ...Object.fromEntries(Object.entries(AnnotationFields).map(([key, schema]) => [key, schema.optional()])),
    /** Pick-or-create: a new source / party / concession made in the same undoable step. */
    newSource: SourceCreateInput.optional(),
    newPublisher: SourceCreateInput.optional(),
    newParty: PartyCreateInput.optional(),
    newStanceParty: PartyCreateInput.optional(),
    newConcession: ConcessionCreateInput.optional(),
  })
  .strict() as z.ZodType<AnnotationCreateParsed, AnnotationCreateRaw>;

type FieldValues = { [K in keyof typeof AnnotationFields]?: z.output<(typeof AnnotationFields)[K]> };
type FieldInputs = { [K in keyof typeof AnnotationFields]?: z.input<(typeof AnnotationFields)[K]> };
export type AnnotationCreateParsed = FieldValues & {
  documentId: string;
  type: AnnotationType;
  selector: TextSelector;
  newSource?: z.output<typeof SourceCreateInput>;
  newPublisher?: z.output<typeof SourceCreateInput>;
  newParty?: z.output<typeof PartyCreateInput>;
  newStanceParty?: z.output<typeof PartyCreateInput>;
  newConcession?: z.output<typeof ConcessionCreateInput>;
};
export type AnnotationCreateRaw = FieldInputs & {
  documentId: string;
  type: AnnotationType;
  selector: z.input<typeof TextSelectorInput>;
  newSource?: z.input<typeof SourceCreateInput>;
  newPublisher?: z.input<typeof SourceCreateInput>;
  newParty?: z.input<typeof PartyCreateInput>;
  newStanceParty?: z.input<typeof PartyCreateInput>;
  newConcession?: z.input<typeof ConcessionCreateInput>;
};

export const AnnotationPatch = z.object({ type: z.enum(ANNOTATION_TYPES), ...AnnotationFields }).partial().strict();
export const AnnotationUpdateInput = z.object({ id: Id, patch: AnnotationPatch }).strict();

/** Server-side paging for the Annotations grid (AG Grid's infinite row model asks block by block). */
export const AnnotationQueryInput = z
  .object({
    documentId: Id.optional(),
    type: z.enum(ANNOTATION_TYPES).optional(),
    sourceId: Id.optional(),
    partyId: Id.optional(),
    concessionId: Id.optional(),
    /** Only what this analyst made. */
    analystId: Id.optional(),
    /** Words matched against the quote, note, document title, source, party and concession. */
    search: z.string().max(500).optional(),
    sort: z
      .object({
        field: z.enum(['createdAt', 'updatedAt', 'documentPublishedAt', 'documentTitle', 'type', 'exact', 'sourceName', 'partyName', 'concessionTitle', 'credibility', 'effectiveReliability']),
        direction: z.enum(['asc', 'desc']),
      })
      .strict()
      .optional(),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(5_000).default(200),
  })
  .strict();

export interface AnnotationPage {
  rows: Annotation[];
  /** Rows matching the query, for the grid's scrollbar and row count. */
  total: number;
}
