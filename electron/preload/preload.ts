/**
 * The sandboxed preload: named, allowlisted methods only, exposed through contextBridge. No generic
 * invoke passthrough; input validation happens again in the main process against the contract.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, SHELL_COMMANDS } from '../../shared/channels';

const channels = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]),
);
const commands = Object.fromEntries(
  SHELL_COMMANDS.map((command) => [command, (input?: unknown) => ipcRenderer.invoke(command, input)]),
);

contextBridge.exposeInMainWorld('parleyDesktop', {
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
});
