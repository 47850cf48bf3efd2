/**
 * The native dialogs around a case: new, open, import files or a folder, restore from a backup.
 * Each ends in one call to the service; errors are shown as the analyst's message, not a stack.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { basename, join, resolve } from 'node:path';
import type { ShellCommand } from '../../shared/channels';
import type { CaseInfo } from '../../shared/model/case';
import type { ParleyService } from '../service/service';
import { openExternalGuarded, type OpenExternal } from './security';
import type { ShellStateFile } from './window-state';

const CASE_FILTERS = [{ name: 'Parley case', extensions: ['parley'] }];
const IMPORT_FILTERS = [
  { name: 'Articles', extensions: ['html', 'htm', 'xhtml', 'mhtml', 'mht', 'txt', 'text', 'md', 'markdown', 'pdf', 'docx', 'eml', 'rss', 'atom', 'xml'] },
  { name: 'All files', extensions: ['*'] },
];

export interface CaseDialogs {
  /** Open a case by path (recent cases, the command line, a double-clicked file). */
  openCase(path: string): boolean;
  newCase(): Promise<boolean>;
  chooseCase(): Promise<boolean>;
  /** Returns the import job's id, or null when nothing was chosen. */
  importDialog(folder: boolean): Promise<string | null>;
  restoreFromBackup(): Promise<void>;
}

export function caseDialogs(
  service: ParleyService,
  window: () => BrowserWindow | null,
  state: () => ShellStateFile,
  onCaseChanged: (info: CaseInfo | null) => void,
): CaseDialogs {
  const opened = (info: CaseInfo) => {
    state().rememberCase(info.path);
    onCaseChanged(info);
    return true;
  };

  function openCase(path: string): boolean {
    try {
      return opened(service.session.open(path));
    } catch (error) {
      if ((error as { code?: string }).code === 'not_found') state().forgetCase(path);
      onCaseChanged(null);
      dialog.showErrorBox('Cannot open this case', (error as Error).message);
      return false;
    }
  }

  async function newCase(): Promise<boolean> {
    const result = await dialog.showSaveDialog(window()!, { title: 'New case', defaultPath: join(app.getPath('documents'), 'New case.parley'), filters: CASE_FILTERS });
    if (result.canceled || !result.filePath) return false;
    const path = result.filePath.toLowerCase().endsWith('.parley') ? result.filePath : `${result.filePath}.parley`;
    try {
      return opened(service.session.create(path));
    } catch (error) {
      dialog.showErrorBox('Cannot create the case', (error as Error).message);
      return false;
    }
  }

  async function chooseCase(): Promise<boolean> {
    const result = await dialog.showOpenDialog(window()!, { title: 'Open case', properties: ['openFile'], filters: CASE_FILTERS });
    const path = result.filePaths[0];
    return !result.canceled && path ? openCase(path) : false;
  }

  async function importDialog(folder: boolean): Promise<string | null> {
    if (!service.session.isOpen) {
      dialog.showErrorBox('No case is open', 'Create or open a case before importing articles.');
      return null;
    }
    const result = await dialog.showOpenDialog(window()!, {
      title: folder ? 'Import a folder of articles' : 'Import articles',
      properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
      ...(folder ? {} : { filters: IMPORT_FILTERS }),
    });
    if (result.canceled || result.filePaths.length === 0) return null;
    try {
      return (await service.call('import:start', { paths: result.filePaths })).jobId;
    } catch (error) {
      dialog.showErrorBox('Cannot import', (error as Error).message);
      return null;
    }
  }

  /** Pick one of the open case's backups, confirm, and put it back in place of the case. */
  async function restoreFromBackup(): Promise<void> {
    if (!service.session.isOpen) {
      dialog.showErrorBox('No case is open', 'Open the case whose backup you want to restore.');
      return;
    }
    const backups = await service.call('case:backups', {});
    if (backups.length === 0) {
      dialog.showErrorBox('No backups yet', 'There are no backups of this case yet: Parley takes one when a case is opened and every 10 minutes of edits.');
      return;
    }
    const choice = await dialog.showOpenDialog(window()!, { title: 'Restore from backup', defaultPath: backups[0]!.path, properties: ['openFile'], filters: CASE_FILTERS });
    const backupPath = choice.filePaths[0];
    if (choice.canceled || !backupPath) return;
    const confirmed = await dialog.showMessageBox(window()!, {
      type: 'warning',
      buttons: ['Restore', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Replace the case with this backup?',
      detail: `${basename(backupPath)}\n\nThe current version is kept as one more backup, so this can be undone the same way.`,
    });
    if (confirmed.response !== 0) return;
    try {
      await service.call('case:restore', { from: backupPath });
    } catch (error) {
      dialog.showErrorBox('Cannot restore this backup', (error as Error).message);
    }
    // The case is open again, restored or not (or, if it no longer opens, closed): show which.
    onCaseChanged(service.session.isOpen ? await service.call('case:info', {}) : null);
  }

  return { openCase, newCase, chooseCase, importDialog, restoreFromBackup };
}

/** What the page's desktop-only commands do: the dialogs above, and the one guarded way to open a link. */
export function shellCommands(dialogs: CaseDialogs, openExternal: OpenExternal): Record<ShellCommand, (input: unknown) => Promise<unknown>> {
  return {
    'shell:new-case': () => dialogs.newCase(),
    'shell:open-case': () => dialogs.chooseCase(),
    'shell:import-files': () => dialogs.importDialog(false),
    'shell:import-folder': () => dialogs.importDialog(true),
    'shell:open-external': (url) => openExternalGuarded(url, openExternal),
  };
}

/** A case file named on the command line (a double-clicked .parley file starts Parley with it). */
export function caseArgument(argv: string[]): string | null {
  const candidate = argv.slice(1).find((arg) => arg.toLowerCase().endsWith('.parley'));
  return candidate ? resolve(candidate) : null;
}
