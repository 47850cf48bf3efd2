import { useEffect, useRef, useState } from 'react';
import type { ImportFileStatus, ImportProgress } from '../../../shared/model/import';

const STATUS_LABEL: Record<ImportFileStatus, string> = {
  imported: 'Imported',
  duplicate: 'Duplicate',
  skipped: 'Skipped',
  error: 'Error',
};

/**
 * Progress of one import, docked under the views (it never covers them): a one-line bar with the
 * counts, cancel and close, that opens into the per-file list. It opens when an import starts and
 * folds back to the bar when it ends; failures stay one click away.
 */
export function ImportPanel({ progress, onCancel, onClose }: { progress: ImportProgress; onCancel(): void; onClose(): void }) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const running = progress.state === 'running';
  const [expanded, setExpanded] = useState(running);
  const was = useRef({ jobId: progress.jobId, running });
  useEffect(() => {
    if (was.current.jobId !== progress.jobId) setExpanded(running);
    else if (was.current.running && !running) setExpanded(false);
    was.current = { jobId: progress.jobId, running };
  }, [progress.jobId, running]);

  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  // Skipped entries (hidden files, pipes, links out of the folder, unsupported types) were never
  // opened: listed with their reason, counted apart from the files that failed.
  const problems = progress.counts.error;
  const results = onlyProblems ? progress.results.filter((result) => result.status === 'error' || result.status === 'skipped') : progress.results;
  const shown = results.slice(-500).reverse();
  const heading = running ? 'Importing…' : progress.state === 'cancelled' ? 'Import cancelled' : progress.state === 'failed' ? 'Import failed' : 'Import finished';

  return (
    <section className={`import-panel${expanded ? ' expanded' : ''}`} data-testid="import-panel" aria-live="polite" aria-label="Import">
      <header className="import-bar">
        <button type="button" className="link import-toggle" aria-expanded={expanded} onClick={() => setExpanded((value) => !value)} data-testid="import-toggle" title={expanded ? 'Fold the list away' : 'Show every file'}>
          {expanded ? '▾' : '▸'} <strong>{heading}</strong>
        </button>
        <span className="import-summary" data-testid="import-summary">
          {progress.done} of {progress.total || '…'} files · {progress.counts.imported} imported · {progress.counts.duplicate} duplicates ·{' '}
          {progress.counts.skipped > 0 && <>{progress.counts.skipped} skipped · </>}
          <span className={problems > 0 ? 'problems' : ''}>{problems} failed</span>
          {running && progress.rate > 0 && ` · ${progress.rate.toFixed(1)} files/s`}
        </span>
        {running && (
          <div className="progress inline" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
        )}
        <span className="spacer" />
        {running ? (
          <button type="button" className="danger" onClick={onCancel} data-testid="import-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" className="link" onClick={onClose} aria-label="Close the import summary" data-testid="import-close">
            Close ✕
          </button>
        )}
      </header>
      {expanded && (
        <div className="import-details">
          {running && progress.currentFile && <p className="muted small current-file">Now: {progress.currentFile}</p>}
          {progress.message && <p className="muted small">{progress.message}</p>}
          <label className="checkbox small">
            <input type="checkbox" checked={onlyProblems} onChange={(event) => setOnlyProblems(event.target.checked)} /> Show only problems
          </label>
          <ol className="import-results" data-testid="import-results">
            {shown.map((result, index) => (
              <li key={`${result.file}-${result.label}-${index}`} className={`status-${result.status}`}>
                <span className="status">{STATUS_LABEL[result.status]}</span>
                <span className="file" title={result.file}>
                  {result.label}
                </span>
                {result.error && <span className="reason">{result.error.message}</span>}
                {result.status === 'duplicate' && <span className="reason">already in the case</span>}
                {result.nearDuplicateOf && <span className="reason">stored, linked as a copy of a similar article</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
