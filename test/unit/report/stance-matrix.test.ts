import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StanceMatrix } from '../../../shared/model/analysis';
import { renderHtml } from '../../../electron/report/html';
import { renderMarkdown } from '../../../electron/report/markdown';
import { buildReportModel, plainText, type ReportContext, type ReportModel, type StanceMatrixBlock } from '../../../electron/report/model';
import { MATRIX_TILE, stanceMatrixSection } from '../../../electron/report/stance-matrix';
import { stanceMatrixSvg } from '../../../electron/report/stance-matrix-svg';
import { reportData } from '../../../electron/service/exports';
import { tempDir } from '../../helpers/temp';
import { buildReportCase, type ReportCase } from '../../fixtures/report/case';

let fixture: ReportCase;
before(() => {
  fixture = buildReportCase(tempDir());
});
after(() => fixture.store.close());

const matrixSection = (model: ReportModel) => model.sections.find((section) => section.id === 'stance-matrix');
const pictures = (model: ReportModel): StanceMatrixBlock[] =>
  (matrixSection(model)?.blocks ?? []).filter((block): block is StanceMatrixBlock => block.kind === 'stance-matrix');
const cellOf = (block: StanceMatrixBlock, party: string, column: string) =>
  block.cells.find((cell) => block.parties[cell.party] === party && block.columns[cell.column] === column);

describe('the stance-matrix section of a report', () => {
  it('is offered, not included by default', () => {
    const model = buildReportModel(reportData(fixture.store), { date: '2025-11-30' });
    assert.equal(matrixSection(model), undefined);
  });

  it('draws each party’s latest stance per concession, marks the gap and lists it', () => {
    const model = buildReportModel(reportData(fixture.store), { sections: ['stance-matrix'], date: '2025-11-30' });
    const [picture, ...more] = pictures(model);
    assert.ok(picture);
    assert.equal(more.length, 0, 'a small case fits one picture');
    assert.deepEqual(picture.parties, ['European Union', 'Russia', 'Ukraine', 'United States']);
    assert.deepEqual(cellOf(picture, 'Russia', 'Withdrawal from the Donbas'), { party: 1, column: 0, stance: 'demands', since: '2025-11-25', date: '2025-11-25', spans: 1, incompatible: true });
    assert.equal(cellOf(picture, 'Ukraine', 'Withdrawal from the Donbas')?.incompatible, true);
    // The phone-call readout (no span) is Ukraine's latest stance on the cap: rejects, with no supporting span.
    assert.deepEqual(
      { stance: cellOf(picture, 'Ukraine', "Cap on Ukraine's armed forces")?.stance, spans: cellOf(picture, 'Ukraine', "Cap on Ukraine's armed forces")?.spans },
      { stance: 'rejects', spans: 0 },
    );
    assert.equal(cellOf(picture, 'United States', 'Withdrawal from the Donbas'), undefined, 'no stance, no cell');
    const section = matrixSection(model)!;
    const text = section.blocks.map((block) => (block.kind === 'paragraph' ? plainText(block.runs) : '')).join(' ');
    assert.match(text, /as of the report date \(2025-11-30\)/);
    assert.match(text, /1 concession with a gap/);
    const gaps = section.blocks.find((block) => block.kind === 'table');
    assert.ok(gaps && gaps.kind === 'table');
    assert.deepEqual(gaps.rows.map((row) => row.map(plainText)), [['Withdrawal from the Donbas', 'Russia: demands since 2025-11-25; Ukraine: rejects since 2025-11-25']]);
  });

  it('shows the matrix as of a chosen day, leaving out what was not said yet', () => {
    const model = buildReportModel(reportData(fixture.store), { sections: ['stance-matrix'], matrix: { asOf: '2025-11-24' } });
    const [picture] = pictures(model);
    assert.ok(picture);
    assert.deepEqual(picture.columns, ["Cap on Ukraine's armed forces"], 'the Donbas and sanctions stances came later');
    assert.equal(cellOf(picture, 'Ukraine', "Cap on Ukraine's armed forces")?.stance, 'conditional', 'before the readout');
    assert.ok(picture.cells.every((cell) => !cell.incompatible));
    assert.match(plainText((matrixSection(model)!.blocks[0] as unknown as { runs: never[] }).runs), /as of 2025-11-24/);
  });

  it('defaults to the end of the report’s date range, and can be drawn by issue area', () => {
    const model = buildReportModel(reportData(fixture.store), { sections: ['stance-matrix'], scope: { to: '2025-11-24' }, matrix: { by: 'issue_area' } });
    const [picture] = pictures(model);
    assert.ok(picture);
    assert.equal(picture.columnLabel, 'Issue area');
    assert.ok(picture.cells.every((cell) => cell.stance !== 'rejects'), 'the 29 November readout is after the range');
  });

  it('keeps to the report’s parties', () => {
    const model = buildReportModel(reportData(fixture.store), { sections: ['stance-matrix'], scope: { partyIds: [fixture.parties.russia] } });
    const [picture] = pictures(model);
    assert.ok(picture);
    assert.deepEqual(picture.parties, ['Russia']);
    // Russia's demand is still in a gap with Ukraine, who is outside the scope.
    assert.equal(cellOf(picture, 'Russia', 'Withdrawal from the Donbas')?.incompatible, true);
  });

  it('cuts a large matrix into pictures that fit a page', () => {
    const parties = Array.from({ length: 35 }, (_, index) => ({ id: `p${index}`, name: `Party ${index}` }));
    const columns = Array.from({ length: 20 }, (_, index) => ({ id: `c${index}`, title: `Concession ${index}`, issueAreaName: null }));
    const matrix: StanceMatrix = {
      by: 'concession',
      asOf: null,
      parties,
      columns,
      cells: parties.flatMap((_, party) => columns.map((__, column) => ({ party, column, stance: 'offers' as const, date: null, since: null, spans: 1, concessionId: `c${column}`, incompatible: false }))),
      dates: [],
      gaps: 0,
    };
    const context = { scoped: false, parties: [], concessions: [], stanceMatrix: matrix, meta: { date: '2026-01-01' } } as unknown as ReportContext;
    const blocks = stanceMatrixSection.build(context);
    const tiles = blocks.filter((block): block is StanceMatrixBlock => block.kind === 'stance-matrix');
    assert.equal(tiles.length, 4, '20 columns × 35 parties in tiles of 16 × 30');
    assert.ok(tiles.every((tile) => tile.columns.length <= MATRIX_TILE.columns && tile.parties.length <= MATRIX_TILE.parties));
    assert.equal(tiles.reduce((sum, tile) => sum + tile.cells.length, 0), 35 * 20, 'every cell in exactly one tile');
    assert.deepEqual(tiles[3]!.columns, ['Concession 16', 'Concession 17', 'Concession 18', 'Concession 19']);
    assert.ok(blocks.some((block) => block.kind === 'heading' && block.text === 'Concessions 17–20 of 20, parties 31–35 of 35'));
  });
});

describe('the stance-matrix picture', () => {
  const block: StanceMatrixBlock = {
    kind: 'stance-matrix',
    columnLabel: 'Concession',
    parties: ['Russia', '<script>alert(1)</script>'],
    columns: ['Territory & "borders"', 'Sanctions'],
    cells: [
      { party: 0, column: 0, stance: 'demands', since: '2025-11-25', date: '2025-11-25', spans: 2, incompatible: true },
      { party: 1, column: 0, stance: 'rejects', since: null, date: null, spans: 1, incompatible: true },
      { party: 0, column: 1, stance: 'offers', since: null, date: null, spans: 0, incompatible: false },
    ],
    description: 'test',
  };

  it('colours each cell by its stance, writes its spans, outlines the gap, and escapes the names', () => {
    const { svg, width, height } = stanceMatrixSvg(block);
    assert.ok(width > 0 && height > 0);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes('fill="#e8590c"') && svg.includes('fill="#c92a2a"') && svg.includes('fill="#1971c2"'), 'demands, rejects, offers colours');
    assert.equal((svg.match(/fill="none" stroke="#111" stroke-width="3"/g) ?? []).length, 2, 'both cells of the gap outlined');
    assert.ok(svg.includes('>2</text>'), 'the span count');
    assert.ok(!svg.includes('<script>'), 'party names are text');
    assert.ok(svg.includes('&lt;script&gt;') && svg.includes('Territory &amp; &quot;borders&quot;'));
    assert.match(svg, /<title>Russia · Territory &amp; &quot;borders&quot;: Demands since 2025-11-25, 2 supporting spans; gap<\/title>/);
  });

  it('is inline SVG in the HTML report and a table with the gaps marked in Markdown', () => {
    const model = buildReportModel(reportData(fixture.store), { sections: ['stance-matrix'], date: '2025-11-30' });
    const html = renderHtml(model);
    assert.match(html, /<figure class="stance-matrix"><svg [^>]*role="img"/);
    assert.equal((html.match(/stroke="#111" stroke-width="3"/g) ?? []).length, 2 + 1, 'two gap cells and the legend swatch');
    const markdown = renderMarkdown(model);
    assert.ok(markdown.includes('| Party | Withdrawal from the Donbas | Cap on Ukraine\'s armed forces | Phased sanctions relief |'));
    assert.ok(markdown.includes('| Russia | **Demands (1)** ⚠ | Accepts (1) | — |'));
    assert.ok(markdown.includes('| Ukraine | **Rejects (1)** ⚠ | Rejects (0) | — |'));
  });
});
