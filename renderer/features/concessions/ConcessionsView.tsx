import { useMemo, useState, type FormEvent } from 'react';
import type { Concession } from '../../../shared/model/concession';
import { api } from '../../api';
import { concessionBulkFields } from '../../grid/bulk-fields';
import { concessionColumns } from '../../grid/columns';
import { announceChanges } from '../../ui/case-changes';
import { EntityGrid } from '../../ui/EntityGrid';
import { useEntityGrid } from '../../ui/use-entity-grid';
import { useRecords } from '../../ui/use-records';
import { DetailPanel, type ShowSpan } from '../detail/DetailPanel';
import { usePlanPoints } from '../plans/use-plan-points';

const NEW_AREA = '__new_issue_area__';

export function ConcessionsView({ onShowSpan }: { onShowSpan: ShowSpan }) {
  const concessions = useEntityGrid('concession');
  const { rows } = concessions;
  const parties = useRecords('party:list');
  const areas = useRecords('issue-area:list');
  const planPoints = usePlanPoints();
  const columns = useMemo(() => concessionColumns(parties.rows ?? [], areas.rows ?? [], planPoints), [parties.rows, areas.rows, planPoints]);
  const bulkFields = useMemo(() => concessionBulkFields(parties.rows ?? [], areas.rows ?? []), [parties.rows, areas.rows]);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = rows?.find((concession) => concession.id === openId) ?? null;
  const [title, setTitle] = useState('');
  const [issueAreaId, setIssueAreaId] = useState('');

  /** The issue-area codebook is the analyst's own: add an area without leaving the grid. */
  const [newArea, setNewArea] = useState<string | null>(null);
  async function addIssueArea() {
    const name = newArea?.trim();
    if (!name) return;
    const result = await api.call('issue-area:create', { name });
    if (!result.ok) {
      concessions.complain(`Not added: ${result.error.message}`);
      return;
    }
    concessions.complain(null);
    setNewArea(null);
    await announceChanges(['issue_area']);
    setIssueAreaId(result.value.id);
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!(await concessions.create({ title, issueAreaId: issueAreaId || null }))) setTitle('');
  }

  return (
    <div className={open ? 'split' : 'single'}>
    <EntityGrid<Concession>
      testId="concessions-grid"
      gridName="concessions"
      openId={openId}
      openOn="readonly-cell"
      onOpen={(concession) => setOpenId(concession.id)}
      {...concessions.gridProps}
      bulkFields={bulkFields}
      noun={['concession', 'concessions']}
      columns={columns}
      describe={(concession) => concession.title}
      toolbar={
        <form className="add-form" onSubmit={(event) => void create(event)}>
          <input
            className="wide"
            placeholder="New concession, e.g. Cap on Ukraine's armed forces at 600,000"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            aria-label="Concession title"
            data-testid="concession-title"
          />
          <select
            value={issueAreaId}
            onChange={(event) => {
              if (event.target.value === NEW_AREA) setNewArea('');
              else setIssueAreaId(event.target.value);
            }}
            aria-label="Issue area"
            data-testid="concession-issue-area"
          >
            <option value="">Issue area…</option>
            {(areas.rows ?? []).map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
            <option value={NEW_AREA}>+ New issue area…</option>
          </select>
          {newArea !== null && (
            <>
              <input
                autoFocus
                placeholder="New issue area, e.g. Energy"
                value={newArea}
                onChange={(event) => setNewArea(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    void addIssueArea();
                  }
                  if (event.key === 'Escape') setNewArea(null);
                }}
                aria-label="New issue area"
                data-testid="issue-area-name"
              />
              <button type="button" onClick={() => void addIssueArea()} data-testid="issue-area-add">
                Add area
              </button>
            </>
          )}
          <button type="submit" className="primary" data-testid="concession-add">
            Add concession
          </button>
        </form>
      }
      empty={
        <>
          <h3>No concessions yet</h3>
          <p>
            A concession is something one side demands, offers, concedes or rejects: "Ukraine cedes the rest of Donetsk",
            "No NATO membership for Ukraine", "Ceasefire before talks". Add one, then set who concedes, who benefits, and its
            status.
          </p>
        </>
      }
    />
      {open && (
        <DetailPanel target={{ kind: 'concession', record: open }} parties={parties.rows ?? []} onClose={() => setOpenId(null)} onShowSpan={onShowSpan} />
      )}
    </div>
  );
}
