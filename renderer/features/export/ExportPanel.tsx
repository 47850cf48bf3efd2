import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportFile, MergeReport, ReportSectionInfo } from '../../../shared/model/export';
import { CSV_TABLES } from '../../../shared/model/export';
import type { MatrixColumns } from '../../../shared/model/analysis';
import { humanise } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { fileToBase64 } from '../../ui/files';
import { useEscapeKey } from '../../ui/use-escape-key';
import { decodeBase64Text, describeFile, saveExportFile } from './download';
import { ReportPreview } from './ReportPreview';

type Busy = { label: string } | null;
/** The report section that draws the stance matrix; ticking it offers its columns and day. */
const MATRIX_SECTION = 'stance-matrix';
type Tab = 'report' | 'data';
type Outcome = { ok: true; value: ExportFile } | { ok: false; error: { message: string } };

/**
 * Reports for readers who never open Parley (HTML, PDF, Word, Markdown) beside a full-height
 * preview of the report as it stands, and data for other tools (JSON, W3C annotations,
 * spreadsheets, case bundles), plus merging a colleague's bundle. Every file written is confirmed
 * with its name and size.
 */
export function ExportPanel({ caseName, onClose }: { caseName: string; onClose(): void }) {
  const [tab, setTab] = useState<Tab>('report');
  const [sections, setSections] = useState<ReportSectionInfo[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [title, setTitle] = useState(caseName);
  const [analyst, setAnalyst] = useState('');
  const [creditAnalysts, setCreditAnalysts] = useState(false);
  const [summary, setSummary] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [parties, setParties] = useState<{ id: string; name: string }[]>([]);
  const [concessions, setConcessions] = useState<{ id: string; title: string }[]>([]);
  const [partyIds, setPartyIds] = useState<string[]>([]);
  const [concessionIds, setConcessionIds] = useState<string[]>([]);
  const [tags, setTags] = useState('');
  const [matrixBy, setMatrixBy] = useState<MatrixColumns>('concession');
  const [matrixAsOf, setMatrixAsOf] = useState('');
  const [table, setTable] = useState<(typeof CSV_TABLES)[number]>('annotations');
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ html: string; options: string } | null>(null);
  const [merge, setMerge] = useState<MergeReport | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  useEffect(() => api.on('export:progressed', ({ done, total }) => setPercent(Math.round((done / Math.max(1, total)) * 100))), []);
  const bundleInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void api.call('report:sections', {}).then((result) => {
      if (!result.ok) return setError(result.error.message);
      setSections(result.value);
      setChosen(new Set(result.value.filter((section) => section.byDefault).map((section) => section.id)));
    });
    void api.call('party:list', {}).then((result) => result.ok && setParties(result.value));
    void api.call('concession:list', {}).then((result) => result.ok && setConcessions(result.value));
  }, []);
  useEscapeKey(onClose);

  // Until the section list has loaded (or when the analyst unticks every section) a report would be empty.
  const canReport = !busy && chosen.size > 0;
  const tagList = tags.split(',').map((tag) => tag.trim()).filter(Boolean);
  const scope = {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(partyIds.length ? { partyIds } : {}),
    ...(concessionIds.length ? { concessionIds } : {}),
    ...(tagList.length ? { tags: tagList } : {}),
  };
  const dataScope = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const withMatrix = chosen.has(MATRIX_SECTION);
  const reportInput = {
    scope,
    sections: [...chosen],
    title: title || null,
    analyst: analyst || null,
    summary: summary || null,
    ...(creditAnalysts ? { creditAnalysts } : {}),
    ...(withMatrix ? { matrix: { by: matrixBy, ...(matrixAsOf ? { asOf: matrixAsOf } : {}) } } : {}),
  };
  const options = JSON.stringify(reportInput);
  const stale = preview !== null && preview.options !== options;

  async function run(label: string, call: () => Promise<Outcome>, onFile: (file: ExportFile) => void) {
    setBusy({ label });
    setError(null);
    setSaved(null);
    setPercent(null);
    try {
      const result = await call();
      if (!result.ok) setError(result.error.message);
      else onFile(result.value);
    } finally {
      setBusy(null);
    }
  }

  /** Hand the file to the browser (or the app's save dialog) and say what was written. */
  const download = (file: ExportFile) => {
    saveExportFile(file);
    setSaved(`Downloaded ${describeFile(file)}`);
  };

  const showPreview = useCallback(() => {
    const wanted = options;
    void run('Preparing the preview…', () => api.call('report:render', { format: 'html', ...reportInput }), (file) =>
      setPreview({ html: decodeBase64Text(file.dataBase64), options: wanted }),
    );
    // The inputs are read through `options`, which says everything the preview depends on.
  }, [options]);

  // A first preview as soon as the sections are known, so the panel opens on the report as it stands.
  const previewed = useRef(false);
  useEffect(() => {
    if (previewed.current || chosen.size === 0) return;
    previewed.current = true;
    showPreview();
  }, [chosen, showPreview]);

  const report = (format: 'html' | 'pdf' | 'md' | 'docx') =>
    run(`Writing the ${format.toUpperCase()} report…`, () => api.call('report:render', { format, ...reportInput }), download);
  const data = (format: 'json' | 'w3c' | 'csv' | 'xlsx' | 'qdpx' | 'bundle') =>
    run(`Exporting ${format.toUpperCase()}…`, () => api.call('export:data', { format, scope: dataScope, table }), download);

  async function mergeBundle(file: File) {
    setBusy({ label: `Merging ${file.name}…` });
    setError(null);
    setSaved(null);
    try {
      const result = await api.call('bundle:merge', { name: file.name, dataBase64: await fileToBase64(file) });
      if (!result.ok) setError(result.error.message);
      // The service announces what the merge changed (case:changed); the views refetch it.
      else setMerge(result.value);
    } finally {
      setBusy(null);
    }
  }

  const status = (
    <div className="export-status">
      {busy && (
        <div className="export-busy" role="status" data-testid="export-busy">
          {percent === null ? (
            <div className="progress indeterminate">
              <div className="progress-bar" />
            </div>
          ) : (
            <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
              <div className="progress-bar" style={{ width: `${percent}%` }} />
            </div>
          )}
          {busy.label}
        </div>
      )}
      {saved && !busy && (
        <p className="export-done" role="status" data-testid="export-done">
          ✓ {saved}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="export-error">
          {error}
        </p>
      )}
    </div>
  );

  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal export-panel" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-panel">
        <header className="export-header">
          <h2 id="export-title">Export and share</h2>
          <div className="segmented" role="tablist" aria-label="Export">
            <button type="button" role="tab" aria-selected={tab === 'report'} aria-pressed={tab === 'report'} onClick={() => setTab('report')} data-testid="export-tab-report">
              Annotated report
            </button>
            <button type="button" role="tab" aria-selected={tab === 'data'} aria-pressed={tab === 'data'} onClick={() => setTab('data')} data-testid="export-tab-data">
              Data and sharing
            </button>
          </div>
          <span className="spacer" />
          <button type="button" className="link" onClick={onClose} aria-label="Close">
            Close ✕
          </button>
        </header>
        {tab === 'report' ? (
          <div className="export-report">
            <section className="export-options">
              <div className="export-fields">
                <label className="field">
                  Title
                  <input value={title} onChange={(event) => setTitle(event.target.value)} data-testid="report-title" />
                </label>
                <label className="field">
                  Analyst
                  <input value={analyst} onChange={(event) => setAnalyst(event.target.value)} placeholder="Your name" data-testid="report-analyst" />
                </label>
                <label className="checkbox">
                  <input type="checkbox" checked={creditAnalysts} onChange={(event) => setCreditAnalysts(event.target.checked)} data-testid="report-credit-analysts" />
                  Credit every analyst of the case (with the annotations each made)
                </label>
                <label className="field">
                  Summary
                  <textarea value={summary} rows={3} onChange={(event) => setSummary(event.target.value)} placeholder="What the reader should take away" data-testid="report-summary" />
                </label>
                <div className="field-row">
                  <label className="field">
                    Articles from
                    <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} data-testid="report-from" />
                  </label>
                  <label className="field">
                    to
                    <input type="date" value={to} onChange={(event) => setTo(event.target.value)} data-testid="report-to" />
                  </label>
                </div>
                <div className="field-row">
                  <label className="field grow">
                    Only these parties
                    <select multiple value={partyIds} onChange={(event) => setPartyIds([...event.target.selectedOptions].map((option) => option.value))} data-testid="report-parties">
                      {parties.map((party) => (
                        <option key={party.id} value={party.id}>
                          {party.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="field grow">
                    Only these concessions
                    <select multiple value={concessionIds} onChange={(event) => setConcessionIds([...event.target.selectedOptions].map((option) => option.value))} data-testid="report-concessions">
                      {concessions.map((concession) => (
                        <option key={concession.id} value={concession.id}>
                          {concession.title}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <label className="field">
                  Only annotations tagged (comma-separated)
                  <input value={tags} onChange={(event) => setTags(event.target.value)} placeholder="e.g. territory, leak" data-testid="report-tags" />
                </label>
                <fieldset className="sections">
                  <legend>Sections</legend>
                  {sections.map((section) => (
                    <label key={section.id} className="checkbox">
                      <input
                        type="checkbox"
                        checked={chosen.has(section.id)}
                        onChange={(event) => {
                          const next = new Set(chosen);
                          if (event.target.checked) next.add(section.id);
                          else next.delete(section.id);
                          setChosen(next);
                        }}
                      />
                      {section.title}
                    </label>
                  ))}
                  {withMatrix && (
                    <div className="field-row matrix-options" data-testid="report-matrix-options">
                      <label className="field">
                        Matrix columns
                        <select value={matrixBy} onChange={(event) => setMatrixBy(event.target.value as MatrixColumns)} data-testid="report-matrix-by">
                          <option value="concession">Concessions</option>
                          <option value="issue_area">Issue areas</option>
                        </select>
                      </label>
                      <label className="field">
                        Stances as of
                        <input type="date" value={matrixAsOf} onChange={(event) => setMatrixAsOf(event.target.value)} data-testid="report-matrix-as-of" />
                        <span className="muted small">{matrixAsOf ? '' : to ? `blank: ${to}, the end of the range` : 'blank: the report date (latest entries)'}</span>
                      </label>
                    </div>
                  )}
                  {sections.length > 0 && chosen.size === 0 && (
                    <p className="muted small" data-testid="report-no-section">
                      Tick at least one section to write a report.
                    </p>
                  )}
                </fieldset>
              </div>
              <div className="export-actions">
                <div className="button-row export-formats">
                  <span className="muted small">Save as</span>
                  <button type="button" className="primary" onClick={() => void report('pdf')} disabled={!canReport} data-testid="report-pdf">
                    PDF
                  </button>
                  <button type="button" onClick={() => void report('docx')} disabled={!canReport} data-testid="report-docx">
                    Word
                  </button>
                  <button type="button" onClick={() => void report('html')} disabled={!canReport} data-testid="report-html">
                    HTML
                  </button>
                  <button type="button" onClick={() => void report('md')} disabled={!canReport} data-testid="report-md">
                    Markdown
                  </button>
                </div>
                {status}
              </div>
            </section>
            <section className="export-preview" aria-label="Report preview">
              <div className="preview-bar">
                <strong>Preview</strong>
                {stale && (
                  <span className="muted small" data-testid="report-preview-stale">
                    The options changed since this preview.
                  </span>
                )}
                <span className="spacer" />
                <button type="button" onClick={showPreview} disabled={!canReport} className={stale ? 'primary' : ''} data-testid="report-preview">
                  {preview ? 'Refresh preview' : 'Preview'}
                </button>
              </div>
              {preview ? (
                <ReportPreview html={preview.html} />
              ) : (
                <p className="muted preview-empty">{busy ? busy.label : chosen.size === 0 ? 'Tick at least one section to preview the report.' : 'The report appears here.'}</p>
              )}
            </section>
          </div>
        ) : (
          <div className="export-data">
            <section>
              <h3>Data</h3>
              <p className="muted small">For spreadsheets, QDA tools and other programs. The date range on the report tab applies{from || to ? ` (${from || '…'} to ${to || '…'})` : ''}.</p>
              <div className="button-row">
                <button type="button" onClick={() => void data('xlsx')} disabled={!!busy} data-testid="export-xlsx">
                  Excel (all grids)
                </button>
                <button type="button" onClick={() => void data('json')} disabled={!!busy} data-testid="export-json">
                  JSON (whole case)
                </button>
                <button type="button" onClick={() => void data('w3c')} disabled={!!busy} data-testid="export-w3c">
                  W3C annotations
                </button>
                <button type="button" onClick={() => void data('qdpx')} disabled={!!busy} data-testid="export-qdpx" title="REFI-QDA project for ATLAS.ti, NVivo, MAXQDA, QualCoder">
                  QDA project (.qdpx)
                </button>
              </div>
              <div className="button-row">
                <select value={table} onChange={(event) => setTable(event.target.value as (typeof CSV_TABLES)[number])} aria-label="Grid to export as CSV">
                  {CSV_TABLES.map((name) => (
                    <option key={name} value={name}>
                      {humanise(name)}
                    </option>
                  ))}
                </select>
                <button type="button" onClick={() => void data('csv')} disabled={!!busy} data-testid="export-csv">
                  CSV
                </button>
              </div>
            </section>
            <section>
              <h3>Share with a colleague</h3>
              <p className="muted small">A bundle carries the case (or the date range) with its original files. Merging one adds what is new; edits to the same field keep the later one and list the other.</p>
              <div className="button-row">
                <button type="button" onClick={() => void data('bundle')} disabled={!!busy} data-testid="export-bundle">
                  Export bundle
                </button>
                <button type="button" onClick={() => bundleInput.current?.click()} disabled={!!busy} data-testid="merge-bundle">
                  Merge a bundle…
                </button>
                <input
                  ref={bundleInput}
                  type="file"
                  hidden
                  data-testid="merge-bundle-input"
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    event.target.value = '';
                    if (file) void mergeBundle(file);
                  }}
                />
              </div>
              {merge && (
                <div className="merge-report" data-testid="merge-report">
                  <strong>
                    Merged: {merge.added} added, {merge.updated} updated, {merge.unchanged} unchanged
                  </strong>
                  {merge.conflicts.length > 0 && (
                    <>
                      <p>{merge.conflicts.length} edits clashed; the later one was kept, the other is in the audit log:</p>
                      <ul>
                        {merge.conflicts.slice(0, 50).map((conflict, index) => (
                          <li key={index}>
                            {humanise(conflict.aggregate)} · {conflict.field}: kept “{String(conflict.kept)}”, not “{String(conflict.lost)}”
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
              )}
            </section>
            {status}
          </div>
        )}
      </div>
    </div>
  );
}
