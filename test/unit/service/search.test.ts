import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createService, type ParleyService } from '../../../electron/service/service';
import type { NewDocument } from '../../../electron/store/document-repository';
import type { SavedSearch, SearchHit, SearchResults } from '../../../shared/model/search';
import { tempDir } from '../../helpers/temp';

let service: ParleyService;
const ids: Record<string, string> = {};

function article(key: string, title: string, outlet: string, publishedAt: string | null, text: string): void {
  const document: NewDocument = {
    title, byline: null, outlet, publishedAt, publishedPrecision: publishedAt ? 'day' : null, url: null, language: 'en',
    format: 'text', label: `${key}.txt`, sourcePath: null, text, html: null, contentHash: `hash-${key}`, minhash: null, bandKeys: [], nearDuplicateOf: null,
  };
  const [outcome] = service.session.current().documents.insertImported({ fileName: `${key}.txt`, sha256: `sha-${key}`, bytes: new Uint8Array([1]) }, [document]);
  ids[key] = (outcome as { documentId: string }).documentId;
}

async function search(input: Record<string, unknown>): Promise<SearchResults> {
  const result = await service.dispatch('document:search', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as SearchResults;
}
const titles = (hits: SearchHit[]) => hits.map((hit) => hit.title);

before(async () => {
  service = createService({ log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
  service.session.create(join(tempDir(), 'search.parley'));
  article('geneva', 'Talks in Geneva', 'Reuters', '2025-11-23', 'Negotiators met in Geneva. The Kremlin said the ceasefire proposal on security guarantees was unacceptable.');
  article('moscow', 'Moscow answers', 'TASS', '2025-11-26', 'Moscow rejected the plan. Peacekeepers from Europe were ruled out by the Kremlin, a spokesman said.');
  article('kyiv', 'Kyiv weighs the plan', 'Kyiv Independent', '2025-11-28', 'Officials in Kyiv discussed frozen assets and a ceasefire. Ceasefire, ceasefire: the word of the week.');
  article('undated', 'An undated note on peacekeeping', 'Reuters', null, 'Peacekeeping missions were discussed without a date.');
  const created = await service.dispatch('annotation:create', {
    documentId: ids.moscow,
    type: 'attribution',
    selector: { exact: 'Moscow rejected the plan', start: 0, end: 24 },
    note: 'Peskov line, repeated by Lavrov',
    tags: ['hardline'],
    newSource: { name: 'Dmitry Peskov' },
    newParty: { name: 'Russia', kind: 'state' },
  });
  assert.ok(created.ok, JSON.stringify(created));
});
after(() => service.dispose());

describe('case-wide search (document:search)', () => {
  it('finds words anywhere in the articles, ranked, with the match located in the text', async () => {
    const { documents } = await search({ query: 'ceasefire' });
    assert.deepEqual(titles(documents), ['Kyiv weighs the plan', 'Talks in Geneva'], 'three mentions rank above one');
    const hit = documents[1]!;
    const text = service.session.current().documents.get(ids.geneva!).text;
    assert.equal(text.slice(hit.start!, hit.end!), 'ceasefire');
    assert.deepEqual(hit.highlights.map(([start, end]) => hit.snippet.slice(start, end)), ['ceasefire']);
    assert.equal(hit.field, 'text');
  });

  it('supports phrases, prefixes, OR, NOT and NEAR', async () => {
    assert.deepEqual(titles((await search({ query: '"security guarantees"' })).documents), ['Talks in Geneva']);
    assert.deepEqual(titles((await search({ query: '"guarantees security"' })).documents), []);
    assert.equal((await search({ query: 'peacekeep*', sort: 'oldest' })).documents.length, 2);
    assert.deepEqual(titles((await search({ query: 'Kremlin NOT Geneva' })).documents), ['Moscow answers']);
    assert.equal((await search({ query: 'Geneva OR Kyiv' })).documents.length, 2);
    assert.deepEqual(titles((await search({ query: 'Negotiators NEAR/3 Geneva' })).documents), ['Talks in Geneva']);
    assert.deepEqual(titles((await search({ query: 'Negotiators NEAR/1 Kremlin' })).documents), []);
  });

  it('searches annotation quotes and notes, and says where their span is', async () => {
    const { annotations } = await search({ query: 'Lavrov' });
    assert.equal(annotations.length, 1);
    assert.equal(annotations[0]!.field, 'note');
    assert.equal(annotations[0]!.annotationType, 'attribution');
    assert.equal(annotations[0]!.documentId, ids.moscow);
    assert.deepEqual([annotations[0]!.start, annotations[0]!.end], [0, 24]);
    assert.equal((await search({ query: 'rejected', scope: 'annotations' })).annotations[0]!.field, 'quote');
  });

  it('filters by date range, outlet, party, source, tag and annotation type', async () => {
    const options = (await service.call('search:filters', {}));
    assert.deepEqual(options.outlets, ['Kyiv Independent', 'Reuters', 'TASS']);
    assert.deepEqual(options.dateRange, { from: '2025-11-23', to: '2025-11-28' });
    const russia = (await service.call('party:list', {})).find((party) => party.name === 'Russia')!;
    const peskov = (await service.call('source:list', {})).find((source) => source.name === 'Dmitry Peskov')!;
    const tag = options.tags.find((entry) => entry.name === 'hardline')!;
    const kremlin = async (filters: Record<string, unknown>) => titles((await search({ query: 'Kremlin OR ceasefire', filters, sort: 'newest' })).documents);
    assert.deepEqual(await kremlin({}), ['Kyiv weighs the plan', 'Moscow answers', 'Talks in Geneva']);
    assert.deepEqual(await kremlin({ from: '2025-11-24', to: '2025-11-27' }), ['Moscow answers']);
    assert.deepEqual(await kremlin({ to: '2025-11-23' }), ['Talks in Geneva'], 'the end day is included');
    assert.deepEqual(await kremlin({ outlets: ['reuters'] }), ['Talks in Geneva']);
    assert.deepEqual(await kremlin({ sourceIds: [peskov.id] }), ['Moscow answers']);
    assert.deepEqual(await kremlin({ partyIds: [russia.id] }), ['Moscow answers']);
    assert.deepEqual(await kremlin({ tagIds: [tag.id], annotationTypes: ['attribution'] }), ['Moscow answers']);
    assert.deepEqual(await kremlin({ annotationTypes: ['note'] }), []);
    const filteredAnnotations = await search({ query: 'Moscow', filters: { annotationTypes: ['party_mention'] } });
    assert.equal(filteredAnnotations.annotations.length, 0);
  });

  it('sorts by date when asked, undated articles last', async () => {
    assert.deepEqual(titles((await search({ query: 'peacekeep*', sort: 'newest' })).documents), ['Moscow answers', 'An undated note on peacekeeping']);
  });

  it('answers a malformed query or bad filter with a plain message, never an internal error', async () => {
    for (const query of ['"frozen', 'NOT Kremlin', '(a OR b', 'NEAR(a)', 'OR']) {
      const result = await service.dispatch('document:search', { query });
      assert.equal(result.ok, false, query);
      if (!result.ok) {
        assert.equal(result.error.code, 'invalid_input', query);
        assert.ok(!/fts5|sqlite|syntax error/i.test(result.error.message), result.error.message);
      }
    }
    const badRange = await service.dispatch('document:search', { query: 'Kremlin', filters: { from: '2025-12-01', to: '2025-11-01' } });
    assert.equal(badRange.ok, false);
    const badType = await service.dispatch('document:search', { query: 'Kremlin', filters: { annotationTypes: ['gossip'] } });
    assert.equal(badType.ok, false);
  });

  it('saves, lists, overwrites and deletes searches per case; a saved search must parse', async () => {
    const saved = await service.call('saved-search:save', { name: 'Kremlin on guarantees', query: 'Kremlin "security guarantees"', filters: { outlets: ['Reuters'] }, sort: 'newest' });
    assert.equal(saved.sort, 'newest');
    assert.deepEqual(saved.filters, { outlets: ['Reuters'] });
    const clash = await service.dispatch('saved-search:save', { name: 'kremlin on guarantees', query: 'x' });
    assert.equal(clash.ok, false);
    if (!clash.ok) assert.equal(clash.error.code, 'conflict');
    const malformed = await service.dispatch('saved-search:save', { name: 'Broken', query: '"open' });
    assert.equal(malformed.ok, false);
    const renamed = await service.call('saved-search:save', { id: saved.id, name: 'Kremlin, guarantees', query: 'Kremlin' });
    assert.equal(renamed.id, saved.id);
    const list: SavedSearch[] = await service.call('saved-search:list', {});
    assert.deepEqual(list.map((entry) => entry.name), ['Kremlin, guarantees']);
    await service.call('saved-search:delete', { id: saved.id });
    assert.deepEqual(await service.call('saved-search:list', {}), []);
    const again = await service.dispatch('saved-search:delete', { id: saved.id });
    assert.equal(again.ok, false);
  });
});

describe('search over many matches', () => {
  it('ranks the most recent matches unless asked to rank all, says so, and keeps date order exact', async () => {
    const many = createService({ log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
    many.session.create(join(tempDir(), 'many.parley'));
    const { rawDatabase } = await import('../../../electron/store/raw-database');
    const db = rawDatabase(many.session.current());
    const insert = db.prepare(
      "INSERT INTO documents (id, title, published_at, format, label, text, content_hash, imported_at, updated_at) VALUES (?, ?, ?, 'text', 'a.txt', ?, ?, '2025-12-01', '2025-12-01')",
    );
    db.transaction(() => {
      // Added first: the best match (the word five times) and the newest date.
      insert.run('00000000-0000-4000-8000-000000000000', 'First added', '2025-12-31', 'ceasefire '.repeat(5) + 'talks.', 'h-first');
      for (let index = 1; index <= 1100; index++) {
        insert.run(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, `Article ${index}`, '2025-11-01', `Officials discussed a ceasefire and much else besides, round ${index}.`, `h${index}`);
      }
    })();
    const run = async (input: Record<string, unknown>) => {
      const result = await many.dispatch('document:search', { query: 'ceasefire', limit: 5, scope: 'documents', ...input });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as SearchResults;
    };
    const recent = await run({});
    assert.deepEqual(recent.window, { size: 1000, documents: true, annotations: false });
    assert.ok(!titles(recent.documents).includes('First added'));
    const all = await run({ rankAll: true });
    assert.equal(all.window, null);
    assert.equal(all.documents[0]!.title, 'First added');
    const newest = await run({ sort: 'newest' });
    assert.equal(newest.window, null, 'date order covers every match');
    assert.equal(newest.documents[0]!.title, 'First added');
    await many.dispose();
  });
});
