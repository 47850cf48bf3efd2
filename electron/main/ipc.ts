/**
 * Wires the contract and the shell's commands onto ipcMain: a sender check, then the same dispatch
 * the HTTP bridge uses. Takes ipcMain as an argument and imports only Electron's types, so the
 * checks are unit-tested with fakes (Electron cannot load in plain Node).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { CHANNELS, EVENTS, SHELL_COMMANDS, type ShellCommand } from '../../shared/channels';
import { fail, ok } from '../../shared/errors';
import type { ParleyService } from '../service/service';
import { isAppUrl } from './security';

type HandlerRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;
/** What the check reads of an invoke event. */
export type SenderEvent = { sender: unknown; senderFrame: Pick<WebFrameMain, 'url'> | null };
/** What the check and the event push read of the window's contents. */
export type WindowContents = Pick<WebContents, 'send' | 'isDestroyed'> & { mainFrame: unknown };

export function registerContract(ipcMain: HandlerRegistry, service: ParleyService, getWindowContents: () => WindowContents | null): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, getWindowContents())) {
        return fail('unauthorized', 'Calls are accepted only from the Parley window');
      }
      return service.dispatch(channel, input);
    });
  }
  const unsubscribe = EVENTS.map((name) =>
    service.session.on(name, (payload) => {
      const contents = getWindowContents();
      if (contents && !contents.isDestroyed()) contents.send(`event:${name}`, payload);
    }),
  );
  return () => {
    CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
    unsubscribe.forEach((off) => off());
  };
}

/** Desktop-only commands from the page (dialogs, the external-link guard); same sender check as the contract. */
export function registerShellCommands(
  ipcMain: HandlerRegistry,
  commands: Record<ShellCommand, (input: unknown) => Promise<unknown>>,
  getWindowContents: () => WindowContents | null,
): () => void {
  for (const name of SHELL_COMMANDS) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, getWindowContents())) return fail('unauthorized', 'Not from the Parley window');
      return ok(await commands[name](input));
    });
  }
  return () => SHELL_COMMANDS.forEach((name) => ipcMain.removeHandler(name));
}

/** Only the top frame of our own window, showing our own page: never a subframe, another window or a navigated-away document. */
export function isTrustedSender(event: SenderEvent, windowContents: WindowContents | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !windowContents || event.sender !== windowContents) return false;
  return frame === windowContents.mainFrame && isAppUrl(frame.url);
}
