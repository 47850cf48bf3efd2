import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBuffer, IngestError } from '../../../electron/ingest/index';
import { cleanSubject } from '../../../electron/ingest/eml';
import { buildPdf, flowPages } from './helpers/pdf-builder';

const dir = join(import.meta.dirname, '../../fixtures/articles/eml');
const load = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

test('EML with an HTML body: subject without Fwd: is the title, Date header to the minute', async () => {
  const articles = await extractBuffer(load('html-body.eml'), 'html-body.eml');
  assert.equal(articles.length, 1);
  const [article] = articles;
  assert.equal(article?.title, 'Kremlin: Donetsk withdrawal remains a condition');
  assert.equal(article?.publishedAt, '2025-11-24T15:42:00Z');
  assert.equal(article?.publishedPrecision, 'minute');
  assert.equal(article?.label, 'html-body.eml');
  assert.equal(article?.format, 'eml');
  const paragraphs = article?.text.split('\n\n') ?? [];
  assert.equal(paragraphs.length, 3);
  assert.match(paragraphs[0]!, /^Kremlin spokesman Dmitry Peskov said on Monday that Russia had not received any formal text/);
  assert.match(paragraphs[1]!, /Moscow’s demand that Ukrainian forces leave the Donetsk and Luhansk regions/);
  assert.match(paragraphs[2]!, /ceasefire on the current front line first/);
});

test('EML with attachments: each article attachment is its own article, the cover note and logo are not', async () => {
  const articles = await extractBuffer(load('attachments.eml'), 'attachments.eml');
  assert.deepEqual(
    articles.map((a) => a.label),
    ['attachments.eml › witkoff-moscow.html', 'attachments.eml › ushakov.txt'],
  );
  const [html, text] = articles;
  assert.match(html!.title ?? '', /^Witkoff to visit Moscow next week/);
  assert.match(html!.text, /US special envoy Steve Witkoff will travel to Moscow next week/);
  assert.match(html!.text, /Abu Dhabi/);
  assert.ok(!html!.text.includes('FYI'));
  assert.equal(text!.title, 'Ушаков: компромисс по территориям пока не найден', 'KOI8-R attachment decoded');
  assert.equal(text!.language, 'ru');
  assert.match(text!.text, /Москва по-прежнему настаивает на выводе украинских войск из Донбасса\.$/);
});

test('EML forwarded in plain text: forward header dropped, forwarded Date used', async () => {
  const [article] = await extractBuffer(load('forwarded.eml'), 'forwarded.eml');
  assert.equal(article?.title, 'Zelensky says Ukraine faces a choice');
  assert.equal(article?.publishedAt, '2025-11-21', 'no zone in the forwarded Date: day precision');
  assert.ok(!/Forwarded message|Worth reading|From:/.test(article?.text ?? ''));
  assert.match(article?.text ?? '', /^President Volodymyr Zelensky said on Friday/);
  assert.match(article?.text ?? '', /would not betray its national interests\.$/);
});

test('EML with a PDF attachment reads the PDF', async () => {
  const pdf = Buffer.from(
    buildPdf({ pages: flowPages([[['The Geneva framework was cut from 28 to 19 points, Ukrainian officials said on Tuesday.']]]) }),
  ).toString('base64');
  const eml = [
    'From: Desk <desk@example.org>',
    'Subject: RE: Fwd: Geneva framework',
    'Date: Tue, 25 Nov 2025 10:00:00 +0200',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'See attached.',
    '--b',
    'Content-Type: application/pdf; name="framework.pdf"',
    'Content-Disposition: attachment; filename="framework.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    pdf.replace(/(.{76})/g, '$1\n'),
    '--b--',
    '',
  ].join('\r\n');
  const [article] = await extractBuffer(new Uint8Array(Buffer.from(eml)), 'mail.eml');
  assert.equal(article?.label, 'mail.eml › framework.pdf');
  assert.equal(article?.title, 'Geneva framework');
  assert.match(article?.text ?? '', /cut from 28 to 19 points/);
  assert.equal(article?.publishedAt, '2025-11-25T08:00:00Z');
});

test('subject prefixes are removed', () => {
  assert.equal(cleanSubject('Fwd: RE: FW: Kremlin rejects plan'), 'Kremlin rejects plan');
  assert.equal(cleanSubject('Re[2]: talks'), 'talks');
  assert.equal(cleanSubject(''), null);
});

test('corrupt e-mail: no headers, or binary', async () => {
  for (const [bytes, name] of [
    [new Uint8Array(Buffer.from('just some words\nwith no headers at all\n')), 'notes.eml'],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]), 'image.eml'],
  ] as const) {
    await assert.rejects(extractBuffer(bytes, name), (error: unknown) => error instanceof IngestError && error.code === 'corrupt_email');
  }
});
