/**
 * A document's pending suggestions in the reader: loaded in review order, the one under review,
 * accept / reject / accept-above, and "Suggest" with its progress. Every write is one contract
 * call (one undo step for an accept); views that show what it made refetch through case changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Suggestion, SuggestionAcceptResult, SuggestionKind, SuggestionProgress } from '../../../shared/model/suggestion';
import type { Result } from '../../../shared/errors';
import { api } from '../../api';
import { announceChanges, useCaseChanged } from '../../ui/case-changes';
import { inReviewOrder, nextAfter } from '../suggestions/suggestion-view';

/** What an accept may have made besides the annotation. */
export const ACCEPT_TOUCHES = ['suggestion', 'annotation', 'source', 'party', 'concession', 'concession_stance'];

export function useDocumentSuggestions(documentId: string) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<SuggestionProgress | null>(null);
  const order = useRef<Suggestion[]>([]);
  order.current = suggestions;

  const load = useCallback(async () => {
    const result = await api.call('suggestion:list', { documentId, limit: 5000 });
    if (!result.ok) {
      setMessage(`Suggestions could not be loaded: ${result.error.message}`);
      return;
    }
    const ordered = inReviewOrder(result.value.rows);
    setSuggestions(ordered);
    setCurrentId((current) => (current && ordered.some((suggestion) => suggestion.id === current) ? current : null));
  }, [documentId]);

  useEffect(() => {
    setSuggestions([]);
    setCurrentId(null);
    setMessage(null);
    setProgress(null);
    void load();
  }, [load]);
  useCaseChanged(['suggestion', 'suggestion_rejection', 'annotation', 'document'], load);

  useEffect(
    () =>
      api.on('suggestion:progressed', (update) => {
        setProgress(update.state === 'running' ? update : null);
      }),
    [],
  );

  /** After a decision: review the next one, and say what was skipped. */
  const settle = useCallback(
    async (result: Result<SuggestionAcceptResult | Suggestion[]>, decided: string[], touched: string[]) => {
      if (!result.ok) {
        setMessage(result.error.message);
        return false;
      }
      const skipped = Array.isArray(result.value) ? [] : result.value.skipped;
      const done = decided.filter((id) => !skipped.some((entry) => entry.id === id));
      setMessage(skipped.length > 0 ? `${skipped.length === 1 ? 'One was' : `${skipped.length} were`} not accepted: ${skipped[0]!.message}` : null);
      if (done.length === 1) setCurrentId(nextAfter(order.current, done[0]!));
      await announceChanges(touched);
      return true;
    },
    [],
  );

  const accept = useCallback(async (id: string) => settle(await api.call('suggestion:accept', { id }), [id], ACCEPT_TOUCHES), [settle]);
  const reject = useCallback(async (id: string) => settle(await api.call('suggestion:reject', { id }), [id], ['suggestion', 'suggestion_rejection']), [settle]);
  const acceptAbove = useCallback(
    async (kind: SuggestionKind, minConfidence: number) => {
      const ids = order.current.filter((suggestion) => suggestion.kind === kind && suggestion.confidence >= minConfidence).map((suggestion) => suggestion.id);
      return settle(await api.call('suggestion:accept-above', { kind, minConfidence, documentId }), ids, ACCEPT_TOUCHES);
    },
    [documentId, settle],
  );

  const run = useCallback(async () => {
    const result = await api.call('suggestion:run', { documentIds: [documentId] });
    if (!result.ok) setMessage(`Not suggested: ${result.error.message}`);
    else setProgress(result.value.state === 'running' ? result.value : null);
  }, [documentId]);

  return { suggestions, currentId, setCurrentId, message, setMessage, progress, accept, reject, acceptAbove, run, reload: load };
}
