import type { CellEditRequestEvent, ColDef, GridApi, GridReadyEvent, RowDoubleClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { addedBy, analystsOf } from '../grid/analysts';
import type { BulkField } from '../grid/bulk-edit';
import { csvExportParams } from '../grid/csv-export';
import { suppressTypeToEdit } from '../grid/keyboard';
import { BulkEditDialog } from './BulkEditDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { ColumnChooser } from './ColumnChooser';
import { useColumnLayout } from './use-column-layout';
import { AnalystSelect } from './AnalystSelect';

export interface EntityGridProps<T extends { id: string }> {
  testId: string;
  /** Singular and plural nouns in the analyst's words: "party" / "parties". */
  noun: [string, string];
  rows: T[] | null;
  columns: ColDef<T>[];
  /** Save one edited cell; resolves to the reason it was not saved, or null when saved. */
  onEdit(row: T, field: string, value: unknown): Promise<string | null>;
  onDelete?(rows: T[]): Promise<string | null>;
  /** What the last write here did not save, and why (useEntityGrid keeps it). */
  error: string | null;
  onDismissError(): void;
  onOpen?(row: T): void;
  /** The "add" form shown above the grid. */
  toolbar?: ReactNode;
  empty: ReactNode;
  describe(row: T): string;
  /** Saves the column layout per case under `grid.<gridName>.columns`. */
  gridName?: string;
  /** "Edit selected…": the fields a bulk edit may set, and how to save them in one step. */
  bulkFields?: BulkField[];
  onBulkEdit?(rows: T[], patch: Record<string, unknown>): Promise<string | null>;
  /** Extra toolbar actions over the selection (e.g. "Merge…"). */
  selectionActions?(selected: T[]): ReactNode;
  /** Row shown as open in a side panel. */
  openId?: string | null;
  /**
   * What a double-click opens on: any cell ('row', the Documents grid), or only cells that do not
   * edit in place ('readonly-cell'), so double-clicking a name still edits it.
   */
  openOn?: 'row' | 'readonly-cell';
}

export function EntityGrid<T extends { id: string }>(props: EntityGridProps<T>) {
  const { rows, columns, onEdit, onDelete, onOpen, noun, testId } = props;
  const apiRef = useRef<GridApi<T> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [selected, setSelected] = useState<T[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [shown, setShown] = useState(0);
  const [bulkEditing, setBulkEditing] = useState(false);
  const [gridApi, setGridApi] = useState<GridApi<T> | null>(null);
  const layout = useColumnLayout<T>(props.gridName);
  // Who added the rows: the picker shows once more than one analyst did (a shared case).
  const analysts = useMemo(() => analystsOf(rows), [rows]);
  const [analystId, setAnalystId] = useState('');
  const analystRef = useRef('');
  analystRef.current = analystId;
  useEffect(() => apiRef.current?.onFilterChanged(), [analystId]);
  const saveLayout = useCallback(() => apiRef.current && layout.save(apiRef.current), [layout]);

  const defaultColDef = useMemo<ColDef<T>>(() => ({ sortable: true, resizable: true, filter: true, minWidth: 80, suppressKeyboardEvent: suppressTypeToEdit }), []);
  const opensOnRow = props.openOn !== 'readonly-cell';

  /** Open a row beside the grid, leaving no editor behind and no focused cell for the next key. */
  const open = useCallback(
    (grid: GridApi<T>, row: T | undefined) => {
      if (!row || !onOpen) return;
      grid.stopEditing(true);
      grid.clearFocusedCell();
      onOpen(row);
    },
    [onOpen],
  );

  // readOnlyEdit: the grid never changes its own data; the store's answer does (or the error shows).
  const onCellEditRequest = useCallback(
    async (event: CellEditRequestEvent<T>) => {
      const field = event.colDef.field as string | undefined;
      if (!field || !event.data) return;
      if (JSON.stringify(event.newValue) === JSON.stringify(event.oldValue)) return;
      await onEdit(event.data, field, event.newValue);
    },
    [onEdit],
  );

  const updateCount = useCallback(() => setShown(apiRef.current?.getDisplayedRowCount() ?? 0), []);

  if (rows === null) return <div className="grid-loading">Loading…</div>;

  return (
    <section className="entity-grid" data-testid={testId}>
      <div className="grid-toolbar">
        {props.toolbar}
        <span className="spacer" />
        {(analysts.length > 1 || analystId !== '') && (
          <AnalystSelect analysts={analysts} value={analystId} onChange={setAnalystId} testId={`${testId}-analyst`} title={`Only the ${noun[1]} this analyst added`} />
        )}
        <input
          className="quick-filter"
          type="search"
          placeholder="Filter columns…"
          aria-label={`Filter the ${noun[1]} by their columns`}
          title={`Shows the ${noun[1]} whose columns contain these letters. To search inside articles, quotes and notes, use Search (Ctrl+K).`}
          value={quickFilter}
          onChange={(event) => setQuickFilter(event.target.value)}
          data-testid={`${testId}-search`}
        />
        <ColumnChooser api={rows.length > 0 ? gridApi : null} testId={testId} />
        <button type="button" onClick={() => apiRef.current?.exportDataAsCsv(csvExportParams(`${noun[1]}.csv`))} disabled={rows.length === 0}>
          Export CSV
        </button>
        {/* What can be done with the selection appears with it, so the toolbar fits one line. */}
        {selected.length > 0 && (
          <span className="selection-actions" role="group" aria-label={`Selected ${noun[1]}`}>
            {props.selectionActions?.(selected)}
            {onOpen && props.openOn === 'readonly-cell' && (
              <button
                type="button"
                disabled={selected.length !== 1}
                onClick={() => selected[0] && onOpen(selected[0])}
                title={`Show the selected ${noun[0]}'s detail and evidence (or double-click a figure in its row)`}
                data-testid={`${testId}-details`}
              >
                Details
              </button>
            )}
            {props.bulkFields && props.onBulkEdit && (
              <button type="button" onClick={() => setBulkEditing(true)} data-testid={`${testId}-bulk-edit`}>
                Edit {selected.length}…
              </button>
            )}
            {onDelete && (
              <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid={`${testId}-delete`}>
                Delete {selected.length}
              </button>
            )}
          </span>
        )}
      </div>
      {props.error && (
        <div className="grid-error" role="alert" data-testid="grid-error">
          {props.error}
          <button type="button" className="link" onClick={props.onDismissError} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {rows.length === 0 ? (
        <div className="empty-state" data-testid={`${testId}-empty`}>
          {props.empty}
        </div>
      ) : (
        <div className="ag-theme-quartz grid-body">
          <AgGridReact<T>
            theme="legacy"
            rowData={rows}
            columnDefs={columns}
            defaultColDef={defaultColDef}
            getRowId={(params) => params.data.id}
            readOnlyEdit
            onCellEditRequest={(event) => void onCellEditRequest(event)}
            rowSelection={{ mode: 'multiRow', enableClickSelection: false }}
            onSelectionChanged={(event) => setSelected(event.api.getSelectedRows())}
            onRowDoubleClicked={(event: RowDoubleClickedEvent<T>) => opensOnRow && open(event.api, event.data)}
            onCellDoubleClicked={(event) => {
              if (!opensOnRow && !event.colDef.editable) open(event.api, event.data);
            }}
            quickFilterText={quickFilter}
            isExternalFilterPresent={() => analystRef.current !== ''}
            doesExternalFilterPass={(node) => addedBy(node.data, analystRef.current)}
            stopEditingWhenCellsLoseFocus
            singleClickEdit={false}
            // Where a double-click opens the row, it never edits too (Enter or F2 edits a cell).
            suppressClickEdit={opensOnRow && !!onOpen}
            onGridReady={(event: GridReadyEvent<T>) => {
              apiRef.current = event.api;
              setGridApi(event.api);
              updateCount();
              void layout.restore(event.api);
            }}
            onColumnMoved={(event) => event.finished && saveLayout()}
            onColumnResized={(event) => event.finished && event.source !== 'flex' && event.source !== 'autosizeColumns' && saveLayout()}
            onSortChanged={saveLayout}
            onColumnVisible={saveLayout}
            onColumnPinned={saveLayout}
            rowClassRules={{ 'row-open': (params) => !!props.openId && params.data?.id === props.openId }}
            onModelUpdated={updateCount}
            animateRows={false}
          />
        </div>
      )}
      <div className="grid-footer" data-testid={`${testId}-count`}>
        {rows.length === 0 ? `No ${noun[1]} yet` : `${shown} of ${rows.length} ${rows.length === 1 ? noun[0] : noun[1]}`}
        {selected.length > 0 && ` · ${selected.length} selected`}
        {rows.length > 0 && opensOnRow && onOpen && ` · double-click a row to open it; Enter or F2 edits a cell`}
      </div>
      {bulkEditing && props.bulkFields && props.onBulkEdit && (
        <BulkEditDialog
          count={selected.length}
          noun={noun}
          fields={props.bulkFields}
          onCancel={() => setBulkEditing(false)}
          onApply={async (patch) => {
            const message = await props.onBulkEdit!(selected, patch);
            if (!message) setBulkEditing(false);
            return message;
          }}
        />
      )}
      {confirming && onDelete && (
        <ConfirmDialog
          title={`Delete ${selected.length === 1 ? `this ${noun[0]}` : `${selected.length} ${noun[1]}`}?`}
          body={
            <ul className="confirm-list">
              {selected.slice(0, 8).map((row) => (
                <li key={row.id}>{props.describe(row)}</li>
              ))}
              {selected.length > 8 && <li>… and {selected.length - 8} more</li>}
            </ul>
          }
          confirmLabel="Delete"
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setConfirming(false);
            await onDelete(selected);
            setSelected([]);
          }}
        />
      )}
    </section>
  );
}
