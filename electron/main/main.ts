/**
 * The Electron shell: app lifecycle, the window, menus, dialogs and IPC wiring. Everything else
 * (store, import, service) is plain Node and shared with the browser mode.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuAction } from '../../shared/contract';
import { fail, ok } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../bridge/security-headers';
import { createService, type ParleyService } from '../service/service';
import { backupDirFor, listBackups, restoreCase } from '../store/backup';
import { isTrustedSender, registerContract } from './ipc';
import { buildMenu } from './menu';
import { APP_ORIGIN, SECURE_WEB_PREFERENCES, guardSession, guardWebContents, openExternalGuarded } from './security';
import { ShellStateFile } from './window-state';

const HERE = dirname(fileURLToPath(import.meta.url)); // dist/electron
const RENDERER_DIR = resolve(HERE, '..', 'renderer');
const PRELOAD = join(HERE, 'preload.cjs');
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const CASE_FILTERS = [{ name: 'Parley case', extensions: ['parley'] }];
const IMPORT_FILTERS = [
  { name: 'Articles', extensions: ['html', 'htm', 'xhtml', 'mhtml', 'mht', 'txt', 'text', 'md', 'markdown', 'pdf', 'docx', 'eml', 'rss', 'atom', 'xml'] },
  { name: 'All files', extensions: ['*'] },
];

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  let window: BrowserWindow | null = null;
  const openExternal = (url: string) => shell.openExternal(url);
  const state = (): ShellStateFile => shellState!;
  let shellState: ShellStateFile | null = null;

  // In development `npm start` builds better-sqlite3 for Electron and passes its path; a packaged
  // app has the Electron build in place (electron-builder rebuilds native modules).
  const nativeBinding = !app.isPackaged ? process.env.PARLEY_SQLITE_BINDING : undefined;
  // Reports are printed by Electron's own Chromium: a hidden, script-less window renders the
  // report HTML (served from memory under app://parley/__report/) and printToPDF writes the file.
  const reportPages = new Map<string, string>();
  const printPdf = async (html: string, chrome: { header: string; footer: string }): Promise<Buffer> => {
    const id = randomUUID();
    reportPages.set(id, html);
    const printer = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webviewTag: false },
    });
    try {
      await printer.loadURL(`${APP_ORIGIN}/__report/${id}`);
      const pdf = await printer.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: chrome.header,
        footerTemplate: chrome.footer,
        margins: { top: 0.8, bottom: 0.7, left: 0.6, right: 0.6 },
        generateDocumentOutline: true,
        generateTaggedPDF: true,
      });
      return Buffer.from(pdf);
    } finally {
      printer.destroy();
      reportPages.delete(id);
    }
  };
  const service: ParleyService = createService({
    connection: nativeBinding ? { nativeBinding } : {},
    warmImportWorkers: true,
    printPdf,
  });

  const pendingOpen: string[] = [];
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (window) openCase(path);
    else pendingOpen.push(path);
  });
  app.on('second-instance', (_event, argv) => {
    const path = caseArgument(argv);
    if (path) openCase(path);
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  await app.whenReady();
  shellState = ShellStateFile.in(app.getPath('userData'));
  guardSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));

  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const report = /^\/__report\/([\w-]+)$/.exec(url.pathname);
    if (url.host === 'parley' && report) {
      const html = reportPages.get(report[1]!);
      if (html === undefined) return new Response('Not found', { status: 404 });
      return new Response(html, {
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          // The report's own inline styles only; no script, nothing fetched.
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
        },
      });
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = resolve(RENDERER_DIR, `.${relative}`);
    if (url.host !== 'parley' || !(file === RENDERER_DIR || file.startsWith(RENDERER_DIR + sep)) || !existsSync(file)) {
      return new Response('Not found', { status: 404 });
    }
    return readFile(file).then(
      (body) =>
        new Response(body, {
          headers: {
            'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
            'Content-Security-Policy': CONTENT_SECURITY_POLICY,
            'X-Content-Type-Options': 'nosniff',
          },
        }),
    );
  });

  const unregister = registerContract(service, () => window?.webContents ?? null);

  const sendPageAction = (action: MenuAction) => window?.webContents.send('event:menu:invoked', { action });

  function refreshMenu(): void {
    Menu.setApplicationMenu(
      buildMenu(
        state().get().recentCases,
        {
          newCase: () => void newCase(),
          openCase: () => void chooseCase(),
          openRecent: (path) => openCase(path),
          importFiles: () => void importDialog(false),
          importFolder: () => void importDialog(true),
          restoreFromBackup: () => void restoreFromBackup(),
          pageAction: sendPageAction,
        },
        process.platform === 'darwin',
        !app.isPackaged,
      ),
    );
  }

  function openCase(path: string): boolean {
    try {
      const info = service.session.open(path);
      state().rememberCase(path);
      window?.setTitle(`${info.name} — Parley`);
      refreshMenu();
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'not_found') state().forgetCase(path);
      refreshMenu();
      dialog.showErrorBox('Cannot open this case', (error as Error).message);
      return false;
    }
  }

  async function newCase(): Promise<boolean> {
    const result = await dialog.showSaveDialog(window!, {
      title: 'New case',
      defaultPath: join(app.getPath('documents'), 'New case.parley'),
      filters: CASE_FILTERS,
    });
    if (result.canceled || !result.filePath) return false;
    const path = result.filePath.toLowerCase().endsWith('.parley') ? result.filePath : `${result.filePath}.parley`;
    try {
      const info = service.session.create(path);
      state().rememberCase(path);
      window?.setTitle(`${info.name} — Parley`);
      refreshMenu();
      return true;
    } catch (error) {
      dialog.showErrorBox('Cannot create the case', (error as Error).message);
      return false;
    }
  }

  async function chooseCase(): Promise<boolean> {
    const result = await dialog.showOpenDialog(window!, { title: 'Open case', properties: ['openFile'], filters: CASE_FILTERS });
    const path = result.filePaths[0];
    return !result.canceled && path ? openCase(path) : false;
  }

  /** Pick one of the open case's automatic backups, confirm, and put it back in place of the case. */
  async function restoreFromBackup(): Promise<void> {
    if (!service.session.isOpen) {
      dialog.showErrorBox('No case is open', 'Open the case whose backup you want to restore.');
      return;
    }
    const casePath = service.session.current().path;
    const backups = listBackups(casePath);
    if (backups.length === 0) {
      dialog.showErrorBox('No backups yet', `There are no backups of this case in ${backupDirFor(casePath)}.`);
      return;
    }
    const choice = await dialog.showOpenDialog(window!, {
      title: 'Restore from backup',
      defaultPath: backups[0]!.path,
      properties: ['openFile'],
      filters: CASE_FILTERS,
    });
    const backupPath = choice.filePaths[0];
    if (choice.canceled || !backupPath) return;
    const confirmed = await dialog.showMessageBox(window!, {
      type: 'warning',
      buttons: ['Restore', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Replace the case with this backup?',
      detail: `${basename(backupPath)}\n\nThe current version is kept as one more backup, so this can be undone the same way.`,
    });
    if (confirmed.response !== 0) return;
    try {
      await service.session.settle();
      service.session.close();
      restoreCase(casePath, backupPath);
    } catch (error) {
      dialog.showErrorBox('Cannot restore this backup', (error as Error).message);
    }
    openCase(casePath);
  }

  async function importDialog(folder: boolean): Promise<string | null> {
    if (!service.session.isOpen) {
      dialog.showErrorBox('No case is open', 'Create or open a case before importing articles.');
      return null;
    }
    const result = await dialog.showOpenDialog(window!, {
      title: folder ? 'Import a folder of articles' : 'Import articles',
      properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
      ...(folder ? {} : { filters: IMPORT_FILTERS }),
    });
    if (result.canceled || result.filePaths.length === 0) return null;
    const dispatched = await service.dispatch('import:start', { paths: result.filePaths });
    if (!dispatched.ok) {
      dialog.showErrorBox('Cannot import', dispatched.error.message);
      return null;
    }
    return (dispatched.value as { jobId: string }).jobId;
  }

  // Desktop-only commands from the page; same sender check as the contract.
  const shellCommand = (name: string, run: (input: unknown) => Promise<unknown>) =>
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, window?.webContents ?? null)) return fail('unauthorized', 'Not from the Parley window');
      return ok(await run(input));
    });
  shellCommand('shell:new-case', () => newCase());
  shellCommand('shell:open-case', () => chooseCase());
  shellCommand('shell:import-files', () => importDialog(false));
  shellCommand('shell:import-folder', () => importDialog(true));
  shellCommand('shell:open-external', (url) => openExternalGuarded(url, openExternal));

  function createWindow(): BrowserWindow {
    const { bounds, maximized } = state().get();
    const created = new BrowserWindow({
      ...bounds,
      minWidth: 900,
      minHeight: 600,
      title: 'Parley',
      show: false,
      backgroundColor: '#f6f7f9',
      // Spelled out (not spread from a constant) so static checkers such as Electronegativity see them.
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        // Middle-click must not open links in new windows.
        disableBlinkFeatures: 'Auxclick',
        preload: PRELOAD,
      } satisfies typeof SECURE_WEB_PREFERENCES & { preload: string; disableBlinkFeatures: string },
    });
    if (maximized) created.maximize();
    created.once('ready-to-show', () => created.show());
    const saveBounds = () => {
      if (created.isDestroyed()) return;
      state().update({ bounds: created.getNormalBounds(), maximized: created.isMaximized() });
    };
    created.on('resize', saveBounds);
    created.on('move', saveBounds);
    created.on('close', saveBounds);
    created.on('closed', () => {
      window = null;
    });
    void created.loadURL(`${APP_ORIGIN}/index.html`);
    return created;
  }

  refreshMenu();
  window = createWindow();

  const initial = pendingOpen.shift() ?? caseArgument(process.argv) ?? state().get().lastCase;
  if (initial && existsSync(initial)) openCase(initial);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    unregister();
    void service.dispose();
  });
}

function caseArgument(argv: string[]): string | null {
  const candidate = argv.slice(1).find((arg) => arg.toLowerCase().endsWith('.parley'));
  return candidate ? resolve(candidate) : null;
}
