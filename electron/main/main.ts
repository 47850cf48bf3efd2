/**
 * The Electron shell, composed: the app:// protocol, the window, menus, dialogs and IPC wiring,
 * each in a module of its own. Everything else (store, import, service) is plain Node, reached
 * only through the service, and shared with browser mode and the CLI.
 */
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from '../service/service';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { caseArgument, caseDialogs, shellCommands } from './dialogs';
import { keychainCredentials } from './hub-keychain';
import { registerContract, registerShellCommands } from './ipc';
import { installMenu, menuHandlers } from './menu';
import { createReportPrinter } from './printing';
import { guardSession, guardWebContents } from './security';
import { createWindow } from './window';
import { ShellStateFile } from './window-state';

const HERE = dirname(fileURLToPath(import.meta.url)); // dist/electron

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();
else void start();

async function start(): Promise<void> {
  let window: BrowserWindow | null = null;
  const contents = () => window?.webContents ?? null;
  const openExternal = (url: string) => shell.openExternal(url);
  const printer = createReportPrinter();
  // `npm start` builds better-sqlite3 for Electron and passes its path; a packaged app has it in place.
  const nativeBinding = !app.isPackaged ? process.env.PARLEY_SQLITE_BINDING : undefined;
  const service = createService({
    connection: nativeBinding ? { nativeBinding } : {},
    warmImportWorkers: true,
    printPdf: printer.printPdf,
    // Hub passwords live in the OS keychain, never in the case file (read only after app ready: syncs start from the page).
    hubCredentials: keychainCredentials(safeStorage, app.getPath('userData')),
  });

  // A case opened from the OS (double-click, a second launch) before the window exists waits for it.
  const pendingOpen: string[] = [];
  const openOrQueue = (path: string) => (window ? dialogs.openCase(path) : pendingOpen.push(path));
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openOrQueue(path);
  });
  app.on('second-instance', (_event, argv) => {
    const path = caseArgument(argv);
    if (path) openOrQueue(path);
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  await app.whenReady();
  const state = ShellStateFile.in(app.getPath('userData'));
  const refreshMenu = () =>
    installMenu(state.get().recentCases, menuHandlers(dialogs, (action) => contents()?.send('event:menu:invoked', { action })), process.platform === 'darwin', !app.isPackaged);
  const dialogs = caseDialogs(service, () => window, () => state, (info) => {
    if (info) window?.setTitle(`${info.name} — Parley`);
    refreshMenu();
  });
  guardSession(session.defaultSession);
  app.on('web-contents-created', (_event, created) => guardWebContents(created, openExternal));
  serveAppProtocol(resolve(HERE, '..', 'renderer'), printer.page);
  const unregister = [registerContract(ipcMain, service, contents), registerShellCommands(ipcMain, shellCommands(dialogs, openExternal), contents)];

  const showWindow = () => (window = createWindow(state, join(HERE, 'preload.cjs'), () => (window = null)));
  refreshMenu();
  showWindow();
  const initial = pendingOpen.shift() ?? caseArgument(process.argv) ?? state.get().lastCase;
  if (initial && existsSync(initial)) dialogs.openCase(initial);

  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && showWindow());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('will-quit', () => {
    unregister.forEach((off) => off());
    void service.dispose();
  });
}
