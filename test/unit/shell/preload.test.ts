import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHANNELS, EVENTS, SHELL_COMMANDS } from '../../../shared/channels';
import { useFakeElectron } from '../../helpers/fake-electron';

/** The real preload module, run against a fake contextBridge and ipcRenderer. */
async function loadPreload() {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const exposed = new Map<string, Record<string, unknown>>();
  useFakeElectron({
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        invoked.push([channel, input]);
        return { ok: true, value: channel };
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => void listeners.get(channel)?.delete(listener),
    },
    webUtils: { getPathForFile: (file: { name: string }) => `/home/analyst/${file.name}` },
  });
  await import('../../../electron/preload/preload');
  return { invoked, listeners, exposed };
}

describe('the preload', () => {
  it('exposes one object with named methods for the allowlisted channels and commands, and nothing else', async () => {
    const { invoked, listeners, exposed } = await loadPreload();
    assert.deepEqual([...exposed.keys()], ['parleyDesktop'], 'one thing on window, under one name');
    const api = exposed.get('parleyDesktop') as {
      channels: Record<string, (input: unknown) => Promise<unknown>>;
      commands: Record<string, (input?: unknown) => Promise<unknown>>;
      on(event: string, listener: (payload: unknown) => void): () => void;
      pathForFile(file: unknown): string;
    };
    assert.deepEqual(Object.keys(api).sort(), ['channels', 'commands', 'on', 'pathForFile'], 'no generic invoke, no sendSync');
    assert.deepEqual(Object.keys(api.channels).sort(), [...CHANNELS].sort());
    assert.deepEqual(Object.keys(api.commands).sort(), [...SHELL_COMMANDS].sort());
    assert.equal(Object.hasOwn(api.channels, 'shell:open-external'), false, 'commands are not channels');

    // Each method invokes exactly its own channel, passing the input through untouched.
    for (const channel of CHANNELS) assert.deepEqual(await api.channels[channel]!({ probe: channel }), { ok: true, value: channel });
    assert.deepEqual(invoked, CHANNELS.map((channel) => [channel, { probe: channel }]));
    await api.commands['shell:open-external']!('https://example.org/');
    assert.deepEqual(invoked.at(-1), ['shell:open-external', 'https://example.org/']);

    // Events: contract events only, under event:<name>, and unsubscribing removes the listener.
    const received: unknown[] = [];
    const off = api.on('case:changed', (payload) => received.push(payload));
    for (const listener of listeners.get('event:case:changed') ?? []) listener({ sender: 'ipc' }, { aggregates: ['party'] });
    assert.deepEqual(received, [{ aggregates: ['party'] }], 'the IPC event object never reaches the page');
    off();
    assert.equal(listeners.get('event:case:changed')?.size, 0);
    for (const name of EVENTS) api.on(name, () => {})();
    for (const name of ['party:create', 'event:case:changed', '__proto__', 'ELECTRON_BROWSER_REQUIRE']) {
      assert.throws(() => api.on(name, () => {}), /Unknown event/, name);
    }
    assert.equal(api.pathForFile({ name: 'geneva.html' }), '/home/analyst/geneva.html');
  });
});
