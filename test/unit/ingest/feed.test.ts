import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBuffer, IngestError } from '../../../electron/ingest/index';

const dir = join(import.meta.dirname, '../../fixtures/articles/feed');
const load = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

test('RSS 2.0: each item is an article with title, link, author, date and cleaned content', async () => {
  const articles = await extractBuffer(load('rss.xml'), 'rss.xml');
  assert.deepEqual(
    articles.map((a) => a.label),
    ['rss.xml › item 1', 'rss.xml › item 2', 'rss.xml › item 3'],
  );
  const [first, second, third] = articles;
  assert.equal(first!.title, 'Europe’s ceasefire-first plan: what it says');
  assert.equal(first!.url, 'https://example-times.org/europe/ceasefire-first-plan');
  assert.equal(first!.byline, 'Jennifer Rankin');
  assert.equal(first!.publishedAt, '2025-11-23T17:40:00Z');
  assert.equal(first!.outlet, 'Example Times – Europe');
  assert.equal(first!.format, 'feed');
  assert.match(first!.text, /^European governments have drawn up a counter-proposal to Washington’s 28-point plan/);
  assert.match(first!.text, /withdraw from the parts of Donetsk it still holds\./);
  assert.ok(!first!.text.includes('alert('), 'scripts never reach the text');
  assert.ok(!/<script|onerror|javascript:/i.test(first!.html ?? ''));

  assert.equal(second!.byline, 'Pjotr Sauer');
  assert.equal(second!.publishedAt, '2025-11-26T08:05:00Z');
  assert.match(second!.text, /^The Kremlin said US envoy Steve Witkoff would meet Vladimir Putin/);

  assert.equal(third!.title, 'Kremlin repeats Donbas demand');
  assert.equal(third!.text, 'Russia says Ukraine must leave Donetsk and Luhansk before any ceasefire.');
  assert.equal(third!.publishedAt, null);
  assert.equal(third!.url, null);
});

test('Atom: alternate link, several authors, published before updated, summary fallback', async () => {
  const articles = await extractBuffer(load('atom.xml'), 'atom.xml');
  assert.equal(articles.length, 2);
  const [first, second] = articles;
  assert.equal(first!.title, 'Putin and Witkoff end Kremlin talks without a deal on territory');
  assert.equal(first!.url, 'https://monitor.example/2025/12/02/kremlin-talks');
  assert.equal(first!.byline, 'Maria Lopez, Olena Kovalenko');
  assert.equal(first!.publishedAt, '2025-12-02T18:30:00Z');
  assert.equal(first!.outlet, 'Negotiations Monitor');
  assert.deepEqual(first!.text.split('\n\n').length, 2);
  assert.equal(second!.label, 'atom.xml › item 2');
  assert.equal(second!.publishedAt, '2025-12-03T10:00:00Z');
  assert.equal(second!.text, 'European officials circulated a paper on security guarantees for Ukraine after a ceasefire.');
});

test('a malformed feed is corrupt_feed with the line', async () => {
  await assert.rejects(
    extractBuffer(load('broken.xml'), 'broken.xml'),
    (error: unknown) => error instanceof IngestError && error.code === 'corrupt_feed' && /line \d+/.test(error.message),
  );
});

test('an .xml file that is not a feed is corrupt_feed; an empty feed has no article', async () => {
  await assert.rejects(
    extractBuffer(new Uint8Array(Buffer.from('<?xml version="1.0"?><invoice><total>3</total></invoice>')), 'invoice.xml'),
    (error: unknown) => error instanceof IngestError && error.code === 'corrupt_feed',
  );
  await assert.rejects(
    extractBuffer(new Uint8Array(Buffer.from('<rss version="2.0"><channel><title>Empty</title></channel></rss>')), 'empty.rss'),
    (error: unknown) => error instanceof IngestError && error.code === 'no_article',
  );
});
