/**
 * Column definitions per aggregate: pure functions of the reference data (parties, issue areas),
 * so the grids stay thin and these stay unit-testable.
 */
import type { ColDef, ValueFormatterParams, ValueParserParams } from 'ag-grid-community';
import type { Annotation } from '../../shared/model/annotation';
import type { Concession, IssueArea } from '../../shared/model/concession';
import type { DocumentSummary } from '../../shared/model/document';
import type { Party } from '../../shared/model/party';
import type { Source } from '../../shared/model/source';
import {
  ANNOTATION_TYPES,
  CONCESSION_STATUSES,
  CREDIBILITY_GRADES,
  CREDIBILITY_LABELS,
  PARTY_KINDS,
  RELIABILITY_GRADES,
  RELIABILITY_LABELS,
  STANCES,
  humanise,
} from '../../shared/model/vocabulary';
import { ANNOTATION_SORT_FIELDS } from './annotation-query';
import { parseTypedDate } from './typed-date';

export const NONE = '';

/** refData for enum columns: stored value → label shown in cells, filters and the select editor. */
export function labels(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((value) => [value, humanise(value)]));
}

/** refData for a reference to a party, with an empty choice. */
export function partyRefData(parties: Party[]): Record<string, string> {
  return { [NONE]: '—', ...Object.fromEntries(parties.map((party) => [party.id, party.name])) };
}

export const toNullable = (params: ValueParserParams): string | null =>
  params.newValue === NONE || params.newValue === undefined ? null : (params.newValue as string | null);

/** "Kremlin, Moscow" ⇄ ["Kremlin", "Moscow"] */
export function parseList(text: unknown): string[] {
  if (Array.isArray(text)) return text.map(String);
  return String(text ?? '')
    .split(/[,;\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}
export const formatList = (params: ValueFormatterParams): string => (Array.isArray(params.value) ? params.value.join(', ') : '');

/** A date without its time ("2025-11-23"), for columns that only need the day. */
export const formatDay = (value: unknown): string => formatDate(value).slice(0, 10);

export function formatDate(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  return value.length > 16 ? value.slice(0, 16).replace('T', ' ') : value;
}

const referenceColumn = <T>(field: string, headerName: string, refData: Record<string, string>, width = 150): ColDef<T> => ({
  field: field as ColDef<T>['field'],
  headerName,
  width,
  editable: true,
  cellEditor: 'agSelectCellEditor',
  cellEditorParams: { values: Object.keys(refData) },
  refData,
  valueGetter: (params) => ((params.data as Record<string, unknown> | undefined)?.[field] as string | null) ?? NONE,
  valueParser: toNullable,
});

/**
 * Who added a row (its creating operation's analyst): read-only, with a text filter; the grid's
 * Analyst picker filters on it too.
 */
export function addedByColumn<T extends { createdBy: string | null }>(): ColDef<T> {
  return { colId: 'createdBy', field: 'createdBy' as ColDef<T>['field'], headerName: 'Added by', filter: 'agTextColumnFilter', width: 130, tooltipField: 'createdBy' as ColDef<T>['tooltipField'] };
}

export function partyColumns(parties: Party[]): ColDef<Party>[] {
  return [
    { field: 'name', headerName: 'Name', editable: true, filter: 'agTextColumnFilter', minWidth: 180, flex: 2 },
    {
      field: 'kind',
      headerName: 'Kind',
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...PARTY_KINDS] },
      refData: labels(PARTY_KINDS),
      filter: 'agTextColumnFilter',
      width: 140,
    },
    {
      field: 'aliases',
      headerName: 'Aliases',
      editable: true,
      valueFormatter: formatList,
      valueParser: (params) => parseList(params.newValue),
      filterValueGetter: (params) => params.data?.aliases.join(', ') ?? '',
      getQuickFilterText: (params) => params.data?.aliases.join(' ') ?? '',
      filter: 'agTextColumnFilter',
      flex: 2,
      minWidth: 180,
    },
    referenceColumn<Party>('affiliationId', 'Affiliation', partyRefData(parties)),
    { field: 'color', headerName: 'Colour', editable: true, width: 110, valueParser: (params) => (params.newValue ? String(params.newValue).trim() : null) },
    { field: 'mentionCount', headerName: 'Mentions', filter: 'agNumberColumnFilter', width: 120, type: 'numericColumn' },
    { field: 'statementCount', headerName: 'Statements', filter: 'agNumberColumnFilter', width: 130, type: 'numericColumn' },
    addedByColumn<Party>(),
  ];
}

export function sourceColumns(parties: Party[]): ColDef<Source>[] {
  return [
    { field: 'name', headerName: 'Name', editable: true, filter: 'agTextColumnFilter', flex: 2, minWidth: 180 },
    { field: 'role', headerName: 'Role', editable: true, filter: 'agTextColumnFilter', flex: 2, minWidth: 140, valueParser: (p) => (p.newValue ? String(p.newValue) : null) },
    referenceColumn<Source>('partyId', 'Party', partyRefData(parties), 140),
    {
      field: 'anonymous',
      headerName: 'Anonymous',
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [true, false] },
      refData: { true: 'Yes', false: 'No' },
      width: 138,
    },
    {
      field: 'defaultReliability',
      headerName: 'Reliability',
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...RELIABILITY_GRADES] },
      refData: Object.fromEntries(RELIABILITY_GRADES.map((grade) => [grade, `${grade} · ${RELIABILITY_LABELS[grade]}`])),
      filter: 'agTextColumnFilter',
      width: 190,
    },
    { field: 'claimCount', headerName: 'Claims', filter: 'agNumberColumnFilter', width: 100, type: 'numericColumn' },
    { field: 'outlets', headerName: 'Outlets', valueFormatter: formatList, flex: 1, minWidth: 120 },
    { field: 'firstSeen', headerName: 'First seen', valueFormatter: (p) => formatDay(p.value), width: 115, filter: false },
    { field: 'lastSeen', headerName: 'Last seen', valueFormatter: (p) => formatDay(p.value), width: 115, filter: false },
    addedByColumn<Source>(),
  ];
}

/** A concession's plan point: the points of every plan, labelled "Plan · version · point N". */
export function planPointRefData(points: readonly { id: string; label: string }[]): Record<string, string> {
  return { [NONE]: '—', ...Object.fromEntries(points.map((point) => [point.id, point.label])) };
}

export function concessionColumns(parties: Party[], issueAreas: IssueArea[], planPoints: readonly { id: string; label: string }[] = []): ColDef<Concession>[] {
  const areas = { [NONE]: '—', ...Object.fromEntries(issueAreas.map((area) => [area.id, area.name])) };
  return [
    // Titles and stances wrap, so the columns that say who concedes what stay on screen at 1440 px.
    { field: 'title', headerName: 'Concession', editable: true, filter: 'agTextColumnFilter', flex: 3, minWidth: 240, wrapText: true, autoHeight: true },
    referenceColumn<Concession>('issueAreaId', 'Issue area', areas, 130),
    referenceColumn<Concession>('concedingPartyId', 'Conceding party', partyRefData(parties), 165),
    referenceColumn<Concession>('beneficiaryPartyId', 'Beneficiary', partyRefData(parties), 130),
    { ...referenceColumn<Concession>('proposedByPartyId', 'Proposed by', partyRefData(parties), 135), headerTooltip: 'Demanded or proposed by' },
    {
      field: 'status',
      headerName: 'Status',
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...CONCESSION_STATUSES] },
      refData: labels(CONCESSION_STATUSES),
      filter: 'agTextColumnFilter',
      width: 140,
    },
    // Linked from here or from the reader; shown once the case has a plan.
    { ...referenceColumn<Concession>('planPointId', 'Plan point', planPointRefData(planPoints), 170), hide: planPoints.length === 0, tooltipValueGetter: (params) => params.data?.planPointLabel ?? null },
    {
      colId: 'stances',
      headerName: 'Stances',
      valueGetter: (params) => currentStances(params.data?.stances ?? []),
      tooltipValueGetter: (params) => stanceCredits(params.data?.stances ?? []),
      flex: 2,
      minWidth: 190,
      wrapText: true,
      autoHeight: true,
    },
    { field: 'evidenceCount', headerName: 'Evidence', width: 122, type: 'numericColumn', filter: 'agNumberColumnFilter' },
    addedByColumn<Concession>(),
    { field: 'updatedAt', headerName: 'Last change', valueFormatter: (p) => formatDate(p.value), width: 150, hide: true, filter: false },
  ];
}

/** The latest stance per party, e.g. "Russia: demands · Ukraine: rejects". */
export function currentStances(stances: Concession['stances']): string {
  const latest = new Map<string, Concession['stances'][number]>();
  for (const stance of stances) latest.set(stance.partyId, stance);
  return [...latest.values()].map((stance) => `${stance.partyName}: ${stance.stance}`).join(' · ');
}

/** The latest stance per party with who recorded it, e.g. "Russia: demands (Anna) · Ukraine: rejects (Ben)". */
export function stanceCredits(stances: Concession['stances']): string {
  const latest = new Map<string, Concession['stances'][number]>();
  for (const stance of stances) latest.set(stance.partyId, stance);
  return [...latest.values()].map((stance) => `${stance.partyName}: ${stance.stance}${stance.createdBy ? ` (${stance.createdBy})` : ''}`).join(' · ');
}

export function documentColumns(): ColDef<DocumentSummary>[] {
  return [
    { field: 'title', headerName: 'Title', editable: true, filter: 'agTextColumnFilter', flex: 3, minWidth: 240, valueParser: (p) => (p.newValue ? String(p.newValue) : null) },
    { field: 'outlet', headerName: 'Outlet', editable: true, filter: 'agTextColumnFilter', width: 150, valueParser: (p) => (p.newValue ? String(p.newValue) : null) },
    { field: 'byline', headerName: 'Byline', editable: true, filter: 'agTextColumnFilter', width: 170, valueParser: (p) => (p.newValue ? String(p.newValue) : null) },
    {
      field: 'publishedAt',
      headerName: 'Published',
      editable: true,
      valueFormatter: (p) => formatDate(p.value),
      // "26 Nov 2025" is stored as 2025-11-26; what is not a date goes on as typed, for the service to refuse by name.
      valueParser: (p) => {
        const date = parseTypedDate(p.newValue);
        return date.ok ? date.value : String(p.newValue);
      },
      sort: 'desc',
      width: 165,
    },
    { field: 'language', headerName: 'Lang', editable: true, width: 95, valueParser: (p) => (p.newValue ? String(p.newValue).trim().toLowerCase() : null) },
    { field: 'format', headerName: 'Format', width: 100 },
    { field: 'wordCount', headerName: 'Words', type: 'numericColumn', width: 100, filter: 'agNumberColumnFilter' },
    { field: 'annotationCount', headerName: 'Annotations', type: 'numericColumn', width: 130, filter: 'agNumberColumnFilter' },
    {
      // Pending suggestions, merged into the rows by the Documents view (suggestion:counts).
      colId: 'pendingSuggestions',
      headerName: 'To review',
      headerTooltip: 'Suggestions waiting for review in the reader',
      type: 'numericColumn',
      width: 120,
      filter: 'agNumberColumnFilter',
      valueGetter: (p) => (p.data as { pendingSuggestions?: number } | undefined)?.pendingSuggestions ?? 0,
      valueFormatter: (p) => (p.value ? String(p.value) : ''),
    },
    {
      colId: 'copy',
      headerName: 'Copy of',
      valueGetter: (p) => (p.data?.nearDuplicateOf ? 'near-duplicate' : ''),
      width: 140,
    },
    { field: 'url', headerName: 'URL', editable: true, width: 200, valueParser: (p) => (p.newValue ? String(p.newValue).trim() : null) },
    addedByColumn<DocumentSummary>(),
  ];
}

/**
 * The Annotations grid (infinite row model, sorted by the service). Column ids are the patch's
 * field names, so an edited cell becomes `annotation:update {patch: {[colId]: value}}`.
 */
export function annotationColumns(refs: { sources: Source[]; parties: Party[]; concessions: Concession[] }): ColDef<Annotation>[] {
  const sortable = (colId: string) => colId in ANNOTATION_SORT_FIELDS;
  const ref = (colId: 'sourceId' | 'partyId' | 'concessionId', headerName: string, refData: Record<string, string>, nameOf: (row: Annotation) => string | null): ColDef<Annotation> => ({
    colId,
    headerName,
    editable: true,
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values: Object.keys(refData) },
    refData,
    valueGetter: (params) => (params.data?.[colId] as string | null | undefined) ?? NONE,
    // A record made after the grid loaded its lists still shows its name.
    valueFormatter: (params) => refData[params.value as string] ?? (params.data ? (nameOf(params.data) ?? '') : ''),
    valueParser: toNullable,
    sortable: sortable(colId),
    width: 170,
  });
  const grades = { [NONE]: '—', ...Object.fromEntries(CREDIBILITY_GRADES.map((grade) => [String(grade), `${grade} · ${CREDIBILITY_LABELS[grade]}`])) };
  const reliability = { [NONE]: 'Source default', ...Object.fromEntries(RELIABILITY_GRADES.map((grade) => [grade, `${grade} · ${RELIABILITY_LABELS[grade]}`])) };
  return [
    { colId: 'documentTitle', field: 'documentTitle', headerName: 'Document', width: 200, sortable: true, tooltipField: 'documentTitle' },
    { colId: 'documentPublishedAt', field: 'documentPublishedAt', headerName: 'Published', width: 115, sortable: true, valueFormatter: (p) => formatDay(p.value) },
    {
      colId: 'type',
      field: 'type',
      headerName: 'Type',
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...ANNOTATION_TYPES] },
      refData: labels(ANNOTATION_TYPES),
      sortable: true,
      width: 170,
    },
    { colId: 'exact', field: 'exact', headerName: 'Text', flex: 2, minWidth: 260, sortable: true, tooltipField: 'exact' },
    ref('sourceId', 'Source', { [NONE]: '—', ...Object.fromEntries(refs.sources.map((source) => [source.id, source.name])) }, (row) => row.sourceName),
    ref('partyId', 'Party', partyRefData(refs.parties), (row) => row.partyName),
    ref('concessionId', 'Concession', { [NONE]: '—', ...Object.fromEntries(refs.concessions.map((concession) => [concession.id, concession.title])) }, (row) => row.concessionTitle),
    {
      colId: 'stance',
      headerName: 'Stance',
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [NONE, ...STANCES] },
      refData: { [NONE]: '—', ...labels(STANCES) },
      valueGetter: (params) => params.data?.stance ?? NONE,
      valueFormatter: (params) => (params.data?.stance ? `${params.data.stancePartyName ?? ''} ${params.data.stance}`.trim() : ''),
      valueParser: toNullable,
      sortable: false,
      width: 160,
    },
    {
      colId: 'credibility',
      headerName: 'Credibility',
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: Object.keys(grades) },
      refData: grades,
      valueGetter: (params) => (params.data?.credibility ? String(params.data.credibility) : NONE),
      valueFormatter: (params) => (params.value ? String(params.value) : ''),
      valueParser: (params) => (params.newValue ? Number(params.newValue) : null),
      sortable: true,
      width: 120,
    },
    {
      colId: 'reliability',
      headerName: 'Reliability',
      headerTooltip: 'The claim’s override, else its source’s default (shown in grey)',
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: Object.keys(reliability) },
      refData: reliability,
      valueGetter: (params) => params.data?.reliability ?? NONE,
      valueFormatter: (params) => params.data?.effectiveReliability ?? '',
      cellClass: (params) => (params.data && !params.data.reliability ? 'inherited' : ''),
      valueParser: toNullable,
      sortable: true,
      width: 120,
    },
    { colId: 'note', field: 'note', headerName: 'Note', editable: true, flex: 1, minWidth: 160, sortable: false, valueParser: (p) => (p.newValue ? String(p.newValue) : null) },
    {
      colId: 'tags',
      field: 'tags',
      headerName: 'Tags',
      editable: true,
      valueFormatter: formatList,
      valueParser: (params) => parseList(params.newValue),
      sortable: false,
      width: 150,
    },
    { colId: 'createdBy', field: 'createdBy', headerName: 'Analyst', width: 130, sortable: false, tooltipField: 'createdBy' },
    { colId: 'createdAt', field: 'createdAt', headerName: 'Added', valueFormatter: (p) => formatDate(p.value), width: 140, sortable: true, hide: true },
  ];
}
