import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseInfo } from '../../shared/model/case';
import type { ImportFileResult, ImportProgress } from '../../shared/model/import';
import { api } from '../api';
import { AnnotationsView } from '../features/annotations/AnnotationsView';
import { ConcessionsView } from '../features/concessions/ConcessionsView';
import type { ShowSpan } from '../features/detail/DetailPanel';
import { DocumentsView, type DocumentFocus } from '../features/documents/DocumentsView';
import { ExportPanel } from '../features/export/ExportPanel';
import { ImportPanel } from '../features/import/ImportPanel';
import { filesFromDrop, uploadFile } from '../features/import/upload';
import { PartiesView } from '../features/parties/PartiesView';
import { SourcesView } from '../features/sources/SourcesView';
import { Toast, type ToastMessage } from './Toast';
import { historyActionFor, isTextEditing, type HistoryAction } from './undo';

const VIEWS = [
  { id: 'documents', label: 'Documents' },
  { id: 'annotations', label: 'Annotations' },
  { id: 'parties', label: 'Parties' },
  { id: 'sources', label: 'Sources' },
  { id: 'concessions', label: 'Concessions' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

export function App() {
  const [caseInfo, setCaseInfo] = useState<CaseInfo | null>(null);
  const [caseError, setCaseError] = useState<string | null>(null);
  const [view, setView] = useState<ViewId>('documents');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [exporting, setExporting] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const menuHistory = useRef<(action: HistoryAction, fromMenu: boolean) => void>(() => {});
  const caseInfoRef = useRef<CaseInfo | null>(null);
  caseInfoRef.current = caseInfo;
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [documentFocus, setDocumentFocus] = useState<DocumentFocus | null>(null);
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), []);
  const say = useCallback((text: string, tone: ToastMessage['tone'] = 'info') => setToast({ text, tone, id: Date.now() }), []);

  /** Undo or redo one user action from the case's history, then refresh every view. */
  const runHistory = useCallback(
    async (action: HistoryAction) => {
      const result = await api.call(action === 'undo' ? 'history:undo' : 'history:redo', {});
      if (result.ok) {
        // The label may already carry the verb ("Undo Create attribution"): say it once.
        say(`${action === 'undo' ? 'Undid' : 'Redid'}: ${result.value.done.replace(/^(undo|redo|undid|redid)\s*:?\s+/i, '')}`);
        refresh();
      } else say(result.error.message, 'error');
    },
    [refresh, say],
  );

  const onHistory = useCallback(
    (action: HistoryAction, fromMenu: boolean) => {
      // In a text field (or a grid cell editor) the key is the field's own text undo.
      if (isTextEditing(document.activeElement as HTMLElement | null)) {
        if (fromMenu) document.execCommand(action);
        return false;
      }
      void runHistory(action);
      return true;
    },
    [runHistory],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = historyActionFor(event);
      if (!action || !caseInfoRef.current) return;
      if (document.querySelector('.modal-backdrop')) return;
      if (onHistory(action, false)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onHistory]);

  menuHistory.current = onHistory;

  const showSpan = useCallback<ShowSpan>((annotation) => {
    setView('documents');
    setDocumentFocus({ documentId: annotation.documentId, annotationId: annotation.id, nonce: Date.now() });
  }, []);
  const uploadCancelled = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const loadCase = useCallback(async () => {
    const result = await api.call('case:info', {});
    if (result.ok) {
      setCaseInfo(result.value);
      setCaseError(null);
    } else {
      setCaseInfo(null);
      setCaseError(result.error.code === 'no_case' ? null : result.error.message);
    }
  }, []);

  useEffect(() => {
    void loadCase();
    const offs = [
      api.on('case:opened', (info) => {
        setCaseInfo(info);
        setRefreshKey((key) => key + 1);
      }),
      api.on('case:closed', () => setCaseInfo(null)),
      api.on('import:progressed', (next) => {
        setProgress(next);
        if (next.state !== 'running') setRefreshKey((key) => key + 1);
      }),
      api.on('menu:invoked', ({ action }) => {
        if (action === 'import') startImport();
        if (action === 'export') setExporting(true);
        if (action === 'undo' || action === 'redo') menuHistory.current(action, true);
      }),
      // Undo/redo, imports and other windows change records behind the page's back: reload views.
      api.on('case:changed', () => setRefreshKey((key) => key + 1)),
    ];
    return () => offs.forEach((off) => off());
  }, [loadCase]);

  useEffect(() => {
    if (caseInfo) document.title = `${caseInfo.name} — Parley`;
  }, [caseInfo]);

  /** Browser mode: upload files one by one, building the same progress the desktop job reports. */
  const uploadAll = useCallback(async (files: File[]) => {
    if (files.length === 0) return;
    uploadCancelled.current = false;
    const started = Date.now();
    const state: ImportProgress = {
      jobId: `upload-${started}`,
      state: 'running',
      total: files.length,
      done: 0,
      currentFile: null,
      rate: 0,
      counts: { imported: 0, duplicate: 0, skipped: 0, error: 0 },
      results: [],
      startedAt: new Date(started).toISOString(),
      finishedAt: null,
    };
    setProgress({ ...state });
    for (const file of files) {
      if (uploadCancelled.current) break;
      state.currentFile = file.name;
      setProgress({ ...state });
      let results: ImportFileResult[];
      try {
        results = await uploadFile(file);
      } catch (error) {
        results = [{ file: file.name, label: file.name, status: 'error', error: { code: 'unreadable', message: (error as Error).message } }];
      }
      for (const result of results) {
        state.results = [...state.results, result];
        state.counts = { ...state.counts, [result.status]: state.counts[result.status] + 1 };
      }
      state.done++;
      state.rate = state.done / Math.max(0.001, (Date.now() - started) / 1000);
      setProgress({ ...state });
    }
    state.state = uploadCancelled.current ? 'cancelled' : 'done';
    if (uploadCancelled.current) state.message = `Cancelled after ${state.done} of ${state.total} files; the finished files are in the case`;
    state.currentFile = null;
    state.finishedAt = new Date().toISOString();
    setProgress({ ...state });
    setRefreshKey((key) => key + 1);
    void loadCase();
  }, [loadCase]);

  const startImport = useCallback(() => {
    if (api.mode === 'desktop') void api.command('shell:import-files');
    else fileInput.current?.click();
  }, []);

  const onDrop = useCallback(
    async (event: React.DragEvent) => {
      event.preventDefault();
      setDragging(false);
      if (!caseInfo) return;
      if (api.mode === 'desktop') {
        const paths = [...event.dataTransfer.files].map((file) => api.pathForFile(file)).filter((path): path is string => !!path);
        if (paths.length > 0) await api.call('import:start', { paths });
      } else {
        await uploadAll(await filesFromDrop(event.dataTransfer));
      }
    },
    [caseInfo, uploadAll],
  );

  if (!caseInfo) {
    return (
      <main className="welcome" data-testid="welcome">
        <h1>Parley</h1>
        <p>An evidence workbench for negotiations followed through the press: who said what, who the actors are, and what each side demands, offers, concedes or rejects.</p>
        {caseError && <p className="form-error" role="alert">{caseError}</p>}
        {api.mode === 'desktop' ? (
          <div className="welcome-actions">
            <button type="button" className="primary" onClick={() => void api.command('shell:new-case')}>
              New case…
            </button>
            <button type="button" onClick={() => void api.command('shell:open-case')}>
              Open case…
            </button>
          </div>
        ) : (
          <p className="muted">
            Browser mode serves one case. Start it with <code>npm run web -- path/to/case.parley</code> and open the address it prints.
          </p>
        )}
      </main>
    );
  }

  const caseKey = `${caseInfo.path}#${refreshKey}`;
  return (
    <div
      className="app"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={(event) => void onDrop(event)}
    >
      <header className="app-header">
        <span className="brand">Parley</span>
        <span className="case-name" data-testid="case-name" title={caseInfo.path}>
          {caseInfo.name}
        </span>
        <nav className="views" aria-label="Views">
          {VIEWS.map((entry) => (
            <button
              key={entry.id}
              type="button"
              className={view === entry.id ? 'active' : ''}
              aria-current={view === entry.id ? 'page' : undefined}
              onClick={() => {
                setView(entry.id);
                setDocumentFocus(null);
                setRefreshKey((key) => key + 1);
              }}
              data-testid={`nav-${entry.id}`}
            >
              {entry.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <button type="button" onClick={startImport} data-testid="import-button">
          Import…
        </button>
        {api.mode === 'browser' && (
          <button type="button" onClick={() => folderInput.current?.click()} data-testid="import-folder-button">
            Import folder…
          </button>
        )}
        <button type="button" onClick={() => setExporting(true)} data-testid="export-button">
          Export…
        </button>
      </header>
      <main className="app-main">
        {view === 'documents' && <DocumentsView caseKey={caseKey} onImport={startImport} focus={documentFocus} />}
        {view === 'annotations' && <AnnotationsView caseKey={caseKey} onShowSpan={showSpan} />}
        {view === 'parties' && <PartiesView caseKey={caseKey} onShowSpan={showSpan} onChanged={refresh} />}
        {view === 'sources' && <SourcesView caseKey={caseKey} onShowSpan={showSpan} />}
        {view === 'concessions' && <ConcessionsView caseKey={caseKey} onShowSpan={showSpan} />}
      </main>
      {progress && (
        <ImportPanel
          progress={progress}
          onCancel={() => {
            if (progress.jobId.startsWith('upload-')) uploadCancelled.current = true;
            else void api.call('import:cancel', { jobId: progress.jobId });
          }}
          onClose={() => setProgress(null)}
        />
      )}
      {exporting && <ExportPanel caseName={caseInfo.name} onClose={() => setExporting(false)} onMerged={refresh} />}
      <Toast toast={toast} onDone={() => setToast(null)} />
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          Drop articles or folders to import them into {caseInfo.name}
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        data-testid="upload-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          void uploadAll(files);
        }}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        data-testid="upload-folder-input"
        {...{ webkitdirectory: '' }}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])].filter((file) => !file.name.startsWith('.'));
          event.target.value = '';
          void uploadAll(files);
        }}
      />
    </div>
  );
}
