/**
 * Which records changed, so each view refetches only what it shows. Two sources feed it: the
 * service's `case:changed` event (undo/redo, bulk edits, merges, re-extraction: writes the page did
 * not make record by record) and the page's own single-record writes, announced here after they
 * succeed, so a party renamed in its grid also renames it in the Sources grid beside it.
 */
import { useEffect, useRef } from 'react';
import { api } from '../api';
import { EVERYTHING, concerns, type Aggregate } from './aggregates';

type Listener = (aggregates: ReadonlySet<Aggregate>) => unknown;
const listeners = new Set<Listener>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  api.on('case:changed', ({ aggregates }) => void notify(aggregates));
  api.on('case:opened', () => void notify([EVERYTHING]));
}

async function notify(aggregates: readonly Aggregate[]): Promise<void> {
  const changed = new Set(aggregates);
  await Promise.all([...listeners].map((listener) => listener(changed)));
}

/**
 * Tell every view that these aggregates changed; resolves once the views that show them have
 * refetched (so a caller can rely on the grid showing the stored value).
 */
export function announceChanges(aggregates: readonly Aggregate[]): Promise<void> {
  return notify(aggregates);
}

export function onCaseChanged(listener: Listener): () => void {
  listen();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Run `refetch` when any of `shown` changes. The aggregates are compared by value and the latest
 * callback is kept in a ref, so callers may pass inline arrays and functions.
 */
export function useCaseChanged(shown: readonly Aggregate[], refetch: () => unknown): void {
  const callback = useRef(refetch);
  callback.current = refetch;
  const key = shown.join(',');
  useEffect(() => {
    const aggregates = key.split(',');
    return onCaseChanged((changed) => (concerns(changed, aggregates) ? callback.current() : undefined));
  }, [key]);
}
