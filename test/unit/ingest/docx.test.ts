import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractBuffer, IngestError } from '../../../electron/ingest/index';
import { buildDocx, buildZip } from './helpers/zip-builder';

async function reject(bytes: Uint8Array, name: string): Promise<IngestError> {
  try {
    await extractBuffer(bytes, name);
  } catch (error) {
    assert.ok(error instanceof IngestError, `expected IngestError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${name} was accepted`);
}

const story = [
  'European national security advisers met their US and Ukrainian counterparts in Geneva on Sunday to rework the 28-point plan.',
  'The European text replaces the demand that Ukraine withdraw from Donetsk with a ceasefire along the current line of contact.',
  '“A ceasefire first, then talks on territory,” one diplomat said.',
];

test('DOCX: heading is the title, byline and dateline become metadata, every paragraph kept', async () => {
  const bytes = buildDocx({
    paragraphs: [
      { text: 'Europe drafts a ceasefire-first counter-plan', style: 'Heading1' },
      { text: 'By Jane Doe and John Roe' },
      { text: '24 November 2025' },
      ...story.map((text) => ({ text })),
    ],
    title: 'Draft v3',
    creator: 'Analyst Desk',
  });
  const [article] = await extractBuffer(bytes, 'counter-plan.docx');
  assert.ok(article);
  assert.equal(article.title, 'Europe drafts a ceasefire-first counter-plan');
  assert.equal(article.byline, 'Jane Doe, John Roe');
  assert.equal(article.publishedAt, '2025-11-24');
  assert.deepEqual(article.text.split('\n\n'), story);
  assert.equal(article.format, 'docx');
  assert.ok(!article.html?.includes('<script'));
});

test('DOCX: without a heading, title and author come from core.xml', async () => {
  const [article] = await extractBuffer(
    buildDocx({ paragraphs: story.map((text) => ({ text })), title: 'Geneva notes', creator: 'Olena Kovalenko' }),
    'notes.docx',
  );
  assert.equal(article?.title, 'Geneva notes');
  assert.equal(article?.byline, 'Olena Kovalenko');
  assert.deepEqual(article?.text.split('\n\n'), story);
});

test('DOCX zip bomb: an entry that expands a thousandfold is refused before unpacking', async () => {
  const bytes = buildDocx({ paragraphs: [{ text: 'x' }], extra: [{ name: 'word/media/zeros.bin', data: new Uint8Array(5 * 1024 * 1024) }] });
  assert.ok(bytes.byteLength < 64 * 1024, 'the fixture itself is small');
  const error = await reject(bytes, 'bomb.docx');
  assert.equal(error.code, 'zip_bomb');
});

test('DOCX zip bomb: a central directory declaring gigabytes is refused', async () => {
  const error = await reject(buildDocx({ paragraphs: [{ text: 'x' }], extra: [{ name: 'word/media/a.bin', data: 'abc', declaredSize: 0xfffffff0 }] }), 'huge.docx');
  assert.equal(error.code, 'zip_bomb');
  assert.match(error.message, /100 MB/);
});

test('DOCX zip bomb: an entry that inflates past its declared size is refused', async () => {
  const error = await reject(
    buildDocx({ paragraphs: [{ text: 'x' }], extra: [{ name: 'word/media/b.bin', data: new Uint8Array(3_000_000), declaredSize: 10 }] }),
    'liar.docx',
  );
  assert.equal(error.code, 'zip_bomb');
});

test('DOCX zip bomb: too many entries', async () => {
  const extra = Array.from({ length: 2500 }, (_, i) => ({ name: `word/media/e${i}.xml`, data: '', store: true }));
  const error = await reject(buildDocx({ paragraphs: [{ text: 'x' }], extra }), 'many.docx');
  assert.equal(error.code, 'zip_bomb');
});

test('DOCX: truncated file and zip without a document are corrupt', async () => {
  const bytes = buildDocx({ paragraphs: story.map((text) => ({ text })) });
  assert.equal((await reject(bytes.slice(0, bytes.length - 200), 'cut.docx')).code, 'corrupt_docx');
  assert.equal((await reject(buildZip([{ name: 'readme.txt', data: 'hello' }]), 'notword.docx')).code, 'corrupt_docx');
  assert.equal((await reject(new Uint8Array(Buffer.from('plain text, not a zip')), 'text.docx')).code, 'corrupt_docx');
});
