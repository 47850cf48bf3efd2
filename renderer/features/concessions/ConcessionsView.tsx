import { useMemo, useState, type FormEvent } from 'react';
import type { Concession } from '../../../shared/model/concession';
import { api } from '../../api';
import { useRecords } from '../../app/use-records';
import { EntityGrid } from '../../grid/EntityGrid';
import { concessionColumns } from '../../grid/columns';
import { concessionBulkFields } from '../../grid/bulk-fields';
import { DetailPanel, type ShowSpan } from '../detail/DetailPanel';

const NEW_AREA = '__new_issue_area__';

export function ConcessionsView({ caseKey, onShowSpan }: { caseKey: string; onShowSpan: ShowSpan }) {
  const { rows, reload } = useRecords('concession:list', caseKey);
  const parties = useRecords('party:list', caseKey);
  const areas = useRecords('issue-area:list', caseKey);
  const columns = useMemo(() => concessionColumns(parties.rows ?? [], areas.rows ?? []), [parties.rows, areas.rows]);
  const bulkFields = useMemo(() => concessionBulkFields(parties.rows ?? [], areas.rows ?? []), [parties.rows, areas.rows]);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = rows?.find((concession) => concession.id === openId) ?? null;
  const [title, setTitle] = useState('');
  const [issueAreaId, setIssueAreaId] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  /** The issue-area codebook is the analyst's own: add an area without leaving the grid. */
  const [newArea, setNewArea] = useState<string | null>(null);
  async function addIssueArea() {
    const name = newArea?.trim();
    if (!name) return;
    const result = await api.call('issue-area:create', { name });
    if (!result.ok) {
      setFormError(result.error.message);
      return;
    }
    setFormError(null);
    setNewArea(null);
    await areas.reload();
    setIssueAreaId(result.value.id);
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    const result = await api.call('concession:create', { title, issueAreaId: issueAreaId || null });
    if (!result.ok) {
      setFormError(result.error.message);
      return;
    }
    setFormError(null);
    setTitle('');
    await reload();
  }

  return (
    <div className={open ? 'split' : 'single'}>
    <EntityGrid<Concession>
      testId="concessions-grid"
      gridName="concessions"
      openId={openId}
      openOn="readonly-cell"
      onOpen={(concession) => setOpenId(concession.id)}
      bulkFields={bulkFields}
      onBulkEdit={async (selected, patch) => {
        const result = await api.call('concession:bulk-update', { ids: selected.map((concession) => concession.id), patch });
        await reload();
        return result.ok ? null : result.error.message;
      }}
      noun={['concession', 'concessions']}
      rows={rows}
      columns={columns}
      describe={(concession) => concession.title}
      onEdit={async (concession, field, value) => {
        const result = await api.call('concession:update', { id: concession.id, patch: { [field]: value } });
        await reload();
        return result.ok ? null : result.error.message;
      }}
      onDelete={async (selected) => {
        for (const concession of selected) {
          const result = await api.call('concession:delete', { id: concession.id });
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
          {formError && (
            <span className="form-error" role="alert">
              {formError}
            </span>
          )}
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
        <DetailPanel target={{ kind: 'concession', record: open }} caseKey={caseKey} parties={parties.rows ?? []} onClose={() => setOpenId(null)} onShowSpan={onShowSpan} onChanged={() => void reload()} />
      )}
    </div>
  );
}
