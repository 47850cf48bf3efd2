import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../shared/contract';
import { api } from '../api';
import { aggregatesShownBy, type Aggregate, type ListChannel } from './aggregates';
import { useCaseChanged } from './case-changes';

/**
 * Rows of one list channel: loaded once, then refetched whenever one of the aggregates it shows
 * changes (by default those `aggregatesShownBy` names), and on demand.
 */
export function useRecords<K extends ListChannel>(channel: K, shows: readonly Aggregate[] = aggregatesShownBy(channel)) {
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
  }, [reload]);
  useCaseChanged(shows, reload);
  return { rows, setRows, reload, error };
}
