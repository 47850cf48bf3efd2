import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DocumentSummary } from '../../../shared/model/document';
import { api } from '../../api';
import { useCaseChanged } from '../../ui/case-changes';
import { documentColumns } from '../../grid/columns';
import { EntityGrid } from '../../ui/EntityGrid';
import { useEntityGrid } from '../../ui/use-entity-grid';
import { ReaderView, type ReaderFocus } from '../reader/ReaderView';

/** Open a document in the reader, optionally at one annotation. */
export interface DocumentFocus extends Partial<ReaderFocus> {
  documentId: string;
  nonce: number;
}

export function DocumentsView({ onImport, focus }: { onImport(): void; focus?: DocumentFocus | null }) {
  const documents = useEntityGrid('document');
  const columns = useMemo(() => documentColumns(), []);
  const [openId, setOpenId] = useState<string | null>(focus?.documentId ?? null);
  useEffect(() => {
    if (focus) setOpenId(focus.documentId);
  }, [focus]);
  // Pending suggestions per document, shown as a column and refreshed as runs store them.
  const [pending, setPending] = useState<Map<string, number>>(new Map());
  const [suggesting, setSuggesting] = useState<string | null>(null);
  const loadPending = useCallback(async () => {
    const result = await api.call('suggestion:counts', {});
    if (result.ok) setPending(new Map(result.value.map((count) => [count.documentId, count.pending])));
  }, []);
  useEffect(() => {
    void loadPending();
  }, [loadPending]);
  useCaseChanged(['suggestion', 'suggestion_rejection', 'annotation', 'document'], loadPending);
  useEffect(
    () =>
      api.on('suggestion:progressed', (progress) => {
        setSuggesting(progress.state === 'running' ? `Suggesting ${progress.done}/${progress.total}…` : null);
      }),
    [],
  );
  const rows = useMemo(
    () => documents.gridProps.rows?.map((document) => ({ ...document, pendingSuggestions: pending.get(document.id) ?? 0 })) ?? null,
    [documents.gridProps.rows, pending],
  );
  const readerFocus =
    focus && (focus.annotationId || focus.match) && focus.documentId === openId
      ? { ...(focus.annotationId ? { annotationId: focus.annotationId } : {}), match: focus.match ?? null, nonce: focus.nonce }
      : null;

  return (
    <div className={openId ? 'split reading' : 'single'}>
      <EntityGrid<DocumentSummary>
        testId="documents-grid"
        gridName="documents"
        openId={openId}
        noun={['document', 'documents']}
        {...documents.gridProps}
        rows={rows}
        selectionActions={(selected) => (
          <button
            type="button"
            onClick={() => void api.call('suggestion:run', { documentIds: selected.map((document) => document.id) })}
            disabled={suggesting !== null}
            title="Read the selected articles and propose their parties, attributions and concessions for review"
            data-testid="documents-suggest"
          >
            Suggest {selected.length}
          </button>
        )}
        onDelete={async (selected) => {
          const reason = await documents.gridProps.onDelete(selected);
          if (!reason && selected.some((document) => document.id === openId)) setOpenId(null);
          return reason;
        }}
        columns={columns}
        describe={(document) => `${document.title ?? document.label}${document.outlet ? ` (${document.outlet})` : ''}`}
        onOpen={(document) => setOpenId(document.id)}
        toolbar={
          <>
            <button type="button" className="primary" onClick={onImport} data-testid="documents-import">
              Import articles…
            </button>
            {suggesting && (
              <span className="muted small" role="status" data-testid="documents-suggesting">
                {suggesting}{' '}
                <button type="button" className="link small" onClick={() => void api.call('suggestion:cancel', {})}>
                  Cancel
                </button>
              </span>
            )}
          </>
        }
        empty={
          <>
            <h3>No articles yet</h3>
            <p>
              Import the articles you follow: saved web pages (.html, .mhtml), text copied from a browser, PDF, Word, e-mail
              and RSS/Atom files, or a whole folder. Drop them anywhere on this window, or use <strong>Import articles…</strong>.
            </p>
            <button type="button" className="primary" onClick={onImport}>
              Import articles…
            </button>
          </>
        }
      />
      {openId && <ReaderView documentId={openId} focus={readerFocus} onClose={() => setOpenId(null)} />}
    </div>
  );
}
