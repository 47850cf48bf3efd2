/**
 * The selection panel's draft and its translation into one `annotation:create` call (plus, when
 * the analyst asks for it, the record edits that go with it: an alias for the party, the
 * concession's fields). Pure: the pick-or-create rules, the defaults read from the article and
 * the grade notation are unit-tested here rather than through the DOM.
 */
import type { ChannelInput } from '../../../shared/contract';
import type { TextSelector } from '../../../shared/model/annotation';
import {
  CREDIBILITY_GRADES,
  CREDIBILITY_LABELS,
  RELIABILITY_GRADES,
  RELIABILITY_LABELS,
  type AnnotationType,
  type CredibilityGrade,
  type PartyKind,
  type QuoteKind,
  type ReliabilityGrade,
  type SourceChannel,
  type Stance,
} from '../../../shared/model/vocabulary';
import { aliasToOffer, nameFromSelection, resolvePick, type Named } from './name-match';
import { guessPartyKind } from './party-kind';
import { looksAnonymous, quoteKindAt, speakerNear, splitSpeaker } from './speaker';

export { resolvePick, type Choice, type Named } from './name-match';

/** The concession fields the reader can set; '' = none. */
export const CONCESSION_FIELDS = ['issueAreaId', 'concedingPartyId', 'proposedByPartyId'] as const;
export type ConcessionField = (typeof CONCESSION_FIELDS)[number];

export interface Draft {
  type: AnnotationType;
  source: string;
  /** null: guessed from the name ("a senior official" is anonymous). */
  sourceAnonymous: boolean | null;
  newSourceRole: string;
  newSourcePartyId: string;
  /** Reliability letter and credibility digit in NATO notation, e.g. "B2"; either may be left out. */
  grade: string;
  quoteKind: QuoteKind;
  channel: SourceChannel | '';
  publisher: string;
  party: string;
  /** '' = the kind guessed from the name. */
  partyKind: PartyKind | '';
  /** Add the selected words as an alias of the chosen party. */
  addAlias: boolean;
  concession: string;
  /** The concession's fields as the analyst set them here; absent = as stored (or none, when new). */
  concessionFields: Partial<Record<ConcessionField, string>>;
  stanceParty: string;
  stancePartyKind: PartyKind | '';
  stance: Stance;
  note: string;
  tags: string;
}

/** What the article says around the selection, read once when the panel opens. */
export interface SelectionContext {
  /** The selection as a name (a party mention's likely party), or null when it is a passage. */
  name: string | null;
  /** Who the article says spoke the selected words. */
  speaker: string | null;
  quoteKind: QuoteKind;
}

export function selectionContext(text: string, selector: Pick<TextSelector, 'exact' | 'start' | 'end'>): SelectionContext {
  return {
    name: nameFromSelection(selector.exact),
    speaker: speakerNear(text, selector.start, selector.end),
    quoteKind: quoteKindAt(text, selector.start, selector.end),
  };
}

export function emptyDraft(type: AnnotationType, context?: SelectionContext): Draft {
  const speaker = type === 'attribution' && context?.speaker ? splitSpeaker(context.speaker) : { name: '', role: '' };
  return {
    type,
    source: speaker.name,
    sourceAnonymous: null,
    newSourceRole: speaker.role,
    newSourcePartyId: '',
    grade: '',
    quoteKind: context?.quoteKind ?? 'direct',
    channel: '',
    publisher: '',
    party: type === 'party_mention' ? (context?.name ?? '') : '',
    partyKind: '',
    addAlias: false,
    concession: '',
    concessionFields: {},
    stanceParty: '',
    stancePartyKind: '',
    stance: 'demands',
    note: '',
    tags: '',
  };
}

/** Switch a draft to another type, prefilling that type's name field if it is still empty. */
export function withType(draft: Draft, type: AnnotationType, context?: SelectionContext): Draft {
  const fresh = emptyDraft(type, context);
  const source = draft.source || fresh.source;
  return { ...draft, type, source, newSourceRole: draft.newSourceRole || (source === fresh.source ? fresh.newSourceRole : ''), party: draft.party || fresh.party };
}

export interface References {
  sources: readonly (Named & { defaultReliability?: ReliabilityGrade })[];
  parties: readonly Named[];
  concessions: readonly (Named & Partial<Record<ConcessionField, string | null>>)[];
}

export type CreateInput = ChannelInput<'annotation:create'>;
/** Record edits made with the annotation, after it (each its own call, so its own undo step). */
export type FollowUp =
  | { channel: 'party:update'; input: ChannelInput<'party:update'> }
  | { channel: 'concession:update'; input: ChannelInput<'concession:update'> };
export type BuildResult = { ok: true; input: CreateInput; followUps: FollowUp[] } | { ok: false; field: keyof Draft; message: string };

export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const tag of text.split(/[,;\n]/).map((entry) => entry.trim()).filter(Boolean)) seen.add(tag);
  return [...seen];
}

export type Grade = { reliability: ReliabilityGrade | null; credibility: CredibilityGrade | null };

/** "B2", "b 2", "B", "2" or "" → the grades; anything else is refused with what is expected. */
export function parseGrade(text: string): { ok: true; grade: Grade } | { ok: false; message: string } {
  const match = /^\s*([a-f])?\s*([1-6])?\s*$/i.exec(text);
  if (!match) return { ok: false, message: 'Grade as reliability A–F and credibility 1–6, e.g. B2 (either may be left out)' };
  return {
    ok: true,
    grade: {
      reliability: match[1] ? (match[1].toUpperCase() as ReliabilityGrade) : null,
      credibility: match[2] ? (Number(match[2]) as CredibilityGrade) : null,
    },
  };
}

/**
 * "B · Usually reliable · 2 · Probably true", saying where the letter comes from: typed, the
 * existing source's default, or (for a new source) the default it will get.
 */
export function describeGrade(grade: Grade, sourceDefault: ReliabilityGrade | null, newSource: boolean): string {
  const reliability = grade.reliability ?? sourceDefault ?? (newSource ? 'F' : null);
  const whence = newSource ? ' (the new source’s default)' : grade.reliability ? '' : ' (the source’s default)';
  return [
    reliability ? `${reliability} · ${RELIABILITY_LABELS[reliability]}${whence}` : null,
    grade.credibility ? `${grade.credibility} · ${CREDIBILITY_LABELS[grade.credibility]}` : 'credibility not graded',
  ]
    .filter(Boolean)
    .join(' · ');
}

export const GRADE_HINT = `${RELIABILITY_GRADES[0]}–${RELIABILITY_GRADES.at(-1)} reliability, ${CREDIBILITY_GRADES[0]}–${CREDIBILITY_GRADES.at(-1)} credibility`;

/** Whether a new source will be stored as anonymous: the analyst's choice, else the name's look. */
export const isAnonymous = (draft: Draft, name: string) => draft.sourceAnonymous ?? looksAnonymous(name);
/** The kind a new party will get: the analyst's choice, else the name's. */
export const kindFor = (chosen: PartyKind | '', name: string): PartyKind => chosen || guessPartyKind(name);

/** The alias the panel offers for a party mention (the selected words, when they name it otherwise). */
export function offeredAlias(draft: Draft, context: SelectionContext | undefined, refs: References): string | null {
  if (draft.type !== 'party_mention') return null;
  return aliasToOffer(context?.name ?? null, resolvePick(draft.party, refs.parties), refs.parties);
}

/** Build the create call for a draft over a span, or say which field is missing and why. */
export function buildCreateInput(documentId: string, selector: TextSelector, draft: Draft, refs: References, context?: SelectionContext): BuildResult {
  const base: CreateInput = { documentId, type: draft.type, selector };
  const followUps: FollowUp[] = [];
  const note = draft.note.trim();
  const tags = parseTags(draft.tags);
  if (note) base.note = note;
  if (tags.length > 0) base.tags = tags;

  switch (draft.type) {
    case 'attribution': {
      const source = resolvePick(draft.source, refs.sources);
      if (source.kind === 'none') return { ok: false, field: 'source', message: 'Name who said it: pick a source or type a new name' };
      const parsed = parseGrade(draft.grade);
      if (!parsed.ok) return { ok: false, field: 'grade', message: parsed.message };
      const { reliability, credibility } = parsed.grade;
      if (source.kind === 'existing') {
        base.sourceId = source.id;
        // The letter overrides the source's default only where it differs from it.
        const sourceDefault = refs.sources.find((entry) => entry.id === source.id)?.defaultReliability ?? null;
        base.reliability = reliability && reliability !== sourceDefault ? reliability : null;
      } else {
        base.newSource = {
          name: source.name,
          role: draft.newSourceRole.trim() || null,
          partyId: draft.newSourcePartyId || null,
          anonymous: isAnonymous(draft, source.name),
          // A new source's first grade is its default.
          defaultReliability: reliability ?? 'F',
        };
        base.reliability = null;
      }
      const publisher = resolvePick(draft.publisher, refs.sources);
      if (publisher.kind === 'existing') {
        if (source.kind === 'existing' && publisher.id === source.id) return { ok: false, field: 'publisher', message: 'The publisher is the originator; leave it empty' };
        base.publisherSourceId = publisher.id;
      } else if (publisher.kind === 'new') {
        if (source.kind === 'new' && publisher.name.toLocaleLowerCase() === source.name.toLocaleLowerCase())
          return { ok: false, field: 'publisher', message: 'The publisher is the originator; leave it empty' };
        base.newPublisher = { name: publisher.name };
      }
      base.quoteKind = draft.quoteKind;
      base.channel = draft.channel || null;
      base.credibility = credibility;
      return { ok: true, input: base, followUps };
    }
    case 'party_mention': {
      const party = resolvePick(draft.party, refs.parties);
      if (party.kind === 'none') return { ok: false, field: 'party', message: 'Pick the party mentioned or type a new one' };
      const alias = draft.addAlias ? offeredAlias(draft, context, refs) : null;
      if (party.kind === 'existing') {
        base.partyId = party.id;
        const record = refs.parties.find((entry) => entry.id === party.id);
        if (alias && record) followUps.push({ channel: 'party:update', input: { id: party.id, patch: { aliases: [...(record.aliases ?? []), alias] } } });
      } else base.newParty = { name: party.name, kind: kindFor(draft.partyKind, party.name), aliases: alias ? [alias] : [] };
      return { ok: true, input: base, followUps };
    }
    case 'concession_evidence': {
      const concession = resolvePick(draft.concession, refs.concessions);
      if (concession.kind === 'none') return { ok: false, field: 'concession', message: 'Pick the concession or type a new one' };
      const fields = Object.fromEntries(Object.entries(draft.concessionFields).map(([field, value]) => [field, value || null])) as Partial<Record<ConcessionField, string | null>>;
      if (concession.kind === 'existing') {
        base.concessionId = concession.id;
        const stored = refs.concessions.find((entry) => entry.id === concession.id);
        const patch = Object.fromEntries(Object.entries(fields).filter(([field, value]) => (stored?.[field as ConcessionField] ?? null) !== value));
        if (Object.keys(patch).length > 0) followUps.push({ channel: 'concession:update', input: { id: concession.id, patch } });
      } else base.newConcession = { title: concession.name, ...fields };
      const party = resolvePick(draft.stanceParty, refs.parties);
      if (party.kind === 'existing') base.stancePartyId = party.id;
      else if (party.kind === 'new') base.newStanceParty = { name: party.name, kind: kindFor(draft.stancePartyKind, party.name) };
      if (party.kind !== 'none') base.stance = draft.stance;
      return { ok: true, input: base, followUps };
    }
    case 'note': {
      if (!note && tags.length === 0) return { ok: false, field: 'note', message: 'Write a note or add a tag' };
      return { ok: true, input: base, followUps };
    }
  }
}

/** The aggregates one `annotation:create` (and its follow-ups) writes: the span, and whatever it creates or restates. */
export function aggregatesTouchedBy(input: CreateInput, followUps: readonly FollowUp[] = []): string[] {
  const touched = new Set(['annotation']);
  if (input.newSource || input.newPublisher) touched.add('source');
  if (input.newParty || input.newStanceParty) touched.add('party');
  if (input.newConcession) touched.add('concession');
  if (input.stance) touched.add('concession_stance');
  if (input.tags?.length) touched.add('tag');
  for (const followUp of followUps) touched.add(followUp.channel === 'party:update' ? 'party' : 'concession');
  return [...touched];
}
