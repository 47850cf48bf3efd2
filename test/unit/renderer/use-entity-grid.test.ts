/**
 * The grids' shared hook, in a DOM (jsdom) with React, over the real service: the page's desktop
 * bridge is faked with the service's own dispatch and events, so every call goes through the
 * contract's validated handlers as it does in the app.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { createElement } from 'react';
import { createService, type ParleyService } from '../../../electron/service/service';
import { tempDir } from '../../helpers/temp';

import type { useEntityGrid } from '../../../renderer/ui/use-entity-grid';
import type { useRecords } from '../../../renderer/ui/use-records';

type Hooks = typeof import('../../../renderer/ui/use-entity-grid') & typeof import('../../../renderer/ui/use-records');
type PartyGrid = ReturnType<typeof useEntityGrid<'party'>>;
type SourceList = ReturnType<typeof useRecords<'source:list'>>;

let service: ParleyService;
let calls: string[] = [];
let hooks: Hooks;
let act: typeof import('react').act;
let root: import('react-dom/client').Root;
const seen: { parties: PartyGrid | null; sources: SourceList | null } = { parties: null, sources: null };

before(async () => {
  service = createService({ importWorkers: 1, log: () => {} });
  service.session.create(join(tempDir('parley-hook-'), 'hook.parley'));
  const dom = new JSDOM('<!doctype html><div id="root"></div>', { url: 'http://parley.test/' });
  const page = dom.window as unknown as Window & typeof globalThis;
  Object.assign(globalThis, { window: page, document: page.document, IS_REACT_ACT_ENVIRONMENT: true });
  // Node 20 has no navigator; Node 21+ has its own, which React is content with.
  if (typeof globalThis.navigator === 'undefined') Object.defineProperty(globalThis, 'navigator', { value: page.navigator, configurable: true });
  // The preload's shape, backed by the service: a call is a dispatch, an event a session event.
  page.parleyDesktop = {
    channels: new Proxy({}, { get: (_target, name: string) => (input: unknown) => (calls.push(name), service.dispatch(name as never, input)) }),
    commands: {},
    on: (event: string, listener: (payload: unknown) => void) => service.session.on(event as never, listener),
    pathForFile: () => '',
  };
  hooks = { ...(await import('../../../renderer/ui/use-entity-grid')), ...(await import('../../../renderer/ui/use-records')) };
  act = (await import('react')).act;
  const { createRoot } = await import('react-dom/client');
  function Probe() {
    seen.parties = hooks.useEntityGrid('party');
    seen.sources = hooks.useRecords('source:list');
    return null;
  }
  root = createRoot(page.document.getElementById('root')!);
  await act(async () => root.render(createElement(Probe)));
});

after(async () => {
  if (root) await act(async () => root.unmount());
  await service.dispose();
});

const parties = () => seen.parties!;
const names = () => (parties().rows ?? []).map((party) => party.name);
/** Run a grid action inside act(), so its state updates and the refetches it causes have landed. */
async function run<T>(action: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  await act(async () => {
    result = await action();
  });
  return result as T;
}

describe('useEntityGrid over the contract', () => {
  it('creates a record and refetches the grid; a refused one says why on the error line', async () => {
    assert.equal(await run(() => parties().create({ name: 'Russia', kind: 'state' })), null);
    assert.deepEqual(names(), ['Russia']);
    assert.equal(await run(() => parties().create({ name: '  ' })), 'Name must not be empty');
    assert.equal(parties().gridProps.error, 'Not added: Name must not be empty');
  });

  it('an edit saved afterwards clears the error line, and views showing the record refetch it', async () => {
    await run(() => parties().create({ name: 'Ukraine', kind: 'state' }));
    const russia = parties().rows!.find((party) => party.name === 'Russia')!;
    await run(async () => void (await service.dispatch('source:create', { name: 'Dmitry Peskov', partyId: russia.id })));
    await run(() => seen.sources!.reload());
    assert.equal(seen.sources!.rows?.[0]?.partyName, 'Russia');
    await run(() => parties().gridProps.onEdit(russia, 'name', 'Russian Federation'));
    assert.equal(parties().gridProps.error, null);
    assert.deepEqual(names(), ['Russian Federation', 'Ukraine']);
    // The Sources list shows the party's name, so the party's edit refetched it.
    assert.equal(seen.sources!.rows?.[0]?.partyName, 'Russian Federation');
  });

  it('an edit that is refused keeps the stored value and says why', async () => {
    const ukraine = parties().rows!.find((party) => party.name === 'Ukraine')!;
    assert.match((await run(() => parties().gridProps.onEdit(ukraine, 'name', ''))) ?? '', /must not be empty/);
    assert.equal(parties().gridProps.error, 'Not saved: Name must not be empty');
    assert.ok(names().includes('Ukraine'));
  });

  it('deletes several rows in one call (one undo step), clears the error line and refetches what referred to them', async () => {
    calls = [];
    assert.equal(await run(() => parties().gridProps.onDelete(parties().rows!)), null);
    assert.deepEqual(names(), []);
    assert.equal(parties().gridProps.error, null);
    assert.equal(seen.sources!.rows?.[0]?.partyName, null, 'the source no longer names a deleted party');
    // Two rows, one call: so one undo step brings both back.
    assert.deepEqual(calls.filter((name) => name.includes('delete')), ['party:bulk-delete']);
    await run(async () => void (await service.dispatch('history:undo', {})));
    assert.deepEqual(names(), ['Russian Federation', 'Ukraine'], 'the undo’s case:changed refetched the grid');
  });
});
