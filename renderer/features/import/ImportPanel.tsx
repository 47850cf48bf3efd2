import { useState } from 'react';
import type { ImportFileStatus, ImportProgress } from '../../../shared/model/import';

const STATUS_LABEL: Record<ImportFileStatus, string> = {
  imported: 'Imported',
  duplicate: 'Duplicate',
  skipped: 'Skipped',
  error: 'Error',
};

/** Progress of one import: files done/total, current file, rate, per-file status, cancel. */
export function ImportPanel({ progress, onCancel, onClose }: { progress: ImportProgress; onCancel(): void; onClose(): void }) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const running = progress.state === 'running';
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const results = onlyProblems ? progress.results.filter((result) => result.status === 'error' || result.status === 'skipped') : progress.results;
  const shown = results.slice(-500).reverse();

  return (
    <section className="import-panel" data-testid="import-panel" aria-live="polite">
      <header>
        <h2>
          {running ? 'Importing…' : progress.state === 'cancelled' ? 'Import cancelled' : progress.state === 'failed' ? 'Import failed' : 'Import finished'}
        </h2>
        <span className="spacer" />
        {running ? (
          <button type="button" className="danger" onClick={onCancel} data-testid="import-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" onClick={onClose} data-testid="import-close">
            Close
          </button>
        )}
      </header>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="import-summary" data-testid="import-summary">
        {progress.done} of {progress.total || '…'} files · {progress.counts.imported} imported · {progress.counts.duplicate} duplicates ·{' '}
        {progress.counts.error + progress.counts.skipped} failed
        {running && progress.rate > 0 && ` · ${progress.rate.toFixed(1)} files/s`}
      </p>
      {running && progress.currentFile && <p className="muted small current-file">Now: {progress.currentFile}</p>}
      {progress.message && <p className="muted">{progress.message}</p>}
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
    </section>
  );
}
