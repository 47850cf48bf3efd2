/**
 * Pages and dumps in the layouts of outlets our benchmark does not cover (wire services,
 * broadcasters, Russian, French and German sites, Next.js-style markup, live blogs, paywalls).
 * Text dumps must come out paragraph for paragraph; HTML pages must keep every story paragraph.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readText } from '../../../electron/ingest/text-dump';
import { readHtml } from '../../../electron/ingest/html/index';

const fixtures = join(import.meta.dirname, '../../fixtures/articles');

interface Expectation {
  title: string | null;
  byline: string | null;
  outlet?: string | null;
  publishedAt: string | null;
  publishedPrecision: string | null;
  language?: string | null;
  paragraphs?: string[];
  mustKeep?: string[];
  chrome: string[];
}

function expectation(dir: string, file: string): Expectation {
  return JSON.parse(readFileSync(join(fixtures, dir, file.replace(/\.\w+$/, '.expect.json')), 'utf8')) as Expectation;
}

for (const file of readdirSync(join(fixtures, 'text-outlets')).filter((f) => f.endsWith('.txt'))) {
  test(`outlet text dump ${file}`, () => {
    const expected = expectation('text-outlets', file);
    const article = readText(readFileSync(join(fixtures, 'text-outlets', file), 'utf8'), file);
    assert.deepEqual(article.text.split('\n\n'), expected.paragraphs);
    for (const chrome of expected.chrome) assert.ok(!article.text.includes(chrome), `chrome left in: ${chrome}`);
    assert.equal(article.title, expected.title);
    assert.equal(article.byline, expected.byline);
    assert.equal(article.publishedAt, expected.publishedAt);
    assert.equal(article.publishedPrecision, expected.publishedPrecision);
    if (expected.language !== undefined) assert.equal(article.language, expected.language);
  });
}

for (const file of readdirSync(join(fixtures, 'html-modern')).filter((f) => f.endsWith('.html'))) {
  test(`modern page layout ${file}`, () => {
    const expected = expectation('html-modern', file);
    const article = readHtml(readFileSync(join(fixtures, 'html-modern', file), 'utf8'), file);
    const paragraphs = article.text.split('\n\n');
    for (const keep of expected.mustKeep ?? []) assert.ok(paragraphs.includes(keep), `story paragraph lost: ${keep.slice(0, 60)}`);
    for (const chrome of expected.chrome) assert.ok(!article.text.includes(chrome), `chrome left in: ${chrome}`);
    assert.equal(article.title, expected.title);
    assert.equal(article.byline, expected.byline);
    if (expected.outlet !== undefined) assert.equal(article.outlet, expected.outlet);
    assert.equal(article.publishedAt, expected.publishedAt);
    assert.equal(article.publishedPrecision, expected.publishedPrecision);
  });
}
