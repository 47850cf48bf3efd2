/**
 * Corroboration: per claim and per concession, the independent outlets that carried it (copies
 * once, named), the grades as a reliability × credibility matrix, and per-source profiles; claims
 * resting on one anonymous source are flagged. Every span opens the reader.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Corroboration, CorroborationReport, GradeMatrix } from '../../../shared/model/analysis';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { useCaseChanged } from '../../ui/case-changes';
import type { ShowSpan } from '../detail/DetailPanel';

type Tab = 'claims' | 'concessions' | 'sources';

export function CorroborationView({ onShowSpan }: { onShowSpan: ShowSpan }) {
  const [tab, setTab] = useState<Tab>('claims');
  const [report, setReport] = useState<CorroborationReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await api.call('corroboration:report', {});
    if (result.ok) {
      setReport(result.value);
      setError(null);
    } else setError(result.error.message);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useCaseChanged(['annotation', 'document', 'source', 'concession'], load);

  const flagged = report?.claims.filter((claim) => claim.singleAnonymousSource).length ?? 0;
  return (
    <section className="analysis-view" data-testid="corroboration-view">
      <div className="grid-toolbar">
        <div className="segmented" role="group" aria-label="Show">
          {(['claims', 'concessions', 'sources'] as const).map((entry) => (
            <button key={entry} type="button" aria-pressed={tab === entry} onClick={() => setTab(entry)} data-testid={`corroboration-tab-${entry}`}>
              {entry === 'claims' ? 'Claims' : entry === 'concessions' ? 'Concessions' : 'Sources'}
            </button>
          ))}
        </div>
        {report && (
          <span className="muted small">
            {report.claims.length} claims · {report.concessions.length} concessions · {report.sources.length} sources
            {flagged > 0 && <span className="flag"> · {flagged} resting on a single anonymous source</span>}
          </span>
        )}
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {report && tab !== 'sources' && (
        <ul className="corroboration-list">
          {(tab === 'claims' ? report.claims : report.concessions).map((entry) => (
            <CorroborationCard key={entry.id} entry={entry} onShowSpan={onShowSpan} />
          ))}
          {(tab === 'claims' ? report.claims : report.concessions).length === 0 && (
            <li className="muted">Nothing yet: attributions (A in the reader) make claims; concession evidence (C) counts for its concession.</li>
          )}
        </ul>
      )}
      {report && tab === 'sources' && (
        <ul className="corroboration-list">
          {report.sources.map((source) => (
            <li key={source.sourceId} data-testid="source-profile">
              <strong>{source.name}</strong>
              {source.anonymous && <span className="muted"> · anonymous</span>} · {source.claims} claim{source.claims === 1 ? '' : 's'} · {source.outlets.length} outlet
              {source.outlets.length === 1 ? '' : 's'}: {source.outlets.join(', ') || '—'}
              <div className="small">
                Grades over time:{' '}
                {source.grades.map((grade) => (
                  <button key={grade.annotationId} type="button" className="link" title={grade.date ?? 'undated'} onClick={() => onShowSpan({ id: grade.annotationId, documentId: grade.documentId })}>
                    {grade.date?.slice(0, 10) ?? 'undated'} {grade.reliability ?? '–'}
                    {grade.credibility ?? '–'}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CorroborationCard({ entry, onShowSpan }: { entry: Corroboration; onShowSpan: ShowSpan }) {
  const copies = entry.outlets.flatMap((outlet) => outlet.copies);
  return (
    <li data-testid="corroboration-entry">
      <div>
        <strong>{entry.label}</strong>
      </div>
      <div data-testid="corroboration-outlets">
        <strong>{entry.independentOutlets}</strong> independent outlet{entry.independentOutlets === 1 ? '' : 's'} · {entry.documents} article{entry.documents === 1 ? '' : 's'}
        {entry.singleAnonymousSource && <span className="flag"> · rests on a single anonymous source</span>}
      </div>
      <div className="small">
        {entry.outlets.map((outlet) => `${outlet.outlet}${outlet.documents > 1 ? ` (${outlet.documents})` : ''}`).join(' · ')}
      </div>
      {copies.length > 0 && (
        <ul className="small muted" data-testid="corroboration-copies">
          {copies.map((copy) => (
            <li key={copy.documentId}>
              {copy.outlet}: a copy of {copy.copyOf} (counted once)
            </li>
          ))}
        </ul>
      )}
      <div className="corroboration-grades">
        <Grades grades={entry.grades} />
        <ol className="evidence-list">
          {entry.spans.slice(0, 8).map((span) => (
            <li key={span.annotationId}>
              <button type="button" className="link" onClick={() => onShowSpan({ id: span.annotationId, documentId: span.documentId })} data-testid="corroboration-span">
                {span.outlet ?? 'Unknown outlet'} · {span.publishedAt?.slice(0, 10) ?? 'undated'}
              </button>
            </li>
          ))}
        </ol>
      </div>
    </li>
  );
}

/** Reliability (rows) × credibility (columns): how many attributions carry each grade. */
function Grades({ grades }: { grades: GradeMatrix }) {
  const rows = [...RELIABILITY_GRADES, '-'] as const;
  const columns = [...CREDIBILITY_GRADES.map(String), '-'] as const;
  const any = rows.some((row) => Object.keys(grades[row]).length > 0);
  if (!any) return <span className="muted small">No graded attributions</span>;
  return (
    <table className="grade-matrix" aria-label="Reliability by credibility" data-testid="grade-matrix">
      <thead>
        <tr>
          <th />
          {columns.map((column) => (
            <th key={column}>{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row}>
            <th>{row}</th>
            {columns.map((column) => {
              const count = grades[row][column as keyof GradeMatrix[typeof row]] ?? 0;
              return (
                <td key={column} className={count ? 'filled' : ''}>
                  {count || ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
