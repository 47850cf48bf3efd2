import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { extractBuffer, extractFile, IngestError, listImportableFiles, sniff } from '../../../electron/ingest/index';
import { buildPdf, flowPages } from './helpers/pdf-builder';

const paragraph = 'European leaders said the ceasefire must come first, before any talks on the territory Russia demands in Donetsk and Luhansk.';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof IngestError, `expected IngestError, got ${String(error)}`);
    return `${error.code}: ${error.message}`;
  }
  return 'accepted';
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

test('bad input: empty, too large, binary renamed .html, unsupported extensions', async () => {
  assert.match(await code(extractBuffer(new Uint8Array(0), 'empty.txt')), /^empty_file: empty\.txt is empty/);
  assert.match(
    await code(extractBuffer(new Uint8Array(3 * 1024 * 1024).fill(65), 'big.txt', { maxBytes: 1024 * 1024 })),
    /^too_large: big\.txt is 3\.0 MB; the limit is 1\.0 MB/,
  );
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]);
  assert.match(await code(extractBuffer(png, 'photo.html')), /^not_text: photo\.html looks like binary data/);
  assert.match(await code(extractBuffer(png, 'photo.txt')), /^not_text/);
  const unsupported = await code(extractBuffer(bytes('{\\rtf1 hello}'), 'memo.rtf'));
  assert.match(unsupported, /^unsupported_format: memo\.rtf: \.rtf files are not supported \(save it as \.docx or \.txt\)/);
  assert.match(unsupported, /\.html .*\.pdf .*\.docx .*\.eml .*\.xml/, 'names the supported extensions');
  assert.match(await code(extractBuffer(bytes('old word'), 'brief.doc')), /save as \.docx/);
  assert.match(await code(extractBuffer(bytes('PK\x03\x04 not a document'), 'bundle.zip')), /^unsupported_format: .*unpack the archive/);
});

test('content wins over a misleading name', async () => {
  const pdf = buildPdf({ pages: flowPages([[[paragraph]]]) });
  const [fromPdf] = await extractBuffer(pdf, 'download.bin');
  assert.equal(fromPdf?.format, 'pdf');
  const [fromTxt] = await extractBuffer(pdf, 'saved-as.txt');
  assert.equal(fromTxt?.format, 'pdf');
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A headline</title><description>${paragraph}</description></item></channel></rss>`;
  const [fromFeed] = await extractBuffer(bytes(feed), 'feed.txt');
  assert.equal(fromFeed?.format, 'feed');
  assert.equal(sniff(bytes('<!DOCTYPE html><html><body><p>x</p></body></html>')), 'html');
  assert.equal(sniff(bytes('From: a@b.c\nSubject: x\nDate: Mon, 24 Nov 2025 10:00:00 +0000\n\nbody')), 'eml');
  assert.equal(sniff(bytes('From: <Saved by Blink>\nSnapshot-Content-Location: https://x\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/related;\n\n')), 'mhtml');
  assert.equal(sniff(bytes('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')), 'feed');
  assert.equal(sniff(bytes('Just words.')), null);
});

test('a name without a real extension is read by its content', async () => {
  const [article] = await extractBuffer(bytes(`Talks in Geneva\n\n${paragraph}`), 'Talks. Nov 23');
  assert.equal(article?.format, 'text');
  assert.equal(article?.text, paragraph);
});

test('encodings: UTF-16 with BOM, windows-1252, ISO-8859-5 and KOI8-R', async () => {
  const ru =
    'Песков заявил, что Кремль не получил официального текста плана.\n\nПо его словам, требование о выводе украинских войск из Донецкой и Луганской областей остается неизменным.';
  const cases: Array<[string, Uint8Array]> = [
    ['utf-16le', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ru, 'utf-16le')]))],
    ['utf-16be', new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ru, 'utf-16be')]))],
    ['iso-8859-5', new Uint8Array(iconv.encode(ru, 'iso-8859-5'))],
    ['koi8-r', new Uint8Array(iconv.encode(ru, 'koi8-r'))],
  ];
  for (const [encoding, data] of cases) {
    const [article] = await extractBuffer(data, `${encoding}.txt`);
    assert.equal(article?.text, ru, encoding);
    assert.equal(article?.language, 'ru', encoding);
  }
  const en = 'Europe’s “ceasefire first” plan — €50bn for reconstruction — was presented in Geneva on Sunday, officials said.';
  const [latin] = await extractBuffer(new Uint8Array(iconv.encode(en, 'windows-1252')), 'cp1252.txt');
  assert.equal(latin?.text, en);
});

test('extractFile: size cap before reading, unreadable with the OS reason, mtime as fileDate', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-ingest-'));
  try {
    const big = join(dir, 'big.txt');
    writeFileSync(big, Buffer.alloc(2048, 65));
    assert.match(await code(extractFile(big, { maxBytes: 1024 })), /^too_large: big\.txt is 2\.0 KB; the limit is 1\.0 KB/);
    assert.match(await code(extractFile(join(dir, 'missing.txt'))), /^unreadable: missing\.txt cannot be opened: no such file \(ENOENT\)/);
    assert.match(await code(extractFile(dir)), /^unreadable: .* is a folder/);
    const note = join(dir, 'note.txt');
    writeFileSync(note, `Geneva\n\n${paragraph}`);
    utimesSync(note, new Date('2025-11-24T10:00:00Z'), new Date('2025-11-24T10:00:00Z'));
    const [article] = await extractFile(note);
    assert.equal(article?.text, paragraph);
    assert.equal(article?.label, 'note.txt');
    assert.equal(article?.publishedAt, null, 'the file date is never used as a publication date');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('listImportableFiles: recursive, sorted, no hidden files, no saved-page assets, no symlink loops, each skip named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-list-'));
  try {
    const put = (path: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), 'x');
    };
    put('b.html');
    put('a.PDF');
    put('page_files/style.css');
    put('page_files/inner.html');
    put('.hidden.txt');
    put('.git/config.xml');
    put('~$draft.docx');
    put('draft.docx');
    put('notes.rtf');
    put('sub/z.eml');
    put('sub/deeper/c.md');
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    symlinkSync(join(dir, 'b.html'), join(dir, 'sub', 'link-to-b.html'));
    const { files, skipped } = await listImportableFiles([dir]);
    assert.deepEqual(
      files.map((f) => f.slice(dir.length + 1)),
      ['a.PDF', 'b.html', 'draft.docx', 'sub/deeper/c.md', 'sub/z.eml'],
    );
    assert.deepEqual(
      skipped.map((entry) => [entry.path.slice(dir.length + 1), entry.code]),
      [
        ['.git', 'hidden'],
        ['.hidden.txt', 'hidden'],
        ['notes.rtf', 'unsupported_format'],
        ['sub/loop', 'link_loop'],
        ['~$draft.docx', 'hidden'],
      ],
    );
    // Files named explicitly stay, even unsupported ones (they get their own error later).
    const explicit = await listImportableFiles([join(dir, 'notes.rtf'), join(dir, 'sub')]);
    assert.deepEqual(
      explicit.files.map((f) => f.slice(dir.length + 1)),
      // The loop link leads back to the top folder, outside the named "sub": not followed.
      ['notes.rtf', 'sub/deeper/c.md', 'sub/z.eml'],
    );
    assert.deepEqual(
      explicit.skipped.map((entry) => [entry.path.slice(dir.length + 1), entry.code]),
      [
        ['sub/link-to-b.html', 'link_outside_folder'],
        ['sub/loop', 'link_outside_folder'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('strict UTF-8 reads as a fatal TextDecoder does; invalid UTF-8 goes on to charset detection', async () => {
  const { decodeText } = await import('../../../electron/ingest/decode');
  for (const text of ['plain ascii <p>text</p>', '€ – “quotes” 𝄞 Привет', 'a\ufeffb']) {
    const bytes = Buffer.from(text);
    assert.equal(decodeText(bytes), new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  }
  // Invalid UTF-8 is not read as UTF-8 (which would turn the bad byte into U+FFFD): detection decides.
  const legacy = Buffer.from('Les négociateurs se sont réunis à Genève, a déclaré le ministère. '.repeat(4), 'latin1');
  assert.equal(decodeText(legacy), legacy.toString('latin1'));
});
