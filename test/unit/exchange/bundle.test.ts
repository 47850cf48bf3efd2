import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, it } from 'node:test';
import { ParleyError } from '../../../shared/errors';
import { AnnotationCreateInput } from '../../../shared/model/annotation';
import { Store } from '../../../electron/store/index';
import { mergeBundle, writeBundle } from '../../../electron/exchange/bundle';
import { changeAnnotation, createAnnotation } from '../../../electron/service/annotations';
import { tempDir } from '../../helpers/temp';
import { GENEVA, SANCTIONS, addConcession, addDocument, addParty, addSource, dump, span } from '../store/helpers/case-fixtures';
import { rawDatabase } from '../../../electron/store/raw-database';

const dir = tempDir();
let counter = 0;
const open: Store[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function track(store: Store): Store {
  open.push(store);
  return store;
}

/** A case with articles, parties, a source, a concession and annotations; and a copy of it. */
function divergedCopies() {
  const n = ++counter;
  const pathA = join(dir, `a-${n}.parley`);
  const a = Store.create(pathA);
  const doc = addDocument(a, GENEVA);
  const russia = addParty(a, 'Russia', ['Kremlin']);
  const ukraine = addParty(a, 'Ukraine', ['Kyiv']);
  const official = addSource(a, 'Senior US official');
  const concession = addConcession(a, 'Sovereignty guarantee', { concedingPartyId: russia.id });
  const annotation = createAnnotation(
    a,
    AnnotationCreateInput.parse({ documentId: doc, type: 'attribution', selector: span(GENEVA, 'Kyiv insists'), sourceId: official.id, tags: ['sovereignty'] }),
  );
  a.close();
  const pathB = join(dir, `b-${n}.parley`);
  copyFileSync(pathA, pathB);
  return { a: track(Store.open(pathA)), b: track(Store.open(pathB)), pathA, pathB, doc, russia, ukraine, official, concession, annotation };
}

const later = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A bundle as written before bundles carried the operation log. */
function withoutOperations(path: string): void {
  const dump = JSON.parse(gunzip(path)) as Record<string, unknown>;
  delete dump.operations;
  writeFileSync(path, gzipSync(Buffer.from(JSON.stringify(dump))));
}

describe('bundles: export one file, merge it into a diverged copy', () => {
  it('keeps every edit from both sides, takes one-sided edits without conflict, and lists same-field clashes', async () => {
    const c = divergedCopies();
    // A edits: the source's reliability (only A), the party notes (both), and adds a document and party
    c.a.sources.change(c.official.id, { defaultReliability: 'B' });
    c.a.parties.change(c.russia.id, { notes: 'notes from A' });
    const newDoc = addDocument(c.a, SANCTIONS);
    const hungary = addParty(c.a, 'Hungary');
    await later();
    // B edits: the annotation's credibility (only B), the concession status (only B), and the same party notes later
    changeAnnotation(c.b, c.annotation.id, { credibility: 2 });
    c.b.concessions.change(c.concession.id, { status: 'agreed' });
    c.b.parties.change(c.russia.id, { notes: 'notes from B' });

    const bundle = join(dir, 'a-to-b.parley-bundle');
    writeBundle(c.a, bundle);
    const result = mergeBundle(c.b, bundle);

    assert.equal(c.b.sources.get(c.official.id).defaultReliability, 'B', 'A-only edit arrives');
    assert.equal(c.b.annotations.get(c.annotation.id).credibility, 2, 'B-only edit survives');
    assert.equal(c.b.concessions.get(c.concession.id).status, 'agreed', 'B-only edit survives');
    assert.ok(c.b.documents.get(newDoc), 'new document added with its id');
    assert.equal(c.b.parties.get(hungary.id).name, 'Hungary');
    assert.equal(c.b.parties.get(c.russia.id).notes, 'notes from B', 'the later edit wins');
    assert.deepEqual(
      result.conflicts.map(({ aggregate, id, field, kept, lost, keptFrom, reason }) => ({ aggregate, id, field, kept, lost, keptFrom, reason })),
      [{ aggregate: 'party', id: c.russia.id, field: 'notes', kept: 'notes from B', lost: 'notes from A', keptFrom: 'local', reason: 'both_changed' }],
    );
    assert.equal(result.added, 3, 'document, its original and Hungary');
    assert.equal(result.updated, 1, 'the source');
    // Copies of one case merge by operations: the losing value stays in the record's history.
    assert.ok(c.b.operations.historyOf('party', c.russia.id).some((op) => op.after === 'notes from A'), 'the losing value is in the history');

    const again = mergeBundle(c.b, bundle);
    assert.deepEqual([again.added, again.updated, again.conflicts.length, again.historyImported], [0, 0, 0, 0], 'a second merge changes nothing');

    // And the other way round: B's bundle into A brings B's edits, and the later notes win there too.
    const back = join(dir, 'b-to-a.parley-bundle');
    writeBundle(c.b, back);
    const reverse = mergeBundle(c.a, back);
    assert.equal(c.a.annotations.get(c.annotation.id).credibility, 2);
    assert.equal(c.a.concessions.get(c.concession.id).status, 'agreed');
    assert.equal(c.a.parties.get(c.russia.id).notes, 'notes from B');
    assert.ok(reverse.conflicts.every((conflict) => conflict.field === 'notes'));
    const strip = (rows: Record<string, unknown[]>) => JSON.stringify(rows);
    assert.equal(strip(dump(c.a)), strip(dump(c.b)), 'both copies now hold the same records');
  });

  it('without shared history, the later edit wins and every differing field is listed', async () => {
    const c = divergedCopies();
    c.a.parties.change(c.ukraine.id, { notes: 'older' });
    await later();
    c.b.parties.change(c.ukraine.id, { notes: 'newer' });
    // Forget the shared history on B's side of the comparison: wipe B's audit rows for the party.
    rawDatabase(c.b).prepare("DELETE FROM audit_log WHERE aggregate = 'party' AND record_id = ?").run(c.ukraine.id);
    const bundle = join(dir, 'unknown.parley-bundle');
    writeBundle(c.a, bundle);
    withoutOperations(bundle); // as an older Parley wrote it: records and audit rows only
    const first = mergeBundle(c.b, bundle);
    assert.equal(c.b.parties.get(c.ukraine.id).notes, 'newer');
    assert.deepEqual(first.conflicts.map((conflict) => [conflict.field, conflict.kept, conflict.lost, conflict.reason]), [['notes', 'newer', 'older', 'history_unknown']]);
    const second = mergeBundle(c.b, bundle);
    assert.deepEqual([second.added, second.updated, second.conflicts.length], [0, 0, 0]);
  });

  it('exports a scope of documents only', () => {
    const c = divergedCopies();
    const other = addDocument(c.a, SANCTIONS);
    const bundle = join(dir, 'scope.parley-bundle');
    const written = writeBundle(c.a, bundle, { documentIds: [other] });
    assert.equal(written.documents, 1);
    const target = track(Store.create(join(dir, `empty-${++counter}.parley`)));
    const result = mergeBundle(target, bundle);
    assert.equal(result.byAggregate.document?.added, 1);
    assert.ok(target.documents.get(other));
  });

  it('refuses a foreign or corrupt bundle and changes nothing', () => {
    const c = divergedCopies();
    const before = JSON.stringify(dump(c.b));
    const seq = c.b.latestAuditSeq();
    const good = join(dir, 'good.parley-bundle');
    writeBundle(c.a, good);
    const cases: [string, Buffer][] = [
      ['not-gzip.parley-bundle', Buffer.from('PK\u0003\u0004 definitely a zip')],
      ['truncated.parley-bundle', readFileSync(good).subarray(0, 200)],
      ['foreign.parley-bundle', gzipSync(Buffer.from(JSON.stringify({ format: 'something-else', version: 1 })))],
      ['newer.parley-bundle', gzipSync(Buffer.from(JSON.stringify({ format: 'parley-case-dump', version: 99 })))],
      ['not-json.parley-bundle', gzipSync(Buffer.from('{ nope'))],
      ['bad-record.parley-bundle', gzipSync(Buffer.from(JSON.stringify({ ...JSON.parse(gunzip(good)), annotations: [{ id: 'x' }] })))],
    ];
    for (const [name, bytes] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      assert.throws(
        () => mergeBundle(c.b, path),
        (error: unknown) => error instanceof ParleyError && error.code === 'invalid_input' && error.message.includes(name),
        name,
      );
    }
    assert.equal(JSON.stringify(dump(c.b)), before);
    assert.equal(c.b.latestAuditSeq(), seq);
  });
});

function gunzip(path: string): string {
  return gunzipSync(readFileSync(path)).toString('utf8');
}

describe('bundles between copies of one case carry operations', () => {
  it('deletions travel and the merge is one undoable step', () => {
    const c = divergedCopies();
    c.a.parties.delete(c.ukraine.id);
    c.a.parties.change(c.russia.id, { notes: 'from A' });
    const bundle = join(dir, 'deletion.parley-bundle');
    writeBundle(c.a, bundle);
    const result = mergeBundle(c.b, bundle);
    assert.throws(() => c.b.parties.get(c.ukraine.id), 'the deletion arrived');
    assert.equal(c.b.parties.get(c.russia.id).notes, 'from A');
    assert.ok((result.deleted ?? 0) >= 1 && result.updated >= 1, JSON.stringify(result));
    assert.match(c.b.history.state().undoLabel ?? '', /Merge/);
    c.b.history.undo();
    assert.equal(c.b.parties.get(c.ukraine.id).name, 'Ukraine', 'undo brings the deleted party back');
    assert.equal(c.b.parties.get(c.russia.id).notes, null);
    c.b.history.redo();
    assert.throws(() => c.b.parties.get(c.ukraine.id), 'redo deletes it again');
    const again = mergeBundle(c.b, bundle);
    assert.deepEqual([again.added, again.updated, again.deleted, again.conflicts.length], [0, 0, 0, 0], 'a second merge changes nothing');
  });

  it('refuses a bundle whose operations are damaged, merging nothing', () => {
    const c = divergedCopies();
    c.a.parties.delete(c.ukraine.id);
    const bundle = join(dir, 'damaged-ops.parley-bundle');
    writeBundle(c.a, bundle);
    const dump = JSON.parse(gunzip(bundle)) as { operations: Record<string, unknown>[] };
    dump.operations[0]!.kind = 'drop table';
    writeFileSync(bundle, gzipSync(Buffer.from(JSON.stringify(dump))));
    assert.throws(() => mergeBundle(c.b, bundle), /operation 1 is not valid/);
    assert.equal(c.b.parties.get(c.ukraine.id).name, 'Ukraine', 'nothing was merged');
  });
});
