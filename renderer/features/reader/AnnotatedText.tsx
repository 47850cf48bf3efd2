import { forwardRef, memo, useMemo } from 'react';
import type { Annotation } from '../../../shared/model/annotation';
import { highlightStyle } from './annotation-types';
import { paragraphsOf, segmentsOf, type Span } from './segments';

/** The search hit's span rides along with the annotations' spans so segments split at it too. */
const MATCH_ID = '\u0000search-match';

/**
 * The article as text nodes only (never HTML), one element per run of text with its document
 * offsets in data-start/data-end, highlighted by the annotations that cover it.
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
    }
  >(function AnnotatedText({ text, language, annotations, selectedId, flashId, match, onPick, onMouseUp }, ref) {
    const paragraphs = useMemo(() => paragraphsOf(text), [text]);
    const byId = useMemo(() => new Map(annotations.map((annotation) => [annotation.id, annotation])), [annotations]);
    const spans = useMemo<Span[]>(
      () => [
        ...annotations.filter((annotation) => annotation.anchorStatus !== 'orphan' && annotation.end <= text.length).map(({ id, start, end }) => ({ id, start, end })),
        ...(match && match.end <= text.length && match.end > match.start ? [{ id: MATCH_ID, start: match.start, end: match.end }] : []),
      ],
      [annotations, text.length, match?.start, match?.end],
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
              const types = ids.map((id) => byId.get(id)!.type);
              const classes = ['hl'];
              if (isMatch) classes.push('search-match');
              if (selectedId && ids.includes(selectedId)) classes.push('hl-selected');
              if (flashId && ids.includes(flashId)) classes.push('hl-flash');
              return (
                <mark
                  key={segment.start}
                  className={classes.join(' ')}
                  data-start={segment.start}
                  data-end={segment.end}
                  data-annotations={ids.join(' ')}
                  data-testid={isMatch ? 'reader-search-match' : undefined}
                  style={highlightStyle(types)}
                  onClick={() => {
                    if (window.getSelection()?.isCollapsed !== false) onPick(ids);
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
