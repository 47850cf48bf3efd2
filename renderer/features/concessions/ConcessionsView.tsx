import { useMemo, useState, type FormEvent } from 'react';
import type { Concession } from '../../../shared/model/concession';
import { api } from '../../api';
import { useRecords } from '../../app/use-records';
import { EntityGrid } from '../../grid/EntityGrid';
import { concessionColumns } from '../../grid/columns';

export function ConcessionsView({ caseKey }: { caseKey: string }) {
  const { rows, reload } = useRecords('concession:list', caseKey);
  const parties = useRecords('party:list', caseKey);
  const areas = useRecords('issue-area:list', caseKey);
  const columns = useMemo(() => concessionColumns(parties.rows ?? [], areas.rows ?? []), [parties.rows, areas.rows]);
  const [title, setTitle] = useState('');
  const [issueAreaId, setIssueAreaId] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

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
    <EntityGrid<Concession>
      testId="concessions-grid"
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
          <select value={issueAreaId} onChange={(event) => setIssueAreaId(event.target.value)} aria-label="Issue area">
            <option value="">Issue area…</option>
            {(areas.rows ?? []).map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
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
  );
}
