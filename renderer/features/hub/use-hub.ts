import { useCallback, useEffect, useState } from 'react';
import type { HubShareSummary, HubStatusInfo, HubSyncSummary } from '../../../shared/model/hub';
import { api } from '../../api';

export type HubOutcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** The open case's hub link: its status (refreshed after every change and sync), share and sync. */
export function useHub() {
  const [status, setStatus] = useState<HubStatusInfo | null>(null);
  const [syncing, setSyncing] = useState(false);

  const refresh = useCallback(async () => {
    const result = await api.call('hub:status', {});
    if (result.ok) setStatus(result.value);
  }, []);

  useEffect(() => {
    void refresh();
    // Every edit adds pending operations: the count follows (the page's own edits raise no event, so also every few seconds).
    const offs = [api.on('case:changed', () => void refresh()), api.on('case:opened', () => void refresh())];
    const timer = window.setInterval(() => void refresh(), 5_000);
    return () => {
      offs.forEach((off) => off());
      window.clearInterval(timer);
    };
  }, [refresh]);

  const sync = useCallback(
    async (credentials: { password?: string; remember?: boolean } = {}): Promise<HubOutcome<HubSyncSummary>> => {
      setSyncing(true);
      try {
        const result = await api.call('hub:sync', credentials);
        return result.ok ? result : { ok: false, code: result.error.code, message: result.error.message };
      } finally {
        setSyncing(false);
        await refresh();
      }
    },
    [refresh],
  );

  const share = useCallback(
    async (input: { url: string; analystName?: string; password?: string; remember?: boolean }): Promise<HubOutcome<HubShareSummary>> => {
      setSyncing(true);
      try {
        const result = await api.call('hub:share', input);
        return result.ok ? result : { ok: false, code: result.error.code, message: result.error.message };
      } finally {
        setSyncing(false);
        await refresh();
      }
    },
    [refresh],
  );

  return { status, syncing, refresh, sync, share };
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return iso.slice(0, 10);
}

export function describeSync(result: HubSyncSummary): string {
  const parts = [`${result.pushed} pushed`, `${result.pulled} pulled`];
  if (result.clashes > 0) parts.push(`${result.clashes} clash${result.clashes === 1 ? '' : 'es'} to review`);
  if (result.notPushed > 0) parts.push(`${result.notPushed} kept local (read-only member)`);
  return `Synced: ${parts.join(', ')}`;
}
