import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { contract, type ChannelName } from '../../../shared/contract';
import type { Annotation, AnnotationPage } from '../../../shared/model/annotation';
import type { HistoryState, HistoryStep } from '../../../shared/model/history';
import type { Party } from '../../../shared/model/party';
import type { Result } from '../../../shared/errors';
import { createService, type ParleyService } from '../../../electron/service/service';
import { tempDir } from '../../helpers/temp';
import { searchDocuments } from '../../helpers/search';

let service: ParleyService;
const changed: string[][] = [];
before(() => {
  service = createService({ importWorkers: 1, log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
  service.session.create(join(tempDir(), 'channels.parley'));
  service.session.on('case:changed', ({ aggregates }) => changed.push(aggregates));
});
after(() => service.dispose());

const ANNOTATION_AND_HISTORY_CHANNELS: ChannelName[] = [
  'party:bulk-update',
  'party:merge',
  'source:bulk-update',
  'concession:bulk-update',
  'annotation:list',
  'annotation:get',
  'annotation:create',
  'annotation:update',
  'annotation:bulk-update',
  'annotation:delete',
  'document:reextract',
  'history:state',
  'history:undo',
  'history:redo',
  'setting:get',
  'setting:set',
];

async function call<T>(channel: ChannelName, input: unknown): Promise<T> {
  const result = (await service.dispatch(channel, input)) as Result<T>;
  if (!result.ok) assert.fail(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function failure(channel: ChannelName, input: unknown) {
  const result = await service.dispatch(channel, input);
  assert.equal(result.ok, false, `${channel} accepted ${JSON.stringify(input)}`);
  return (result as Extract<Result<unknown>, { ok: false }>).error;
}

/** A document with its original, as an import would store it (the store is the only way in). */
function importText(fileName: string, storedText: string, originalText: string): string {
  const store = service.session.writable();
  const [outcome] = store.documents.insertImported({ fileName, sha256: `sha-${fileName}`, bytes: new TextEncoder().encode(originalText) }, [
    {
      title: 'Geneva talks',
      byline: null,
      outlet: null,
      publishedAt: '2025-11-23',
      publishedPrecision: 'day',
      url: null,
      language: 'en',
      format: 'text',
      label: fileName,
      sourcePath: null,
      text: storedText,
      html: null,
      contentHash: `hash-${fileName}`,
      minhash: null,
      bandKeys: [],
      nearDuplicateOf: null,
    },
  ]);
  assert.equal(outcome?.status, 'imported');
  return (outcome as { documentId: string }).documentId;
}

describe('the new channels', () => {
  it('reject input of the wrong shape with invalid_input, field by field', async () => {
    const bad: Partial<Record<ChannelName, unknown[]>> = {
      'party:bulk-update': [{ ids: [], patch: {} }, { ids: ['x'], patch: {} }, { ids: [crypto.randomUUID()], patch: { name: 'Renamed' } }],
      'party:merge': [{ keepId: 'a', mergeId: 'b' }, { keepId: '01900000-0000-7000-8000-000000000001', mergeId: '01900000-0000-7000-8000-000000000001' }],
      'source:bulk-update': [{ ids: [crypto.randomUUID()], patch: { defaultReliability: 'Z' } }],
      'concession:bulk-update': [{ ids: [crypto.randomUUID()], patch: { title: 'x' } }],
      'annotation:list': [{ limit: 0 }, { limit: 100_000 }, { sort: { field: 'rowid', direction: 'asc' } }, { offset: -1 }],
      'annotation:create': [
        { documentId: crypto.randomUUID(), type: 'quote', selector: { exact: 'x', start: 0, end: 1 } },
        { documentId: crypto.randomUUID(), type: 'note', selector: { exact: '', start: 0, end: 0 } },
        { documentId: crypto.randomUUID(), type: 'note', selector: { exact: 'x', start: 5, end: 2 } },
        { documentId: crypto.randomUUID(), type: 'attribution', selector: { exact: 'x', start: 0, end: 1 }, credibility: 9 },
      ],
      'annotation:update': [{ id: crypto.randomUUID(), patch: { reliability: 'G' } }, { id: crypto.randomUUID(), patch: { exact: 'moved' } }],
      'annotation:bulk-update': [{ ids: [crypto.randomUUID()], patch: { stance: 'loves' } }],
      'setting:get': [{ key: 'Bad Key!' }],
      'setting:set': [{ key: 'grid.parties.columns', value: 7 }],
      'history:undo': [{ steps: 2 }],
    };
    for (const name of ANNOTATION_AND_HISTORY_CHANNELS) {
      for (const input of [null, 'x', { id: 12 }, { unexpected: true }, ...(bad[name] ?? [])]) {
        if (contract[name].input.safeParse(input ?? {}).success) continue; // dispatch reads a missing input as {}
        const error = await failure(name, input);
        assert.equal(error.code, 'invalid_input', `${name} on ${JSON.stringify(input)}: ${error.code} ${error.message}`);
      }
    }
    const selfMerge = await failure('party:merge', { keepId: '01900000-0000-7000-8000-000000000001', mergeId: '01900000-0000-7000-8000-000000000001' });
    assert.match(selfMerge.message, /two different parties/);
  });

  it('creates, lists, edits and deletes annotations, with undo and redo telling views to refresh', async () => {
    const text = 'GENEVA — Ukrainian and US officials met on Sunday.\n\nThe Kremlin said it had not received the draft.';
    const documentId = importText('geneva-1.txt', text, text);
    const start = text.indexOf('The Kremlin said');
    const created = await call<Annotation>('annotation:create', {
      documentId,
      type: 'party_mention',
      selector: { exact: 'The Kremlin', start, end: start + 'The Kremlin'.length },
      newParty: { name: 'Russia', aliases: ['Kremlin'] },
    });
    assert.equal(created.partyName, 'Russia');
    const mismatch = await failure('annotation:create', { documentId, type: 'note', selector: { exact: 'The Kremlin', start: 0, end: 11 } });
    assert.equal(mismatch.code, 'invalid_input');
    assert.match(mismatch.message, /the selected text does not match the document/);

    const page = await call<AnnotationPage>('annotation:list', { search: 'kremlin' });
    assert.equal(page.total, 1);
    assert.equal((await call<Annotation>('annotation:get', { id: created.id })).id, created.id);
    await call<Annotation>('annotation:update', { id: created.id, patch: { note: 'first mention' } });
    assert.equal((await call<Annotation[]>('annotation:bulk-update', { ids: [created.id], patch: { tags: ['geneva'] } }))[0]!.tags[0], 'geneva');

    changed.length = 0;
    const state = await call<HistoryState>('history:state', {});
    assert.equal(state.undoLabel, 'Edit 1 annotation');
    const undone = await call<HistoryStep>('history:undo', {});
    assert.equal(undone.done, 'Undo Edit 1 annotation');
    assert.deepEqual(changed.at(-1), undone.aggregates);
    await call<HistoryStep>('history:redo', {});
    assert.equal(changed.length, 2);

    await call('annotation:delete', { id: created.id });
    assert.equal((await failure('annotation:get', { id: created.id })).code, 'not_found');
  });

  it('merges parties and bulk-edits through the contract, emitting case:changed', async () => {
    const a = await call<Party>('party:create', { name: 'United States', aliases: ['Washington'] });
    const b = await call<Party>('party:create', { name: 'US administration' });
    changed.length = 0;
    const merged = await call<Party>('party:merge', { keepId: a.id, mergeId: b.id });
    assert.deepEqual(merged.aliases, ['US administration', 'Washington']);
    assert.ok(changed.at(-1)!.includes('party'));
    const edited = await call<Party[]>('party:bulk-update', { ids: [a.id], patch: { kind: 'state', color: '#123456' } });
    assert.equal(edited[0]!.color, '#123456');
    assert.deepEqual(changed.at(-1), ['party']);
    const missing = await failure('party:merge', { keepId: a.id, mergeId: '01900000-0000-7000-8000-000000000009' });
    assert.equal(missing.code, 'not_found');
  });

  it('keeps per-case settings', async () => {
    assert.deepEqual(await call('setting:get', { key: 'grid.sources.columns' }), { key: 'grid.sources.columns', value: null });
    await call('setting:set', { key: 'grid.sources.columns', value: '[{"colId":"name","width":240}]' });
    assert.deepEqual(await call('setting:get', { key: 'grid.sources.columns' }), { key: 'grid.sources.columns', value: '[{"colId":"name","width":240}]' });
  });

  it('re-extracts a document from its original and re-anchors its annotations by quote', async () => {
    // The stored text is an older, worse extraction: a typo, and a passage the new one drops.
    const original = 'GENEVA — Ukrainian and US officials met on Sunday.\n\nA senior US official said the talks were productive and meaningful.\n\nKyiv insists that any deal must respect its sovereignty.';
    const stored = 'Share this article\n\nGENEVA — Ukrainian and US officials met on Sunday.\n\nA senior US official said the talks were productve and meaningful.\n\nKyiv insists that any deal must respect its sovereignty.\n\nSubscribe to our newsletter for daily updates.';
    const documentId = importText('geneva-2.txt', stored, original);
    const at = (quote: string) => ({ exact: quote, start: stored.indexOf(quote), end: stored.indexOf(quote) + quote.length });
    const kept = await call<Annotation>('annotation:create', { documentId, type: 'note', selector: at('GENEVA — Ukrainian') });
    const typo = await call<Annotation>('annotation:create', { documentId, type: 'note', selector: at('the talks were productve and meaningful') });
    const gone = await call<Annotation>('annotation:create', { documentId, type: 'note', selector: at('Subscribe to our newsletter') });

    const counts = await call<{ reanchored: number; orphaned: number }>('document:reextract', { id: documentId });
    assert.deepEqual(counts, { reanchored: 2, orphaned: 1 });
    const detail = service.session.current().documents.get(documentId);
    assert.equal(detail.text, original);
    const moved = await call<Annotation>('annotation:get', { id: kept.id });
    assert.equal(moved.anchorStatus, 'reanchored');
    assert.equal(original.slice(moved.start, moved.end), 'GENEVA — Ukrainian');
    const fixed = await call<Annotation>('annotation:get', { id: typo.id });
    assert.equal(fixed.anchorStatus, 'reanchored');
    assert.equal(fixed.exact, 'the talks were productive and meaningful');
    const orphan = await call<Annotation>('annotation:get', { id: gone.id });
    assert.equal(orphan.anchorStatus, 'orphan');
    assert.equal(orphan.exact, 'Subscribe to our newsletter', 'the stored quote is kept');
    assert.equal(searchDocuments(service.session.current(), 'newsletter', 10).length, 0, 'the search index follows');

    // Nothing changes the second time; the re-extraction itself is one undoable step.
    assert.deepEqual(await call('document:reextract', { id: documentId }), { reanchored: 0, orphaned: 1 });
    assert.equal((await call<HistoryState>('history:state', {})).undoLabel, 'Re-extract "Geneva talks"');
    await call('history:undo', {});
    assert.equal(service.session.current().documents.get(documentId).text, stored);
    assert.equal((await call<Annotation>('annotation:get', { id: typo.id })).exact, 'the talks were productve and meaningful');
  });
});
