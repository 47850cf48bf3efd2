/**
 * Central guards for every window: no navigation away from the app, no new windows, no
 * permissions, no <webview>, and one guarded way to open links in the user's browser.
 * Written against structural types so the guards are unit-tested without Electron.
 */
import type { Session, WebContents } from 'electron';
import { isSafeExternalUrl } from './external-url';

export const APP_ORIGIN = 'app://parley';

export type OpenExternal = (url: string) => Promise<void>;

/** The only call site of shell.openExternal in Parley goes through here. */
export async function openExternalGuarded(url: unknown, openExternal: OpenExternal): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await openExternal(url);
  return true;
}

export function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: GuardedContents, openExternal: OpenExternal): void {
  const blockNavigation = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openExternalGuarded(url, openExternal);
  };
  contents.on('will-navigate', blockNavigation);
  contents.on('will-redirect', blockNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalGuarded(url, openExternal);
    return { action: 'deny' };
  });
}

type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;

export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // Offline always: the app itself never reaches the network.
  session.webRequest.onBeforeRequest((details, callback) => {
    // blob: URLs are the page's own exports (CSV, reports) being saved; they never leave the machine.
    const allowed =
      details.url.startsWith(`${APP_ORIGIN}/`) ||
      details.url.startsWith(`blob:${APP_ORIGIN}/`) ||
      details.url.startsWith('devtools://') ||
      details.url.startsWith('data:');
    callback({ cancel: !allowed });
  });
}

export const SECURE_WEB_PREFERENCES = {
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
} as const;
