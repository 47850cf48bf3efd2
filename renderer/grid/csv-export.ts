/**
 * CSV export of what a grid shows, safe to open in a spreadsheet: a cell that begins with = + - @
 * (or a tab/carriage return) would run as a formula in Excel or LibreOffice ("CSV injection"), and
 * article text, titles and names come from untrusted pages. Such cells get a leading apostrophe.
 */
import type { CsvExportParams, ProcessCellForExportParams } from 'ag-grid-community';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Export the displayed values (labels, not ids) with formulas neutralised. */
export function csvExportParams(fileName: string): CsvExportParams {
  return {
    fileName,
    processCellCallback: (params: ProcessCellForExportParams) => {
      const column = params.column.getColDef();
      let value: unknown = params.value;
      if (column.refData && value !== null && value !== undefined) value = column.refData[String(value)] ?? value;
      else if (typeof column.valueFormatter === 'function') {
        try {
          value = column.valueFormatter({ ...params, data: params.node?.data, colDef: column } as never);
        } catch {
          /* a formatter that needs more context: export the raw value */
        }
      }
      if (Array.isArray(value)) value = value.join(', ');
      return neutraliseFormula(value ?? '') as string;
    },
  };
}
