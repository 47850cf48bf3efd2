import { useEffect, useMemo, useState } from 'react';
import type { DocumentSummary } from '../../../shared/model/document';
import { api } from '../../api';
import { useRecords } from '../../app/use-records';
import { EntityGrid } from '../../grid/EntityGrid';
import { documentColumns } from '../../grid/columns';
import { ReaderView, type ReaderFocus } from './ReaderView';

/** Open a document in the reader, optionally at one annotation. */
export interface DocumentFocus extends Partial<ReaderFocus> {
  documentId: string;
  nonce: number;
}

export function DocumentsView({ caseKey, onImport, focus }: { caseKey: string; onImport(): void; focus?: DocumentFocus | null }) {
  const { rows, reload } = useRecords('document:list', caseKey);
  const columns = useMemo(() => documentColumns(), []);
  const [openId, setOpenId] = useState<string | null>(focus?.documentId ?? null);
  useEffect(() => {
    if (focus) setOpenId(focus.documentId);
  }, [focus]);
  const readerFocus = focus && focus.annotationId && focus.documentId === openId ? { annotationId: focus.annotationId, nonce: focus.nonce } : null;

  return (
    <div className={openId ? 'split reading' : 'single'}>
      <EntityGrid<DocumentSummary>
        testId="documents-grid"
        gridName="documents"
        openId={openId}
        noun={['document', 'documents']}
        rows={rows}
        columns={columns}
        describe={(document) => `${document.title ?? document.label}${document.outlet ? ` (${document.outlet})` : ''}`}
        onOpen={(document) => setOpenId(document.id)}
        onEdit={async (document, field, value) => {
          const result = await api.call('document:update', { id: document.id, patch: { [field]: value } });
          await reload();
          return result.ok ? null : result.error.message;
        }}
        onDelete={async (selected) => {
          for (const document of selected) {
            const result = await api.call('document:delete', { id: document.id });
            if (!result.ok) {
              await reload();
              return result.error.message;
            }
            if (document.id === openId) setOpenId(null);
          }
          await reload();
          return null;
        }}
        toolbar={
          <button type="button" className="primary" onClick={onImport} data-testid="documents-import">
            Import articles…
          </button>
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
      {openId && <ReaderView documentId={openId} caseKey={caseKey} focus={readerFocus} onClose={() => setOpenId(null)} />}
    </div>
  );
}
