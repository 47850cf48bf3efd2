/**
 * What the sandboxed preload exposes to the page: one named method per allowlisted channel and
 * shell command, an event subscription limited to the contract's events, and the path of a dropped
 * file. No generic invoke passthrough; input is validated again in the main process. Built from
 * Electron's objects passed in, so a test drives it with fakes.
 */
import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import { CHANNELS, EVENTS, SHELL_COMMANDS } from '../../shared/channels';

export function desktopApi(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, webUtils: Pick<WebUtils, 'getPathForFile'>) {
  const channels = Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]));
  const commands = Object.fromEntries(SHELL_COMMANDS.map((command) => [command, (input?: unknown) => ipcRenderer.invoke(command, input)]));
  return {
    channels,
    commands,
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(`event:${event}`, wrapped);
      return () => ipcRenderer.removeListener(`event:${event}`, wrapped);
    },
    /** Drag-and-drop: the path of a dropped file (sandboxed pages cannot see paths otherwise). */
    pathForFile(file: File): string {
      return webUtils.getPathForFile(file);
    },
  };
}
