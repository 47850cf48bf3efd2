/**
 * The outside attack on the readers (issue 12), replayed with inputs written here: hostile link
 * schemes in every format, UTF-16 without a byte-order mark.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeText } from '../../../electron/ingest/decode';
import { extractBuffer } from '../../../electron/ingest/index';
import { httpUrl } from '../../../shared/url';

const BODY =
  'Negotiators from both delegations met in Geneva on Tuesday for six hours of talks on a ceasefire. ' +
  'Officials said the sides exchanged written proposals on prisoner swaps and the withdrawal of heavy weapons. ' +
  'A further round is planned for next month, according to a senior diplomat who asked not to be named.';

const HOSTILE_LINKS = [
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'java\tscript:alert(1)',
  '//evil.example/x',
  'http://',
];

test('httpUrl keeps http(s) addresses and refuses every other scheme', () => {
  assert.equal(httpUrl('https://news.example.org/a?b=1'), 'https://news.example.org/a?b=1');
  assert.equal(httpUrl(' HTTP://News.Example.org/a '), 'http://news.example.org/a');
  for (const link of HOSTILE_LINKS) assert.equal(httpUrl(link), null, link);
  assert.equal(httpUrl(`https://x.example/${'a'.repeat(5000)}`), null, 'over-long addresses are dropped');
});

const rssItem = (link: string, i: number) =>
  `<item><title>Talks round ${i}</title><link>${link.replace(/&/g, '&amp;')}</link><description>${BODY}</description></item>`;

test('RSS items with javascript:, data: and file: links get no document URL', async () => {
  const links = [...HOSTILE_LINKS, 'https://wire.example.com/talks'];
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example.com/</link>${links.map(rssItem).join('')}</channel></rss>`;
  const articles = await extractBuffer(Buffer.from(feed), 'wire.rss');
  assert.equal(articles.length, links.length);
  for (const article of articles.slice(0, -1)) assert.equal(article.url, null, article.label);
  assert.equal(articles.at(-1)!.url, 'https://wire.example.com/talks');
});

test('Atom entries with hostile link hrefs get no document URL', async () => {
  const entries = HOSTILE_LINKS.map(
    (link, i) =>
      `<entry><title>Entry ${i}</title><link rel="alternate" href="${link.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;')}"/><id>urn:x:${i}</id><updated>2025-11-23T10:00:00Z</updated><content type="text">${BODY}</content></entry>`,
  );
  const feed = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>${entries.join('')}</feed>`;
  const articles = await extractBuffer(Buffer.from(feed), 'wire.atom');
  assert.equal(articles.length, HOSTILE_LINKS.length);
  for (const article of articles) assert.equal(article.url, null, article.label);
});

test('MHTML, HTML, e-mail and Markdown never carry a non-http(s) document URL', async () => {
  const page = (link: string) =>
    `<!doctype html><html><head><title>Talks</title><link rel="canonical" href="${link}"><meta property="og:url" content="${link}"></head><body><article><h1>Talks</h1><p>${BODY}</p><p>${BODY}</p></article></body></html>`;
  for (const link of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
    const mhtml = [
      'From: <Saved by Blink>',
      `Snapshot-Content-Location: ${link}`,
      'Subject: Talks',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; type="text/html"; boundary="B"',
      '',
      '--B',
      'Content-Type: text/html; charset=utf-8',
      `Content-Location: ${link}`,
      '',
      page(link),
      '--B--',
      '',
    ].join('\r\n');
    const [fromMhtml] = await extractBuffer(Buffer.from(mhtml), 'talks.mhtml');
    assert.equal(fromMhtml!.url, null, `mhtml ${link}`);
    const [fromHtml] = await extractBuffer(Buffer.from(page(link)), 'talks.html');
    assert.equal(fromHtml!.url, null, `html ${link}`);
    const eml = [
      'From: desk@example.org',
      'To: analyst@example.org',
      'Subject: Talks',
      'Date: Tue, 25 Nov 2025 10:00:00 +0000',
      'MIME-Version: 1.0',
      `Content-Location: ${link}`,
      'Content-Type: text/html; charset=utf-8',
      '',
      page(link),
      '',
    ].join('\r\n');
    for (const article of await extractBuffer(Buffer.from(eml), 'talks.eml')) assert.equal(article.url, null, `eml ${link}`);
    const markdown = `# Talks\n\nSource: ${link}\n\nURL: ${link}\n\n${BODY}\n\n${BODY}\n`;
    const [fromMarkdown] = await extractBuffer(Buffer.from(markdown), 'talks.md');
    assert.equal(fromMarkdown!.url, null, `markdown ${link}`);
  }
});

const PROSE: Record<string, string> = {
  english: 'Negotiators met in Geneva on Tuesday.\nThe talks lasted six hours, officials said.\n',
  russian: 'Переговоры в Женеве продолжались шесть часов, сообщили официальные лица.\n',
  ukrainian: 'Переговори в Женеві тривали шість годин, повідомили посадовці.\n',
  japanese: '交渉は火曜日にジュネーブで行われた。\n協議は六時間続いたと当局者は述べた。\n',
  chinese: '谈判周二在日内瓦举行。\n官员说会谈持续了六个小时。\n',
  thai: 'การเจรจาจัดขึ้นที่เจนีวาเมื่อวันอังคาร\n',
  arabic: 'عقدت المفاوضات في جنيف يوم الثلاثاء.\n',
  hebrew: 'המשא ומתן התקיים בז\'נבה ביום שלישי.\n',
};

test('UTF-16 text without a byte-order mark is read, little- and big-endian', () => {
  for (const [language, line] of Object.entries(PROSE)) {
    const text = line.repeat(8);
    const littleEndian = Buffer.from(text, 'utf16le');
    const bigEndian = Buffer.from(littleEndian).swap16();
    assert.equal(decodeText(littleEndian), text, `${language} UTF-16LE`);
    assert.equal(decodeText(bigEndian), text, `${language} UTF-16BE`);
  }
});

test('a UTF-16 page and text file without a BOM import as articles, binary data is still refused', async () => {
  const html = `<!doctype html><html><head><title>Ceasefire talks</title></head><body><article><h1>Ceasefire talks</h1><p>${BODY}</p><p>${BODY}</p></article></body></html>`;
  const [page] = await extractBuffer(Buffer.from(html, 'utf16le'), 'talks.html');
  assert.equal(page!.title, 'Ceasefire talks');
  const [text] = await extractBuffer(Buffer.from(`Ceasefire talks\n\n${BODY}\n\n${BODY}\n`, 'utf16le'), 'talks.txt');
  assert.match(text!.text, /Negotiators from both delegations/);
  let accepted = 0;
  for (let i = 0; i < 100; i++) {
    const noise = randomBytes(4000);
    noise[7] = 0;
    try {
      decodeText(noise);
      accepted++;
    } catch (error) {
      assert.match((error as Error).message, /binary data/);
    }
  }
  assert.equal(accepted, 0, 'random bytes with NULs are not mistaken for UTF-16');
});

const LEVELS = 100_000;
const deepHtml = (tag = 'div') =>
  `<!doctype html><html><head><title>Deep</title></head><body>${`<${tag}>`.repeat(LEVELS)}<p>${BODY}</p>${`</${tag}>`.repeat(LEVELS)}</body></html>`;

async function refusal(bytes: Uint8Array, name: string): Promise<{ code: string; message: string }> {
  try {
    await extractBuffer(bytes, name);
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  return assert.fail(`${name} was read`);
}

test('HTML nested 100,000 levels deep is refused as "nested too deeply", quickly, in every HTML-carrying format', async () => {
  const started = Date.now();
  for (const tag of ['div', 'span', 'b']) {
    const { code, message } = await refusal(Buffer.from(deepHtml(tag)), 'deep.html');
    assert.equal(code, 'nested_too_deeply');
    assert.match(message, /^deep\.html is nested too deeply/);
    assert.doesNotMatch(message, /call stack/);
  }
  const mhtml = ['From: <Saved by Blink>', 'Snapshot-Content-Location: https://x.example/', 'MIME-Version: 1.0', 'Content-Type: multipart/related; boundary="B"', '', '--B', 'Content-Type: text/html', '', deepHtml(), '--B--', ''].join('\r\n');
  assert.equal((await refusal(Buffer.from(mhtml), 'deep.mhtml')).code, 'nested_too_deeply');
  const eml = ['From: a@example.org', 'To: b@example.org', 'Subject: Deep', 'Date: Tue, 25 Nov 2025 10:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: text/html', '', deepHtml(), ''].join('\r\n');
  assert.equal((await refusal(Buffer.from(eml), 'deep.eml')).code, 'nested_too_deeply');
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Deep</title><description>${'<x>'.repeat(LEVELS)}${'</x>'.repeat(LEVELS)}</description></item></channel></rss>`;
  assert.equal((await refusal(Buffer.from(feed), 'deep.rss')).code, 'nested_too_deeply');
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
});

test('pages nested as deeply as real ones still read', async () => {
  const levels = 120;
  const html = `<!doctype html><html><head><title>Talks resume</title></head><body>${'<div>'.repeat(levels)}<article><h1>Talks resume</h1><p>${BODY}</p><p>${BODY}</p></article>${'</div>'.repeat(levels)}<p>unclosed<p>paragraphs<li>and items ${'<p>x'.repeat(2000)}</body></html>`;
  const [article] = await extractBuffer(Buffer.from(html), 'nested.html');
  assert.match(article!.text, /Negotiators from both delegations/);
});

test('DOCX with runs nested 100,000 deep is refused as "nested too deeply"', async () => {
  const { buildDocx } = await import('./helpers/zip-builder');
  const nested = `<w:p>${'<w:sdt><w:sdtContent>'.repeat(LEVELS)}<w:r><w:t>${BODY}</w:t></w:r>${'</w:sdtContent></w:sdt>'.repeat(LEVELS)}</w:p>`;
  const started = Date.now();
  const { code, message } = await refusal(buildDocx({ paragraphs: [], bodyXml: nested }), 'runs.docx');
  assert.equal(code, 'nested_too_deeply');
  assert.match(message, /^runs\.docx is nested too deeply/);
  assert.ok(Date.now() - started < 10_000);
});

test('DOCX whose XML would take gigabytes is refused before it is parsed, with the reason', async () => {
  const { buildDocx } = await import('./helpers/zip-builder');
  const paragraph = `<w:p><w:r><w:t>${BODY}</w:t></w:r></w:p>`;
  const bodyXml = paragraph.repeat(Math.ceil((20 * 1048576) / paragraph.length));
  const started = Date.now();
  const { code, message } = await refusal(buildDocx({ paragraphs: [], bodyXml }), 'huge.docx');
  assert.equal(code, 'too_complex');
  assert.match(message, /^huge\.docx: word\/document\.xml holds 2\d MB of XML \(the limit is 12 MB per part\)/);
  assert.ok(Date.now() - started < 10_000);
  // Many parts, each under the per-part limit, still count against the whole document's.
  const part = paragraph.repeat(Math.ceil((7 * 1048576) / paragraph.length));
  const extra = [1, 2, 3].map((n) => ({ name: `word/header${n}.xml`, data: `<w:hdr xmlns:w="x">${part}</w:hdr>`, store: true }));
  const total = await refusal(buildDocx({ paragraphs: [{ text: BODY }], extra }), 'parts.docx');
  assert.equal(total.code, 'too_complex');
  assert.match(total.message, /more than 16 MB of XML \(the limit per document\)/);
});
