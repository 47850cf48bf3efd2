import assert from 'node:assert/strict';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { AnnotationCreateInput, AnnotationQueryInput, type AnnotationCreateRaw } from '../../../shared/model/annotation';
import { createAnnotation } from '../../../electron/service/annotations';
import { Store } from '../../../electron/store/index';
import { tempDir } from '../../helpers/temp';
import { GENEVA, SANCTIONS, addDocument, addParty, addSource, span } from './helpers/case-fixtures';

let store: Store;
const dir = tempDir();
let counter = 0;
beforeEach(() => {
  store?.close();
  store = Store.create(join(dir, `annotations-${++counter}.parley`));
});

const create = (input: AnnotationCreateRaw) => createAnnotation(store, AnnotationCreateInput.parse(input));
const list = (query: Record<string, unknown> = {}) => store.annotations.list(AnnotationQueryInput.parse(query));

describe('listing annotations', () => {
  function seed(count: number) {
    const geneva = addDocument(store, GENEVA, { title: 'Geneva talks', publishedAt: '2025-11-23' });
    const brussels = addDocument(store, SANCTIONS, { title: 'Brussels sanctions debate', publishedAt: '2025-11-25' });
    const russia = addParty(store, 'Russia', ['Kremlin']);
    const official = addSource(store, 'Senior US official');
    const minister = addSource(store, 'Polish minister');
    const quotes = ['Kyiv insists', 'Russia has not commented.', 'The Kremlin said', '28-point plan'];
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const quote = quotes[i % quotes.length]!;
      const annotation =
        i % 3 === 0
          ? create({ documentId: geneva, type: 'attribution', selector: span(GENEVA, quote), sourceId: i % 2 ? official.id : minister.id, credibility: ((i % 6) + 1) as 1 })
          : i % 3 === 1
            ? create({ documentId: geneva, type: 'party_mention', selector: span(GENEVA, quote), partyId: russia.id })
            : create({ documentId: brussels, type: 'note', selector: span(SANCTIONS, 'Poland rejected the idea outright'), note: `note ${i}` });
      ids.push(annotation.id);
    }
    return { geneva, brussels, russia, official, minister, ids };
  }

  it('pages with a total, newest first by default', () => {
    const { ids } = seed(25);
    const first = list({ limit: 10 });
    assert.equal(first.total, 25);
    assert.deepEqual(first.rows.map((row) => row.id), ids.slice().reverse().slice(0, 10));
    const last = list({ limit: 10, offset: 20 });
    assert.equal(last.total, 25);
    assert.deepEqual(last.rows.map((row) => row.id), ids.slice().reverse().slice(20));
    assert.equal(list({ offset: 100 }).rows.length, 0);
  });

  it('filters by document, type, source, party and concession', () => {
    const { geneva, brussels, russia, official } = seed(12);
    assert.equal(list({ documentId: brussels }).total, 4);
    const reader = list({ documentId: geneva });
    assert.deepEqual(
      reader.rows.map((row) => row.start),
      reader.rows.map((row) => row.start).sort((a, b) => a - b),
      "a document's annotations come in reading order",
    );
    assert.equal(list({ type: 'party_mention' }).total, 4);
    assert.equal(list({ sourceId: official.id }).total, 2);
    assert.equal(list({ partyId: russia.id }).total, 4);
    assert.equal(list({ concessionId: '01900000-0000-7000-8000-000000000000' }).total, 0);
  });

  it('searches quotes, notes, document titles and linked names, word by word', () => {
    seed(12);
    assert.equal(list({ search: 'kremlin said' }).rows.every((row) => /Kremlin said/.test(row.exact) || row.partyName === 'Russia'), true);
    assert.equal(list({ search: 'polish' }).total, 2, 'source name');
    assert.equal(list({ search: 'Brussels' }).total, 4, 'document title');
    assert.equal(list({ search: 'note 5' }).total, 1, 'note text');
    assert.equal(list({ search: 'russia' }).total, 5, 'party name, and the quote that says Russia');
    assert.equal(list({ search: '100%_' }).total, 0, 'LIKE wildcards are literal');
  });

  it('sorts by any grid column, blanks last', () => {
    seed(12);
    const bySource = list({ sort: { field: 'sourceName', direction: 'asc' } }).rows.map((row) => row.sourceName);
    assert.deepEqual(bySource.slice(0, 4), ['Polish minister', 'Polish minister', 'Senior US official', 'Senior US official']);
    assert.equal(bySource.at(-1), null);
    const byDate = list({ sort: { field: 'documentPublishedAt', direction: 'desc' } }).rows.map((row) => row.documentPublishedAt);
    assert.deepEqual(byDate, [...byDate].sort().reverse());
    const credibility = list({ sort: { field: 'credibility', direction: 'desc' } }).rows.map((row) => row.credibility);
    assert.deepEqual(credibility.slice(0, 4), [4, 4, 1, 1]);
    assert.equal(credibility.at(-1), null);
    const reliability = list({ sort: { field: 'effectiveReliability', direction: 'asc' }, type: 'attribution' }).rows;
    assert.ok(reliability.every((row) => row.effectiveReliability === 'C'));
  });
});
