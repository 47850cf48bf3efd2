/** Wires the contract onto ipcMain: a sender check, then the same dispatch the HTTP bridge uses. */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, EVENTS } from '../../shared/channels';
import { fail } from '../../shared/errors';
import type { ParleyService } from '../service/service';
import { isAppUrl } from './security';

export function registerContract(service: ParleyService, getWindowContents: () => WebContents | null): () => void {
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

export function isTrustedSender(event: IpcMainInvokeEvent, windowContents: WebContents | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !windowContents || event.sender !== windowContents) return false;
  // Only the top frame of our own page, never a subframe or a navigated-away document.
  return frame === windowContents.mainFrame && isAppUrl(frame.url);
}
