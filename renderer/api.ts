/**
 * The only module that knows how the page reaches the service: through the Electron preload
 * (`window.parleyDesktop`) or over the loopback HTTP bridge (browser mode, e2e tests).
 */
import type { ChannelInput, ChannelName, ChannelOutput, EventName, Events } from '../shared/contract';
import { EVENTS, type ShellCommand } from '../shared/channels';
import type { Result } from '../shared/errors';

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

export type ApiMode = 'desktop' | 'browser';

export interface ParleyApi {
  mode: ApiMode;
  call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Desktop only: native dialogs and the guarded external-link opener. */
  command(name: ShellCommand, input?: unknown): Promise<Result<unknown>>;
  /** Desktop only: the path of a dropped file. */
  pathForFile(file: File): string | null;
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
  return {
    mode: 'desktop',
    async call(channel, input) {
      const method = bridge.channels[channel];
      if (!method) return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel ${channel}` } };
      return (await method(input)) as Result<never>;
    },
    on(event, listener) {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
    command(name, input) {
      const method = bridge.commands[name];
      return method ? method(input) : Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: name } });
    },
    pathForFile: (file) => bridge.pathForFile(file),
  };
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
    mode: 'browser',
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
    command: async (name) => ({ ok: false, error: { code: 'unknown_channel', message: `${name} is only available in the desktop app` } }),
    pathForFile: () => null,
  };
}

export const api: ParleyApi = window.parleyDesktop ? desktopApi(window.parleyDesktop) : browserApi();

/** Unwrap a result or throw its error (for code paths that show errors in one place). */
export async function callOrThrow<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = await api.call(channel, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
  return result.value;
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
  }
}
