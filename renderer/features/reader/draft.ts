/**
 * The selection panel's draft and its translation into one `annotation:create` call. Pure: the
 * pick-or-create rules (typed name → existing record, or a new one made in the same undoable
 * step) are unit-tested here rather than through the DOM.
 */
import type { ChannelInput } from '../../../shared/contract';
import type { TextSelector } from '../../../shared/model/annotation';
import type {
  AnnotationType,
  CredibilityGrade,
  QuoteKind,
  ReliabilityGrade,
  SourceChannel,
  Stance,
} from '../../../shared/model/vocabulary';

export interface Named {
  id: string;
  name: string;
  aliases?: string[];
}

export type Pick = { kind: 'none' } | { kind: 'existing'; id: string; name: string } | { kind: 'new'; name: string };

/** What a typed name means: an existing record (by name or alias, any case), a new one, or nothing. */
export function resolvePick(typed: string, records: readonly Named[]): Pick {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (!name) return { kind: 'none' };
  const key = name.toLocaleLowerCase();
  const byName = records.find((record) => record.name.toLocaleLowerCase() === key);
  const found = byName ?? records.find((record) => record.aliases?.some((alias) => alias.toLocaleLowerCase() === key));
  return found ? { kind: 'existing', id: found.id, name: found.name } : { kind: 'new', name };
}

export interface Draft {
  type: AnnotationType;
  source: string;
  newSourceRole: string;
  newSourcePartyId: string;
  newSourceAnonymous: boolean;
  newSourceReliability: ReliabilityGrade;
  quoteKind: QuoteKind;
  channel: SourceChannel | '';
  credibility: CredibilityGrade | '';
  /** '' = the source's default. */
  reliability: ReliabilityGrade | '';
  publisher: string;
  party: string;
  concession: string;
  stanceParty: string;
  stance: Stance;
  note: string;
  tags: string;
}

export function emptyDraft(type: AnnotationType): Draft {
  return {
    type,
    source: '',
    newSourceRole: '',
    newSourcePartyId: '',
    newSourceAnonymous: false,
    newSourceReliability: 'F',
    quoteKind: 'direct',
    channel: '',
    credibility: '',
    reliability: '',
    publisher: '',
    party: '',
    concession: '',
    stanceParty: '',
    stance: 'demands',
    note: '',
    tags: '',
  };
}

export interface References {
  sources: readonly Named[];
  parties: readonly Named[];
  concessions: readonly Named[];
}

export type CreateInput = ChannelInput<'annotation:create'>;
export type BuildResult = { ok: true; input: CreateInput } | { ok: false, field: keyof Draft; message: string };

export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const tag of text.split(/[,;\n]/).map((entry) => entry.trim()).filter(Boolean)) seen.add(tag);
  return [...seen];
}

/** Build the create call for a draft over a span, or say which field is missing and why. */
export function buildCreateInput(documentId: string, selector: TextSelector, draft: Draft, refs: References): BuildResult {
  const base: CreateInput = { documentId, type: draft.type, selector };
  const note = draft.note.trim();
  const tags = parseTags(draft.tags);
  if (note) base.note = note;
  if (tags.length > 0) base.tags = tags;

  switch (draft.type) {
    case 'attribution': {
      const source = resolvePick(draft.source, refs.sources);
      if (source.kind === 'none') return { ok: false, field: 'source', message: 'Name who said it: pick a source or type a new name' };
      if (source.kind === 'existing') base.sourceId = source.id;
      else
        base.newSource = {
          name: source.name,
          role: draft.newSourceRole.trim() || null,
          partyId: draft.newSourcePartyId || null,
          anonymous: draft.newSourceAnonymous,
          defaultReliability: draft.newSourceReliability,
        };
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
      base.credibility = draft.credibility === '' ? null : draft.credibility;
      base.reliability = draft.reliability || null;
      return { ok: true, input: base };
    }
    case 'party_mention': {
      const party = resolvePick(draft.party, refs.parties);
      if (party.kind === 'none') return { ok: false, field: 'party', message: 'Pick the party mentioned or type a new one' };
      if (party.kind === 'existing') base.partyId = party.id;
      else base.newParty = { name: party.name };
      return { ok: true, input: base };
    }
    case 'concession_evidence': {
      const concession = resolvePick(draft.concession, refs.concessions);
      if (concession.kind === 'none') return { ok: false, field: 'concession', message: 'Pick the concession or type a new one' };
      if (concession.kind === 'existing') base.concessionId = concession.id;
      else base.newConcession = { title: concession.name };
      const party = resolvePick(draft.stanceParty, refs.parties);
      if (party.kind === 'existing') base.stancePartyId = party.id;
      else if (party.kind === 'new') base.newStanceParty = { name: party.name };
      if (party.kind !== 'none') base.stance = draft.stance;
      return { ok: true, input: base };
    }
    case 'note': {
      if (!note && tags.length === 0) return { ok: false, field: 'note', message: 'Write a note or add a tag' };
      return { ok: true, input: base };
    }
  }
}

/** The aggregates one `annotation:create` writes: the span, and whatever it creates or restates. */
export function aggregatesTouchedBy(input: CreateInput): string[] {
  const touched = new Set(['annotation']);
  if (input.newSource || input.newPublisher) touched.add('source');
  if (input.newParty || input.newStanceParty) touched.add('party');
  if (input.newConcession) touched.add('concession');
  if (input.stance) touched.add('concession_stance');
  if (input.tags?.length) touched.add('tag');
  return [...touched];
}
