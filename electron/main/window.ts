/** The workbench window: hardened web preferences, remembered bounds, the page from app://. */
import { BrowserWindow } from 'electron';
import { APP_ORIGIN, type SECURE_WEB_PREFERENCES } from './security';
import type { ShellStateFile } from './window-state';

export function createWindow(state: ShellStateFile, preload: string, onClosed: () => void): BrowserWindow {
  const { bounds, maximized } = state.get();
  const window = new BrowserWindow({
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
      preload,
    } satisfies typeof SECURE_WEB_PREFERENCES & { preload: string; disableBlinkFeatures: string },
  });
  if (maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  const saveBounds = () => {
    if (window.isDestroyed()) return;
    state.update({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  };
  window.on('resize', saveBounds);
  window.on('move', saveBounds);
  window.on('close', saveBounds);
  window.on('closed', onClosed);
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
