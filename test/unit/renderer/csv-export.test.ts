import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvExportParams, neutraliseFormula } from '../../../renderer/grid/csv-export';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const hostile of ['=HYPERLINK("http://evil.example","x")', '+1+cmd|/C calc!A0', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1']) {
      assert.equal(neutraliseFormula(hostile), `'${hostile}`);
    }
    for (const plain of ['Russia', 'Kremlin, Moscow', '2025-11-23', 'a = b', '']) assert.equal(neutraliseFormula(plain), plain);
    assert.equal(neutraliseFormula(42), 42);
  });

  it('exports labels instead of ids, lists joined, formulas neutralised', () => {
    const params = csvExportParams('parties.csv');
    const call = (value: unknown, colDef: Record<string, unknown>) =>
      params.processCellCallback!({ value, column: { getColDef: () => colDef }, node: { data: {} } } as never);
    assert.equal(call('state', { refData: { state: 'State' } }), 'State');
    assert.equal(call(['Kremlin', 'Moscow'], {}), 'Kremlin, Moscow');
    assert.equal(call('=1+1', {}), "'=1+1");
    assert.equal(call(null, {}), '');
    assert.equal(params.fileName, 'parties.csv');
  });
});
