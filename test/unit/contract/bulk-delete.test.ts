import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { createService, type ParleyService } from '../../../electron/service/service';
import { tempDir } from '../../helpers/temp';
import { GENEVA, addDocument, dump, span } from '../store/helpers/case-fixtures';

/** Multi-row delete: one contract call, one transaction, one undo step that brings every row back. */
let service: ParleyService;
const changed: string[][] = [];
let counter = 0;
beforeEach(() => {
  service = createService({ importWorkers: 1, log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
  service.session.create(join(tempDir(), `bulk-delete-${++counter}.parley`));
  service.session.on('case:changed', ({ aggregates }) => changed.push(aggregates));
});
afterEach(() => service.dispose());

const call = <K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> => service.call(channel, input);
const store = () => service.session.current();

async function seed() {
  const documentId = addDocument(store(), GENEVA);
  const russia = await call('party:create', { name: 'Russia', aliases: ['Kremlin'] });
  const ukraine = await call('party:create', { name: 'Ukraine', aliases: ['Kyiv'] });
  const us = await call('party:create', { name: 'United States' });
  const official = await call('source:create', { name: 'Senior US official', partyId: us.id });
  const spokesman = await call('source:create', { name: 'Kremlin spokesman', partyId: russia.id });
  const plan = await call('concession:create', { title: '28-point plan', proposedByPartyId: us.id });
  const mention = await call('annotation:create', { documentId, type: 'party_mention', selector: span(GENEVA, 'Kremlin'), partyId: russia.id });
  const quote = await call('annotation:create', { documentId, type: 'attribution', selector: span(GENEVA, '"productive and meaningful"'), sourceId: official.id });
  const evidence = await call('annotation:create', {
    documentId,
    type: 'concession_evidence',
    selector: span(GENEVA, 'Kyiv insists'),
    concessionId: plan.id,
    stancePartyId: ukraine.id,
    stance: 'conditional',
  });
  return { documentId, russia, ukraine, us, official, spokesman, plan, mention, quote, evidence };
}

describe('bulk delete', () => {
  it('deletes parties in one undoable step, detaching what referred to them, and undo brings it all back', async () => {
    const c = await seed();
    const before = dump(store());
    const deleted = await call('party:bulk-delete', { ids: [c.russia.id, c.ukraine.id, c.russia.id] });
    assert.deepEqual(deleted.ids, [c.russia.id, c.ukraine.id], 'each once, in order');
    assert.deepEqual((await call('party:list', {})).map((party) => party.name), ['United States']);
    assert.equal((await call('annotation:get', { id: c.mention.id })).partyId, null);
    assert.equal((await call('source:list', {})).find((source) => source.id === c.spokesman.id)?.partyId, null);
    assert.deepEqual((await call('concession:list', {}))[0]!.stances, [], "Ukraine's stance went with it");
    assert.ok(changed.at(-1)!.includes('annotation') && changed.at(-1)!.includes('concession_stance'), 'views are told what changed');
    assert.equal((await call('history:state', {})).undoLabel, 'Delete 2 parties');
    const step = await call('history:undo', {});
    assert.equal(step.done, 'Undo Delete 2 parties');
    assert.deepEqual(dump(store()), before, 'one undo restores both parties and every reference');
    await call('history:redo', {});
    assert.equal((await call('party:list', {})).length, 1);
  });

  it('deletes sources, concessions and annotations the same way', async () => {
    const c = await seed();
    const before = dump(store());
    await call('source:bulk-delete', { ids: [c.official.id, c.spokesman.id] });
    assert.equal((await call('annotation:get', { id: c.quote.id })).sourceId, null);
    await call('concession:bulk-delete', { ids: [c.plan.id] });
    assert.equal((await call('annotation:get', { id: c.evidence.id })).concessionId, null);
    await call('annotation:bulk-delete', { ids: [c.mention.id, c.quote.id, c.evidence.id] });
    assert.equal((await call('annotation:list', {})).total, 0);
    assert.equal((await call('history:state', {})).undoLabel, 'Delete 3 annotations');
    for (const label of ['Delete 3 annotations', 'Delete 1 concession', 'Delete 2 sources']) {
      assert.equal((await call('history:undo', {})).done, `Undo ${label}`);
    }
    assert.deepEqual(dump(store()), before);
  });

  it('deletes documents with their annotations in one step (not undoable, like one delete)', async () => {
    const c = await seed();
    const other = addDocument(store(), 'BRUSSELS — EU ministers met.');
    const deleted = await call('document:bulk-delete', { ids: [c.documentId, other] });
    assert.equal(deleted.ids.length, 2);
    assert.equal(store().counts().documents, 0);
    assert.equal(store().counts().annotations, 0);
    assert.equal(store().counts().originals, 0);
    assert.notEqual((await call('history:state', {})).undoLabel, 'Delete 2 documents');
  });

  it('refuses the whole delete when one row is gone, and changes nothing', async () => {
    const c = await seed();
    const before = dump(store());
    const seq = store().latestAuditSeq();
    const result = (await service.dispatch('party:bulk-delete', { ids: [c.russia.id, '01900000-0000-7000-8000-000000000000'] })) as Result<unknown>;
    assert.equal(!result.ok && result.error.code, 'not_found');
    assert.deepEqual(dump(store()), before);
    assert.equal(store().latestAuditSeq(), seq, 'no audit row for a refused delete');
    const empty = await service.dispatch('annotation:bulk-delete', { ids: [] });
    assert.equal(!empty.ok && empty.error.code, 'invalid_input');
  });
});
