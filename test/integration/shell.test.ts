import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CHANNELS, SHELL_COMMANDS } from '../../shared/channels';
import type { Result } from '../../shared/errors';
import type { CaseInfo } from '../../shared/model/case';
import { createService } from '../../electron/service/service';
import { useFakeElectron } from '../helpers/fake-electron';
import { tempDir } from '../helpers/temp';

/**
 * The built Electron shell (dist/electron/main.mjs, as main.ts composes it), started against a fake
 * Electron (the binary cannot be downloaded here): it must open the case it is given through the
 * service, create one hardened window, answer every channel and shell command for that window
 * only, and serve only the built page from app://parley.
 */
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dir = tempDir();
const casePath = join(dir, 'geneva talks.parley');
const article = join(dir, 'reuters.html');

type Listener = (...args: unknown[]) => unknown;
const appEvents = new Map<string, Listener[]>();
const ipcHandlers = new Map<string, Listener>();
const protocolHandlers = new Map<string, (request: { url: string }) => Response | Promise<Response>>();
const windows: FakeWindow[] = [];
const errors: [string, string][] = [];
let menu: { label?: string; submenu?: { label?: string; click?: () => void }[] }[] = [];
let openDialogAnswer: string[] = [];

class FakeWindow {
  title = '';
  loaded = '';
  readonly webContents = { mainFrame: { url: 'app://parley/index.html' }, sent: [] as [string, unknown][], send: (channel: string, payload: unknown) => this.webContents.sent.push([channel, payload]), isDestroyed: () => false };
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    windows.push(this);
  }
  static getAllWindows = () => windows;
  maximize() {}
  once() {}
  on() {}
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  isDestroyed = () => false;
  getNormalBounds = () => ({ width: 1360, height: 860 });
  isMaximized = () => false;
  isMinimized = () => false;
  setTitle(title: string) {
    this.title = title;
  }
  focus() {}
  destroy() {}
}

const invoke = (channel: string, input: unknown, from = windows[0]!) =>
  Promise.resolve(ipcHandlers.get(channel)!({ sender: from.webContents, senderFrame: from.webContents.mainFrame }, input)) as Promise<Result<unknown>>;
const menuItem = (top: string, label: string) => menu.find((entry) => entry.label === top)!.submenu!.find((entry) => entry.label === label)!;
const until = async (condition: () => boolean, what: string) => {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20_000) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
  }
};

before(async () => {
  const setup = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  setup.session.create(casePath);
  await setup.dispose();
  copyFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'html', 'wire-jsonld.html'), article);
  useFakeElectron({
    app: {
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      quit: () => {},
      whenReady: () => Promise.resolve(),
      getPath: () => dir,
      on: (event: string, listener: Listener) => void appEvents.set(event, [...(appEvents.get(event) ?? []), listener]),
    },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, handler: Listener) => void ipcHandlers.set(channel, handler), removeHandler: (channel: string) => void ipcHandlers.delete(channel) },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: (scheme: string, handler: never) => void protocolHandlers.set(scheme, handler) },
    session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {}, webRequest: { onBeforeRequest: () => {} } } },
    shell: { openExternal: async () => {} },
    // No OS keychain here: hub passwords then come from ~/.pgpass or PGPASSWORD.
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    Menu: { buildFromTemplate: (template: typeof menu) => template, setApplicationMenu: (built: typeof menu) => void (menu = built) },
    dialog: {
      showErrorBox: (title: string, message: string) => void errors.push([title, message]),
      showOpenDialog: async () => ({ canceled: openDialogAnswer.length === 0, filePaths: openDialogAnswer }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({ response: 1 }),
    },
  });
  process.argv = [process.argv[0]!, 'parley', casePath];
  const built = join(ROOT, 'dist', 'electron', 'main.mjs');
  assert.ok(existsSync(built), 'run `npm run build` first');
  await import(pathToFileURL(built).href);
  await until(() => windows.length === 1 && windows[0]!.title !== '', 'the window and the case');
});

after(async () => {
  for (const listener of appEvents.get('will-quit') ?? []) listener();
  // The service disposes asynchronously; give the import workers a moment to stop.
  await new Promise((resolvePromise) => setTimeout(resolvePromise, 300));
});

describe('the Electron shell, composed (fake Electron)', () => {
  it('opens the case named on the command line in one hardened window', () => {
    const [window] = windows;
    assert.equal(window!.title, 'geneva talks — Parley');
    assert.equal(window!.loaded, 'app://parley/index.html');
    const preferences = window!.options.webPreferences;
    for (const [key, value] of Object.entries({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true })) {
      assert.equal(preferences[key], value, key);
    }
    assert.equal(preferences.preload, join(ROOT, 'dist', 'electron', 'preload.cjs'));
  });

  it('answers every channel and shell command for its window, and nobody else', async () => {
    assert.deepEqual([...ipcHandlers.keys()].sort(), [...CHANNELS, ...SHELL_COMMANDS].sort());
    const info = await invoke('case:info', {});
    assert.ok(info.ok);
    assert.equal((info.value as CaseInfo).name, 'geneva talks');
    const stranger = new FakeWindow({ webPreferences: {} });
    windows.pop();
    const refused = await invoke('case:info', {}, stranger);
    assert.equal(!refused.ok && refused.error.code, 'unauthorized');
  });

  it('imports through the menu and tells the page how it went', async () => {
    openDialogAnswer = [article];
    menuItem('&File', 'Import Files…').click!();
    await until(() => windows[0]!.webContents.sent.some(([channel, payload]) => channel === 'event:import:progressed' && (payload as { state: string }).state === 'done'), 'the import');
    const documents = await invoke('document:list', {});
    assert.equal(documents.ok && (documents.value as unknown[]).length, 1);
    menuItem('&File', 'Export…').click!();
    assert.deepEqual(windows[0]!.webContents.sent.at(-1), ['event:menu:invoked', { action: 'export' }]);
  });

  it('serves the built page from app://parley with its policy, and nothing else', async () => {
    const serve = protocolHandlers.get('app')!;
    const page = await serve({ url: 'app://parley/index.html' });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('Content-Security-Policy') ?? '', /default-src 'none'; script-src 'self'/);
    assert.match(await page.text(), /<div id="root">/);
    for (const url of ['app://parley/../../package.json', 'app://parley/%2e%2e/%2e%2e/package.json', 'app://parley/..%2F..%2Fpackage.json', 'app://evil/index.html', 'app://parley/__report/unknown-id']) {
      assert.equal((await serve({ url })).status, 404, url);
    }
  });
});
