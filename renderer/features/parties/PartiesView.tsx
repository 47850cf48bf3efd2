import { useMemo, useState, type FormEvent } from 'react';
import type { Party } from '../../../shared/model/party';
import { PARTY_KINDS, humanise, type PartyKind } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { partyBulkFields } from '../../grid/bulk-fields';
import { partyColumns } from '../../grid/columns';
import { EntityGrid } from '../../ui/EntityGrid';
import { useEntityGrid } from '../../ui/use-entity-grid';
import { DetailPanel, type ShowSpan } from '../detail/DetailPanel';
import { MergeDialog } from './MergeDialog';

export function PartiesView({ onShowSpan }: { onShowSpan: ShowSpan }) {
  const parties = useEntityGrid('party');
  const { rows } = parties;
  const columns = useMemo(() => partyColumns(rows ?? []), [rows]);
  const bulkFields = useMemo(() => partyBulkFields(rows ?? []), [rows]);
  const [merging, setMerging] = useState<[Party, Party] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = rows?.find((party) => party.id === openId) ?? null;
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PartyKind>('state');

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!(await parties.create({ name, kind }))) setName('');
  }

  return (
    <div className={open ? 'split' : 'single'}>
    <EntityGrid<Party>
      testId="parties-grid"
      gridName="parties"
      openId={openId}
      openOn="readonly-cell"
      onOpen={(party) => setOpenId(party.id)}
      {...parties.gridProps}
      bulkFields={bulkFields}
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
      columns={columns}
      describe={(party) => `${party.name} (${humanise(party.kind)})`}
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
        <DetailPanel target={{ kind: 'party', record: open }} parties={rows ?? []} onClose={() => setOpenId(null)} onShowSpan={onShowSpan} />
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
            return null;
          }}
        />
      )}
    </div>
  );
}
