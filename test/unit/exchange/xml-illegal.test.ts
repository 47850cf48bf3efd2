import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { xmlSafeText } from '../../../shared/xml-text';
import { exportCase } from '../../../electron/exchange/index';
import { neutralise } from '../../../electron/exchange/tables';
import { renderReport } from '../../../electron/report/index';
import { buildReportModel } from '../../../electron/report/model';
import { reportData } from '../../../electron/service/exports';
import { tempDir } from '../../helpers/temp';
import { annotatedCase } from './helpers';

/** Every character XML 1.0 forbids, as an analyst's pasted text can hold them. */
const HOSTILE = 'Kyiv\uFFFE talks\uFFFF \u0001\u0008\u000B\u000C\u001F end \uD800 lone \uDC00 high\u{1F600}ok\ttab';

async function xmlParts(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const parts = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (/\.(xml|rels|qde)$/.test(name)) parts.set(name, await entry.async('string'));
  }
  return parts;
}

function assertWellFormed(parts: Map<string, string>, label: string): void {
  assert.ok(parts.size > 0);
  for (const [name, xml] of parts) {
    const valid = XMLValidator.validate(xml);
    assert.equal(valid, true, `${label} ${name}: ${JSON.stringify(valid)}`);
    assert.doesNotMatch(xml, /[\uFFFE\uFFFF\u0001\u0008\u000B\u000C\u001F]/, `${label} ${name} holds an XML-illegal character`);
    assert.doesNotMatch(xml, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, `${label} ${name} holds a lone surrogate`);
  }
}

describe('XML writers with XML-illegal characters in the case', () => {
  it('the shared function strips them, keeps tab/LF/CR and pairs, or keeps offsets with U+FFFD', () => {
    assert.equal(xmlSafeText(HOSTILE), 'Kyiv talks  end  lone  high\u{1F600}ok\ttab');
    assert.equal(xmlSafeText('a\r\nb\tc'), 'a\r\nb\tc');
    assert.equal(xmlSafeText(HOSTILE, '\uFFFD').length, HOSTILE.length);
  });

  it('XLSX, DOCX and REFI-QDA are well-formed when titles, names and notes hold U+FFFE, U+FFFF, C0 controls and lone surrogates', async () => {
    const dir = tempDir();
    const c = annotatedCase(dir, 'hostile');
    c.store.parties.change(c.hungary.id, { name: `Hungary ${HOSTILE}`, notes: HOSTILE });
    c.store.documents.change(c.geneva, { title: `Geneva ${HOSTILE}` });
    c.store.sources.change(c.official.id, { name: `Official ${HOSTILE}` });

    await exportCase(c.store, 'xlsx', join(dir, 'case.xlsx'));
    assertWellFormed(await xmlParts(join(dir, 'case.xlsx')), 'xlsx');
    await exportCase(c.store, 'qdpx', join(dir, 'case.qdpx'));
    assertWellFormed(await xmlParts(join(dir, 'case.qdpx')), 'qdpx');

    const model = buildReportModel(reportData(c.store), { caseName: c.store.name, title: `Report ${HOSTILE}`, summary: HOSTILE });
    const docx = join(dir, 'report.docx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(docx, await renderReport(model, 'docx'));
    assertWellFormed(await xmlParts(docx), 'docx');
    // Nothing beside the exports but the exports: no temporary files left.
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.partial')), []);
    c.store.close();
  });
});

describe('CSV formula prefixes', () => {
  it('fullwidth and small forms of = + - @ are neutralised like the ASCII ones', () => {
    for (const lead of ['\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', '\uFE66', '\uFE62', '\uFE63']) {
      assert.equal(neutralise(`${lead}HYPERLINK("http://evil")`), `'${lead}HYPERLINK("http://evil")`);
    }
    assert.equal(neutralise('Geneva ＝ talks'), 'Geneva ＝ talks');
  });
});
