import { useEffect, useState } from 'react';
import type { DocumentDetail, DocumentOriginal } from '../../../shared/model/document';
import { api } from '../../api';
import { formatDate } from '../../grid/columns';

/**
 * The cleaned article with its metadata. Text is rendered as React text nodes, never as HTML, so
 * nothing from an article can run here; the original is shown as plain source text.
 */
export function ReaderView({ documentId, onClose }: { documentId: string; onClose(): void }) {
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  const [original, setOriginal] = useState<DocumentOriginal | null>(null);
  const [showOriginal, setShowOriginal] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setDetail(null);
    setOriginal(null);
    setShowOriginal(false);
    void api.call('document:get', { id: documentId }).then((result) => {
      if (result.ok) setDetail(result.value);
      else setError(result.error.message);
    });
  }, [documentId]);

  useEffect(() => {
    if (!showOriginal || original) return;
    void api.call('document:original', { id: documentId }).then((result) => {
      if (result.ok) setOriginal(result.value);
      else setError(result.error.message);
    });
  }, [showOriginal, original, documentId]);

  if (error) return <aside className="reader" role="alert">{error}</aside>;
  if (!detail) return <aside className="reader">Loading…</aside>;
  const paragraphs = detail.text.split(/\n{2,}/);
  const meta = [detail.byline, detail.outlet, formatDate(detail.publishedAt)].filter(Boolean).join(' · ');

  return (
    <aside className="reader" data-testid="reader">
      <header className="reader-header">
        <div className="reader-actions">
          <div className="segmented" role="group" aria-label="View">
            <button type="button" aria-pressed={!showOriginal} onClick={() => setShowOriginal(false)} data-testid="reader-cleaned">
              Article
            </button>
            <button type="button" aria-pressed={showOriginal} onClick={() => setShowOriginal(true)} data-testid="reader-original">
              Original
            </button>
          </div>
          <button type="button" className="link" onClick={onClose} aria-label="Close reader">
            Close ✕
          </button>
        </div>
        <h2 data-testid="reader-title">{detail.title ?? '(untitled)'}</h2>
        <p className="muted">{meta || 'No byline, outlet or date found; edit them in the grid.'}</p>
        {detail.url && (
          <p className="reader-url">
            <a
              href={detail.url}
              onClick={(event) => {
                event.preventDefault();
                if (api.mode === 'desktop') void api.command('shell:open-external', detail.url);
                else window.open(detail.url ?? '', '_blank', 'noopener,noreferrer');
              }}
            >
              {detail.url}
            </a>
          </p>
        )}
        <p className="muted small">
          {detail.wordCount.toLocaleString()} words · {detail.format.toUpperCase()} · from {detail.originalName ?? detail.label}
          {detail.nearDuplicateOf && ' · near-duplicate of another article in this case'}
        </p>
      </header>
      {showOriginal ? (
        original === null ? (
          <p>Loading…</p>
        ) : original.text === null ? (
          <p className="muted">
            The original is a {detail.format.toUpperCase()} file ({(original.size / 1024).toFixed(0)} KB) kept in the case for
            provenance; its text is what the Article view shows.
          </p>
        ) : (
          <pre className="original-source" data-testid="reader-original-text">
            {original.text}
          </pre>
        )
      ) : (
        <article className="reader-text" lang={detail.language ?? undefined} data-testid="reader-text">
          {paragraphs.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </article>
      )}
    </aside>
  );
}
