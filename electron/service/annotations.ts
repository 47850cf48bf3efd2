/**
 * The decisions around an annotation, made here and applied through the repositories in one
 * transaction with their audit rows: what each type needs, pick-or-create of the source, party
 * and concession it refers to, and the dated stance a piece of concession evidence records.
 */
import { describeSelection } from '../../shared/anchoring';
import { ParleyError } from '../../shared/errors';
import type { Annotation, AnnotationCreateParsed } from '../../shared/model/annotation';
import { humanise, type AnnotationType, type Stance } from '../../shared/model/vocabulary';
import type { Store } from '../store/index';
import type { AnnotationChanges } from '../store/annotation-repository';

/**
 * Create an annotation. Records made on the spot (a new source, publisher, party, stance party or
 * concession) join its batch, so one undo removes all of it; evidence with a stance also records
 * that party's stance, dated by the article.
 */
export function createAnnotation(store: Store, input: AnnotationCreateParsed, batchId?: string): Annotation {
  return store.transaction(
    (batch) => {
      const document = store.documents.body(input.documentId);
      const { start, end, exact } = input.selector;
      if (end > document.text.length || document.text.slice(start, end) !== exact) {
        throw new ParleyError('invalid_input', 'the selected text does not match the document', { 'selector.exact': 'does not match the document text at that position' });
      }
      assertPickOrCreate(input);
      const sourceId = input.newSource ? store.sources.create(input.newSource, batch.id).id : (input.sourceId ?? null);
      const publisherSourceId = input.newPublisher ? store.sources.create(input.newPublisher, batch.id).id : (input.publisherSourceId ?? null);
      const partyId = input.newParty ? store.parties.create(input.newParty, batch.id).id : (input.partyId ?? null);
      const stancePartyId = input.newStanceParty ? store.parties.create(input.newStanceParty, batch.id).id : (input.stancePartyId ?? null);
      const concessionId = input.newConcession ? store.concessions.create(input.newConcession, batch.id).id : (input.concessionId ?? null);
      assertTypeNeeds(input.type, { sourceId, partyId, concessionId });
      // Context the page did not send is taken from the stored text.
      const described = describeSelection(document.text, start, end);
      const annotation = store.annotations.create(
        {
          documentId: input.documentId,
          type: input.type,
          exact,
          prefix: input.selector.prefix || described.prefix,
          suffix: input.selector.suffix || described.suffix,
          start,
          end,
          note: input.note || null,
          tags: input.tags ?? [],
          sourceId,
          publisherSourceId,
          quoteKind: input.quoteKind ?? null,
          channel: input.channel ?? null,
          credibility: input.credibility ?? null,
          reliability: input.reliability ?? null,
          partyId,
          concessionId,
          stancePartyId,
          stance: input.stance ?? null,
        },
        batch.id,
      );
      const stance = stanceOf(annotation);
      if (stance) {
        // Undated: the stance follows its article's date, now and when that date is set later.
        store.concessions.setStance({ ...stance, asOf: null, annotationId: annotation.id, note: null }, batch.id);
      }
      return store.annotations.get(annotation.id);
    },
    { label: `Create ${humanise(input.type).toLowerCase()}`, failure: 'Cannot save the annotation', ...(batchId ? { batchId } : {}) },
  );
}

/**
 * Edit an annotation. The result must still have what its type needs; the stance it recorded
 * follows its concession, party and stance (changed, created or removed with it).
 */
export function changeAnnotation(store: Store, id: string, changes: AnnotationChanges, batchId?: string): Annotation {
  return store.transaction(
    (batch) => {
      const before = store.annotations.get(id);
      const type = changes.type ?? before.type;
      batch.name(`Edit ${humanise(type).toLowerCase()}`);
      const next = <K extends 'sourceId' | 'partyId' | 'concessionId'>(field: K) => (changes[field] !== undefined ? changes[field] : before[field]) ?? null;
      assertTypeNeeds(type, { sourceId: next('sourceId'), partyId: next('partyId'), concessionId: next('concessionId') });
      const after = store.annotations.change(id, changes, batch.id);
      keepStanceInStep(store, before, after, batch.id);
      return after;
    },
    { ...(batchId ? { batchId } : {}), failure: 'Cannot save the annotation' },
  );
}

/** The same edit to many annotations: one transaction, one undo step; one bad row refuses them all. */
export function changeAnnotations(store: Store, ids: string[], changes: AnnotationChanges): Annotation[] {
  const unique = [...new Set(ids)];
  store.transaction(
    (batch) => {
      for (const id of unique) changeAnnotation(store, id, changes, batch.id);
    },
    { label: `Edit ${unique.length} ${unique.length === 1 ? 'annotation' : 'annotations'}`, failure: 'Cannot save the annotations' },
  );
  return store.annotations.many(unique);
}

function keepStanceInStep(store: Store, before: Annotation, after: Annotation, batchId: string): void {
  const previous = stanceOf(before);
  const next = stanceOf(after);
  if (JSON.stringify(previous) === JSON.stringify(next)) return;
  const recorded = previous ? store.concessions.stanceRecordedBy(after.id, previous) : null;
  if (next && recorded) store.concessions.changeStance(recorded, next, batchId);
  else if (next) store.concessions.setStance({ ...next, asOf: null, annotationId: after.id, note: null }, batchId);
  else if (recorded) store.concessions.removeStance(recorded, batchId);
}

/** The stance a piece of concession evidence records, when it names a concession, a party and a stance. */
function stanceOf(annotation: Annotation): { concessionId: string; partyId: string; stance: Stance } | null {
  if (annotation.type !== 'concession_evidence' || !annotation.concessionId || !annotation.stancePartyId || !annotation.stance) return null;
  return { concessionId: annotation.concessionId, partyId: annotation.stancePartyId, stance: annotation.stance };
}

function assertPickOrCreate(input: AnnotationCreateParsed): void {
  const pairs: [string, unknown, unknown][] = [
    ['source', input.sourceId, input.newSource],
    ['publisher', input.publisherSourceId, input.newPublisher],
    ['party', input.partyId, input.newParty],
    ['stance party', input.stancePartyId, input.newStanceParty],
    ['concession', input.concessionId, input.newConcession],
  ];
  for (const [what, picked, created] of pairs) {
    if (picked && created) throw new ParleyError('invalid_input', `Pick an existing ${what} or create a new one, not both`);
  }
}

function assertTypeNeeds(type: AnnotationType, refs: { sourceId: string | null; partyId: string | null; concessionId: string | null }): void {
  if (type === 'attribution' && !refs.sourceId) {
    throw new ParleyError('invalid_input', 'An attribution needs a source: pick one or create one', { sourceId: 'an attribution needs a source' });
  }
  if (type === 'party_mention' && !refs.partyId) {
    throw new ParleyError('invalid_input', 'A party mention needs a party: pick one or create one', { partyId: 'a party mention needs a party' });
  }
  if (type === 'concession_evidence' && !refs.concessionId) {
    throw new ParleyError('invalid_input', 'Concession evidence needs a concession: pick one or create one', { concessionId: 'concession evidence needs a concession' });
  }
}
