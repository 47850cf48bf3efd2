/**
 * The plan tracker: the case's plans and their versions; a version pasted as a numbered list; its
 * points edited in place, each with its linked concessions and every party's stance on them; and
 * two versions side by side, aligned point by point (suggested from the texts, confirmed by the
 * analyst) with a word-level redline per aligned group.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AlignedPoints, Plan, PlanComparison, PlanVersion } from '../../../shared/model/plan';
import { humanise } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { announceChanges, useCaseChanged } from '../../ui/case-changes';
import { useRecords } from '../../ui/use-records';

export function PlansView() {
  const plans = useRecords('plan:list', ['plan', 'plan_version', 'plan_point']);
  const [planId, setPlanId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const plan = plans.rows?.find((entry) => entry.id === planId) ?? plans.rows?.[0] ?? null;

  async function createPlan(event: FormEvent) {
    event.preventDefault();
    const result = await api.call('plan:create', { title });
    if (!result.ok) return setError(`Not created: ${result.error.message}`);
    setError(null);
    setTitle('');
    await plans.reload();
    setPlanId(result.value.id);
  }

  return (
    <section className="analysis-view" data-testid="plans-view">
      <div className="plans-layout">
        <nav className="plans-list" aria-label="Plans">
          <form className="add-form" onSubmit={(event) => void createPlan(event)}>
            <input placeholder="New plan, e.g. US 28-point plan" value={title} onChange={(event) => setTitle(event.target.value)} aria-label="Plan title" data-testid="plan-title" />
            <button type="submit" className="primary" data-testid="plan-add">
              Add plan
            </button>
          </form>
          {error && <p className="form-error" role="alert">{error}</p>}
          <ul>
            {(plans.rows ?? []).map((entry) => (
              <li key={entry.id}>
                <button type="button" className={entry.id === plan?.id ? 'active' : ''} onClick={() => setPlanId(entry.id)} data-testid="plan-entry">
                  {entry.title} <span className="muted small">· {entry.versions.length} version{entry.versions.length === 1 ? '' : 's'}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {plan ? (
          <PlanDetail key={plan.id} plan={plan} onChanged={() => void plans.reload()} />
        ) : (
          <div className="empty-state">
            <h3>No plans yet</h3>
            <p>Add a plan (e.g. "US peace plan"), then paste each version's points as a numbered list. Parley lines up the points of two versions and shows what was kept, reworded, merged, split, dropped or added.</p>
          </div>
        )}
      </div>
    </section>
  );
}

function PlanDetail({ plan, onChanged }: { plan: Plan; onChanged(): void }) {
  const versions = plan.versions;
  const [versionId, setVersionId] = useState<string | null>(versions.at(-1)?.id ?? null);
  const [adding, setAdding] = useState(versions.length === 0);
  const [compare, setCompare] = useState<{ from: string; to: string } | null>(null);
  const shownId = versions.some((version) => version.id === versionId) ? versionId : (versions.at(-1)?.id ?? null);

  return (
    <div className="plan-detail">
      <h2>{plan.title}</h2>
      <div className="grid-toolbar">
        <div className="segmented" role="tablist" aria-label="Versions">
          {versions.map((version) => (
            <button
              key={version.id}
              type="button"
              aria-pressed={!compare && !adding && version.id === shownId}
              onClick={() => {
                setVersionId(version.id);
                setCompare(null);
                setAdding(false);
              }}
              data-testid="plan-version-tab"
            >
              {version.label} <span className="muted small">({version.pointCount})</span>
            </button>
          ))}
        </div>
        <button type="button" onClick={() => setAdding(true)} data-testid="plan-version-new">
          Paste a version…
        </button>
        {versions.length >= 2 && (
          <button type="button" onClick={() => setCompare({ from: versions.at(-2)!.id, to: versions.at(-1)!.id })} data-testid="plan-compare-open">
            Compare versions
          </button>
        )}
      </div>
      {adding && (
        <PasteVersion
          planId={plan.id}
          onDone={(version) => {
            setAdding(false);
            if (version) {
              setVersionId(version.id);
              onChanged();
            }
          }}
        />
      )}
      {compare && !adding && <CompareVersions plan={plan} from={compare.from} to={compare.to} onPick={setCompare} />}
      {!compare && !adding && shownId && <VersionPoints versionId={shownId} />}
    </div>
  );
}

function PasteVersion({ planId, onDone }: { planId: string; onDone(version: PlanVersion | null): void }) {
  const [label, setLabel] = useState('');
  const [dated, setDated] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await api.call('plan:add-version', { planId, label, dated: dated || null, text });
    if (!result.ok) return setError(result.error.message);
    await announceChanges(['plan', 'plan_version', 'plan_point']);
    onDone(result.value);
  }
  return (
    <form className="paste-version" onSubmit={(event) => void save(event)} data-testid="plan-paste">
      <div className="add-form">
        <input placeholder="Version, e.g. 28-point draft" value={label} onChange={(event) => setLabel(event.target.value)} aria-label="Version label" data-testid="plan-version-label" />
        <input type="date" value={dated} onChange={(event) => setDated(event.target.value)} aria-label="Version date" data-testid="plan-version-date" />
      </div>
      <textarea
        placeholder={'Paste the points as a numbered list:\n1. Ukraine’s sovereignty will be confirmed.\n2. …'}
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-label="Points"
        data-testid="plan-version-text"
      />
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="add-form">
        <button type="submit" className="primary" data-testid="plan-version-save">
          Add version
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function VersionPoints({ versionId }: { versionId: string }) {
  const [version, setVersion] = useState<PlanVersion | null>(null);
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await api.call('plan:version', { id: versionId });
    if (result.ok) setVersion(result.value);
    else setError(result.error.message);
  }, [versionId]);
  useEffect(() => {
    void load();
  }, [load]);
  useCaseChanged(['plan_point', 'concession', 'concession_stance', 'party'], load);

  async function save() {
    if (!editing) return;
    const result = await api.call('plan:update-point', editing);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setEditing(null);
    setVersion(result.value);
  }

  if (!version) return <p className="muted">{error ?? 'Loading…'}</p>;
  return (
    <div data-testid="plan-points">
      <p className="muted small">
        {version.label}
        {version.dated ? ` · ${version.dated}` : ''} · {version.points.length} points. Click a point to edit it; link concessions to points from the Concessions grid or the reader.
      </p>
      {error && <p className="form-error" role="alert">{error}</p>}
      <ol className="points">
        {version.points.map((point) => (
          <li key={point.id} data-testid="plan-point">
            <span className="number">{point.number}.</span>
            <div>
              {editing?.id === point.id ? (
                <textarea
                  autoFocus
                  value={editing.text}
                  onChange={(event) => setEditing({ id: point.id, text: event.target.value })}
                  onBlur={() => void save()}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' && !event.shiftKey) {
                      event.preventDefault();
                      void save();
                    }
                    if (event.key === 'Escape') setEditing(null);
                  }}
                  aria-label={`Point ${point.number}`}
                  data-testid="plan-point-editor"
                />
              ) : (
                <button type="button" className="span-link" onClick={() => setEditing({ id: point.id, text: point.text })} data-testid="plan-point-text">
                  {point.text}
                </button>
              )}
              {point.concessions.map((concession) => (
                <div key={concession.id} className="small" data-testid="plan-point-concession">
                  ↳ {concession.title}:{' '}
                  {concession.stances.length === 0 ? (
                    <span className="muted">no stances yet</span>
                  ) : (
                    concession.stances.map((stance) => (
                      <span key={stance.partyId} className="stance-chip" data-stance={stance.stance} title={stance.asOf ?? 'undated'}>
                        {stance.partyName}: {humanise(stance.stance)}
                      </span>
                    ))
                  )}
                </div>
              ))}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

type Link = { fromPointId: string; toPointId: string };

function CompareVersions({ plan, from, to, onPick }: { plan: Plan; from: string; to: string; onPick(pair: { from: string; to: string }): void }) {
  const [comparison, setComparison] = useState<PlanComparison | null>(null);
  const [links, setLinks] = useState<Link[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const load = useCallback(
    async (suggest = false) => {
      const result = await api.call('plan:compare', { fromVersionId: from, toVersionId: to, suggest });
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setComparison(result.value);
      setLinks(null);
    },
    [from, to],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const current = links ?? comparison?.links ?? [];
  const edited = links !== null;
  // While the analyst edits, the groups are recomputed on the service when they confirm; here each later point shows its choice.
  const predecessorOf = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const link of current) map.set(link.toPointId, [...(map.get(link.toPointId) ?? []), link.fromPointId]);
    return map;
  }, [current]);

  async function confirm() {
    const result = await api.call('plan:align', { fromVersionId: from, toVersionId: to, links: current.map(({ fromPointId, toPointId }) => ({ fromPointId, toPointId })) });
    if (!result.ok) return setError(result.error.message);
    setComparison(result.value);
    setLinks(null);
    setNote('Alignment saved');
    await announceChanges(['plan_point']);
  }

  function choose(toPointId: string, fromPointId: string) {
    const others = current.filter((link) => link.toPointId !== toPointId);
    setLinks(fromPointId ? [...others, { fromPointId, toPointId }] : others);
    setNote(null);
  }

  return (
    <div data-testid="plan-compare">
      <div className="grid-toolbar">
        <label>
          Earlier{' '}
          <select value={from} onChange={(event) => onPick({ from: event.target.value, to })} data-testid="plan-compare-from">
            {plan.versions.map((version) => (
              <option key={version.id} value={version.id} disabled={version.id === to}>
                {version.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Later{' '}
          <select value={to} onChange={(event) => onPick({ from, to: event.target.value })} data-testid="plan-compare-to">
            {plan.versions.map((version) => (
              <option key={version.id} value={version.id} disabled={version.id === from}>
                {version.label}
              </option>
            ))}
          </select>
        </label>
        {comparison && (
          <span className="muted small" data-testid="plan-compare-counts">
            {comparison.confirmed && !edited ? 'Confirmed alignment' : 'Suggested alignment (text similarity): check it, then confirm'} ·{' '}
            {Object.entries(comparison.counts)
              .filter(([, count]) => count > 0)
              .map(([kind, count]) => `${count} ${kind}`)
              .join(', ')}
          </span>
        )}
        <span className="spacer" />
        <button type="button" onClick={() => void load(true)} data-testid="plan-compare-suggest">
          Suggest again
        </button>
        <button type="button" className="primary" onClick={() => void confirm()} disabled={!comparison || (comparison.confirmed && !edited)} data-testid="plan-compare-confirm">
          Confirm alignment
        </button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {note && <p className="muted small" data-testid="plan-compare-note">{note}</p>}
      {comparison && (
        <table className="compare-table">
          <thead>
            <tr>
              <th>Change</th>
              <th>{comparison.from.label}</th>
              <th>{comparison.to.label}</th>
              <th>Redline</th>
              <th>Continues</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row, index) => (
              <CompareRow key={index} row={row} comparison={comparison} predecessors={predecessorOf} onChoose={choose} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function CompareRow(props: { row: AlignedPoints; comparison: PlanComparison; predecessors: Map<string, string[]>; onChoose(toPointId: string, fromPointId: string): void }) {
  const { row, comparison } = props;
  return (
    <tr data-testid="plan-compare-row" data-kind={row.kind}>
      <td className={`kind kind-${row.kind}`}>
        {humanise(row.kind)}
        {row.similarity !== null && <div className="muted small">{Math.round(row.similarity * 100)}% alike</div>}
      </td>
      <td>
        {row.from.map((point) => (
          <p key={point.id}>
            <strong>{point.number}.</strong> {point.text}
          </p>
        ))}
      </td>
      <td>
        {row.to.map((point) => (
          <p key={point.id}>
            <strong>{point.number}.</strong> {point.text}
          </p>
        ))}
      </td>
      <td className="redline" data-testid="plan-redline">
        {row.redline.map((part, index) =>
          part.change === 'removed' ? <del key={index}>{part.text}</del> : part.change === 'added' ? <ins key={index}>{part.text}</ins> : <span key={index}>{part.text}</span>,
        )}
      </td>
      <td>
        {row.to.map((point) => (
          <select
            key={point.id}
            value={props.predecessors.get(point.id)?.[0] ?? ''}
            onChange={(event) => props.onChoose(point.id, event.target.value)}
            aria-label={`Point ${point.number} continues`}
            data-testid="plan-compare-choice"
          >
            <option value="">— a new point —</option>
            {comparison.from.points.map((earlier) => (
              <option key={earlier.id} value={earlier.id}>
                {earlier.number}. {earlier.text.slice(0, 60)}
              </option>
            ))}
          </select>
        ))}
      </td>
    </tr>
  );
}
