import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import yauzl from 'yauzl';
import { REPORT_SECTIONS, buildReportModel, renderReport, type ReportModel } from '../../electron/report/index';
import { tempDir } from '../helpers/temp';
import { CASE_NAME, CHINA_QUOTE, LAVROV_QUOTE, buildReportCase, type ReportCase } from '../fixtures/report/case';
import { reportData } from '../../electron/service/exports';

const dir = tempDir('parley-report-');
let fixture: ReportCase;
let model: ReportModel;
before(() => {
  fixture = buildReportCase(dir);
  model = buildReportModel(reportData(fixture.store), {
    sections: REPORT_SECTIONS.map((section) => section.id),
    analyst: 'J. Analyst',
    summary: 'Moscow signals flexibility on force caps; Kyiv holds firm on territory.',
    date: '2025-11-30',
  });
});
after(() => fixture.store.close());

const chromium = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';
const havePoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the PDF report', { skip: !existsSync(chromium) || !havePoppler ? 'needs Chromium and poppler-utils' : false, timeout: 30_000 }, () => {
  it('prints every section with header, page numbers, CJK and Cyrillic text', async () => {
    const progress: number[] = [];
    const started = Date.now();
    const pdf = await renderReport(model, 'pdf', { onProgress: (done, total) => progress.push(done / total) });
    assert.ok(Date.now() - started < 20_000, 'seconds, not minutes');
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(progress.at(-1), 1);
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    assert.ok(flat.includes(CASE_NAME), 'the case name (title page and header)');
    assert.ok(flat.includes('Contents'), 'a table of contents');
    assert.ok(flat.includes('would not accept any cap on its armed forces below 800,000 troops'), 'a quoted span');
    assert.ok(flat.includes(LAVROV_QUOTE), 'Cyrillic text');
    assert.ok(flat.includes(CHINA_QUOTE), 'CJK text');
    assert.ok(flat.includes('grade B2'), 'grades');
    assert.match(flat, /page 1 of \d+/);
    const pages = Number(/page 1 of (\d+)/.exec(flat)![1]);
    assert.ok(pages >= 6, `one page per section at least (got ${pages})`);
    assert.equal((text.match(/\f/g) ?? []).length, pages, 'footer total matches the page count');

    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', file, join(dir, 'page')]);
    const images = readdirSync(dir).filter((name) => /^page-\d+\.png$/.test(name));
    assert.equal(images.length, 3);
    for (const image of images) assert.ok(statSync(join(dir, image)).size > 2_000, `${image} has content`);

    // Every font is embedded, not substituted at view time (Chromium embeds the CJK OpenType
    // fonts as Type 3; they still carry Unicode, as the text extraction above shows).
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim());
    assert.ok(fonts.some((line) => line.includes('DejaVuSans')), 'DejaVu for Latin and Cyrillic');
    for (const line of fonts) assert.match(line, /\s(CID TrueType|Type 3|TrueType|Type 1C?|CID Type 0C?)\s+\S+\s+yes\s/, line);
  });
});

function unzip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('the DOCX report', () => {
  it('has headings, tables, a contents field and a footnote citing each quoted span', async () => {
    const docx = await renderReport(model, 'docx');
    const files = await unzip(docx);
    const document = files.get('word/document.xml');
    const footnotes = files.get('word/footnotes.xml');
    assert.ok(document && footnotes);
    assert.match(document, /<w:pStyle w:val="Heading1"\/>/);
    assert.match(document, /<w:pStyle w:val="Heading2"\/>/);
    assert.match(document, /<w:pStyle w:val="Title"\/>/, 'a title page');
    assert.ok((document.match(/<w:tbl>/g) ?? []).length >= 4, 'concessions, parties, sources and documents tables');
    assert.ok(document.includes('TOC \\h \\o'), 'a contents field');
    const references = (document.match(/<w:footnoteReference w:id="\d+"\/>/g) ?? []).length;
    assert.equal(references, 6 + 4, 'six evidence spans and four attributions, each cited');
    assert.ok(footnotes.includes('[D1] Humeyra Pamuk and Olena Harmash, “US and Ukraine revise peace framework in Geneva”, Reuters, 2025-11-23.'));
    assert.ok(footnotes.includes('https://www.reuters.com/world/europe/us-ukraine-geneva-talks-2025-11-23/'));
    assert.ok(document.includes(LAVROV_QUOTE) && document.includes(CHINA_QUOTE));
    // Payloads are text, escaped as XML; the hostile address is no hyperlink.
    assert.ok(document.includes('Kremlin weighs revised plan &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(document.includes('&lt;img src=x onerror=alert(1)&gt; Front'));
    const relationships = files.get('word/_rels/document.xml.rels') ?? '';
    assert.doesNotMatch(relationships, /javascript:/i);
    assert.match(files.get('word/footer1.xml') ?? [...files.entries()].find(([name]) => name.startsWith('word/footer'))![1], /PAGE/);
  });
});
