import type { CellEditRequestEvent, GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation } from '../../../shared/model/annotation';
import { ANNOTATION_TYPES, type AnnotationType } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { blockQuery, type AnnotationFilters } from '../../grid/annotation-query';
import { annotationBulkFields } from '../../grid/bulk-fields';
import { annotationColumns } from '../../grid/columns';
import { csvExportParams } from '../../grid/csv-export';
import { suppressTypeToEdit } from '../../grid/keyboard';
import { aggregatesShownBy } from '../../ui/aggregates';
import { BulkEditDialog } from '../../ui/BulkEditDialog';
import { useCaseChanged } from '../../ui/case-changes';
import { ColumnChooser } from '../../ui/ColumnChooser';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useColumnLayout } from '../../ui/use-column-layout';
import { useRecords } from '../../ui/use-records';
import type { ShowSpan } from '../detail/DetailPanel';
import { TYPE_META } from '../reader/annotation-types';
import { describeAnnotation, excerpt } from '../reader/AnnotationList';
import { AnalystSelect } from '../../ui/AnalystSelect';

const BLOCK = 200;
/** Columns whose double-click opens the span in its article (the others edit in place). */
const OPEN_COLUMNS = new Set(['documentTitle', 'documentPublishedAt', 'exact']);

/**
 * Every annotation in the case, paged from the service (AG Grid's infinite row model), so it stays
 * quick at 100,000 rows: search, type filter and sort run in the store, cells edit in place.
 */
export function AnnotationsView({ onShowSpan }: { onShowSpan: ShowSpan }) {
  // Reference lists for the editors: only their names matter here, not their counts.
  const sources = useRecords('source:list', ['source']);
  const parties = useRecords('party:list', ['party']);
  const concessions = useRecords('concession:list', ['concession']);
  const columns = useMemo(
    () => annotationColumns({ sources: sources.rows ?? [], parties: parties.rows ?? [], concessions: concessions.rows ?? [] }),
    [sources.rows, parties.rows, concessions.rows],
  );
  const bulkFields = useMemo(() => annotationBulkFields(sources.rows ?? [], parties.rows ?? []), [sources.rows, parties.rows]);
  const [gridApi, setGridApi] = useState<GridApi<Annotation> | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Annotation[]>([]);
  const [bulkEditing, setBulkEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [search, setSearch] = useState('');
  const [type, setType] = useState<AnnotationType | ''>('');
  const [analystId, setAnalystId] = useState('');
  const analysts = useRecords('analyst:list', ['analyst']);
  const filters = useRef<AnnotationFilters>({ search: '', type: '', analystId: '' });
  const layout = useColumnLayout<Annotation>('annotations');

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const query = blockQuery(params.startRow, params.endRow, params.sortModel, filters.current);
        void api.call('annotation:list', query).then((result) => {
          if (!result.ok) {
            setError(result.error.message);
            params.failCallback();
            return;
          }
          setError(null);
          setTotal(result.value.total);
          params.successCallback(result.value.rows, result.value.total);
        });
      },
    }),
    [],
  );

  // Search and type filter run in the store: new blocks from the top, debounced while typing.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (filters.current.search === search && filters.current.type === type && filters.current.analystId === analystId) return;
      filters.current = { search, type, analystId };
      gridApi?.purgeInfiniteCache();
    }, 250);
    return () => window.clearTimeout(timer);
  }, [search, type, analystId, gridApi]);

  // The case changed (undo, redo, another view): reload the blocks in place.
  useCaseChanged(aggregatesShownBy('annotation:list'), () => gridApi?.refreshInfiniteCache());

  const onCellEditRequest = useCallback(async (event: CellEditRequestEvent<Annotation>) => {
    if (!event.data) return;
    if (JSON.stringify(event.newValue) === JSON.stringify(event.oldValue)) return;
    const field = event.column.getColId();
    const result = await api.call('annotation:update', { id: event.data.id, patch: { [field]: event.newValue } });
    if (result.ok) {
      event.node.setData(result.value);
      // Not announced: the row shows the stored answer, and no other view is on screen beside this one.
      setError(null);
    } else setError(`Not saved: ${result.error.message}`);
  }, []);

  const saveLayout = useCallback(() => gridApi && layout.save(gridApi), [gridApi, layout]);

  return (
    <section className="entity-grid" data-testid="annotations-grid">
      <div className="grid-toolbar">
        <div className="type-filter segmented" role="group" aria-label="Type">
          <button type="button" aria-pressed={type === ''} onClick={() => setType('')} data-testid="annotations-type-all">
            All
          </button>
          {ANNOTATION_TYPES.map((value) => (
            <button key={value} type="button" aria-pressed={type === value} onClick={() => setType(value)} data-testid={`annotations-type-${value}`}>
              <span className="swatch" style={{ backgroundColor: TYPE_META[value].color }} />
              {TYPE_META[value].label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {(analysts.rows?.length ?? 0) > 1 && (
          <AnalystSelect analysts={analysts.rows ?? []} value={analystId} onChange={setAnalystId} testId="annotations-analyst" />
        )}
        <input
          className="quick-filter"
          type="search"
          placeholder="Search quotes, notes, sources…"
          aria-label="Search annotations"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="annotations-grid-search"
        />
        <ColumnChooser api={gridApi} testId="annotations-grid" />
        <button type="button" onClick={() => gridApi?.exportDataAsCsv(csvExportParams('annotations.csv'))} disabled={!total} title="Exports the rows loaded so far, in the order shown">
          Export CSV
        </button>
        {selected.length > 0 && (
          <span className="selection-actions" role="group" aria-label="Selected annotations">
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && onShowSpan(selected[0])} data-testid="annotations-show">
              Show in article
            </button>
            <button type="button" onClick={() => setBulkEditing(true)} data-testid="annotations-grid-bulk-edit">
              Edit {selected.length}…
            </button>
            <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="annotations-grid-delete">
              Delete {selected.length}
            </button>
          </span>
        )}
      </div>
      {error && (
        <div className="grid-error" role="alert" data-testid="grid-error">
          {error}
          <button type="button" className="link" onClick={() => setError(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {total === 0 && !search && !type && (
        <div className="empty-state compact" data-testid="annotations-grid-empty">
          <h3>No annotations yet</h3>
          <p>
            Open an article in <strong>Documents</strong>, select a passage and choose what it is: an attribution (who said it,
            graded), a party mention, evidence of a concession and each side’s stance, or a note. Every annotation appears here.
          </p>
        </div>
      )}
      <div className="ag-theme-quartz grid-body">
        <AgGridReact<Annotation>
          theme="legacy"
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK}
          maxBlocksInCache={50}
          infiniteInitialRowCount={1}
          columnDefs={columns}
          defaultColDef={{ resizable: true, sortable: false, minWidth: 80, suppressKeyboardEvent: suppressTypeToEdit }}
          getRowId={(params) => params.data.id}
          readOnlyEdit
          onCellEditRequest={(event) => void onCellEditRequest(event)}
          rowSelection={{ mode: 'multiRow', enableClickSelection: false, headerCheckbox: false }}
          onSelectionChanged={(event) => setSelected(event.api.getSelectedRows())}
          onCellDoubleClicked={(event) => {
            if (!event.data || !OPEN_COLUMNS.has(event.column.getColId())) return;
            event.api.stopEditing(true);
            event.api.clearFocusedCell();
            onShowSpan(event.data);
          }}
          stopEditingWhenCellsLoseFocus
          onGridReady={(event) => {
            setGridApi(event.api);
            void layout.restore(event.api);
          }}
          onColumnMoved={(event) => event.finished && saveLayout()}
          onColumnResized={(event) => event.finished && event.source !== 'flex' && saveLayout()}
          onSortChanged={saveLayout}
          onColumnVisible={saveLayout}
          onColumnPinned={saveLayout}
          animateRows={false}
          suppressColumnVirtualisation
          tooltipShowDelay={600}
        />
      </div>
      <div className="grid-footer" data-testid="annotations-grid-count">
        {total === null ? 'Loading…' : `${total.toLocaleString('en')} ${total === 1 ? 'annotation' : 'annotations'}${search || type ? ' match' : ''}`}
        {selected.length > 0 && ` · ${selected.length} selected`}
        {total !== null && total > 0 && ' · double-click a quote to open it in its article'}
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Delete ${selected.length === 1 ? 'this annotation' : `${selected.length} annotations`}?`}
          body={
            <ul className="confirm-list">
              {selected.slice(0, 8).map((row) => (
                <li key={row.id}>
                  {TYPE_META[row.type].label}: “{excerpt(row.exact, 80)}” · {describeAnnotation(row)}
                </li>
              ))}
              {selected.length > 8 && <li>… and {selected.length - 8} more</li>}
            </ul>
          }
          confirmLabel="Delete"
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setConfirming(false);
            // One call, one undo step; the service names what changed, which reloads the blocks.
            const result = await api.call('annotation:bulk-delete', { ids: selected.map((row) => row.id) });
            if (!result.ok) return setError(`Not deleted: ${result.error.message}`);
            setError(null);
            gridApi?.deselectAll();
            setSelected([]);
          }}
        />
      )}
      {bulkEditing && (
        <BulkEditDialog
          count={selected.length}
          noun={['annotation', 'annotations']}
          fields={bulkFields}
          onCancel={() => setBulkEditing(false)}
          onApply={async (patch) => {
            const result = await api.call('annotation:bulk-update', { ids: selected.map((row) => row.id), patch });
            if (!result.ok) return result.error.message;
            setBulkEditing(false);
            setError(null);
            gridApi?.refreshInfiniteCache();
            return null;
          }}
        />
      )}
    </section>
  );
}
