/** The application menu: File (cases, import, export, backups), Edit (undo/redo of Parley edits, find), View, Window. */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { MenuAction } from '../../shared/contract';
import type { CaseDialogs } from './dialogs';

export interface MenuHandlers {
  newCase(): void;
  openCase(): void;
  openRecent(path: string): void;
  importFiles(): void;
  importFolder(): void;
  restoreFromBackup(): void;
  /** Actions the page owns (export panel, undo/redo of Parley edits, find). */
  pageAction(action: MenuAction): void;
}

export function buildMenu(recentCases: string[], handlers: MenuHandlers, isMac: boolean, devTools: boolean): Menu {
  const recent: MenuItemConstructorOptions[] = recentCases.length
    ? recentCases.map((path) => ({ label: `${basename(path)} — ${path}`, click: () => handlers.openRecent(path) }))
    : [{ label: 'No recent cases', enabled: false }];

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: handlers.newCase },
        { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: handlers.openCase },
        { label: 'Open Recent', submenu: recent },
        { type: 'separator' },
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: handlers.importFiles },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+I', click: handlers.importFolder },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => handlers.pageAction('export') },
        { type: 'separator' },
        { label: 'Share to Hub…', click: () => handlers.pageAction('hub-share') },
        { label: 'Sync Now', accelerator: 'CmdOrCtrl+Shift+S', click: () => handlers.pageAction('hub-sync') },
        { type: 'separator' },
        { label: 'Restore from Backup…', click: handlers.restoreFromBackup },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => handlers.pageAction('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => handlers.pageAction('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find in Case…', accelerator: 'CmdOrCtrl+F', click: () => handlers.pageAction('find') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

/** Build the menu and make it the application's (again after the recent cases change). */
export function installMenu(recentCases: string[], handlers: MenuHandlers, isMac: boolean, devTools: boolean): void {
  Menu.setApplicationMenu(buildMenu(recentCases, handlers, isMac, devTools));
}

/** The menu's File items open the case dialogs; page actions go to the page as `menu:invoked`. */
export function menuHandlers(dialogs: CaseDialogs, pageAction: (action: MenuAction) => void): MenuHandlers {
  return {
    newCase: () => void dialogs.newCase(),
    openCase: () => void dialogs.chooseCase(),
    openRecent: (path) => dialogs.openCase(path),
    importFiles: () => void dialogs.importDialog(false),
    importFolder: () => void dialogs.importDialog(true),
    restoreFromBackup: () => void dialogs.restoreFromBackup(),
    pageAction,
  };
}
