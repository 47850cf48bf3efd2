import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import yauzl from 'yauzl';
import { buildReportModel, renderReport, type ReportModel } from '../../electron/report/index';
import { reportData } from '../../electron/service/exports';
import { tempDir } from '../helpers/temp';
import { buildReportCase, type ReportCase } from '../fixtures/report/case';

const dir = tempDir('parley-report-matrix-');
let fixture: ReportCase;
let model: ReportModel;
before(() => {
  fixture = buildReportCase(dir);
  model = buildReportModel(reportData(fixture.store), { sections: ['title', 'stance-matrix'], date: '2025-11-30' });
});
after(() => fixture.store.close());

const chromium = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';
const havePoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The colour of a pixel in a binary PPM (P6) file, as #rrggbb. */
function ppmPixels(file: string): { width: number; height: number; at(x: number, y: number): string } {
  const data = readFileSync(file);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
  assert.ok(header, 'a P6 image');
  const offset = header[0].length;
  const width = Number(header[1]);
  return {
    width,
    height: Number(header[2]),
    at: (x, y) => `#${[...data.subarray(offset + (y * width + x) * 3, offset + (y * width + x) * 3 + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`,
  };
}

describe('the stance matrix in a PDF report', { skip: !existsSync(chromium) || !havePoppler ? 'needs Chromium and poppler-utils' : false, timeout: 30_000 }, () => {
  it('prints the heat map as a picture whose labels are text, in the stances’ colours', async () => {
    const file = join(dir, 'matrix.pdf');
    writeFileSync(file, await renderReport(model, 'pdf'));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const label of ['Stance matrix', 'European Union', 'United States', 'Withdrawal from the Donbas', 'Gaps a mediator must close']) assert.ok(text.includes(label), label);
    // Title page, contents, then the section.
    execFileSync('pdftoppm', ['-r', '60', '-f', '3', '-l', '3', file, join(dir, 'matrix')]);
    const page = ppmPixels(join(dir, 'matrix-3.ppm'));
    const colours = new Set<string>();
    for (let y = 0; y < page.height; y += 2) for (let x = 0; x < page.width; x += 2) colours.add(page.at(x, y));
    const near = (hex: string) => [...colours].some((colour) => [1, 3, 5].every((i) => Math.abs(parseInt(colour.slice(i, i + 2), 16) - parseInt(hex.slice(i, i + 2), 16)) < 12));
    for (const [stance, hex] of [['demands', '#e8590c'], ['rejects', '#c92a2a'], ['offers', '#1971c2'], ['conditional', '#9c36b5']]) assert.ok(near(hex!), `${stance} cells are drawn`);
  });
});

function unzipRaw(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
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

describe('the stance matrix in a DOCX report', () => {
  it('embeds the picture as SVG with a PNG fallback, sized to the page, with alt text', async () => {
    const files = await unzipRaw(await renderReport(model, 'docx'));
    const png = [...files].find(([name]) => /^word\/media\/.*\.png$/.test(name))?.[1];
    const svg = [...files].find(([name]) => /^word\/media\/.*\.svg$/.test(name))?.[1]?.toString('utf8');
    assert.ok(png && svg, 'both images are in the package');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width >= 600 && height >= 300, `a sharp bitmap (${width}×${height})`);
    assert.ok(svg.includes('Withdrawal from the Donbas') && svg.includes('stroke-width="3"'), 'the SVG with its gap outline');
    const document = files.get('word/document.xml')!.toString('utf8');
    assert.match(document, /<wp:docPr [^>]*descr="Stance matrix as of the report date/);
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(document);
    assert.ok(extent);
    // EMU: 9525 per pixel; the text column of an A4 page with Parley's margins is 7 inches.
    assert.ok(Number(extent[1]) <= 7 * 914_400, 'fits the page width');
  });
});
