/**
 * The case's grids as tables: CSV (RFC 4180, UTF-8 with a BOM so Excel reads it as UTF-8, CRLF) and
 * XLSX (one sheet per grid, typed cells, frozen header, autofilter). Text cells that a spreadsheet
 * would run as a formula (= + - @ tab CR, and their fullwidth forms) get a leading apostrophe: CSV
 * injection. XLSX text loses the characters XML cannot hold (shared/xml-text.ts).
 */
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CREDIBILITY_LABELS, RELIABILITY_LABELS, type CredibilityGrade, type ReliabilityGrade } from '../../shared/model/vocabulary';
import type { CaseRecords, RawRow } from '../store/case-records';
import type { CaseSource } from './json-dump';
import { writeFileAtomicSync } from './atomic-write';
import { xmlSafeText } from '../../shared/xml-text';

export const GRIDS = ['documents', 'parties', 'sources', 'annotations', 'concessions'] as const;
export type GridName = (typeof GRIDS)[number];

export type CellValue = string | number | boolean | Date | null;
type ColumnKind = 'text' | 'number' | 'date' | 'boolean';

interface Column {
  header: string;
  kind: ColumnKind;
  width: number;
  value: (row: RawRow) => unknown;
}

export interface Grid {
  name: GridName;
  sheet: string;
  columns: Column[];
  rows: RawRow[];
}

const text = (header: string, value: (row: RawRow) => unknown, width = 20): Column => ({ header, kind: 'text', width, value });
const number = (header: string, value: (row: RawRow) => unknown, width = 10): Column => ({ header, kind: 'number', width, value });
const date = (header: string, value: (row: RawRow) => unknown, width = 20): Column => ({ header, kind: 'date', width, value });
const flag = (header: string, value: (row: RawRow) => unknown, width = 10): Column => ({ header, kind: 'boolean', width, value });

/** The five grids, with references shown by name. */
export function buildGrids(store: CaseSource, options: { documentIds?: string[] | null } = {}): Grid[] {
  const records = store.records.read({ documentIds: options.documentIds ?? null });
  return gridsOf(records);
}

export function gridsOf(records: CaseRecords): Grid[] {
  const names = new Map<string, string>();
  for (const table of ['parties', 'sources', 'issue_areas', 'tags'] as const) for (const row of records[table]) names.set(String(row.id), String(row.name));
  for (const row of records.concessions) names.set(String(row.id), String(row.title));
  for (const row of records.documents) names.set(String(row.id), String(row.title ?? row.label));
  const name = (column: string) => (row: RawRow) => (typeof row[column] === 'string' ? (names.get(row[column] as string) ?? null) : null);
  const documents = new Map(records.documents.map((row) => [String(row.id), row]));
  const sources = new Map(records.sources.map((row) => [String(row.id), row]));
  const annotationCount = new Map<string, number>();
  for (const row of records.annotations) annotationCount.set(String(row.document_id), (annotationCount.get(String(row.document_id)) ?? 0) + 1);
  const evidenceCount = new Map<string, number>();
  for (const row of records.annotations) if (row.concession_id) evidenceCount.set(String(row.concession_id), (evidenceCount.get(String(row.concession_id)) ?? 0) + 1);
  const stancesOf = new Map<string, string[]>();
  const annotationDocument = new Map(records.annotations.map((row) => [String(row.id), String(row.document_id)]));
  // An undated stance backed by evidence is dated by the evidence's article (as the app shows it).
  const stanceDate = (row: RawRow): string | null => {
    if (row.as_of) return String(row.as_of);
    const published = row.annotation_id ? documents.get(annotationDocument.get(String(row.annotation_id)) ?? '')?.published_at : null;
    return typeof published === 'string' ? published.slice(0, 10) : null;
  };
  for (const row of records.concession_stances) {
    const list = stancesOf.get(String(row.concession_id)) ?? [];
    const asOf = stanceDate(row);
    list.push(`${names.get(String(row.party_id)) ?? '?'}: ${String(row.stance)}${asOf ? ` (${asOf})` : ''}`);
    stancesOf.set(String(row.concession_id), list);
  }
  const effectiveReliability = (row: RawRow) => row.reliability ?? (row.source_id ? (sources.get(String(row.source_id))?.default_reliability ?? null) : null);

  return [
    {
      name: 'documents',
      sheet: 'Documents',
      rows: records.documents,
      columns: [
        text('Id', (row) => row.id, 38),
        text('Title', (row) => row.title, 50),
        text('Outlet', (row) => row.outlet),
        text('Byline', (row) => row.byline),
        date('Published', (row) => row.published_at),
        text('URL', (row) => row.url, 40),
        text('Language', (row) => row.language, 10),
        text('Format', (row) => row.format, 10),
        number('Words', (row) => row.word_count),
        number('Annotations', (row) => annotationCount.get(String(row.id)) ?? 0, 12),
        text('Near duplicate of', name('near_duplicate_of'), 30),
        date('Imported', (row) => row.imported_at),
        date('Updated', (row) => row.updated_at),
      ],
    },
    {
      name: 'parties',
      sheet: 'Parties',
      rows: records.parties,
      columns: [
        text('Id', (row) => row.id, 38),
        text('Name', (row) => row.name, 30),
        text('Kind', (row) => row.kind, 14),
        text('Aliases', (row) => ((row.aliases as string[]) ?? []).join('; '), 40),
        text('Affiliation', name('affiliation_id'), 24),
        text('Colour', (row) => row.color, 10),
        text('Notes', (row) => row.notes, 40),
        date('Created', (row) => row.created_at),
        date('Updated', (row) => row.updated_at),
      ],
    },
    {
      name: 'sources',
      sheet: 'Sources',
      rows: records.sources,
      columns: [
        text('Id', (row) => row.id, 38),
        text('Name', (row) => row.name, 30),
        text('Role', (row) => row.role, 24),
        text('Party', name('party_id'), 24),
        flag('Anonymous', (row) => row.anonymous === 1 || row.anonymous === true, 12),
        text('Reliability', (row) => row.default_reliability, 12),
        text('Reliability meaning', (row) => RELIABILITY_LABELS[row.default_reliability as ReliabilityGrade] ?? null, 28),
        text('Notes', (row) => row.notes, 40),
        date('Created', (row) => row.created_at),
        date('Updated', (row) => row.updated_at),
      ],
    },
    {
      name: 'annotations',
      sheet: 'Annotations',
      rows: records.annotations,
      columns: [
        text('Id', (row) => row.id, 38),
        text('Document', name('document_id'), 40),
        date('Published', (row) => documents.get(String(row.document_id))?.published_at ?? null),
        text('Type', (row) => row.type, 18),
        text('Quote', (row) => row.exact, 60),
        number('Start', (row) => row.start_offset, 8),
        number('End', (row) => row.end_offset, 8),
        text('Anchor', (row) => row.anchor_status, 12),
        text('Source', name('source_id'), 24),
        text('Publisher', name('publisher_source_id'), 24),
        text('Quote kind', (row) => row.quote_kind, 10),
        text('Channel', (row) => row.channel, 12),
        number('Credibility', (row) => row.credibility, 12),
        text('Credibility meaning', (row) => (row.credibility ? CREDIBILITY_LABELS[row.credibility as CredibilityGrade] : null), 26),
        text('Reliability', effectiveReliability, 12),
        text('Party', name('party_id'), 20),
        text('Concession', name('concession_id'), 30),
        text('Stance party', name('stance_party_id'), 20),
        text('Stance', (row) => row.stance, 12),
        text('Tags', (row) => ((row.tag_ids as string[]) ?? []).map((id) => names.get(id) ?? id).join('; '), 24),
        text('Note', (row) => row.note, 40),
        date('Created', (row) => row.created_at),
        date('Updated', (row) => row.updated_at),
      ],
    },
    {
      name: 'concessions',
      sheet: 'Concessions',
      rows: records.concessions,
      columns: [
        text('Id', (row) => row.id, 38),
        text('Title', (row) => row.title, 40),
        text('Issue area', name('issue_area_id'), 20),
        text('Conceding party', name('conceding_party_id'), 20),
        text('Beneficiary', name('beneficiary_party_id'), 20),
        text('Proposed by', name('proposed_by_party_id'), 20),
        text('Status', (row) => row.status, 16),
        text('Stances', (row) => (stancesOf.get(String(row.id)) ?? []).join('; '), 40),
        number('Evidence', (row) => evidenceCount.get(String(row.id)) ?? 0, 10),
        text('Description', (row) => row.description, 40),
        date('Created', (row) => row.created_at),
        date('Updated', (row) => row.updated_at),
      ],
    },
  ];
}

// ---- CSV ----

/** A text cell a spreadsheet would evaluate gets a leading apostrophe. */
/** Spreadsheets read the fullwidth and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣) as the ASCII ones when they start a formula. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63]/.test(value) ? `'${value}` : value;
}

function csvField(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return '';
  let cell: string;
  if (kind === 'number' && typeof value === 'number') cell = String(value);
  else if (kind === 'boolean') cell = value ? 'true' : 'false';
  else cell = neutralise(String(value));
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** RFC 4180 text with a UTF-8 BOM and CRLF line ends. */
export function gridToCsv(grid: Grid): string {
  const lines = [grid.columns.map((column) => csvField(column.header, 'text')).join(',')];
  for (const row of grid.rows) lines.push(grid.columns.map((column) => csvField(column.value(row), column.kind)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One grid to a .csv file, or, when `outPath` is a folder, every grid as <grid>.csv inside it. */
export function writeCsv(store: CaseSource, outPath: string, options: { grid?: GridName | 'all'; documentIds?: string[] | null } = {}): string[] {
  const grids = buildGrids(store, options);
  const wanted = options.grid ?? (outPath.toLowerCase().endsWith('.csv') ? 'annotations' : 'all');
  if (wanted !== 'all') {
    writeFileAtomicSync(outPath, gridToCsv(grids.find((grid) => grid.name === wanted)!));
    return [outPath];
  }
  mkdirSync(outPath, { recursive: true });
  return grids.map((grid) => {
    const path = join(outPath, `${grid.name}.csv`);
    writeFileAtomicSync(path, gridToCsv(grid));
    return path;
  });
}

// ---- XLSX ----

/** A full ISO date (with a day) becomes a Date; partial dates ("2025-11") stay text. */
function toDate(value: unknown): Date | string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const parsed = new Date(/[T ]\d{2}:\d{2}/.test(value) ? value.replace(' ', 'T') : `${value}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? value : parsed;
}

export function xlsxCell(value: unknown, kind: ColumnKind): CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : xmlSafeText(neutralise(String(value)));
    case 'date': {
      const parsed = toDate(value);
      return typeof parsed === 'string' ? xmlSafeText(neutralise(parsed)) : parsed;
    }
    case 'boolean':
      return Boolean(value);
    default:
      return xmlSafeText(neutralise(String(value)));
  }
}

export async function gridsToXlsx(grids: Grid[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Parley';
  workbook.created = new Date();
  for (const grid of grids) {
    const sheet = workbook.addWorksheet(grid.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = grid.columns.map((column) => ({
      header: column.header,
      width: column.width,
      style: column.kind === 'date' ? { numFmt: 'yyyy-mm-dd hh:mm' } : column.kind === 'text' ? { alignment: { wrapText: false } } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of grid.rows) sheet.addRow(grid.columns.map((column) => xlsxCell(column.value(row), column.kind)));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: grid.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function writeXlsx(store: CaseSource, outPath: string, options: { documentIds?: string[] | null } = {}): Promise<void> {
  writeFileAtomicSync(outPath, await gridsToXlsx(buildGrids(store, options)));
}
