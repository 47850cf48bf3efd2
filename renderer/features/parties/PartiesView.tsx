import { useMemo, useState, type FormEvent } from 'react';
import type { Party } from '../../../shared/model/party';
import { PARTY_KINDS, humanise, type PartyKind } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { useRecords } from '../../app/use-records';
import { EntityGrid } from '../../grid/EntityGrid';
import { partyBulkFields } from '../../grid/bulk-fields';
import { partyColumns } from '../../grid/columns';
import { DetailPanel, type ShowSpan } from '../detail/DetailPanel';
import { MergeDialog } from './MergeDialog';

export function PartiesView({ caseKey, onShowSpan, onChanged }: { caseKey: string; onShowSpan: ShowSpan; onChanged(): void }) {
  const { rows, reload } = useRecords('party:list', caseKey);
  const columns = useMemo(() => partyColumns(rows ?? []), [rows]);
  const bulkFields = useMemo(() => partyBulkFields(rows ?? []), [rows]);
  const [merging, setMerging] = useState<[Party, Party] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = rows?.find((party) => party.id === openId) ?? null;
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PartyKind>('state');
  const [formError, setFormError] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    const result = await api.call('party:create', { name, kind });
    if (!result.ok) {
      setFormError(result.error.message);
      return;
    }
    setFormError(null);
    setName('');
    await reload();
  }

  return (
    <div className={open ? 'split' : 'single'}>
    <EntityGrid<Party>
      testId="parties-grid"
      gridName="parties"
      openId={openId}
      openOn="readonly-cell"
      onOpen={(party) => setOpenId(party.id)}
      bulkFields={bulkFields}
      onBulkEdit={async (selected, patch) => {
        const result = await api.call('party:bulk-update', { ids: selected.map((party) => party.id), patch });
        await reload();
        return result.ok ? null : result.error.message;
      }}
      selectionActions={(selected) => (
        <button
          type="button"
          disabled={selected.length !== 2}
          title={selected.length === 2 ? 'Merge the two selected parties' : 'Select exactly two parties to merge them'}
          onClick={() => setMerging([selected[0]!, selected[1]!])}
          data-testid="parties-merge"
        >
          Merge…
        </button>
      )}
      noun={['party', 'parties']}
      rows={rows}
      columns={columns}
      describe={(party) => `${party.name} (${humanise(party.kind)})`}
      onEdit={async (party, field, value) => {
        const result = await api.call('party:update', { id: party.id, patch: { [field]: value } });
        await reload();
        return result.ok ? null : result.error.message;
      }}
      onDelete={async (selected) => {
        for (const party of selected) {
          const result = await api.call('party:delete', { id: party.id });
          if (!result.ok) {
            await reload();
            return result.error.message;
          }
        }
        await reload();
        return null;
      }}
      toolbar={
        <form className="add-form" onSubmit={(event) => void create(event)} data-testid="party-form">
          <input placeholder="New party, e.g. Russia" value={name} onChange={(event) => setName(event.target.value)} aria-label="Party name" data-testid="party-name" />
          <select value={kind} onChange={(event) => setKind(event.target.value as PartyKind)} aria-label="Kind" data-testid="party-kind">
            {PARTY_KINDS.map((value) => (
              <option key={value} value={value}>
                {humanise(value)}
              </option>
            ))}
          </select>
          <button type="submit" className="primary" data-testid="party-add">
            Add party
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
          <h3>No parties yet</h3>
          <p>
            Parties are the actors of the negotiation: states (Russia, Ukraine), blocs (EU), organisations (NATO) and people
            (Witkoff). Add one above; give it aliases such as <em>Kremlin, Moscow</em> so mentions are recognised.
          </p>
        </>
      }
    />
      {open && (
        <DetailPanel target={{ kind: 'party', record: open }} caseKey={caseKey} parties={rows ?? []} onClose={() => setOpenId(null)} onShowSpan={onShowSpan} onChanged={() => void reload()} />
      )}
      {merging && (
        <MergeDialog
          parties={merging}
          onCancel={() => setMerging(null)}
          onMerge={async (keep, merge) => {
            const result = await api.call('party:merge', { keepId: keep.id, mergeId: merge.id });
            if (!result.ok) return result.error.message;
            setMerging(null);
            if (openId === merge.id) setOpenId(keep.id);
            await reload();
            onChanged();
            return null;
          }}
        />
      )}
    </div>
  );
}
