/** The shell: the open case, the view tabs, import/export entry points, undo keys, toasts. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseInfo } from '../../shared/model/case';
import { api } from '../api';
import { AnnotationsView } from '../features/annotations/AnnotationsView';
import { ConcessionsView } from '../features/concessions/ConcessionsView';
import { CorroborationView } from '../features/corroboration/CorroborationView';
import type { ShowSpan } from '../features/detail/DetailPanel';
import { DocumentsView, type DocumentFocus } from '../features/documents/DocumentsView';
import { ExportPanel } from '../features/export/ExportPanel';
import { ImportPanel } from '../features/import/ImportPanel';
import { useImport } from '../features/import/use-import';
import { MatrixView } from '../features/matrix/MatrixView';
import { PartiesView } from '../features/parties/PartiesView';
import { PlansView } from '../features/plans/PlansView';
import { SourcesView } from '../features/sources/SourcesView';
import { TimelineView } from '../features/timeline/TimelineView';
import { Toast, type ToastMessage } from '../ui/Toast';
import { useHistory } from './use-history';

const VIEWS = [
  { id: 'documents', label: 'Documents' },
  { id: 'annotations', label: 'Annotations' },
  { id: 'parties', label: 'Parties' },
  { id: 'sources', label: 'Sources' },
  { id: 'concessions', label: 'Concessions' },
  { id: 'matrix', label: 'Matrix' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'plans', label: 'Plans' },
  { id: 'corroboration', label: 'Corroboration' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

export function App() {
  const [caseInfo, setCaseInfo] = useState<CaseInfo | null>(null);
  const [caseError, setCaseError] = useState<string | null>(null);
  const [view, setView] = useState<ViewId>('documents');
  const [exporting, setExporting] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [documentFocus, setDocumentFocus] = useState<DocumentFocus | null>(null);
  const say = useCallback((text: string, tone: ToastMessage['tone'] = 'info') => setToast({ text, tone, id: Date.now() }), []);

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

  const imports = useImport(() => void loadCase());
  const onHistory = useHistory(caseInfo !== null, say);
  // The menu's handlers outlive renders: reach the latest through refs.
  const menu = useRef({ imports, onHistory });
  menu.current = { imports, onHistory };

  useEffect(() => {
    void loadCase();
    const offs = [
      api.on('case:opened', (info) => setCaseInfo(info)),
      api.on('case:closed', () => setCaseInfo(null)),
      api.on('menu:invoked', ({ action }) => {
        if (action === 'import') void menu.current.imports.choose('files');
        if (action === 'export') setExporting(true);
        if (action === 'undo' || action === 'redo') menu.current.onHistory(action, true);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [loadCase]);

  useEffect(() => {
    if (caseInfo) document.title = `${caseInfo.name} — Parley`;
  }, [caseInfo]);

  const showSpan = useCallback<ShowSpan>((annotation) => {
    setView('documents');
    setDocumentFocus({ documentId: annotation.documentId, annotationId: annotation.id, nonce: Date.now() });
  }, []);
  const importFiles = useCallback(() => void imports.choose('files'), [imports]);

  if (!caseInfo) {
    return (
      <main className="welcome" data-testid="welcome">
        <h1>Parley</h1>
        <p>An evidence workbench for negotiations followed through the press: who said what, who the actors are, and what each side demands, offers, concedes or rejects.</p>
        {caseError && <p className="form-error" role="alert">{caseError}</p>}
        {api.caseFiles ? (
          <div className="welcome-actions">
            <button type="button" className="primary" onClick={() => void api.caseFiles?.create()}>
              New case…
            </button>
            <button type="button" onClick={() => void api.caseFiles?.open()}>
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
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void imports.drop(event.dataTransfer);
      }}
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
              }}
              data-testid={`nav-${entry.id}`}
            >
              {entry.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <button type="button" onClick={importFiles} data-testid="import-button">
          Import…
        </button>
        <button type="button" onClick={() => void imports.choose('folder')} data-testid="import-folder-button">
          Import folder…
        </button>
        <button type="button" onClick={() => setExporting(true)} data-testid="export-button">
          Export…
        </button>
      </header>
      {/* A view mounts fresh when shown, and for each case; while shown it refetches what changes. */}
      <main className="app-main" key={caseInfo.path}>
        {view === 'documents' && <DocumentsView onImport={importFiles} focus={documentFocus} />}
        {view === 'annotations' && <AnnotationsView onShowSpan={showSpan} />}
        {view === 'parties' && <PartiesView onShowSpan={showSpan} />}
        {view === 'sources' && <SourcesView onShowSpan={showSpan} />}
        {view === 'concessions' && <ConcessionsView onShowSpan={showSpan} />}
        {view === 'matrix' && <MatrixView onShowSpan={showSpan} />}
        {view === 'plans' && <PlansView />}
        {view === 'timeline' && <TimelineView onShowSpan={showSpan} />}
        {view === 'corroboration' && <CorroborationView onShowSpan={showSpan} />}
      </main>
      {imports.progress && <ImportPanel progress={imports.progress} onCancel={imports.cancel} onClose={imports.dismiss} />}
      {exporting && <ExportPanel caseName={caseInfo.name} onClose={() => setExporting(false)} />}
      <Toast toast={toast} onDone={() => setToast(null)} />
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          Drop articles or folders to import them into {caseInfo.name}
        </div>
      )}
    </div>
  );
}
