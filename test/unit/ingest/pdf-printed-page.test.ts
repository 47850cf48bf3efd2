/**
 * Web pages saved with a browser's "Save as PDF" (fixtures printed by Chromium from
 * test/fixtures/articles/printed/page.html; make.mjs there regenerates them), and two-column
 * layouts: the story comes out alone and in reading order, with the page's own metadata.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { extractBuffer } from '../../../electron/ingest/index';
import { buildPdf, type PdfTextRun } from './helpers/pdf-builder';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/articles/printed/${name}`, import.meta.url)));

const STORY_STARTS = [
  'GENEVA — European governments pressed on Sunday for a ceasefire along the current front line before any discussion of territory,',
  'The 28-point plan drafted in Washington was cut to 19 points after two days of meetings,',
  '"We are not there yet," a senior European diplomat told reporters outside the venue.',
  "Moscow has repeated its demand for the whole of the Donetsk and Luhansk regions, a cap on the size of Ukraine's armed forces",
  'Ukrainian officials said the delegation would return to Kyiv to consult with President Volodymyr Zelensky',
];

for (const [name, url] of [
  ['with-header-footer.pdf', 'https://www.meridian-times.example/world/europe/2025/11/23/geneva-ceasefire-first'],
  ['plain.pdf', null],
] as const) {
  describe(`a news page printed to PDF by a browser (${name})`, async () => {
    const [article] = await extractBuffer(fixture(name), name);

    it('keeps the five story paragraphs, whole and in order, and nothing else', () => {
      const paragraphs = article!.text.split('\n\n');
      assert.equal(paragraphs.length, STORY_STARTS.length, article!.text);
      STORY_STARTS.forEach((start, index) => assert.ok(paragraphs[index]!.startsWith(start), paragraphs[index]));
      assert.doesNotMatch(article!.text, /Subscribe|Newsletters|Ukraine war|What is in the 28-point plan|Most read|Markets rally|Reader one|Comments|About us|©/);
    });

    it("takes the headline from the page's title, and byline, outlet and the dateline's date from the page", () => {
      assert.equal(article!.title, 'Europe presses for ceasefire first as Geneva talks stall');
      assert.equal(article!.byline, 'Anna Kovalenko, Mark Whitfield');
      assert.equal(article!.outlet, 'The Meridian Times');
      // The PDF was created when it was printed; that is not when the story was published.
      assert.equal(article!.publishedAt, '2025-11-23T18:42:00Z');
      assert.equal(article!.language, 'en');
      assert.equal(article!.format, 'pdf');
    });

    it(url ? "reads the page's address from the browser's footer" : 'has no address when the print has no footer', () => {
      assert.equal(article!.url, url);
    });
  });
}

describe('a two-column PDF', () => {
  const left = [
    'The first talks in Geneva opened on Sunday with both',
    'delegations promising a constructive tone, officials said.',
    'Negotiators then turned to the sequencing of a ceasefire',
    'and of the security guarantees Europe has asked for.',
  ];
  const right = [
    'In the second column, the report turns to Moscow, which',
    'repeated its demand for Donetsk and Luhansk and a cap',
    'on the size of the Ukrainian army, the Kremlin said.',
    'No date was set for the next round of negotiations.',
  ];
  const runs: PdfTextRun[] = [{ text: 'Geneva talks: where the plan stands after the first round', x: 72, y: 740, size: 16 }];
  left.forEach((text, i) => runs.push({ text, x: 72, y: 700 - i * 14, size: 9 }));
  right.forEach((text, i) => runs.push({ text, x: 320, y: 700 - i * 14, size: 9 }));
  runs.push({ text: 'A closing line set across both columns, after the columns end, as reports often do.', x: 72, y: 620, size: 9 });

  it('reads the left column before the right, and the full-width lines where they stand', async () => {
    const [article] = await extractBuffer(buildPdf({ pages: [{ runs }], info: { Title: 'Geneva talks: where the plan stands' } }), 'columns.pdf');
    const text = article!.text.replace(/\s+/g, ' ');
    const order = ['The first talks in Geneva', 'and of the security guarantees', 'In the second column', 'No date was set', 'A closing line set across both columns'].map((marker) =>
      text.indexOf(marker),
    );
    assert.ok(order.every((position) => position >= 0), text);
    assert.deepEqual([...order].sort((a, b) => a - b), order, text);
  });
});

describe('telling a printed web page from a document with a web address in its footer', () => {
  const paragraphs = [
    ['The institute reviewed the draft framework line by line and found that the sequencing of the', 'ceasefire and the guarantees remained the most contested part of the text.'],
    ['Its authors recommend that European governments insist on monitoring before any talks on', 'territory begin, and that sanctions relief be tied to verified withdrawals.'],
  ];
  const pages = (footer: (page: number, total: number) => string) =>
    [0, 1].map((pageIndex) => ({
      runs: [
        ...paragraphs.flatMap((lines, p) => lines.map((text, l) => ({ text, x: 72, y: 700 - p * 60 - l * 14 - pageIndex }))),
        { text: footer(pageIndex + 1, 2), x: 72, y: 40, size: 8 },
      ],
    }));

  it("keeps a report's own date and text when its footer only names its website", async () => {
    const pdf = buildPdf({ pages: pages(() => 'Geneva Policy Institute · https://www.policy-institute.example'), info: { Title: 'Reading the Geneva framework', CreationDate: "D:20251124093000+01'00'" } });
    const [article] = await extractBuffer(pdf, 'report.pdf');
    assert.equal(article!.url, null);
    assert.equal(article!.publishedAt, '2025-11-24T08:30:00Z');
  });

  it('reads a print whose footer has the address and a page count as a web page, whatever made the PDF', async () => {
    const address = 'https://www.policy-institute.example/analysis/geneva-framework';
    const pdf = buildPdf({ pages: pages((page, total) => `${address}   ${page}/${total}`), info: { Title: 'Reading the Geneva framework', CreationDate: "D:20251124093000+01'00'" } });
    const [article] = await extractBuffer(pdf, 'print.pdf');
    assert.equal(article!.url, address);
    assert.equal(article!.publishedAt, null, 'the print date is not a publication date');
  });
});
