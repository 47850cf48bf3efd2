import { forwardRef, memo, useMemo } from 'react';
import type { Annotation } from '../../../shared/model/annotation';
import type { SuggestionKind } from '../../../shared/model/suggestion';
import { highlightStyle } from './annotation-types';
import { paragraphsOf, segmentsOf, type Span } from './segments';

/** The search hit's span rides along with the annotations' spans so segments split at it too. */
const MATCH_ID = '\u0000search-match';

/** A pending suggestion's span, shown dashed in its kind's colour (never like an annotation). */
export interface SuggestedSpan {
  id: string;
  start: number;
  end: number;
  kind: SuggestionKind;
}

const NO_SUGGESTIONS: SuggestedSpan[] = [];

/**
 * The article as text nodes only (never HTML), one element per run of text with its document
 * offsets in data-start/data-end, highlighted by the annotations that cover it; pending
 * suggestions are underlined dashed, the one under review marked.
 */
export const AnnotatedText = memo(
  forwardRef<
    HTMLElement,
    {
      text: string;
      language: string | null;
      annotations: Annotation[];
      selectedId: string | null;
      flashId: string | null;
      /** A search hit's words, marked apart from the annotations. */
      match?: { start: number; end: number } | null;
      onPick(ids: string[]): void;
      onMouseUp(): void;
      suggestions?: SuggestedSpan[];
      currentSuggestionId?: string | null;
      onPickSuggestion?(id: string): void;
    }
  >(function AnnotatedText({ text, language, annotations, selectedId, flashId, match, onPick, onMouseUp, suggestions = NO_SUGGESTIONS, currentSuggestionId = null, onPickSuggestion }, ref) {
    const paragraphs = useMemo(() => paragraphsOf(text), [text]);
    const byId = useMemo(() => new Map(annotations.map((annotation) => [annotation.id, annotation])), [annotations]);
    const suggestionKinds = useMemo(() => new Map(suggestions.map((span) => [span.id, span.kind])), [suggestions]);
    const spans = useMemo<Span[]>(
      () => [
        ...annotations.filter((annotation) => annotation.anchorStatus !== 'orphan' && annotation.end <= text.length).map(({ id, start, end }) => ({ id, start, end })),
        ...suggestions.filter((span) => span.end <= text.length).map(({ id, start, end }) => ({ id, start, end })),
        ...(match && match.end <= text.length && match.end > match.start ? [{ id: MATCH_ID, start: match.start, end: match.end }] : []),
      ],
      [annotations, suggestions, text.length, match?.start, match?.end],
    );
    return (
      <article className="reader-text" lang={language ?? undefined} data-testid="reader-text" ref={ref} onMouseUp={onMouseUp}>
        {paragraphs.map((paragraph) => (
          <p key={paragraph.index} data-paragraph={paragraph.index}>
            {segmentsOf(paragraph.start, paragraph.end, spans).map((segment) => {
              const content = text.slice(segment.start, segment.end);
              const isMatch = segment.ids.includes(MATCH_ID);
              const ids = isMatch ? segment.ids.filter((id) => id !== MATCH_ID) : segment.ids;
              if (ids.length === 0 && isMatch)
                return (
                  <mark key={segment.start} className="search-match" data-start={segment.start} data-end={segment.end} data-testid="reader-search-match">
                    {content}
                  </mark>
                );
              if (ids.length === 0)
                return (
                  <span key={segment.start} data-start={segment.start} data-end={segment.end}>
                    {content}
                  </span>
                );
              const annotated = ids.filter((id) => byId.has(id));
              const suggested = ids.filter((id) => suggestionKinds.has(id));
              const types = annotated.map((id) => byId.get(id)!.type);
              const classes = annotated.length > 0 ? ['hl'] : [];
              if (isMatch) classes.push('search-match');
              if (selectedId && annotated.includes(selectedId)) classes.push('hl-selected');
              if (flashId && annotated.includes(flashId)) classes.push('hl-flash');
              if (suggested.length > 0) classes.push('sg', `sg-${suggestionKinds.get(suggested[suggested.length - 1]!)!}`);
              if (currentSuggestionId && suggested.includes(currentSuggestionId)) classes.push('sg-current');
              return (
                <mark
                  key={segment.start}
                  className={classes.join(' ')}
                  data-start={segment.start}
                  data-end={segment.end}
                  data-annotations={annotated.length > 0 ? annotated.join(' ') : undefined}
                  data-suggestions={suggested.length > 0 ? suggested.join(' ') : undefined}
                  data-testid={isMatch ? 'reader-search-match' : undefined}
                  style={annotated.length > 0 ? highlightStyle(types) : undefined}
                  onClick={() => {
                    if (window.getSelection()?.isCollapsed === false) return;
                    if (annotated.length > 0) onPick(annotated);
                    else if (suggested.length > 0) onPickSuggestion?.(suggested[suggested.length - 1]!);
                  }}
                >
                  {content}
                </mark>
              );
            })}
          </p>
        ))}
      </article>
    );
  }),
);
