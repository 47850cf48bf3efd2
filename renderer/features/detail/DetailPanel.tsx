import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Annotation } from '../../../shared/model/annotation';
import type { Concession } from '../../../shared/model/concession';
import type { Party } from '../../../shared/model/party';
import type { Source } from '../../../shared/model/source';
import { RELIABILITY_LABELS, STANCES, humanise, type Stance } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { formatDate } from '../../grid/columns';
import { parseTypedDate } from '../../grid/typed-date';
import { announceChanges, useCaseChanged } from '../../ui/case-changes';
import { TYPE_META } from '../reader/annotation-types';
import { describeAnnotation, excerpt } from '../reader/AnnotationList';

export type DetailTarget = { kind: 'source'; record: Source } | { kind: 'party'; record: Party } | { kind: 'concession'; record: Concession };

/** Open a span in the reader: switch to Documents, open its article, scroll to and flash it. */
export type ShowSpan = (annotation: Pick<Annotation, 'id' | 'documentId'>) => void;

/**
 * A source's, party's or concession's record beside its grid: its fields and the evidence spans
 * that cite it. Clicking a span opens the reader on it.
 */
export function DetailPanel(props: { target: DetailTarget; parties: Party[]; onClose(): void; onShowSpan: ShowSpan }) {
  const { target } = props;
  const [evidence, setEvidence] = useState<{ rows: Annotation[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = target.record.id;

  const loadEvidence = useCallback(async () => {
    const query = target.kind === 'source' ? { sourceId: id } : target.kind === 'party' ? { partyId: id } : { concessionId: id };
    const result = await api.call('annotation:list', { ...query, limit: 500, sort: { field: 'documentPublishedAt', direction: 'desc' } });
    if (result.ok) {
      setEvidence(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [target.kind, id]);
  useEffect(() => {
    setEvidence(null);
    void loadEvidence();
  }, [loadEvidence]);
  useCaseChanged(['annotation', 'document'], loadEvidence);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !(event.target as HTMLElement | null)?.closest('.ag-root, .modal')) props.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props]);

  const title = target.kind === 'concession' ? target.record.title : target.record.name;
  return (
    <aside className="detail-panel" aria-label={`${humanise(target.kind)} detail`} data-testid="detail-panel">
      <header className="detail-header">
        <span className="muted small">{humanise(target.kind)}</span>
        <button type="button" className="link" onClick={props.onClose} aria-label="Close detail" data-testid="detail-close">
          Close ✕
        </button>
      </header>
      <h2 data-testid="detail-title">{title}</h2>
      <dl className="detail-fields">{fieldsOf(target)}</dl>
      {target.kind === 'concession' && <Stances concession={target.record} parties={props.parties} />}
      <h3>
        Evidence <span className="muted">{evidence ? evidence.total : ''}</span>
      </h3>
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
      {evidence && evidence.rows.length === 0 && (
        <p className="muted small" data-testid="detail-no-evidence">
          No spans cite this {target.kind} yet. Open an article in Documents, select the passage and annotate it.
        </p>
      )}
      <ul className="evidence-list" data-testid="detail-evidence">
        {evidence?.rows.map((annotation) => (
          <li key={annotation.id}>
            <button type="button" className="evidence" onClick={() => props.onShowSpan(annotation)} data-testid="evidence-span" title="Show in the article">
              <span className="evidence-meta">
                <span className="chip" style={{ color: TYPE_META[annotation.type].color, borderColor: TYPE_META[annotation.type].color }}>
                  {TYPE_META[annotation.type].label}
                </span>
                <span className="muted small">
                  {[annotation.documentOutlet, formatDate(annotation.documentPublishedAt)].filter(Boolean).join(' · ')}
                </span>
              </span>
              <span className="entry-quote">“{excerpt(annotation.exact, 220)}”</span>
              <span className="muted small">{describeAnnotation(annotation)}</span>
              <span className="muted small evidence-doc">{annotation.documentTitle ?? ''}</span>
            </button>
          </li>
        ))}
      </ul>
      {evidence && evidence.total > evidence.rows.length && <p className="muted small">Showing the latest {evidence.rows.length}; the Annotations view lists all.</p>}
    </aside>
  );
}

function row(label: string, value: ReactNode) {
  return (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value === null || value === '' || value === undefined ? <span className="muted">—</span> : value}</dd>
    </div>
  );
}

function fieldsOf(target: DetailTarget): ReactNode[] {
  switch (target.kind) {
    case 'source': {
      const source = target.record;
      return [
        row('Role', source.role),
        row('Party', source.partyName),
        row('Anonymous', source.anonymous ? 'Yes' : 'No'),
        row('Reliability', `${source.defaultReliability} · ${RELIABILITY_LABELS[source.defaultReliability]}`),
        row('Claims', String(source.claimCount)),
        row('Outlets', source.outlets.join(', ')),
        row('Seen', [formatDate(source.firstSeen), formatDate(source.lastSeen)].filter(Boolean).join(' – ')),
        row('Notes', source.notes),
      ];
    }
    case 'party': {
      const party = target.record;
      return [
        row('Kind', humanise(party.kind)),
        row('Aliases', party.aliases.join(', ')),
        row('Affiliation', party.affiliationName),
        row('Mentions', String(party.mentionCount)),
        row('Statements', String(party.statementCount)),
        row('Notes', party.notes),
      ];
    }
    case 'concession': {
      const concession = target.record;
      return [
        row('Issue area', concession.issueAreaName),
        row('Status', humanise(concession.status)),
        row('Conceding party', concession.concedingPartyName),
        row('Beneficiary', concession.beneficiaryPartyName),
        row('Demanded / proposed by', concession.proposedByPartyName),
        row('Plan point', concession.planPointLabel),
        row('Description', concession.description),
      ];
    }
  }
}

/** A concession's stances by party over time, and a form to record one more. */
function Stances({ concession, parties }: { concession: Concession; parties: Party[] }) {
  const [partyId, setPartyId] = useState('');
  const [stance, setStance] = useState<Stance>('demands');
  const [asOf, setAsOf] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!partyId) {
      setError('Pick a party');
      return;
    }
    const date = parseTypedDate(asOf);
    if (!date.ok) {
      setError(date.message);
      return;
    }
    const result = await api.call('concession:set-stance', { concessionId: concession.id, partyId, stance, asOf: date.value });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setPartyId('');
    setAsOf('');
    await announceChanges(['concession_stance']);
  }

  return (
    <section className="stances" data-testid="detail-stances">
      <h3>Stances</h3>
      {concession.stances.length === 0 ? (
        <p className="muted small">No stance recorded. Record one below, or from a span in an article (concession evidence).</p>
      ) : (
        <table className="stance-table">
          <tbody>
            {concession.stances.map((record) => (
              <tr key={record.id}>
                <td>{record.partyName}</td>
                <td>
                  <span className={`stance stance-${record.stance}`}>{humanise(record.stance)}</span>
                </td>
                <td className="muted small" title={record.asOfFromEvidence ? "The article's date (set a date to fix it)" : undefined}>
                  {record.asOf ? formatDate(record.asOf) : 'undated'}
                </td>
                <td className="muted small" title="Recorded by" data-testid="stance-analyst">
                  {record.createdBy ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="stance-form" onSubmit={(event) => void submit(event)}>
        <select value={partyId} onChange={(event) => setPartyId(event.target.value)} aria-label="Party" data-testid="stance-party">
          <option value="">Party…</option>
          {parties.map((party) => (
            <option key={party.id} value={party.id}>
              {party.name}
            </option>
          ))}
        </select>
        <select value={stance} onChange={(event) => setStance(event.target.value as Stance)} aria-label="Stance" data-testid="stance-value">
          {STANCES.map((value) => (
            <option key={value} value={value}>
              {humanise(value)}
            </option>
          ))}
        </select>
        <input
          type="text"
          value={asOf}
          onChange={(event) => setAsOf(event.target.value)}
          placeholder="as of, e.g. 26 Nov 2025"
          aria-label="As of"
          data-testid="stance-as-of"
          size={16}
        />
        <button type="submit" data-testid="stance-save">
          Record stance
        </button>
      </form>
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
