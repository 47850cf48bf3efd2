import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CHANNELS, EVENTS } from '../../../shared/channels';
import { contract } from '../../../shared/contract';
import { ERROR_CODES } from '../../../shared/errors';
import { createService, type ParleyService } from '../../../electron/service/service';
import { tempDir } from '../../helpers/temp';

let service: ParleyService;
before(() => {
  service = createService({ importWorkers: 1, log: () => {} });
  service.session.create(join(tempDir(), 'contract.parley'));
});
after(() => service.dispose());

/** Inputs of the wrong shape for any channel. */
const HOSTILE_INPUTS: unknown[] = [
  null,
  42,
  'party',
  [],
  { id: 12 },
  { id: 'not-a-uuid' },
  { name: 7 },
  { name: '' },
  { name: 'x'.repeat(100_000) },
  { __proto__: { polluted: true }, name: 'Russia', extra: 'field' },
  { name: 'Russia', kind: 'planet' },
  { paths: 'not-an-array' },
  { query: '' },
];

describe('the contract', () => {
  it('serves exactly the channels the preload allowlists, each named once', () => {
    assert.deepEqual(Object.keys(contract).sort(), [...CHANNELS].sort());
    assert.equal(new Set(CHANNELS).size, CHANNELS.length);
    assert.equal(new Set(EVENTS).size, EVENTS.length);
    for (const name of EVENTS) assert.match(name, /^[a-z-]+:[a-z-]+ed$/, `${name} is aggregate:past-tense`);
  });

  it('names every channel aggregate:verb', () => {
    for (const name of CHANNELS) assert.match(name, /^[a-z-]+:[a-z-]+$/);
  });

  it('has a handler for every channel', () => {
    for (const name of CHANNELS) assert.equal(typeof service.handlers[name], 'function', name);
  });

  it('answers an unknown channel with unknown_channel', async () => {
    const result = await service.dispatch('party:explode', {});
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'unknown_channel');
    const proto = await service.dispatch('__proto__', {});
    assert.equal(!proto.ok && proto.error.code, 'unknown_channel');
  });

  it('answers wrong input on every channel with invalid_input (or a domain error), never a crash or a write', async () => {
    const before = service.session.info().counts;
    for (const name of CHANNELS) {
      if (contract[name].input.safeParse({}).success && HOSTILE_INPUTS.every((input) => contract[name].input.safeParse(input).success)) continue;
      for (const input of HOSTILE_INPUTS) {
        const result = await service.dispatch(name, input);
        if (result.ok) continue; // some inputs are valid for some channels (e.g. {} for lists)
        assert.ok(ERROR_CODES.includes(result.error.code), `${name}: unknown code ${result.error.code}`);
        assert.notEqual(result.error.code, 'internal', `${name} crashed on ${JSON.stringify(input)?.slice(0, 80)}: ${result.error.message}`);
      }
    }
    const afterCounts = service.session.info().counts;
    assert.equal(afterCounts.parties, before.parties);
    assert.equal(afterCounts.documents, before.documents);
  });

  it('explains invalid input field by field', async () => {
    const result = await service.dispatch('party:create', { name: '   ', kind: 'planet' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'invalid_input');
    assert.match(result.error.message, /Name must not be empty/);
    assert.ok(result.error.details?.kind);
    const unknownField = await service.dispatch('party:create', { name: 'Russia', colour: 'red' });
    assert.equal(!unknownField.ok && unknownField.error.code, 'invalid_input');
  });

  it('creates, updates and lists through the contract', async () => {
    const created = await service.dispatch('party:create', { name: 'Ukraine', kind: 'state', aliases: ['Kyiv', 'Kiev'] });
    assert.ok(created.ok);
    const id = (created.value as { id: string }).id;
    const updated = await service.dispatch('party:update', { id, patch: { kind: 'bloc' } });
    assert.ok(updated.ok);
    assert.equal((updated.value as { kind: string }).kind, 'bloc');
    const bad = await service.dispatch('party:update', { id, patch: { name: '' } });
    assert.equal(!bad.ok && bad.error.code, 'invalid_input');
    const missing = await service.dispatch('party:update', { id: '01900000-0000-7000-8000-000000000000', patch: { name: 'x' } });
    assert.equal(!missing.ok && missing.error.code, 'not_found');
    const list = await service.dispatch('party:list', {});
    assert.ok(list.ok && (list.value as { name: string }[]).some((party) => party.name === 'Ukraine'));
  });

  it('says no_case when no case is open', async () => {
    const closed = createService({ log: () => {} });
    const result = await closed.dispatch('party:list', {});
    assert.equal(!result.ok && result.error.code, 'no_case');
    await closed.dispose();
  });
});
