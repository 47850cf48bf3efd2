import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CHANNELS, EVENTS, SHELL_COMMANDS } from '../../../shared/channels';
import type { Result } from '../../../shared/errors';
import { isTrustedSender, registerContract, registerShellCommands, type SenderEvent, type WindowContents } from '../../../electron/main/ipc';
import { createService, type ParleyService } from '../../../electron/service/service';
import { tempDir } from '../../helpers/temp';

/** Electron cannot load here: the window, its frames and ipcMain are fakes of the shape ipc.ts reads. */
function fakeWindow() {
  const mainFrame = { url: 'app://parley/index.html' };
  const sent: [string, unknown][] = [];
  const contents: WindowContents & { mainFrame: typeof mainFrame; sent: typeof sent } = {
    mainFrame,
    sent,
    send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
    isDestroyed: () => false,
  };
  return contents;
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: SenderEvent, input: unknown) => unknown>();
  return {
    handlers,
    handle: (channel: string, handler: (event: never, input: unknown) => unknown) => void handlers.set(channel, handler as never),
    removeHandler: (channel: string) => void handlers.delete(channel),
    invoke: (channel: string, event: SenderEvent, input: unknown) => Promise.resolve(handlers.get(channel)!(event, input)) as Promise<Result<unknown>>,
  };
}

describe('isTrustedSender', () => {
  const window = fakeWindow();
  const fromTopFrame: SenderEvent = { sender: window, senderFrame: window.mainFrame };

  it('trusts the top frame of the Parley window showing the Parley page', () => {
    assert.equal(isTrustedSender(fromTopFrame, window), true);
    const inTheApp = fakeWindow();
    inTheApp.mainFrame.url = 'app://parley/index.html#reader';
    assert.equal(isTrustedSender({ sender: inTheApp, senderFrame: inTheApp.mainFrame }, inTheApp), true, 'anywhere in the page');
  });

  it('refuses hostile senders', () => {
    const hostile: [string, SenderEvent, WindowContents | null][] = [
      ['a subframe of the window (an iframe, even on app://)', { sender: window, senderFrame: { url: 'app://parley/index.html' } }, window],
      ['another window or webContents', { sender: fakeWindow(), senderFrame: window.mainFrame }, window],
      ['a frame that lost its document', { sender: window, senderFrame: null }, window],
      ['before the window exists, or after it closed', fromTopFrame, null],
    ];
    for (const [what, event, contents] of hostile) assert.equal(isTrustedSender(event, contents), false, what);
    // The window's top frame navigated away (remote page, file:, data:, a look-alike host).
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'data:text/html,<script>1</script>', 'app://parley.evil/index.html', 'app://evil/', 'about:blank', '']) {
      const navigated = fakeWindow();
      navigated.mainFrame.url = url;
      assert.equal(isTrustedSender({ sender: navigated, senderFrame: navigated.mainFrame }, navigated), false, url || '(empty url)');
    }
  });
});

describe('registerContract and registerShellCommands', () => {
  let service: ParleyService;
  before(() => {
    service = createService({ importWorkers: 1, log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
    service.session.create(join(tempDir(), 'ipc.parley'));
  });
  after(() => service.dispose());

  it('answers every channel through the service for the window, and refuses anyone else before the service sees it', async () => {
    const ipcMain = fakeIpcMain();
    const window = fakeWindow();
    const off = registerContract(ipcMain, service, () => window);
    assert.deepEqual([...ipcMain.handlers.keys()].sort(), [...CHANNELS].sort(), 'one handler per channel, nothing else');
    const trusted = { sender: window, senderFrame: window.mainFrame };
    const created = await ipcMain.invoke('party:create', trusted, { name: 'Russia' });
    assert.equal(created.ok, true);
    const invalid = await ipcMain.invoke('party:create', trusted, { name: 42 });
    assert.equal(!invalid.ok && invalid.error.code, 'invalid_input', 'validated like every other caller');
    const stranger = fakeWindow();
    const refused = await ipcMain.invoke('party:create', { sender: stranger, senderFrame: stranger.mainFrame }, { name: 'Ukraine' });
    assert.equal(!refused.ok && refused.error.code, 'unauthorized');
    assert.deepEqual((await service.call('party:list', {})).map((party) => party.name), ['Russia'], 'the refused call wrote nothing');

    // Push events reach the window under event:<name>, for contract events only.
    service.session.emit('case:changed', { aggregates: ['party'] });
    assert.deepEqual(window.sent.at(-1), ['event:case:changed', { aggregates: ['party'] }]);
    assert.ok(window.sent.every(([channel]) => EVENTS.some((name) => channel === `event:${name}`)));

    off();
    assert.equal(ipcMain.handlers.size, 0, 'unregistering removes every handler');
    const count = window.sent.length;
    service.session.emit('case:changed', { aggregates: ['party'] });
    assert.equal(window.sent.length, count, 'and stops the events');
  });

  it('runs a shell command for the window only', async () => {
    const ipcMain = fakeIpcMain();
    const window = fakeWindow();
    const ran: string[] = [];
    const commands = Object.fromEntries(SHELL_COMMANDS.map((name) => [name, async () => void ran.push(name)])) as unknown as Parameters<typeof registerShellCommands>[1];
    registerShellCommands(ipcMain, commands, () => window);
    assert.deepEqual([...ipcMain.handlers.keys()].sort(), [...SHELL_COMMANDS].sort());
    assert.equal((await ipcMain.invoke('shell:open-case', { sender: window, senderFrame: window.mainFrame }, undefined)).ok, true);
    const other = fakeWindow();
    const refused = await ipcMain.invoke('shell:import-folder', { sender: other, senderFrame: other.mainFrame }, undefined);
    assert.equal(!refused.ok && refused.error.code, 'unauthorized');
    assert.deepEqual(ran, ['shell:open-case']);
  });
});
