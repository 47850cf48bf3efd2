import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readMhtml } from '../../../electron/ingest/html/mhtml';
import { IngestError } from '../../../electron/ingest/types';

const FIXTURE = new URL('../../fixtures/articles/html/page-save.mhtml', import.meta.url);

function mhtmlOf(part: string, headers: string): Uint8Array {
  return Buffer.from(
    [
      'From: <Saved by Blink>',
      'Snapshot-Content-Location: https://news.example/geneva',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; type="text/html"; boundary="B"',
      '',
      '--B',
      headers,
      '',
      part,
      '--B--',
      '',
    ].join('\r\n'),
    'latin1',
  );
}

const PAGE = '<html><head><title>Geneva round ends - News Example</title><meta property="og:site_name" content="News Example"></head><body><article><h1>Geneva round ends</h1><p>Delegations from Kyiv and Washington ended their talks in Geneva on Sunday with a revised framework, officials said after the meeting.</p><p>Der nächste Schritt: a meeting of leaders, possibly within days, according to two people familiar with the plans.</p></article></body></html>';

describe('readMhtml', () => {
  it('reads a browser page save: quoted-printable HTML, URL from Content-Location', () => {
    const article = readMhtml(readFileSync(FIXTURE), 'page-save.mhtml');
    assert.equal(article.format, 'mhtml');
    assert.equal(article.label, 'page-save.mhtml');
    assert.equal(article.title, 'Witkoff to travel to Moscow after Geneva round');
    assert.equal(article.byline, 'Tomas Berzins');
    assert.equal(article.outlet, 'Baltic Wire');
    assert.equal(article.url, 'https://www.balticwire.example/news/witkoff-moscow-geneva');
    assert.equal(article.publishedAt, '2025-11-25T11:20:00Z');
    assert.match(article.text, /the future size of Ukraine’s army — to be settled/);
    assert.match(article.text, /“We will study it when it arrives,”/);
    assert.equal(article.text.split('\n\n').length, 3);
    assert.doesNotMatch(article.text, /=E2|=\r?\n|font-family/);
  });

  it('decodes a base64 part in the charset its header declares', () => {
    const bytes = Buffer.from(PAGE.replace('<head>', '<head>'), 'latin1').toString('base64').replace(/.{76}/g, '$&\r\n');
    const article = readMhtml(mhtmlOf(bytes, 'Content-Type: text/html; charset="iso-8859-1"\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://news.example/geneva'), 'geneva.mht');
    assert.match(article.text, /Der nächste Schritt/);
    assert.equal(article.url, 'https://news.example/geneva');
    assert.equal(article.outlet, 'News Example');
    assert.equal(article.title, 'Geneva round ends');
  });

  it('rejects files that are not MIME page saves', () => {
    assert.throws(() => readMhtml(Buffer.from('just some words\nand more'), 'notes.mht'), (error: unknown) => error instanceof IngestError && error.code === 'not_text');
  });

  it('reports no_article when the save holds no HTML part', () => {
    const bytes = mhtmlOf('body { color: red }', 'Content-Type: text/css');
    assert.throws(() => readMhtml(bytes, 'styles.mhtml'), (error: unknown) => error instanceof IngestError && error.code === 'no_article');
  });
});
