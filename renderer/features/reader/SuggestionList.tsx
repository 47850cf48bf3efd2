import { useEffect, useRef, useState } from 'react';
import type { Suggestion, SuggestionKind, SuggestionProgress } from '../../../shared/model/suggestion';
import { SUGGESTION_KIND_META, SUGGESTION_KIND_ORDER, describeSuggestion, percent } from '../suggestions/suggestion-view';
import { excerpt } from './AnnotationList';

/**
 * The reader's Suggestions panel: what Parley proposes for this article, grouped by kind, beside the
 * annotations. Keyboard first (the reader routes the keys): J/K move, Enter accepts, E opens the
 * A/P/C form prefilled, X rejects; each group accepts everything at or above a confidence at once.
 */
export function SuggestionList(props: {
  suggestions: Suggestion[];
  currentId: string | null;
  message: string | null;
  progress: SuggestionProgress | null;
  onSelect(id: string): void;
  onAccept(id: string): void;
  onEdit(id: string): void;
  onReject(id: string): void;
  onAcceptAbove(kind: SuggestionKind, minConfidence: number): void;
  onRun(): void;
}) {
  const listRef = useRef<HTMLElement>(null);
  const [thresholds, setThresholds] = useState<Record<SuggestionKind, string>>({ party: '90', attribution: '85', concession: '75' });

  useEffect(() => {
    if (!props.currentId) return;
    listRef.current?.querySelector(`[data-suggestion-id="${props.currentId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [props.currentId]);

  const groups = SUGGESTION_KIND_ORDER.map((kind) => ({ kind, items: props.suggestions.filter((suggestion) => suggestion.kind === kind) })).filter((group) => group.items.length > 0);

  return (
    <section className="suggestion-list" aria-label="Suggestions" data-testid="suggestion-list" ref={listRef}>
      <h3>
        Suggestions <span className="muted" data-testid="suggestion-count">{props.suggestions.length}</span>
        <span className="spacer" />
        <button type="button" className="link small" onClick={props.onRun} disabled={props.progress !== null} data-testid="suggest-document" title="Read this article again and propose its parties, attributions and concessions">
          {props.progress ? `Suggesting… ${props.progress.done}/${props.progress.total}` : 'Suggest'}
        </button>
      </h3>
      {props.message && (
        <p className="form-error small" role="status" data-testid="suggestion-message">
          {props.message}
        </p>
      )}
      {props.suggestions.length === 0 ? (
        <p className="muted small empty-hint" data-testid="suggestion-list-empty">
          Nothing to review. <strong>Suggest</strong> reads the article and proposes who is in it, who said what and what each side demands.
        </p>
      ) : (
        <>
          <p className="muted small keys-hint">
            <kbd>J</kbd>/<kbd>K</kbd> move · <kbd>Enter</kbd> accept · <kbd>E</kbd> edit · <kbd>X</kbd> reject
          </p>
          {groups.map(({ kind, items }) => {
            const meta = SUGGESTION_KIND_META[kind];
            const threshold = Number(thresholds[kind]) / 100;
            const above = items.filter((item) => item.confidence >= threshold).length;
            return (
              <div key={kind} className="suggestion-group" data-testid={`suggestion-group-${kind}`}>
                <h4 style={{ color: meta.color }}>
                  {meta.plural} <span className="muted">{items.length}</span>
                </h4>
                <form
                  className="accept-above small"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (above > 0) props.onAcceptAbove(kind, threshold);
                  }}
                >
                  <button type="submit" disabled={above === 0} data-testid={`accept-above-${kind}`}>
                    Accept {above} at ≥
                  </button>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    step={5}
                    value={thresholds[kind]}
                    aria-label={`Minimum confidence for ${meta.plural.toLowerCase()}, in percent`}
                    onChange={(event) => setThresholds((current) => ({ ...current, [kind]: event.target.value }))}
                    data-testid={`accept-above-${kind}-min`}
                  />
                  %
                </form>
                <ul>
                  {items.map((suggestion) => {
                    const current = suggestion.id === props.currentId;
                    return (
                      <li key={suggestion.id} className={current ? 'selected' : ''} data-suggestion-id={suggestion.id} data-testid="suggestion-entry">
                        <button type="button" className="annotation-entry" onClick={() => props.onSelect(suggestion.id)} aria-current={current ? 'true' : undefined}>
                          <span className="entry-what">
                            {describeSuggestion(suggestion)} <span className="muted confidence">{percent(suggestion.confidence)}</span>
                          </span>
                          <span className="entry-quote">“{excerpt(suggestion.kind === 'party' ? [...new Set(suggestion.spans.map((span) => span.exact))].join(', ') : suggestion.text)}”</span>
                        </button>
                        {current && (
                          <div className="suggestion-actions">
                            <button type="button" className="primary small" onClick={() => props.onAccept(suggestion.id)} data-testid="suggestion-accept">
                              Accept <kbd>Enter</kbd>
                            </button>
                            <button type="button" className="small" onClick={() => props.onEdit(suggestion.id)} data-testid="suggestion-edit">
                              Edit <kbd>E</kbd>
                            </button>
                            <button type="button" className="small danger" onClick={() => props.onReject(suggestion.id)} data-testid="suggestion-reject">
                              Reject <kbd>X</kbd>
                            </button>
                          </div>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}
