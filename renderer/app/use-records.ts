import { useCallback, useEffect, useState } from 'react';
import type { ChannelName, ChannelOutput } from '../../shared/contract';
import { api } from '../api';

type ListChannel = Extract<ChannelName, `${string}:list`>;

/** Rows of one list channel, reloaded on demand and whenever the case changes. */
export function useRecords<K extends ListChannel>(channel: K, caseKey: string) {
  const [rows, setRows] = useState<ChannelOutput<K> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const result = await api.call(channel, {} as never);
    if (result.ok) {
      setRows(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [channel]);
  useEffect(() => {
    void reload();
  }, [reload, caseKey]);
  return { rows, setRows, reload, error };
}

/** Result of a save as the grids want it: null when saved, the reason otherwise. */
export async function saveOrReason(promise: Promise<{ ok: boolean; error?: { message: string } }>): Promise<string | null> {
  const result = await promise;
  return result.ok ? null : (result.error?.message ?? 'unknown error');
}
