/**
 * The case's history (the audit log by user action), newest first: what was done, when, and by
 * whom: this analyst's own changes, undos and redos, and what syncs and merges brought in from
 * colleagues. Read-only; Ctrl+Z undoes the top of it. Filter by analyst or by words.
 */
import type { ColDef, GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HistoryEntry } from '../../../shared/model/history';
import { humanise } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { formatDate } from '../../grid/columns';
import { csvExportParams } from '../../grid/csv-export';
import { aggregatesShownBy } from '../../ui/aggregates';
import { useCaseChanged } from '../../ui/case-changes';
import { useRecords } from '../../ui/use-records';
import { historyStatus } from './history-status';
import { AnalystSelect } from '../../ui/AnalystSelect';

const PAGE = 500;
/** Every change adds history. */
const EVERY_AGGREGATE = aggregatesShownBy('history:list');

const COLUMNS: ColDef<HistoryEntry>[] = [
  { field: 'at', headerName: 'When', valueFormatter: (p) => formatDate(p.value), width: 175, sort: 'desc', comparator: (a: string, b: string) => a.localeCompare(b) },
  {
    colId: 'analysts',
    headerName: 'Analyst',
    valueGetter: (p) => p.data?.analysts.map((analyst) => analyst.name).join(', ') ?? '',
    filter: 'agTextColumnFilter',
    width: 160,
    tooltipValueGetter: (p) => (p.value as string) || null,
  },
  { field: 'label', headerName: 'Change', filter: 'agTextColumnFilter', flex: 3, minWidth: 260, tooltipField: 'label' },
  { field: 'changes', headerName: 'Records', type: 'numericColumn', filter: 'agNumberColumnFilter', width: 110 },
  {
    colId: 'aggregates',
    headerName: 'What',
    valueGetter: (p) => p.data?.aggregates.map((aggregate) => humanise(aggregate).toLowerCase()).join(', ') ?? '',
    filter: 'agTextColumnFilter',
    tooltipValueGetter: (p) => (p.value as string) || null,
    flex: 1,
    minWidth: 150,
  },
  { colId: 'status', headerName: 'Status', valueGetter: (p) => (p.data ? historyStatus(p.data) : ''), width: 200 },
];

export function HistoryView() {
  const analysts = useRecords('analyst:list', EVERY_AGGREGATE);
  const [analystId, setAnalystId] = useState('');
  const [rows, setRows] = useState<HistoryEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [gridApi, setGridApi] = useState<GridApi<HistoryEntry> | null>(null);

  const load = useCallback(
    async (before?: number) => {
      const result = await api.call('history:list', { limit: PAGE, ...(analystId ? { analystId } : {}), ...(before ? { beforeSeq: before } : {}) });
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setMore(result.value.length === PAGE);
      setRows((previous) => (before ? [...(previous ?? []), ...result.value] : result.value));
    },
    [analystId],
  );
  useEffect(() => void load(), [load]);
  useCaseChanged(EVERY_AGGREGATE, () => load());
  const defaultColDef = useMemo<ColDef<HistoryEntry>>(() => ({ sortable: true, resizable: true, minWidth: 80 }), []);

  return (
    <section className="entity-grid history-view" data-testid="history-grid">
      <div className="grid-toolbar">
        <strong>History</strong>
        <span className="muted small">Every change to the case, newest first, with who made it. Ctrl+Z undoes your latest.</span>
        <span className="spacer" />
        {(analysts.rows?.length ?? 0) > 0 && (
          <AnalystSelect analysts={analysts.rows ?? []} value={analystId} onChange={setAnalystId} testId="history-analyst" />
        )}
        <input
          className="quick-filter"
          type="search"
          placeholder="Filter changes…"
          aria-label="Filter the history"
          value={quickFilter}
          onChange={(event) => setQuickFilter(event.target.value)}
          data-testid="history-search"
        />
        <button type="button" onClick={() => gridApi?.exportDataAsCsv(csvExportParams('history.csv'))} disabled={!rows?.length}>
          Export CSV
        </button>
      </div>
      {error && (
        <div className="grid-error" role="alert">
          {error}
        </div>
      )}
      {rows === null ? (
        <div className="grid-loading">Loading…</div>
      ) : rows.length === 0 ? (
        <div className="empty-state" data-testid="history-empty">
          <h3>{analystId ? 'Nothing by this analyst yet' : 'No changes yet'}</h3>
          <p>Imports, edits, merges, undos and what a sync brings in from colleagues are listed here.</p>
        </div>
      ) : (
        <div className="ag-theme-quartz grid-body">
          <AgGridReact<HistoryEntry>
            theme="legacy"
            rowData={rows}
            columnDefs={COLUMNS}
            defaultColDef={defaultColDef}
            getRowId={(params) => params.data.batchId}
            quickFilterText={quickFilter}
            onGridReady={(event) => setGridApi(event.api)}
            animateRows={false}
          />
        </div>
      )}
      <div className="grid-footer" data-testid="history-count">
        {rows ? `${rows.length} change${rows.length === 1 ? '' : 's'}${more ? ' (newest)' : ''}` : ''}
        {more && rows && (
          <button type="button" className="link" onClick={() => void load(rows[rows.length - 1]!.seq)} data-testid="history-more">
            Show older
          </button>
        )}
      </div>
    </section>
  );
}
