/**
 * The stance matrix as a spreadsheet: one row per party, one column per concession (or issue
 * area), each cell the stance with its fill colour and a note (since, last entry, spans, gap);
 * a second sheet lists the cells as rows for filtering and pivoting.
 */
import ExcelJS from 'exceljs';
import { LIGHT_STANCES, STANCE_COLORS, type CellStance, type StanceMatrix } from '../../shared/model/analysis';

/** The workbench's colours (shared/model/analysis.ts) as ARGB fills. */
const fill = (stance: CellStance): string => `FF${STANCE_COLORS[stance].slice(1).toUpperCase()}`;

/** Text a spreadsheet would run as a formula is kept as text. */
const neutralise = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export async function stanceMatrixToXlsx(matrix: StanceMatrix, caseName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Parley';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('Stance matrix', { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  sheet.getCell(1, 1).value = neutralise(`${caseName}: stances as of ${matrix.asOf ?? 'the latest entry'}${matrix.gaps ? ` · ${matrix.gaps} gap(s), outlined` : ''}`);
  sheet.getCell(1, 1).font = { bold: true };
  sheet.getCell(2, 1).value = 'Party';
  matrix.columns.forEach((column, index) => {
    const cell = sheet.getCell(2, index + 2);
    cell.value = neutralise(column.title);
    cell.alignment = { textRotation: 45, vertical: 'bottom' };
  });
  sheet.getRow(2).font = { bold: true };
  sheet.getRow(2).height = 120;
  sheet.getColumn(1).width = 28;
  for (let index = 0; index < matrix.columns.length; index++) sheet.getColumn(index + 2).width = 12;
  matrix.parties.forEach((party, index) => {
    sheet.getCell(index + 3, 1).value = neutralise(party.name);
  });
  for (const entry of matrix.cells) {
    const cell = sheet.getCell(entry.party + 3, entry.column + 2);
    cell.value = entry.stance;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill(entry.stance) } };
    cell.font = { color: { argb: LIGHT_STANCES.has(entry.stance) ? 'FF111111' : 'FFFFFFFF' }, bold: entry.incompatible };
    if (entry.incompatible) {
      const edge = { style: 'thick' as const, color: { argb: 'FF111111' } };
      cell.border = { top: edge, bottom: edge, left: edge, right: edge };
    }
    cell.note = `${entry.since ? `since ${entry.since}` : 'undated'}${entry.date && entry.date !== entry.since ? `, last ${entry.date}` : ''}; ${entry.spans} supporting span(s)${entry.incompatible ? '; gap' : ''}`;
  }

  const list = workbook.addWorksheet('Cells', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: 'Party', width: 28 },
    { header: matrix.by === 'concession' ? 'Concession' : 'Issue area', width: 40 },
    { header: 'Stance', width: 14 },
    { header: 'Since', width: 12 },
    { header: 'Last entry', width: 12 },
    { header: 'Supporting spans', width: 16 },
    { header: 'Gap', width: 8 },
  ];
  list.getRow(1).font = { bold: true };
  for (const entry of matrix.cells) {
    list.addRow([neutralise(matrix.parties[entry.party]!.name), neutralise(matrix.columns[entry.column]!.title), entry.stance, entry.since, entry.date, entry.spans, entry.incompatible]);
  }
  list.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 7 } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
