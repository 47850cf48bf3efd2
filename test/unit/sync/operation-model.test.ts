import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EXISTS_FIELD, canonicalJson, parseOperation, type Operation } from '../../../electron/sync/operation';
import { Replica } from '../../../electron/sync/replica';
import { HybridClock } from '../../../electron/sync/hlc';
import { REPLICAS, SCHEMA, simulate, stepArbitrary } from './simulation';

const program = fc.array(stepArbitrary(), { minLength: 1, maxLength: 80 });
const skews = fc.array(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), { minLength: REPLICAS, maxLength: REPLICAS });
const RUNS = { numRuns: 150 };

/** A fresh replica given `ops` in the order of `keys` (ties keep order), with some applied twice. */
function replay(ops: Operation[], keys: number[], duplicates: number[]): Replica {
  const order = ops.map((op, index) => ({ op, key: keys[index % Math.max(keys.length, 1)] ?? index })).sort((a, b) => a.key - b.key);
  const replica = new Replica(SCHEMA);
  for (const [index, { op }] of order.entries()) {
    replica.apply(op);
    if (duplicates.includes(index)) replica.apply(structuredClone(op));
  }
  for (const index of duplicates) if (ops[index % ops.length]) replica.apply(ops[index % ops.length]!);
  return replica;
}

describe('operation model: properties', () => {
  it('any order, any duplication of the same operations gives the same case and the same clashes', () => {
    fc.assert(
      fc.property(program, skews, fc.array(fc.nat()), fc.array(fc.nat({ max: 200 }), { maxLength: 20 }), (steps, skew, keys, duplicates) => {
        const { all } = simulate(steps, skew);
        const reference = new Replica(SCHEMA);
        reference.applyAll([...all].sort((a, b) => (a.opId < b.opId ? -1 : 1)));
        const shuffled = replay(all, keys, duplicates);
        assert.equal(shuffled.canonical(), reference.canonical());
        assert.equal(shuffled.size, all.length);
      }),
      RUNS,
    );
  });

  it('replicas that exchange everything converge, whatever they did offline', () => {
    fc.assert(
      fc.property(program, skews, fc.array(fc.tuple(fc.nat({ max: REPLICAS - 1 }), fc.nat({ max: REPLICAS - 1 })), { maxLength: 8 }), (steps, skew, gossip) => {
        const { replicas, all } = simulate(steps, skew);
        // Some random pairwise syncs first, then everyone pulls everything (from the hub).
        for (const [from, to] of gossip) replicas[to]!.applyAll(replicas[from]!.operations());
        for (const replica of replicas) replica.applyAll(all);
        const images = replicas.map((replica) => replica.canonical());
        for (const image of images) assert.equal(image, images[0]);
      }),
      RUNS,
    );
  });

  it('nothing is lost: every value set either shows, was seen and superseded by its author, or is listed as a clash', () => {
    fc.assert(
      fc.property(program, skews, (steps, skew) => {
        const { all } = simulate(steps, skew);
        const replica = new Replica(SCHEMA);
        replica.applyAll(all);
        const image = replica.image();
        const superseded = new Set<string>();
        for (const op of all) for (const id of op.base) superseded.add(`${op.aggregate}:${op.recordId}:${op.field}:${id}`);
        const lost = new Set(image.clashes.flatMap((clash) => clash.lost.map((side) => side.opId)));
        for (const op of all) {
          if (superseded.has(`${op.aggregate}:${op.recordId}:${op.field}:${op.opId}`)) continue;
          const field = replica.record(op.aggregate, op.recordId)!.fields.get(op.field)!;
          if (field.winner.opId === op.opId) continue;
          if (canonicalJson(field.winner.after) === canonicalJson(op.after)) continue;
          if (SCHEMA[op.aggregate]?.quiet?.includes(op.field)) continue;
          assert.ok(lost.has(op.opId), `operation ${op.opId} (${op.aggregate}.${op.field} = ${JSON.stringify(op.after)}) is neither shown nor listed`);
        }
      }),
      RUNS,
    );
  });

  it('one analyst working alone sees exactly their own edits, even with a clock that jumps back', () => {
    const edits = fc.array(fc.record({ record: fc.nat({ max: 4 }), value: fc.string({ maxLength: 8 }), jump: fc.integer({ min: -86_400_000, max: 1000 }), remove: fc.boolean() }), { maxLength: 40 });
    fc.assert(
      fc.property(edits, (list) => {
        let physical = Date.UTC(2025, 10, 20);
        const replica = new Replica({ note: {} }, undefined, { clock: new HybridClock(null, () => physical) });
        const expected = new Map<string, string>();
        for (const edit of list) {
          physical += edit.jump;
          const id = `rec-${edit.record}`;
          const exists = replica.record('note', id)?.exists ?? false;
          if (!exists) {
            replica.create('note', id, { text: edit.value });
            expected.set(id, edit.value);
          } else if (edit.remove) {
            replica.delete('note', id);
            expected.delete(id);
          } else {
            replica.update('note', id, { text: edit.value });
            expected.set(id, edit.value);
          }
        }
        const image = replica.image();
        assert.deepEqual(image.clashes, []);
        const shown = new Map((image.records.note ?? []).map((row) => [String(row.id), row.text]));
        assert.deepEqual([...shown.entries()].sort(), [...expected.entries()].sort());
      }),
      RUNS,
    );
  });
});

describe('operation model: the cases an analyst meets', () => {
  function desk() {
    let physical = Date.UTC(2025, 10, 20, 9);
    const clock = () => new HybridClock(null, () => physical);
    const anna = new Replica(SCHEMA, '00000000-0000-7000-8000-00000000000a', { clock: clock() });
    const ben = new Replica(SCHEMA, '00000000-0000-7000-8000-00000000000b', { clock: clock() });
    const advance = (ms = 1000) => (physical += ms);
    const exchange = () => {
      ben.applyAll(anna.operations());
      anna.applyAll(ben.operations());
    };
    return { anna, ben, advance, exchange };
  }

  it('two edits of the same field: the later shows, the earlier is a clash kept in history, listed alike on both', () => {
    const { anna, ben, advance, exchange } = desk();
    anna.create('party', 'p1', { name: 'Russia', aliases: [], notes: null });
    exchange();
    anna.update('party', 'p1', { notes: 'demands Donetsk' });
    advance();
    ben.update('party', 'p1', { notes: 'demands Donetsk and Luhansk' });
    exchange();
    assert.equal(anna.canonical(), ben.canonical());
    const [clash] = anna.image().clashes;
    assert.equal(clash?.kind, 'both_changed');
    assert.equal(clash?.kept?.value, 'demands Donetsk and Luhansk');
    assert.deepEqual(clash?.lost.map((side) => side.value), ['demands Donetsk']);
    assert.equal(anna.image().records.party?.[0]?.notes, 'demands Donetsk and Luhansk');
  });

  it('edits of different fields both apply, without a clash', () => {
    const { anna, ben, exchange } = desk();
    anna.create('party', 'p1', { name: 'Russia', aliases: [], notes: null });
    exchange();
    anna.update('party', 'p1', { notes: 'no NATO' });
    ben.update('party', 'p1', { aliases: ['Kremlin', 'Moscow'] });
    exchange();
    assert.deepEqual(anna.image().clashes, []);
    assert.deepEqual(anna.image().records.party?.[0], { id: 'p1', name: 'Russia', aliases: ['Kremlin', 'Moscow'], notes: 'no NATO' });
    assert.equal(anna.canonical(), ben.canonical());
  });

  it('an edit after seeing a clash resolves it', () => {
    const { anna, ben, advance, exchange } = desk();
    anna.create('party', 'p1', { name: 'Russia', aliases: [], notes: null });
    exchange();
    anna.update('party', 'p1', { notes: 'a' });
    ben.update('party', 'p1', { notes: 'b' });
    exchange();
    assert.equal(anna.image().clashes.length, 1);
    advance();
    anna.update('party', 'p1', { notes: 'a and b' });
    exchange();
    assert.deepEqual(ben.image().clashes, []);
    assert.equal(ben.image().records.party?.[0]?.notes, 'a and b');
  });

  it('a delete travels as a tombstone; an edit made meanwhile is listed and comes back with a restore', () => {
    const { anna, ben, advance, exchange } = desk();
    anna.create('document', 'd1', { title: 'Geneva talks', text: '…' });
    exchange();
    anna.delete('document', 'd1');
    advance();
    ben.update('document', 'd1', { title: 'Geneva talks, day 2' });
    exchange();
    assert.equal(anna.canonical(), ben.canonical());
    assert.equal(anna.image().records.document, undefined);
    const [clash] = anna.image().clashes;
    assert.equal(clash?.kind, 'edited_deleted');
    assert.equal(clash?.lost[0]?.value, 'Geneva talks, day 2');
    advance();
    ben.restore('document', 'd1');
    exchange();
    assert.equal(anna.image().records.document?.[0]?.title, 'Geneva talks, day 2');
  });

  it('an annotation made on a document deleted meanwhile is hidden and listed as orphaned', () => {
    const { anna, ben, exchange } = desk();
    anna.create('document', 'd1', { title: 'Geneva', text: 'x' });
    exchange();
    anna.delete('document', 'd1');
    ben.create('annotation', 'a1', { document_id: 'd1', party_id: null, tag_ids: [], note: 'quote' });
    exchange();
    assert.equal(anna.image().records.annotation, undefined);
    assert.deepEqual(anna.image().clashes.map((clash) => clash.kind), ['orphaned']);
    assert.equal(anna.canonical(), ben.canonical());
  });

  it('an optional reference to a deleted record reads as empty', () => {
    const { anna, ben, exchange } = desk();
    anna.create('document', 'd1', { title: 'Geneva', text: 'x' });
    anna.create('party', 'p1', { name: 'Russia', aliases: [], notes: null });
    exchange();
    anna.delete('party', 'p1');
    ben.create('annotation', 'a1', { document_id: 'd1', party_id: 'p1', tag_ids: [], note: null });
    exchange();
    assert.equal(anna.image().records.annotation?.[0]?.party_id, null);
  });

  it('two parties created offline with the same name: the first keeps it, the other shows a suffix', () => {
    const { anna, ben, advance, exchange } = desk();
    anna.create('party', 'p-anna', { name: 'Russia', aliases: ['Kremlin'], notes: null });
    advance();
    ben.create('party', 'p-ben', { name: 'russia', aliases: ['Kremlin', 'Moscow'], notes: null });
    exchange();
    const parties = anna.image().records.party!;
    assert.deepEqual(
      parties.map((party) => [party.id, party.name, party.aliases]),
      [
        ['p-anna', 'Russia', ['Kremlin']],
        ['p-ben', 'russia (duplicate pben)', ['Moscow']],
      ],
    );
    assert.deepEqual(anna.image().clashes.map((clash) => `${clash.field}:${clash.kind}`), ['aliases:duplicate', 'name:duplicate']);
    assert.equal(anna.canonical(), ben.canonical());
  });

  it('an edit made after seeing a change wins over it even when the author’s clock is behind', () => {
    let fast = Date.UTC(2025, 10, 22);
    const slow = Date.UTC(2025, 10, 20);
    const anna = new Replica(SCHEMA, undefined, { clock: new HybridClock(null, () => fast) });
    const ben = new Replica(SCHEMA, undefined, { clock: new HybridClock(null, () => slow) });
    anna.create('party', 'p1', { name: 'Russia', aliases: [], notes: 'from a fast clock' });
    ben.applyAll(anna.operations());
    ben.update('party', 'p1', { notes: 'corrected' });
    fast += 1;
    anna.applyAll(ben.operations());
    assert.equal(anna.image().records.party?.[0]?.notes, 'corrected');
    assert.deepEqual(anna.image().clashes, []);
  });
});

describe('operations from outside are validated', () => {
  const good: Operation = {
    opId: '01990000-0000-7000-8000-000000000001',
    analystId: '01990000-0000-7000-8000-000000000002',
    hlc: '2025-11-20T10:00:00.000Z-000000',
    aggregate: 'party',
    recordId: '01990000-0000-7000-8000-000000000003',
    field: 'name',
    kind: 'update',
    before: 'Russia',
    after: "Robert'); DROP TABLE operations;--",
    base: [],
    batchId: '01990000-0000-7000-8000-000000000004',
  };

  it('accepts a well-formed operation, hostile text included, as plain data', () => {
    assert.deepEqual(parseOperation(good), good);
  });

  it('refuses malformed ones', () => {
    const bad: unknown[] = [
      { ...good, opId: 'not-a-uuid' },
      { ...good, hlc: '2025-11-20 10:00' },
      { ...good, aggregate: 'parties; DROP TABLE x' },
      { ...good, field: 'name = 1 --' },
      { ...good, recordId: "x' OR '1'='1" },
      { ...good, field: EXISTS_FIELD, kind: 'update', after: true },
      { ...good, field: EXISTS_FIELD, kind: 'delete', after: 'yes' },
      { ...good, kind: 'delete' },
      { ...good, base: ['nope'] },
      { ...good, after: undefined },
      null,
      'op',
    ];
    for (const value of bad) assert.throws(() => parseOperation(value), /./, JSON.stringify(value));
  });
});
