import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { exportCase } from '../../../electron/exchange/index';
import { neutralise } from '../../../electron/exchange/tables';
import { tempDir } from '../../helpers/temp';
import { annotatedCase } from './helpers';

const dir = tempDir();

/** Every entry of a zip, as text. */
function unzip(path: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, string>();
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

/** RFC 4180 parse (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('tables: CSV and XLSX', () => {
  it('neutralises formula-like text', () => {
    assert.deepEqual(['=1+1', '+A', '-2', '@SUM', '\tx', '\rx', 'plain', "'quoted"].map(neutralise), ["'=1+1", "'+A", "'-2", "'@SUM", "'\tx", "'\rx", 'plain', "'quoted"]);
  });

  it('writes RFC 4180 CSV with a BOM, CRLF, quoting, and no live formulas', async () => {
    const c = annotatedCase(dir, 'csv');
    const folder = join(dir, 'csv-out');
    const { files } = await exportCase(c.store, 'csv', folder);
    assert.equal(files.length, 5);
    const documents = readFileSync(join(folder, 'documents.csv'), 'utf8');
    assert.ok(documents.startsWith('\uFEFFId,Title,'), 'BOM then header');
    assert.ok(documents.endsWith('\r\n'));
    const rows = parseCsv(documents.slice(1));
    assert.equal(rows.length, 3);
    assert.ok(rows.some((row) => row[1] === `'=HYPERLINK("http://evil")`), 'formula neutralised, quotes doubled and round-tripped');
    const annotations = parseCsv(readFileSync(join(folder, 'annotations.csv'), 'utf8').slice(1));
    const header = annotations[0]!;
    const note = annotations.find((row) => row[header.indexOf('Note')] === 'said, "off the record", to reporters');
    assert.ok(note, 'commas and quotes survive');
    assert.equal(note![header.indexOf('Credibility')], '3');
    assert.deepEqual(note![header.indexOf('Tags')]!.split('; ').sort(), ['+tone', 'talks']);
    assert.ok(annotations.some((row) => row[header.indexOf('Note')] === "'-1 day later they did"));
    c.store.close();
  });

  it('writes XLSX with one sheet per grid, typed cells, frozen header and autofilter', async () => {
    const c = annotatedCase(dir, 'xlsx');
    const out = join(dir, 'case.xlsx');
    await exportCase(c.store, 'xlsx', out);
    const zip = await unzip(out);
    const workbookXml = zip.get('xl/workbook.xml')!;
    for (const name of ['Documents', 'Parties', 'Sources', 'Annotations', 'Concessions']) assert.match(workbookXml, new RegExp(`name="${name}"`));
    const sheetXml = [...zip.entries()].filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name)).map(([, xml]) => xml);
    assert.equal(sheetXml.length, 5);
    for (const xml of sheetXml) {
      assert.match(xml, /<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      assert.match(xml, /<autoFilter ref="A1:[A-Z]+1"\/>/);
      assert.match(xml, /<col [^>]*width="/);
    }

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const annotations = workbook.getWorksheet('Annotations')!;
    const headers = (annotations.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => headers.indexOf(name) + 1;
    const rows = annotations.getRows(2, annotations.rowCount - 1)!;
    const attribution = rows.find((row) => row.getCell(col('Id')).value === c.attribution.id)!;
    assert.equal(attribution.getCell(col('Credibility')).value, 3, 'numbers are numbers');
    assert.equal(attribution.getCell(col('Start')).type, ExcelJS.ValueType.Number);
    assert.ok(attribution.getCell(col('Created')).value instanceof Date, 'dates are dates');
    assert.equal(attribution.getCell(col('Reliability')).value, 'B');
    const documents = workbook.getWorksheet('Documents')!;
    const titles = documents.getColumn(2).values.slice(2);
    assert.ok(titles.includes(`'=HYPERLINK("http://evil")`), 'no formula in the sheet');
    const published = documents.getColumn(5).values.slice(2);
    assert.ok(published.some((value) => value === '2025-11'), 'partial dates stay text');
    assert.ok(published.some((value) => value instanceof Date));
    assert.equal(workbook.getWorksheet('Sources')!.getRow(2).getCell(5).value, false, 'booleans are booleans');
    c.store.close();
  });
});
