import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractBuffer, IngestError } from '../../../electron/ingest/index';
import { parsePdfDate, repairHyphenation } from '../../../electron/ingest/pdf';
import { buildPdf, flowPages, type PdfPage } from './helpers/pdf-builder';

const briefing: string[][][] = [
  [
    [
      'US envoy Steve Witkoff presented the 28-point plan to Ukrainian negoti-',
      'ators in Miami, officials said, in what critics called a so-',
      'called capitulation framework.',
    ],
    ['The draft asks Kyiv to withdraw from the parts of Donetsk it still', 'holds and to cap its armed forces at 600,000.'],
  ],
  [
    ['European governments answered with a ceasefire-first counter-pro-', 'posal that leaves territory for later negotiations.'],
    ['Russia insists on the whole of Donetsk and Luhansk. The Kremlin', 'said the European text was unconstructive.'],
  ],
  [['Talks moved to Geneva on 23 November, where the plan was cut', 'to 19 points.']],
];

function briefingPdf(extra: Partial<Parameters<typeof buildPdf>[0]> = {}) {
  return buildPdf({
    pages: flowPages(briefing, {
      title: 'Geneva talks: where the plan stands',
      header: () => 'PARLEY BRIEFING  |  Ukraine negotiations',
      footer: (page, total) => `Page ${page} of ${total}`,
    }),
    info: { Title: 'Microsoft Word - briefing-final.docx', Author: 'Jane Doe', CreationDate: "D:20251124093000+01'00'" },
    ...extra,
  });
}

async function reject(bytes: Uint8Array, name: string): Promise<IngestError> {
  try {
    await extractBuffer(bytes, name);
  } catch (error) {
    assert.ok(error instanceof IngestError, `expected IngestError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${name} was accepted`);
}

test('PDF: paragraphs rebuilt, hyphenation repaired, running header and page numbers dropped', async () => {
  const [article] = await extractBuffer(briefingPdf(), 'briefing.pdf');
  assert.ok(article);
  assert.deepEqual(article.text.split('\n\n'), [
    'US envoy Steve Witkoff presented the 28-point plan to Ukrainian negotiators in Miami, officials said, in what critics called a so-called capitulation framework.',
    'The draft asks Kyiv to withdraw from the parts of Donetsk it still holds and to cap its armed forces at 600,000.',
    'European governments answered with a ceasefire-first counter-proposal that leaves territory for later negotiations.',
    'Russia insists on the whole of Donetsk and Luhansk. The Kremlin said the European text was unconstructive.',
    'Talks moved to Geneva on 23 November, where the plan was cut to 19 points.',
  ]);
  assert.equal(article.title, 'Geneva talks: where the plan stands', 'a "Microsoft Word - x.docx" info title is not a title');
  assert.equal(article.byline, 'Jane Doe');
  assert.equal(article.publishedAt, '2025-11-24T08:30:00Z');
  assert.equal(article.format, 'pdf');
  assert.equal(article.language, 'en');
});

test('PDF: a sensible info-dict title wins over the layout', async () => {
  const [article] = await extractBuffer(briefingPdf({ info: { Title: 'Where the US plan for Ukraine stands' } }), 'b.pdf');
  assert.equal(article?.title, 'Where the US plan for Ukraine stands');
  assert.equal(article?.publishedAt, null);
});

test('PDF: a one-paragraph page still finds its larger headline', async () => {
  const [article] = await extractBuffer(
    buildPdf({ pages: flowPages([[['Witkoff met Putin in Moscow on Tuesday, the Kremlin said.']]], { title: 'Kremlin talks' }) }),
    'short.pdf',
  );
  assert.equal(article?.title, 'Kremlin talks');
  assert.equal(article?.text, 'Witkoff met Putin in Moscow on Tuesday, the Kremlin said.');
});

test('PDF: text drawn out of order is read top to bottom, left to right', async () => {
  const page: PdfPage = {
    runs: [
      { text: 'Third line of the paragraph.', x: 72, y: 672 },
      { text: 'First line starts here and', x: 72, y: 700 },
      { text: 'continues', x: 72, y: 686 },
      { text: 'on the second line,', x: 125, y: 686 },
    ],
  };
  const [article] = await extractBuffer(buildPdf({ pages: [page] }), 'order.pdf');
  assert.equal(article?.text, 'First line starts here and continues on the second line, Third line of the paragraph.');
});

test('hyphenation repair keeps real compounds and uses the document vocabulary', () => {
  assert.equal(repairHyphenation('the negoti-\nations'), 'the negotiations');
  assert.equal(repairHyphenation('a so-\ncalled plan'), 'a so-called plan');
  assert.equal(repairHyphenation('a cease-\nfire', new Set(['ceasefire'])), 'a ceasefire');
  assert.equal(repairHyphenation('land-for-\npeace', new Set(['for', 'peace'])), 'land-for-peace');
  assert.equal(repairHyphenation('counter-pro-\nposal'), 'counter-proposal');
  assert.equal(repairHyphenation('pro-\nRussian'), 'pro-Russian', 'capitalised continuation is never joined');
  assert.equal(repairHyphenation('soft\u00ad\nhyphen'), 'softhyphen');
});

test('PDF dates from the info dictionary', () => {
  assert.deepEqual(parsePdfDate("D:20251123140500+01'00'"), { publishedAt: '2025-11-23T13:05:00Z', precision: 'minute' });
  assert.deepEqual(parsePdfDate('D:20251123140500Z'), { publishedAt: '2025-11-23T14:05:00Z', precision: 'minute' });
  assert.deepEqual(parsePdfDate('D:20251123'), { publishedAt: '2025-11-23', precision: 'day' });
  assert.equal(parsePdfDate('garbage'), null);
});

test('PDF: encrypted file asks for the password to be removed', async () => {
  const error = await reject(buildPdf({ pages: flowPages([[['Secret']]]), encrypted: true }), 'locked.pdf');
  assert.equal(error.code, 'encrypted_pdf');
  assert.match(error.message, /password-protected; remove the password and import again/);
});

test('PDF: truncated file is reported as incomplete', async () => {
  const bytes = briefingPdf();
  const error = await reject(bytes.slice(0, Math.floor(bytes.length * 0.6)), 'cut.pdf');
  assert.equal(error.code, 'corrupt_pdf');
  assert.match(error.message, /truncated/);
});

test('PDF: garbage after the magic bytes is a corrupt PDF', async () => {
  const error = await reject(new Uint8Array(Buffer.from('%PDF-1.7\nthis is not really a pdf\n%%EOF\n')), 'junk.pdf');
  assert.equal(error.code, 'corrupt_pdf');
});

test('PDF: a .pdf that is not a PDF at all', async () => {
  const error = await reject(new Uint8Array(Buffer.from('<html><body>Saved the wrong thing</body></html>')), 'renamed.pdf');
  assert.equal(error.code, 'corrupt_pdf');
});

test('PDF: scanned (image-only) pages have no text layer', async () => {
  const error = await reject(buildPdf({ pages: [{ image: true }, { image: true }] }), 'scan.pdf');
  assert.equal(error.code, 'image_only_pdf');
  assert.match(error.message, /no text layer; OCR is not supported yet/);
});
