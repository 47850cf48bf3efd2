import { useMemo, useState, type FormEvent } from 'react';
import type { Source } from '../../../shared/model/source';
import { RELIABILITY_GRADES, RELIABILITY_LABELS, type ReliabilityGrade } from '../../../shared/model/vocabulary';
import { sourceBulkFields } from '../../grid/bulk-fields';
import { sourceColumns } from '../../grid/columns';
import { EntityGrid } from '../../ui/EntityGrid';
import { useEntityGrid } from '../../ui/use-entity-grid';
import { useRecords } from '../../ui/use-records';
import { DetailPanel, type ShowSpan } from '../detail/DetailPanel';

export function SourcesView({ onShowSpan }: { onShowSpan: ShowSpan }) {
  const sources = useEntityGrid('source');
  const { rows } = sources;
  const parties = useRecords('party:list');
  const columns = useMemo(() => sourceColumns(parties.rows ?? []), [parties.rows]);
  const bulkFields = useMemo(() => sourceBulkFields(parties.rows ?? []), [parties.rows]);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = rows?.find((source) => source.id === openId) ?? null;
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [reliability, setReliability] = useState<ReliabilityGrade>('F');

  async function create(event: FormEvent) {
    event.preventDefault();
    if (await sources.create({ name, role: role || null, anonymous, defaultReliability: reliability })) return;
    setName('');
    setRole('');
    setAnonymous(false);
  }

  return (
    <div className={open ? 'split' : 'single'}>
    <EntityGrid<Source>
      testId="sources-grid"
      gridName="sources"
      openId={openId}
      openOn="readonly-cell"
      onOpen={(source) => setOpenId(source.id)}
      {...sources.gridProps}
      bulkFields={bulkFields}
      noun={['source', 'sources']}
      columns={columns}
      describe={(source) => `${source.name}${source.role ? `, ${source.role}` : ''}`}
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
        <DetailPanel target={{ kind: 'source', record: open }} parties={parties.rows ?? []} onClose={() => setOpenId(null)} onShowSpan={onShowSpan} />
      )}
    </div>
  );
}
