/**
 * The only module that knows how the page reaches the service: through the Electron preload
 * (`window.parleyDesktop`) or over the loopback HTTP bridge (browser mode, e2e tests). Everything
 * that differs between the two is a capability here, so no view ever asks which one it runs in.
 */
import type { ChannelInput, ChannelName, ChannelOutput, EventName, Events } from '../shared/contract';
import { EVENTS, type ShellCommand } from '../shared/channels';
import type { Result } from '../shared/errors';
import { httpUrl } from '../shared/url';

interface DesktopBridge {
  channels: Record<string, (input: unknown) => Promise<Result<unknown>>>;
  commands: Record<string, (input?: unknown) => Promise<Result<unknown>>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    parleyDesktop?: DesktopBridge;
  }
}

export interface ParleyApi {
  call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** New case… / Open case… through native dialogs; null where the page serves one case (browser mode). */
  readonly caseFiles: { create(): Promise<void>; open(): Promise<void> } | null;
  /**
   * Ask the analyst for articles to import. Where the shell imports by path (desktop), its dialog
   * starts the import job itself and this resolves to no files; in the browser, the page's own file
   * picker resolves to the files the page must upload.
   */
  chooseImport(what: 'files' | 'folder'): Promise<File[]>;
  /** The paths of dropped files where the shell imports by path (desktop); null where they must be uploaded. */
  pathsOf(files: readonly File[]): string[] | null;
  /** Open an article's address in the user's browser (desktop: through the shell's http(s)-only guard). */
  openExternal(url: string): void;
}

const TOKEN_KEY = 'parley.token';

function browserToken(): string {
  // The launch URL carries the token in the fragment; keep it for reloads, then drop it from the bar.
  const fromHash = /(?:^#|&)token=([\w-]+)/.exec(window.location.hash)?.[1];
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function desktopApi(bridge: DesktopBridge): ParleyApi {
  const command = (name: ShellCommand, input?: unknown) => bridge.commands[name]?.(input) ?? Promise.resolve(null);
  return {
    async call(channel, input) {
      const method = bridge.channels[channel];
      if (!method) return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel ${channel}` } };
      return (await method(input)) as Result<never>;
    },
    on(event, listener) {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
    caseFiles: {
      create: async () => void (await command('shell:new-case')),
      open: async () => void (await command('shell:open-case')),
    },
    async chooseImport(what) {
      await command(what === 'folder' ? 'shell:import-folder' : 'shell:import-files');
      return [];
    },
    pathsOf: (files) => files.map((file) => bridge.pathForFile(file)).filter(Boolean),
    openExternal: (url) => void command('shell:open-external', url),
  };
}

/** The page's own file picker: an input that lives only while the chooser is open. */
function pickFiles(what: 'files' | 'folder'): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.hidden = true;
    input.dataset.testid = what === 'folder' ? 'upload-folder-input' : 'upload-input';
    if (what === 'folder') input.webkitdirectory = true;
    else input.multiple = true;
    const done = (files: File[]) => {
      input.remove();
      // A folder brings its hidden files (.DS_Store and the like) along; they are not articles.
      resolve(what === 'folder' ? files.filter((file) => !file.name.startsWith('.')) : files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => done([]), { once: true });
    document.body.append(input);
    input.click();
  });
}

function browserApi(): ParleyApi {
  const token = browserToken();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const name of EVENTS) {
      source.addEventListener(name, (event) => {
        const payload: unknown = JSON.parse((event as MessageEvent<string>).data);
        listeners.get(name)?.forEach((listener) => listener(payload));
      });
    }
  };
  return {
    async call(channel, input) {
      try {
        const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<never>;
      } catch (error) {
        return { ok: false, error: { code: 'io_error', message: `Parley's server is not answering (${(error as Error).message}). Is \`npm run web\` still running?` } };
      }
    },
    on(event, listener) {
      ensureEvents();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    caseFiles: null,
    chooseImport: pickFiles,
    pathsOf: () => null,
    openExternal: (url) => {
      const link = httpUrl(url);
      if (link) window.open(link, '_blank', 'noopener,noreferrer');
    },
  };
}

export const api: ParleyApi = window.parleyDesktop ? desktopApi(window.parleyDesktop) : browserApi();
