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
import { ClashesPanel } from '../features/hub/ClashesPanel';
import { HistoryView } from '../features/history/HistoryView';
import { HubIndicator } from '../features/hub/HubIndicator';
import { ShareDialog, type HubCredentialsAnswer } from '../features/hub/ShareDialog';
import { describeSync, useHub } from '../features/hub/use-hub';
import { ImportPanel } from '../features/import/ImportPanel';
import { useImport } from '../features/import/use-import';
import { MatrixView } from '../features/matrix/MatrixView';
import { PartiesView } from '../features/parties/PartiesView';
import { PlansView } from '../features/plans/PlansView';
import { SearchView } from '../features/search/SearchView';
import { SourcesView } from '../features/sources/SourcesView';
import { SuggestionsView } from '../features/suggestions/SuggestionsView';
import { TimelineView } from '../features/timeline/TimelineView';
import { Toast, type ToastMessage } from '../ui/Toast';
import { useHistory } from './use-history';

const VIEWS = [
  { id: 'search', label: 'Search' },
  { id: 'documents', label: 'Documents' },
  { id: 'annotations', label: 'Annotations' },
  { id: 'parties', label: 'Parties' },
  { id: 'sources', label: 'Sources' },
  { id: 'concessions', label: 'Concessions' },
  { id: 'matrix', label: 'Matrix' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'plans', label: 'Plans' },
  { id: 'corroboration', label: 'Corroboration' },
  { id: 'suggestions', label: 'Review' },
  { id: 'history', label: 'History' },
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
  const [searchNonce, setSearchNonce] = useState(0);
  const [searchOpened, setSearchOpened] = useState(false);
  const openSearch = useCallback(() => {
    setView('search');
    setSearchOpened(true);
    setSearchNonce(Date.now());
  }, []);
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
  const hub = useHub();
  const [hubDialog, setHubDialog] = useState<'share' | 'password' | null>(null);
  const [showClashes, setShowClashes] = useState(false);

  const syncNow = useCallback(
    async (credentials?: { password?: string; remember?: boolean }): Promise<string | null> => {
      if (!hub.status?.shared) {
        setHubDialog('share');
        return null;
      }
      const result = await hub.sync(credentials);
      if (result.ok) {
        setHubDialog(null);
        say(describeSync(result.value));
        return null;
      }
      // No password in the keychain (or it changed): ask, then sync again.
      if (result.code === 'unauthorized' && /password/i.test(result.message)) {
        setHubDialog('password');
        return credentials?.password ? result.message : null;
      }
      if (!credentials) say(result.message, 'error');
      return result.message;
    },
    [hub, say],
  );

  const answerHub = useCallback(
    async (answer: HubCredentialsAnswer): Promise<string | null> => {
      const password = answer.password || undefined;
      if (hubDialog === 'password') return syncNow({ password, remember: answer.remember });
      const result = await hub.share({ url: answer.url, analystName: answer.analystName || undefined, password, remember: answer.remember });
      if (!result.ok) return result.message;
      setHubDialog(null);
      say(`Shared as case ${result.value.caseId}: members clone it with parley hub clone`);
      return null;
    },
    [hub, hubDialog, say, syncNow],
  );

  // The menu's handlers outlive renders: reach the latest through refs.
  const menu = useRef({ imports, onHistory, syncNow, openSearch });
  menu.current = { imports, onHistory, syncNow, openSearch };

  useEffect(() => {
    void loadCase();
    const offs = [
      api.on('case:opened', (info) => setCaseInfo(info)),
      api.on('case:closed', () => setCaseInfo(null)),
      api.on('menu:invoked', ({ action }) => {
        if (action === 'import') void menu.current.imports.choose('files');
        if (action === 'export') setExporting(true);
        if (action === 'undo' || action === 'redo') menu.current.onHistory(action, true);
        if (action === 'hub-share') setHubDialog('share');
        if (action === 'hub-sync') void menu.current.syncNow();
        if (action === 'find') menu.current.openSearch();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [loadCase]);

  // Ctrl+K / Ctrl+F (Cmd on a Mac): the case's search box, from anywhere, instead of the page's find bar.
  useEffect(() => {
    if (!caseInfo) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== 'k' && event.key.toLowerCase() !== 'f') return;
      event.preventDefault();
      menu.current.openSearch();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [caseInfo]);

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
                if (entry.id === 'search') return openSearch();
                setView(entry.id);
                setDocumentFocus(null);
              }}
              title={entry.id === 'search' ? 'Search articles, quotes and notes (Ctrl+K)' : undefined}
              data-testid={`nav-${entry.id}`}
            >
              {entry.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <HubIndicator status={hub.status} syncing={hub.syncing} onShare={() => setHubDialog('share')} onSync={() => void syncNow()} onClashes={() => setShowClashes(true)} />
        <button type="button" onClick={importFiles} data-testid="import-button">
          Import…
        </button>
        <button type="button" onClick={() => void imports.choose('folder')} data-testid="import-folder-button" title="Import every article in a folder">
          Folder…
        </button>
        <button type="button" onClick={() => setExporting(true)} data-testid="export-button">
          Export…
        </button>
      </header>
      {/* A view mounts fresh when shown, and for each case; while shown it refetches what changes. */}
      <main className="app-main" key={caseInfo.path}>
        {/* Search stays mounted once opened, so its query, filters and hits survive a look at another view. */}
        {searchOpened && (
          <div className="view-keeper" hidden={view !== 'search'}>
            <SearchView focusNonce={searchNonce} />
          </div>
        )}
        {view === 'documents' && <DocumentsView onImport={importFiles} focus={documentFocus} />}
        {view === 'annotations' && <AnnotationsView onShowSpan={showSpan} />}
        {view === 'parties' && <PartiesView onShowSpan={showSpan} />}
        {view === 'sources' && <SourcesView onShowSpan={showSpan} />}
        {view === 'concessions' && <ConcessionsView onShowSpan={showSpan} />}
        {view === 'suggestions' && (
          <SuggestionsView
            onOpenDocument={(documentId) => {
              setView('documents');
              setDocumentFocus({ documentId, nonce: Date.now() });
            }}
          />
        )}
        {view === 'matrix' && <MatrixView onShowSpan={showSpan} />}
        {view === 'plans' && <PlansView />}
        {view === 'timeline' && <TimelineView onShowSpan={showSpan} />}
        {view === 'corroboration' && <CorroborationView onShowSpan={showSpan} />}
        {view === 'history' && <HistoryView />}
      </main>
      {imports.progress && <ImportPanel progress={imports.progress} onCancel={imports.cancel} onClose={imports.dismiss} />}
      {hubDialog && hub.status && <ShareDialog mode={hubDialog} status={hub.status} onSubmit={answerHub} onCancel={() => setHubDialog(null)} />}
      {showClashes && <ClashesPanel onClose={() => setShowClashes(false)} />}
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
