/**
 * The decisions around suggestions: what the case already knows (the engine's first gazetteer),
 * which of a run's proposals are stored as pending (not what the analyst already accepted, rejected
 * or annotated by hand), and what accepting one makes: the annotation and any new source, party
 * (with its aliases) or concession, exactly as the A/P/C forms would, through the same
 * createAnnotation, in one transaction and one undo step.
 */
import { describeSelection, anchor } from '../../shared/anchoring';
import { ParleyError } from '../../shared/errors';
import { AnnotationCreateInput, type AnnotationCreateParsed, type AnnotationCreateRaw } from '../../shared/model/annotation';
import type { Party } from '../../shared/model/party';
import type {
  AttributionProposal,
  ConcessionProposal,
  PartyProposal,
  Suggestion,
  SuggestionAcceptResult,
  SuggestionKind,
  SuggestionSpan,
} from '../../shared/model/suggestion';
import type { PartyKind } from '../../shared/model/vocabulary';
import type { Store } from '../store/index';
import type { NewSuggestion, StoredSuggestion } from '../store/suggestion-repository';
import type { AttributionSuggestion, CaseKnowledge, ConcessionSuggestion, PartySuggestion, Suggestions } from '../suggest/types';
import { createAnnotation } from './annotations';

/** What the analyst has confirmed in the case, for the engine; `rejected` is filled per document. */
export function caseKnowledge(store: Store): CaseKnowledge {
  return {
    parties: store.parties.list().map((party) => ({ id: party.id, name: party.name, kind: party.kind, aliases: party.aliases, affiliation: party.affiliationName })),
    sources: store.sources.list().map((source) => ({ id: source.id, name: source.name, role: source.role, party: source.partyName, anonymous: source.anonymous })),
    concessions: store.concessions.list().map((concession) => ({
      id: concession.id,
      title: concession.title,
      issueArea: concession.issueAreaName,
      parties: [concession.concedingPartyName, concession.beneficiaryPartyName, concession.proposedByPartyName].filter((name): name is string => !!name),
      planPoint: concession.planPointLabel,
    })),
    issueAreas: store.issueAreas.list().map((area) => area.name),
    // One entry per version: "the 28-point plan" is the version with 28 points, "point 7" its seventh.
    plans: store.plans.list().flatMap((plan) =>
      plan.versions.map((version) => ({
        id: plan.id,
        versionId: version.id,
        title: `${plan.title} · ${version.label}`,
        dated: version.dated,
        points: store.plans.points(version.id).map((point) => ({ id: point.id, label: String(point.number), text: point.text.slice(0, 300) })),
      })),
    ),
    rejected: [],
  };
}

/**
 * The knowledge for one document: the case's, plus what the analyst rejected in it. A rejection
 * keeps its span while the text there is still its words; once the text moved (re-extraction), it
 * applies wherever its words are, rather than not at all.
 */
export function knowledgeFor(store: Store, base: CaseKnowledge, documentId: string, text?: string): CaseKnowledge {
  const rejected = store.suggestions.rejectionsOf(documentId).map((rejection) => {
    const placed = rejection.start !== null && rejection.end !== null && text !== undefined && squeeze(text.slice(rejection.start, rejection.end)) === squeeze(rejection.text);
    return placed ? { kind: rejection.kind, text: rejection.text, start: rejection.start!, end: rejection.end! } : { kind: rejection.kind, text: rejection.text };
  });
  return { ...base, rejected };
}

const squeeze = (value: string) => value.replace(/\s+/g, ' ').trim();

/**
 * A run's proposals as rows to store: spans with their context (for re-anchoring), leaving out
 * what the analyst already decided in this document (same key) and spans already annotated.
 */
export function pendingRows(text: string, suggestions: Suggestions, decided: Set<string>, annotated: { start: number; end: number }[]): NewSuggestion[] {
  const span = (start: number, end: number): SuggestionSpan => {
    const { prefix, suffix } = describeSelection(text, start, end);
    return { start, end, exact: text.slice(start, end), prefix, suffix };
  };
  const covered = (start: number, end: number) => annotated.some((other) => overlap(other, { start, end }) >= 0.5);
  const rows: NewSuggestion[] = [];
  for (const party of suggestions.parties) {
    if (decided.has(party.key)) continue;
    const mentions = party.mentions.filter((mention) => mention.end > mention.start && !annotated.some((other) => other.start === mention.start && other.end === mention.end));
    if (mentions.length === 0) continue;
    rows.push({ kind: 'party', key: party.key, text: party.name, spans: mentions.map((mention) => span(mention.start, mention.end)), payload: party, confidence: party.confidence, rule: mentions[0]!.rule });
  }
  for (const attribution of suggestions.attributions) {
    if (decided.has(attribution.key) || attribution.end <= attribution.start || covered(attribution.start, attribution.end)) continue;
    rows.push({ kind: 'attribution', key: attribution.key, text: attribution.quote, spans: [span(attribution.start, attribution.end)], payload: attribution, confidence: attribution.confidence, rule: attribution.rule });
  }
  for (const concession of suggestions.concessions) {
    if (decided.has(concession.key) || concession.end <= concession.start || covered(concession.start, concession.end)) continue;
    rows.push({ kind: 'concession', key: concession.key, text: concession.text, spans: [span(concession.start, concession.end)], payload: concession, confidence: concession.confidence, rule: concession.rule });
  }
  return rows;
}

/** How much of the shorter span the two share (0–1). */
function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (shared <= 0) return 0;
  return shared / Math.max(1, Math.min(a.end - a.start, b.end - b.start));
}

/** Store a run's proposals for a document in place of its pending ones; returns how many. */
export function storeRun(store: Store, documentId: string, text: string, suggestions: Suggestions): number {
  const annotated = store.annotations.spansOf(documentId).map((span) => ({ start: span.start, end: span.end }));
  const rows = pendingRows(text, suggestions, store.suggestions.decidedKeys(documentId), annotated);
  return store.suggestions.replacePending(documentId, rows).length;
}

/** A stored suggestion as the page sees it: the engine's payload read into the proposal for its kind. */
export function toSuggestion(stored: StoredSuggestion): Suggestion {
  const base = {
    id: stored.id,
    documentId: stored.documentId,
    documentTitle: stored.documentTitle,
    kind: stored.kind,
    text: stored.text,
    spans: stored.spans,
    confidence: stored.confidence,
    state: stored.state,
    rule: stored.rule,
    annotationId: stored.annotationId,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    party: null,
    attribution: null,
    concession: null,
  };
  if (stored.kind === 'party') {
    const party = stored.payload as PartySuggestion;
    const proposal: PartyProposal = {
      name: party.name,
      kind: party.kind,
      aliases: party.aliases ?? [],
      partyId: party.partyId ?? null,
      role: party.role ?? null,
      affiliation: party.affiliation ?? null,
      affiliationPartyId: party.affiliationPartyId ?? null,
    };
    return { ...base, party: proposal };
  }
  if (stored.kind === 'attribution') {
    const attribution = stored.payload as AttributionSuggestion;
    const proposal: AttributionProposal = {
      speaker: attribution.speaker,
      anonymous: attribution.anonymous,
      quoteKind: attribution.kind,
      channel: attribution.channel ?? null,
      role: attribution.role ?? null,
      affiliation: attribution.affiliation ?? null,
      sourceId: attribution.sourceId ?? null,
      partyId: attribution.partyId ?? null,
      speakerStart: attribution.speakerStart ?? null,
      speakerEnd: attribution.speakerEnd ?? null,
      outlet: attribution.outlet ?? null,
    };
    return { ...base, attribution: proposal };
  }
  const concession = stored.payload as ConcessionSuggestion;
  const proposal: ConcessionProposal = {
    by: concession.by,
    demandedBy: concession.demandedBy ?? null,
    stanceParty: concession.stanceParty ?? null,
    issue: concession.issue,
    stance: concession.stance,
    cue: concession.cue,
    concessionId: concession.concessionId ?? null,
    concessionTitle: concession.concessionTitle ?? concessionTitleFrom(concession),
    planId: concession.planId ?? null,
    planPointId: concession.planPointId ?? null,
    planPointLabel: concession.planPointLabel ?? null,
  };
  return { ...base, concession: proposal };
}

/** A new concession's title from its sentence: the words from the cue on, cut at a word near 100 characters. */
export function concessionTitleFrom(concession: Pick<ConcessionSuggestion, 'text'>): string {
  const sentence = concession.text.replace(/\s+/g, ' ').replace(/^["“'‘]+|["”'’.]+$/g, '').trim();
  if (sentence.length <= 100) return sentence || 'Concession';
  const cut = sentence.slice(0, 100);
  return `${cut.slice(0, Math.max(60, cut.lastIndexOf(' ')))}…`;
}

/** Names → records, kept current inside one accepting transaction (a party made by one accept serves the next). */
class CaseIndex {
  private parties: Party[] | null = null;

  constructor(private readonly store: Store) {}

  party(name: string | null | undefined): Party | null {
    if (!name) return null;
    const wanted = name.trim().toLocaleLowerCase();
    this.parties ??= this.store.parties.list();
    return this.parties.find((party) => party.name.toLocaleLowerCase() === wanted || party.aliases.some((alias) => alias.toLocaleLowerCase() === wanted)) ?? null;
  }

  partyById(id: string | null | undefined): Party | null {
    if (!id) return null;
    this.parties ??= this.store.parties.list();
    return this.parties.find((party) => party.id === id) ?? null;
  }

  /** Whether a name or alias is free for `partyId` (unique across the case's parties). */
  nameFree(name: string, partyId: string | null): boolean {
    const owner = this.party(name);
    return owner === null || owner.id === partyId;
  }

  changed(): void {
    this.parties = null;
  }

  /** The record still exists (the engine's knowledge may be older than the case). */
  sourceExists(id: string | null): string | null {
    return id && this.store.sources.list().some((source) => source.id === id) ? id : null;
  }

  concessionExists(id: string | null): string | null {
    return id && this.store.concessions.list().some((concession) => concession.id === id) ? id : null;
  }

  source(name: string): string | null {
    const wanted = name.trim().toLocaleLowerCase();
    return this.store.sources.list().find((source) => source.name.toLocaleLowerCase() === wanted)?.id ?? null;
  }

  planPointExists(id: string | null): string | null {
    if (!id) return null;
    try {
      return this.store.plans.point(id).id;
    } catch {
      return null; // the point was deleted since the run
    }
  }

  concession(title: string): string | null {
    const wanted = title.trim().toLocaleLowerCase();
    return this.store.concessions.list().find((concession) => concession.title.toLocaleLowerCase() === wanted)?.id ?? null;
  }

  issueArea(name: string | null): string | null {
    if (!name) return null;
    const wanted = name.trim().toLocaleLowerCase();
    return this.store.issueAreas.list().find((area) => area.name.toLocaleLowerCase() === wanted)?.id ?? null;
  }
}

/** A suggestion that cannot be accepted as it stands: it needs the analyst's edit first. */
class NeedsEdit extends Error {}

const selectorOf = (span: SuggestionSpan) => ({ exact: span.exact, prefix: span.prefix, suffix: span.suffix, start: span.start, end: span.end });

/** The annotation an accept makes for a suggestion (the first, for a party: one per mention follows). */
function annotationFor(index: CaseIndex, suggestion: Suggestion, kindOf: (name: string) => PartyKind): AnnotationCreateRaw {
  const first = suggestion.spans[0];
  if (!first) throw new NeedsEdit('it has no words in the text any more');
  const common = { documentId: suggestion.documentId, selector: selectorOf(first) };
  if (suggestion.party) {
    const proposal = suggestion.party;
    const existing = index.partyById(proposal.partyId) ?? index.party(proposal.name);
    if (existing) return { ...common, type: 'party_mention', partyId: existing.id };
    const aliases = [...new Set(proposal.aliases.filter((alias) => alias.toLocaleLowerCase() !== proposal.name.toLocaleLowerCase() && index.nameFree(alias, null)))];
    const affiliation = index.partyById(proposal.affiliationPartyId) ?? index.party(proposal.affiliation);
    const notes = proposal.role ? `Role: ${proposal.role}` : null;
    return { ...common, type: 'party_mention', newParty: { name: proposal.name, kind: proposal.kind, aliases, affiliationId: affiliation?.id ?? null, notes } };
  }
  if (suggestion.attribution) {
    const proposal = suggestion.attribution;
    const fields = { ...common, type: 'attribution' as const, quoteKind: proposal.quoteKind, channel: proposal.channel };
    // A source confirmed before ("Kremlin spokesman Dmitry Peskov") is who "Peskov" is here.
    const known = index.sourceExists(proposal.sourceId);
    if (known) return { ...fields, sourceId: known };
    if (!proposal.speaker) throw new NeedsEdit('no speaker was found: press E to name the source');
    const sourceId = index.source(proposal.speaker);
    if (sourceId) return { ...fields, sourceId };
    const party = index.partyById(proposal.partyId) ?? index.party(proposal.affiliation);
    return { ...fields, newSource: { name: proposal.speaker.slice(0, 300), role: proposal.role, partyId: party?.id ?? null, anonymous: proposal.anonymous } };
  }
  const proposal = suggestion.concession!;
  const stanceName = proposal.stanceParty ?? (proposal.stance === 'demands' ? proposal.demandedBy : proposal.by);
  const stanceParty = index.party(stanceName);
  const stance = stanceName ? { stance: proposal.stance } : {};
  const stanceRef = stanceParty ? { stancePartyId: stanceParty.id } : stanceName ? { newStanceParty: { name: stanceName, kind: kindOf(stanceName) } } : {};
  const concessionId = index.concessionExists(proposal.concessionId) ?? index.concession(proposal.concessionTitle);
  if (concessionId) return { ...common, type: 'concession_evidence', concessionId, ...stanceRef, ...stance };
  return {
    ...common,
    type: 'concession_evidence',
    newConcession: {
      title: proposal.concessionTitle.slice(0, 300),
      issueAreaId: index.issueArea(proposal.issue),
      concedingPartyId: index.party(proposal.by)?.id ?? null,
      proposedByPartyId: index.party(proposal.demandedBy)?.id ?? null,
      // "point 7 of the 28-point plan": the concession is that point's, as the concession form's plan point link makes it.
      planPointId: index.planPointExists(proposal.planPointId),
    },
    ...stanceRef,
    ...stance,
  };
}

/**
 * Accept suggestions: each makes its annotation(s) and whatever they need, all in one transaction
 * and one undo step. One that needs the analyst's edit (no speaker) is skipped and said so; any
 * other failure refuses the whole step. `edited`: the annotation the analyst completed in the
 * A/P/C form (edit-then-accept of one suggestion).
 */
export function acceptSuggestions(store: Store, ids: string[], edited?: AnnotationCreateParsed): SuggestionAcceptResult {
  const unique = [...new Set(ids)];
  const result: SuggestionAcceptResult = { accepted: [], skipped: [], annotationIds: [] };
  store.transaction(
    (batch) => {
      const index = new CaseIndex(store);
      const suggestions = store.suggestions.many(unique).map(toSuggestion);
      if (suggestions.length === 0) throw new ParleyError('not_found', 'Those suggestions no longer exist (the document may have been suggested again)');
      const kinds = new Map<string, PartyKind>();
      // The step is named before its first write (the first name a batch gets wins), and only once
      // something is written: a step that accepted nothing must not sit on the undo stack.
      const open = suggestions.filter((suggestion) => suggestion.state === 'pending');
      let named = false;
      const name = () => {
        if (!named) batch.name(open.length === 1 ? `Accept suggested ${open[0]!.kind}` : `Accept ${open.length} suggestions`);
        named = true;
      };
      for (const suggestion of suggestions) {
        if (suggestion.state !== 'pending') {
          result.skipped.push({ id: suggestion.id, message: `it was already ${suggestion.state}` });
          continue;
        }
        try {
          const made = acceptOne(store, index, suggestion, edited, batch.id, (party) => kinds.get(party) ?? partyKindIn(store, suggestion.documentId, party, kinds), name);
          store.suggestions.markAccepted(suggestion.id, made[0]!);
          result.annotationIds.push(...made);
          result.accepted.push(toSuggestion(store.suggestions.get(suggestion.id)));
        } catch (error) {
          if (!(error instanceof NeedsEdit)) throw error;
          result.skipped.push({ id: suggestion.id, message: error.message });
        }
      }
    },
    { failure: 'Cannot accept the suggestion' },
  );
  return result;
}

function acceptOne(
  store: Store,
  index: CaseIndex,
  suggestion: Suggestion,
  edited: AnnotationCreateParsed | undefined,
  batchId: string,
  kindOf: (name: string) => PartyKind,
  beforeWrite: () => void,
): string[] {
  let first: AnnotationCreateParsed;
  if (edited) {
    if (edited.documentId !== suggestion.documentId) throw new ParleyError('invalid_input', 'The edited annotation is for another document than the suggestion');
    first = edited;
  } else {
    first = AnnotationCreateInput.parse(annotationFor(index, suggestion, kindOf));
  }
  beforeWrite();
  const annotation = createAnnotation(store, first, batchId);
  const made = [annotation.id];
  // An existing concession the sentence ties to a plan point gets that link, unless the analyst linked it elsewhere.
  const pointId = suggestion.concession && !edited ? index.planPointExists(suggestion.concession.planPointId) : null;
  if (pointId && annotation.concessionId && !first.newConcession) {
    const concession = store.concessions.get(annotation.concessionId);
    if (!concession.planPointId) store.concessions.change(concession.id, { planPointId: pointId }, batchId);
  }
  if (first.newParty || first.newSource || first.newStanceParty) index.changed();
  if (suggestion.party && annotation.partyId) {
    const party = store.parties.get(annotation.partyId);
    // Accepting "Kremlin" under Russia makes it an alias, so it resolves everywhere from now on.
    const aliases = suggestion.party.aliases.filter((alias) => alias.toLocaleLowerCase() !== party.name.toLocaleLowerCase() && !party.aliases.some((known) => known.toLocaleLowerCase() === alias.toLocaleLowerCase()) && index.nameFree(alias, party.id));
    const mentionWords = suggestion.spans.map((span) => span.exact).filter((word) => word.toLocaleLowerCase() !== party.name.toLocaleLowerCase() && index.nameFree(word, party.id) && !party.aliases.some((known) => known.toLocaleLowerCase() === word.toLocaleLowerCase()));
    const added = [...new Set([...aliases, ...mentionWords.filter((word) => suggestion.party!.aliases.includes(word))])];
    if (added.length > 0) {
      store.parties.change(party.id, { aliases: [...party.aliases, ...added] }, batchId);
      index.changed();
    }
    const annotated = new Set(store.annotations.spansOf(suggestion.documentId).map((span) => `${span.start}:${span.end}`));
    for (const span of suggestion.spans.slice(1)) {
      if (annotated.has(`${span.start}:${span.end}`)) continue;
      made.push(createAnnotation(store, AnnotationCreateInput.parse({ documentId: suggestion.documentId, type: 'party_mention', selector: selectorOf(span), partyId: party.id }), batchId).id);
    }
  }
  return made;
}

/** The kind the document's own party suggestions give a name (a stance party made on the spot). */
function partyKindIn(store: Store, documentId: string, name: string, cache: Map<string, PartyKind>): PartyKind {
  const wanted = name.toLocaleLowerCase();
  const party = store.suggestions
    .list({ documentId, state: 'pending', kind: 'party', limit: 5_000, offset: 0 })
    .rows.map((row) => row.payload as PartySuggestion)
    .find((payload) => payload.name.toLocaleLowerCase() === wanted || payload.aliases.some((alias) => alias.toLocaleLowerCase() === wanted));
  const kind = party?.kind ?? 'other';
  cache.set(name, kind);
  return kind;
}

/** Reject suggestions: each is remembered for its document, so a re-run does not propose it again. */
export function rejectSuggestions(store: Store, ids: string[]): Suggestion[] {
  const unique = [...new Set(ids)];
  store.transaction(
    (batch) => {
      if (unique.length > 1) batch.name(`Reject ${unique.length} suggestions`);
      for (const id of unique) store.suggestions.reject(id, batch.id);
    },
    { failure: 'Cannot reject the suggestion' },
  );
  return store.suggestions.many(unique).map(toSuggestion);
}

/** Accept every pending suggestion of a kind at or above a confidence, in a document or the case. */
export function acceptAbove(store: Store, kind: SuggestionKind, minConfidence: number, documentId?: string): SuggestionAcceptResult {
  const ids = store.suggestions.list({ state: 'pending', kind, minConfidence, documentId, limit: 5_000, offset: 0 }).rows.map((row) => row.id);
  if (ids.length === 0) return { accepted: [], skipped: [], annotationIds: [] };
  return acceptSuggestions(store, ids);
}

/**
 * Re-anchor a document's pending suggestions to its new text, like its annotations (inside the
 * re-extraction's transaction): spans found again move; a suggestion whose words are gone is
 * dropped, since it is machine output a re-run proposes afresh.
 */
export function reanchorSuggestions(store: Store, documentId: string, text: string): void {
  for (const suggestion of store.suggestions.pendingOf(documentId)) {
    const spans: SuggestionSpan[] = [];
    let moved = false;
    for (const span of suggestion.spans) {
      const found = anchor(text, span);
      if (found.status === 'orphan') continue;
      if (found.start !== span.start || found.end !== span.end) moved = true;
      const described = describeSelection(text, found.start, found.end);
      spans.push({ start: found.start, end: found.end, exact: text.slice(found.start, found.end), prefix: described.prefix, suffix: described.suffix });
    }
    if (spans.length === 0 || (suggestion.kind !== 'party' && spans.length < suggestion.spans.length)) store.suggestions.remove(suggestion.id);
    else if (moved || spans.length !== suggestion.spans.length) store.suggestions.setSpans(suggestion.id, spans, 'reanchored');
  }
}
