import { useMemo, useState, type FormEvent } from 'react';
import type { Source } from '../../../shared/model/source';
import { RELIABILITY_GRADES, RELIABILITY_LABELS, type ReliabilityGrade } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { useRecords } from '../../app/use-records';
import { EntityGrid } from '../../grid/EntityGrid';
import { sourceColumns } from '../../grid/columns';
import { sourceBulkFields } from '../../grid/bulk-fields';
import { DetailPanel, type ShowSpan } from '../detail/DetailPanel';

export function SourcesView({ caseKey, onShowSpan }: { caseKey: string; onShowSpan: ShowSpan }) {
  const { rows, reload } = useRecords('source:list', caseKey);
  const parties = useRecords('party:list', caseKey);
  const columns = useMemo(() => sourceColumns(parties.rows ?? []), [parties.rows]);
  const bulkFields = useMemo(() => sourceBulkFields(parties.rows ?? []), [parties.rows]);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = rows?.find((source) => source.id === openId) ?? null;
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [reliability, setReliability] = useState<ReliabilityGrade>('F');
  const [formError, setFormError] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    const result = await api.call('source:create', { name, role: role || null, anonymous, defaultReliability: reliability });
    if (!result.ok) {
      setFormError(result.error.message);
      return;
    }
    setFormError(null);
    setName('');
    setRole('');
    setAnonymous(false);
    await reload();
  }

  return (
    <div className={open ? 'split' : 'single'}>
    <EntityGrid<Source>
      testId="sources-grid"
      gridName="sources"
      openId={openId}
      openOn="readonly-cell"
      onOpen={(source) => setOpenId(source.id)}
      bulkFields={bulkFields}
      onBulkEdit={async (selected, patch) => {
        const result = await api.call('source:bulk-update', { ids: selected.map((source) => source.id), patch });
        await reload();
        return result.ok ? null : result.error.message;
      }}
      noun={['source', 'sources']}
      rows={rows}
      columns={columns}
      describe={(source) => `${source.name}${source.role ? `, ${source.role}` : ''}`}
      onEdit={async (source, field, value) => {
        const result = await api.call('source:update', { id: source.id, patch: { [field]: value } });
        await reload();
        return result.ok ? null : result.error.message;
      }}
      onDelete={async (selected) => {
        for (const source of selected) {
          const result = await api.call('source:delete', { id: source.id });
          if (!result.ok) {
            await reload();
            return result.error.message;
          }
        }
        await reload();
        return null;
      }}
      toolbar={
        <form className="add-form" onSubmit={(event) => void create(event)}>
          <input placeholder="New source, e.g. Dmitry Peskov" value={name} onChange={(event) => setName(event.target.value)} aria-label="Source name" data-testid="source-name" />
          <input placeholder="Role" value={role} onChange={(event) => setRole(event.target.value)} aria-label="Role" />
          <label className="checkbox">
            <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} /> Anonymous
          </label>
          <select value={reliability} onChange={(event) => setReliability(event.target.value as ReliabilityGrade)} aria-label="Default reliability">
            {RELIABILITY_GRADES.map((grade) => (
              <option key={grade} value={grade}>
                {grade} · {RELIABILITY_LABELS[grade]}
              </option>
            ))}
          </select>
          <button type="submit" className="primary" data-testid="source-add">
            Add source
          </button>
          {formError && (
            <span className="form-error" role="alert">
              {formError}
            </span>
          )}
        </form>
      }
      empty={
        <>
          <h3>No sources yet</h3>
          <p>
            Sources are who said something: named officials, spokespeople, or "a senior US official". Grade each one's
            reliability A–F; claims attributed to them in articles are graded 1–6 for credibility.
          </p>
        </>
      }
    />
      {open && (
        <DetailPanel target={{ kind: 'source', record: open }} caseKey={caseKey} parties={parties.rows ?? []} onClose={() => setOpenId(null)} onShowSpan={onShowSpan} onChanged={() => void reload()} />
      )}
    </div>
  );
}
