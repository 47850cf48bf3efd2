/**
 * Analysts editing one case offline and exchanging operations, driven by a fast-check program:
 * the operations they make are what real replicas make (clock ticked with skewed wall clocks,
 * bases from what each replica has seen).
 */
import fc from 'fast-check';
import { HybridClock } from '../../../electron/sync/hlc';
import type { Json, Operation } from '../../../electron/sync/operation';
import { Replica } from '../../../electron/sync/replica';
import type { SyncSchema } from '../../../electron/sync/schema';

export const SCHEMA: SyncSchema = {
  party: {
    unique: [
      { field: 'name', caseInsensitive: true },
      { field: 'aliases', caseInsensitive: true, list: true },
    ],
    quiet: ['updated_at'],
  },
  document: {},
  tag: { unique: [{ field: 'name', caseInsensitive: true }] },
  annotation: {
    refs: {
      document_id: { to: 'document', required: true },
      party_id: { to: 'party' },
      tag_ids: { to: 'tag', list: true },
    },
  },
};

const NAMES = ['Russia', 'russia', 'Ukraine', 'EU', 'Kremlin', "O'Brien\"; DROP TABLE parties;--"];
const NOTES: Json[] = [null, 'ceasefire first', 'no NATO', '', 'Робота', { nested: [1, 'two'] }];

export type Step =
  | { kind: 'create'; replica: number; aggregate: 'party' | 'document' | 'tag' | 'annotation'; pick: number; value: number }
  | { kind: 'update'; replica: number; pick: number; field: number; value: number }
  | { kind: 'delete'; replica: number; pick: number }
  | { kind: 'restore'; replica: number; pick: number }
  | { kind: 'sync'; from: number; to: number; share: number };

export const REPLICAS = 3;

export function stepArbitrary(): fc.Arbitrary<Step> {
  const replica = fc.nat({ max: REPLICAS - 1 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), replica, aggregate: fc.constantFrom('party' as const, 'document' as const, 'tag' as const, 'annotation' as const), pick: fc.nat(), value: fc.nat() }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('update' as const), replica, pick: fc.nat(), field: fc.nat(), value: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), replica, pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), replica, pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica, share: fc.integer({ min: 1, max: 100 }) }) },
  );
}

export interface Simulation {
  replicas: Replica[];
  /** Every operation any replica made. */
  all: Operation[];
}

/** Deterministic ids: the run is reproducible from fast-check's seed. */
function idMaker(prefix: number): () => string {
  let next = 0;
  return () => {
    next++;
    return `0000000${prefix}-0000-7000-8000-${next.toString(16).padStart(12, '0')}`;
  };
}

/** Run a program; `skews` gives each replica's wall-clock offset in ms (clocks that disagree). */
export function simulate(steps: Step[], skews: number[] = [0, 0, 0], schema: SyncSchema = SCHEMA): Simulation {
  let physical = Date.UTC(2025, 10, 20, 9, 0, 0);
  const records = { party: [] as string[], document: [] as string[], tag: [] as string[], annotation: [] as string[] };
  const newRecordId = idMaker(9);
  const replicas = Array.from({ length: REPLICAS }, (_, index) => {
    const clock = new HybridClock(null, () => physical + (skews[index] ?? 0));
    return new Replica(schema, `0000000${index}-0000-7000-8000-000000000000`, { clock, newId: idMaker(index + 1) });
  });
  const known = (replica: Replica, aggregate: keyof typeof records) => records[aggregate].filter((id) => replica.record(aggregate, id)?.exists);

  // A shared start: the case as it was shared, which every analyst cloned.
  const founder = replicas[0]!;
  for (const [aggregate, fields] of [
    ['document', { title: 'Geneva talks', text: 'GENEVA — officials met.' }],
    ['document', { title: 'Brussels', text: 'BRUSSELS — ministers met.' }],
    ['party', { name: 'Ukraine', aliases: ['Kyiv'], notes: null, updated_at: 'x' }],
    ['party', { name: 'United States', aliases: ['Washington'], notes: null, updated_at: 'x' }],
    ['tag', { name: 'ceasefire' }],
  ] as const) {
    const id = newRecordId();
    founder.create(aggregate, id, { ...fields } as Record<string, Json>);
    records[aggregate].push(id);
  }
  for (const documentId of records.document) {
    const id = newRecordId();
    founder.create('annotation', id, { document_id: documentId, party_id: records.party[0]!, tag_ids: [], note: 'quote' });
    records.annotation.push(id);
  }
  for (const replica of replicas.slice(1)) replica.applyAll(founder.operations());

  for (const step of steps) {
    physical += 7;
    if (step.kind === 'sync') {
      const from = replicas[step.from]!;
      const to = replicas[step.to]!;
      const ops = from.operations();
      // A partial sync (an interrupted pull): the first `share` percent, in the order the hub has them.
      to.applyAll(ops.slice(0, Math.ceil((ops.length * step.share) / 100)));
      continue;
    }
    const replica = replicas[step.replica]!;
    if (step.kind === 'create') {
      const id = newRecordId();
      if (step.aggregate === 'annotation') {
        const documents = known(replica, 'document');
        if (documents.length === 0) continue;
        const parties = known(replica, 'party');
        const tags = known(replica, 'tag');
        replica.create('annotation', id, {
          document_id: documents[step.pick % documents.length]!,
          party_id: parties.length > 0 ? parties[step.value % parties.length]! : null,
          tag_ids: tags.slice(0, step.value % 3),
          note: NOTES[step.value % NOTES.length]!,
        });
      } else if (step.aggregate === 'document') {
        replica.create('document', id, { title: `Article ${step.value % 5}`, text: NOTES[step.value % NOTES.length]! });
      } else if (step.aggregate === 'party') {
        replica.create('party', id, { name: NAMES[step.value % NAMES.length]!, aliases: [], notes: null, updated_at: 'x' });
      } else {
        replica.create('tag', id, { name: NAMES[step.value % NAMES.length]! });
      }
      records[step.aggregate].push(id);
      continue;
    }
    const aggregates = ['party', 'document', 'tag', 'annotation'] as const;
    const aggregate = aggregates[step.pick % aggregates.length]!;
    const candidates = step.kind === 'restore' ? records[aggregate].filter((id) => replica.record(aggregate, id) && !replica.record(aggregate, id)!.exists) : known(replica, aggregate);
    if (candidates.length === 0) continue;
    const id = candidates[Math.floor(step.pick / aggregates.length) % candidates.length]!;
    if (step.kind === 'delete') replica.delete(aggregate, id);
    else if (step.kind === 'restore') replica.restore(aggregate, id);
    else replica.update(aggregate, id, change(aggregate, step.field, step.value, replica));
  }
  const all = new Map<string, Operation>();
  for (const replica of replicas) for (const op of replica.operations()) all.set(op.opId, op);
  return { replicas, all: [...all.values()] };
}

function change(aggregate: string, field: number, value: number, replica: Replica): Record<string, Json> {
  switch (aggregate) {
    case 'party':
      return [
        { name: NAMES[value % NAMES.length]! },
        { notes: NOTES[value % NOTES.length]! },
        { aliases: NAMES.slice(value % 3, (value % 3) + (field % 3)) },
        { updated_at: `t${value}` },
      ][field % 4]!;
    case 'document':
      return field % 2 === 0 ? { title: `Article ${value % 5}` } : { text: NOTES[value % NOTES.length]! };
    case 'tag':
      return { name: NAMES[value % NAMES.length]! };
    default: {
      const parties = replica.operations().filter((op) => op.aggregate === 'party' && op.field === '$exists').map((op) => op.recordId);
      return field % 2 === 0 ? { note: NOTES[value % NOTES.length]! } : { party_id: parties.length > 0 ? parties[value % parties.length]! : null };
    }
  }
}
