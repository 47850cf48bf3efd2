import assert from 'node:assert/strict';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { ParleyError } from '../../../shared/errors';
import type { NewDocument } from '../../../electron/store/document-repository';
import { Store } from '../../../electron/store/index';
import { tempDir } from '../../helpers/temp';
import { rawDatabase } from '../../../electron/store/raw-database';
import { searchDocuments } from '../../helpers/search';

let store: Store;
const dir = tempDir();
let counter = 0;
beforeEach(() => {
  store?.close();
  store = Store.create(join(dir, `case-${++counter}.parley`));
});

const party = (name: string, extra: Partial<Parameters<Store['parties']['create']>[0]> = {}) =>
  store.parties.create({ name, kind: 'state', aliases: [], affiliationId: null, color: null, notes: null, ...extra });

const auditCount = () => (rawDatabase(store).prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

function doc(text: string, extra: Partial<NewDocument> = {}): NewDocument {
  return {
    title: 'Russia rejects European counter-proposal',
    byline: 'Jane Doe',
    outlet: 'Reuters',
    publishedAt: '2025-11-24',
    publishedPrecision: 'day',
    url: 'https://example.org/a',
    language: 'en',
    format: 'html',
    label: 'a.html',
    sourcePath: '/tmp/a.html',
    text,
    html: null,
    contentHash: `hash-${text}`,
    minhash: null,
    bandKeys: ['b1', 'b2'],
    nearDuplicateOf: null,
    ...extra,
  };
}

describe('parties', () => {
  it('creates, lists with aliases and affiliation, updates and deletes, auditing each change', () => {
    const baseline = auditCount();
    const russia = party('Russia', { aliases: ['Kremlin', 'Moscow'] });
    const putin = party('Vladimir Putin', { kind: 'person', affiliationId: russia.id });
    assert.deepEqual(russia.aliases, ['Kremlin', 'Moscow']);
    assert.equal(putin.affiliationName, 'Russia');

    const renamed = store.parties.change(russia.id, { name: 'Russian Federation', aliases: ['Kremlin', 'Moscow', 'Russia'] });
    assert.equal(renamed.name, 'Russian Federation');
    assert.deepEqual(renamed.aliases, ['Kremlin', 'Moscow', 'Russia']);

    store.parties.delete(putin.id);
    assert.deepEqual(store.parties.list().map((p) => p.name), ['Russian Federation']);

    const log = store.audit.forRecord('party', russia.id);
    assert.deepEqual(log.map((entry) => entry.action), ['create', 'update']);
    assert.equal((log[1]!.before as { name: string }).name, 'Russia');
    assert.equal((log[1]!.after as { name: string }).name, 'Russian Federation');
    assert.equal(auditCount(), baseline + 4);
  });

  it('refuses a duplicate name or an alias that already names another party, writing nothing', () => {
    party('Russia', { aliases: ['Kremlin'] });
    const baseline = auditCount();
    assert.throws(() => party('russia'), (error: ParleyError) => error.code === 'conflict' && /name is already used/.test(error.message));
    assert.throws(() => party('Russian Federation', { aliases: ['kremlin'] }), (error: ParleyError) => error.code === 'conflict' && /already names Russia/.test(error.message));
    assert.equal(store.parties.list().length, 1, 'no half-created party');
    assert.equal(auditCount(), baseline, 'no audit row for a failed change');
  });

  it('refuses a self-affiliation and unknown references', () => {
    const eu = party('European Union', { kind: 'bloc' });
    assert.throws(() => store.parties.change(eu.id, { affiliationId: eu.id }), (error: ParleyError) => error.code === 'invalid_input');
    assert.throws(() => party('Nobody', { affiliationId: '01900000-0000-7000-8000-000000000000' }), (error: ParleyError) => error.code === 'invalid_input');
    assert.throws(() => store.parties.change('01900000-0000-7000-8000-000000000000', { name: 'x' }), (error: ParleyError) => error.code === 'not_found');
  });
});

describe('sources', () => {
  it('keeps name, role, party, anonymity and default reliability', () => {
    const us = party('United States');
    const source = store.sources.create({ name: 'Senior US official', role: 'Administration', partyId: us.id, anonymous: true, defaultReliability: 'C', notes: null });
    assert.equal(source.partyName, 'United States');
    assert.equal(source.anonymous, true);
    const graded = store.sources.change(source.id, { defaultReliability: 'B' });
    assert.equal(graded.defaultReliability, 'B');
    assert.throws(() => store.sources.change(source.id, { defaultReliability: 'Z' as never }), (error: ParleyError) => error.code === 'invalid_input');
    assert.equal(store.sources.get(source.id).defaultReliability, 'B');
  });
});

describe('concessions', () => {
  it('records issue area, parties, status and a dated history of stances', () => {
    const russia = party('Russia');
    const ukraine = party('Ukraine');
    const territory = store.issueAreas.list().find((area) => area.name === 'Territory')!;
    const concession = store.concessions.create({
      title: 'Ukraine withdraws from the rest of Donetsk',
      issueAreaId: territory.id,
      concedingPartyId: ukraine.id,
      beneficiaryPartyId: russia.id,
      proposedByPartyId: russia.id,
      status: 'proposed',
      planPointId: null,
      description: null,
    });
    assert.equal(concession.issueAreaName, 'Territory');
    assert.equal(concession.concedingPartyName, 'Ukraine');
    store.concessions.setStance({ concessionId: concession.id, partyId: russia.id, stance: 'demands', asOf: '2025-11-20', annotationId: null, note: null });
    store.concessions.setStance({ concessionId: concession.id, partyId: ukraine.id, stance: 'rejects', asOf: '2025-11-23', annotationId: null, note: null });
    const updated = store.concessions.change(concession.id, { status: 'under_discussion' });
    assert.equal(updated.status, 'under_discussion');
    assert.deepEqual(updated.stances.map((s) => `${s.partyName}:${s.stance}`), ['Russia:demands', 'Ukraine:rejects']);
    assert.equal(store.concessions.list()[0]!.stances.length, 2);
  });
});

describe('documents', () => {
  it('stores an imported file with its original bytes in one transaction and indexes it for search', () => {
    const [outcome] = store.documents.insertImported(
      { fileName: 'a.html', sha256: 'sha-a', bytes: new TextEncoder().encode('<html>…</html>') },
      [doc('Moscow rejected the European counter-proposal on security guarantees.')],
    );
    assert.equal(outcome!.status, 'imported');
    const id = (outcome as { documentId: string }).documentId;
    const detail = store.documents.get(id);
    assert.equal(detail.wordCount, 9);
    assert.equal(detail.originalName, 'a.html');
    assert.equal(store.documents.original(id).bytes.toString(), '<html>…</html>');
    const hits = searchDocuments(store, 'security guarantees', 10);
    assert.equal(hits.length, 1);
    assert.deepEqual(hits[0]!.highlights.map(([start, end]) => hits[0]!.snippet.slice(start, end)), ['security', 'guarantees']);
    // FTS syntax typed by an analyst never reaches SQLite raw: a plain message instead.
    assert.throws(() => searchDocuments(store, '"unbalanced AND (NEAR', 10), /quotation mark is not closed/);
    assert.equal(searchDocuments(store, 'guarant*', 10).length, 1);
  });

  it('reports an exact duplicate instead of storing it twice', () => {
    store.documents.insertImported({ fileName: 'a.html', sha256: 'sha-a', bytes: new Uint8Array([1]) }, [doc('Same text.')]);
    const [again] = store.documents.insertImported({ fileName: 'b.html', sha256: 'sha-b', bytes: new Uint8Array([2]) }, [doc('Same text.')]);
    assert.equal(again!.status, 'duplicate');
    assert.equal(store.documents.list().length, 1);
    assert.equal(store.counts().originals, 1, 'a file that added nothing keeps no original');
  });

  it('stores all of a file or nothing', () => {
    assert.throws(() =>
      store.documents.insertImported({ fileName: 'feed.xml', sha256: 'sha-feed', bytes: new Uint8Array([3]) }, [
        doc('Item one.'),
        doc('Item two.', { publishedPrecision: 'fortnight' }),
      ]),
    );
    assert.equal(store.documents.list().length, 0);
    assert.equal(store.counts().originals, 0);
    assert.equal(searchDocuments(store, 'item', 10).length, 0);
  });

  it('edits metadata (precision follows the date) and deletes with the original', () => {
    const [outcome] = store.documents.insertImported({ fileName: 'a.html', sha256: 'sha-a', bytes: new Uint8Array([1]) }, [doc('Text.')]);
    const id = (outcome as { documentId: string }).documentId;
    const changed = store.documents.change(id, { publishedAt: '2025-11-24T10:30', outlet: 'AP' });
    assert.equal(changed.publishedPrecision, 'minute');
    assert.equal(changed.outlet, 'AP');
    assert.equal(searchDocuments(store, 'AP', 10).length, 1, 'index follows edits');
    store.documents.delete(id);
    assert.equal(store.counts().documents, 0);
    assert.equal(store.counts().originals, 0);
    assert.equal(searchDocuments(store, 'text', 10).length, 0);
  });

  it('finds near-duplicate candidates through shared MinHash bands', () => {
    store.documents.insertImported({ fileName: 'a.html', sha256: 'sha-a', bytes: new Uint8Array([1]) }, [doc('Wire story.', { bandKeys: ['k1', 'k2'] })]);
    assert.equal(store.documents.nearDuplicateCandidates(['k2', 'k9']).length, 1);
    assert.equal(store.documents.nearDuplicateCandidates(['k9']).length, 0);
  });
});
