import type { ColDef, GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Suggestion, SuggestionKind, SuggestionProgress } from '../../../shared/model/suggestion';
import { api } from '../../api';
import { announceChanges, useCaseChanged } from '../../ui/case-changes';
import { SUGGESTION_KIND_META, SUGGESTION_KIND_ORDER, describeSuggestion, percent, proposedWho } from './suggestion-view';

const ACCEPT_TOUCHES = ['suggestion', 'annotation', 'source', 'party', 'concession', 'concession_stance'];

function queueColumns(): ColDef<Suggestion>[] {
  return [
    { colId: 'kind', headerName: 'Kind', width: 130, valueGetter: (p) => (p.data ? SUGGESTION_KIND_META[p.data.kind].label : ''), filter: true },
    { colId: 'text', headerName: 'Text', flex: 3, minWidth: 260, valueGetter: (p) => p.data?.text ?? '', tooltipValueGetter: (p) => p.data?.text ?? '', filter: 'agTextColumnFilter' },
    { colId: 'who', headerName: 'Proposed speaker / party', width: 220, valueGetter: (p) => (p.data ? proposedWho(p.data) : ''), filter: 'agTextColumnFilter' },
    { colId: 'proposal', headerName: 'Proposal', flex: 2, minWidth: 200, valueGetter: (p) => (p.data ? describeSuggestion(p.data) : '') },
    {
      colId: 'confidence',
      headerName: 'Confidence',
      width: 125,
      type: 'numericColumn',
      valueGetter: (p) => p.data?.confidence ?? 0,
      valueFormatter: (p) => percent(Number(p.value ?? 0)),
      filter: 'agNumberColumnFilter',
      sort: 'desc',
    },
    { colId: 'document', headerName: 'Document', width: 240, valueGetter: (p) => p.data?.documentTitle ?? '', filter: 'agTextColumnFilter' },
  ];
}

/**
 * The case-wide review queue: every pending suggestion across documents, in one grid, with bulk
 * accept and reject (one contract call, one undo step for an accept) and "accept all at or above"
 * per kind. Double-click opens the document in the reader to review it in context.
 */
export function SuggestionsView({ onOpenDocument }: { onOpenDocument(documentId: string): void }) {
  const [rows, setRows] = useState<Suggestion[] | null>(null);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState<Suggestion[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<SuggestionProgress | null>(null);
  const [kind, setKind] = useState<SuggestionKind>('party');
  const [minimum, setMinimum] = useState('90');
  const gridApi = useRef<GridApi<Suggestion> | null>(null);
  const columns = useMemo(queueColumns, []);

  const load = useCallback(async () => {
    const result = await api.call('suggestion:list', { limit: 5000 });
    if (result.ok) {
      setRows(result.value.rows);
      setTotal(result.value.total);
    } else setMessage(result.error.message);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useCaseChanged(['suggestion', 'suggestion_rejection', 'annotation', 'document'], load);
  useEffect(() => api.on('suggestion:progressed', (update) => setProgress(update.state === 'running' ? update : null)), []);

  const decide = async (what: 'accept' | 'reject') => {
    const ids = selected.map((row) => row.id);
    if (ids.length === 0) return;
    const result = what === 'accept' ? await api.call('suggestion:bulk-accept', { ids }) : await api.call('suggestion:bulk-reject', { ids });
    if (!result.ok) {
      setMessage(result.error.message);
      return;
    }
    if (!Array.isArray(result.value)) {
      const { accepted, skipped } = result.value;
      setMessage(`${accepted.length} accepted${skipped.length > 0 ? `; ${skipped.length} need an edit in the reader (${skipped[0]!.message})` : ''}`);
    } else setMessage(`${result.value.length} rejected; they will not be proposed again (Undo brings them back)`);
    gridApi.current?.deselectAll();
    await announceChanges(what === 'accept' ? ACCEPT_TOUCHES : ['suggestion', 'suggestion_rejection']);
  };

  const acceptAbove = async () => {
    const result = await api.call('suggestion:accept-above', { kind, minConfidence: Number(minimum) / 100 });
    if (!result.ok) setMessage(result.error.message);
    else {
      setMessage(`${result.value.accepted.length} ${SUGGESTION_KIND_META[kind].plural.toLowerCase()} accepted${result.value.skipped.length > 0 ? `; ${result.value.skipped.length} need an edit` : ''}`);
      await announceChanges(ACCEPT_TOUCHES);
    }
  };

  return (
    <div className="single suggestions-view">
      <div className="entity-grid" data-testid="suggestions-grid">
        <div className="grid-toolbar">
          <button type="button" onClick={() => void api.call('suggestion:run', {})} disabled={progress !== null} data-testid="suggest-case" title="Read every article of the case and propose what is new">
            {progress ? `Suggesting ${progress.done}/${progress.total}…` : 'Suggest for all documents'}
          </button>
          {progress && (
            <button type="button" className="link" onClick={() => void api.call('suggestion:cancel', {})} data-testid="suggest-cancel">
              Cancel
            </button>
          )}
          <form
            className="accept-above"
            onSubmit={(event) => {
              event.preventDefault();
              void acceptAbove();
            }}
          >
            <button type="submit" data-testid="queue-accept-above">
              Accept all
            </button>
            <select value={kind} onChange={(event) => setKind(event.target.value as SuggestionKind)} aria-label="Kind" data-testid="queue-accept-above-kind">
              {SUGGESTION_KIND_ORDER.map((entry) => (
                <option key={entry} value={entry}>
                  {SUGGESTION_KIND_META[entry].plural.toLowerCase()}
                </option>
              ))}
            </select>
            at ≥
            <input type="number" min={0} max={100} step={5} value={minimum} onChange={(event) => setMinimum(event.target.value)} aria-label="Minimum confidence in percent" />%
          </form>
          <span className="spacer" />
          {selected.length > 0 && (
            <>
              <button type="button" className="primary" onClick={() => void decide('accept')} data-testid="queue-accept">
                Accept {selected.length}
              </button>
              <button type="button" className="danger" onClick={() => void decide('reject')} data-testid="queue-reject">
                Reject {selected.length}
              </button>
            </>
          )}
        </div>
        {message && (
          <div className="grid-error" role="status" data-testid="queue-message">
            {message}
            <button type="button" className="link" onClick={() => setMessage(null)} aria-label="Dismiss">
              ×
            </button>
          </div>
        )}
        {rows !== null && rows.length === 0 ? (
          <div className="empty-state" data-testid="suggestions-grid-empty">
            <h3>Nothing to review</h3>
            <p>Parley proposes each imported article’s parties, people, quotes and demands here and in the reader. Accepted ones become annotations; rejected ones are not proposed again.</p>
          </div>
        ) : (
          <div className="ag-theme-quartz grid-body">
            <AgGridReact<Suggestion>
              theme="legacy"
              rowData={rows ?? []}
              columnDefs={columns}
              defaultColDef={{ sortable: true, resizable: true, minWidth: 80 }}
              getRowId={(params) => params.data.id}
              rowSelection={{ mode: 'multiRow' }}
              onSelectionChanged={(event) => setSelected(event.api.getSelectedRows())}
              onRowDoubleClicked={(event) => event.data && onOpenDocument(event.data.documentId)}
              onGridReady={(event) => {
                gridApi.current = event.api;
              }}
              animateRows={false}
            />
          </div>
        )}
        <div className="grid-footer" data-testid="suggestions-grid-count">
          {total} pending {total === 1 ? 'suggestion' : 'suggestions'}
          {selected.length > 0 && ` · ${selected.length} selected`} · double-click a row to review it in the article
        </div>
      </div>
    </div>
  );
}
