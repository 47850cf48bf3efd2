import { forwardRef, memo, useMemo } from 'react';
import type { Annotation } from '../../../shared/model/annotation';
import { highlightStyle } from './annotation-types';
import { paragraphsOf, segmentsOf, type Span } from './segments';

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
      onPick(ids: string[]): void;
      onMouseUp(): void;
    }
  >(function AnnotatedText({ text, language, annotations, selectedId, flashId, onPick, onMouseUp }, ref) {
    const paragraphs = useMemo(() => paragraphsOf(text), [text]);
    const byId = useMemo(() => new Map(annotations.map((annotation) => [annotation.id, annotation])), [annotations]);
    const spans = useMemo<Span[]>(
      () => annotations.filter((annotation) => annotation.anchorStatus !== 'orphan' && annotation.end <= text.length).map(({ id, start, end }) => ({ id, start, end })),
      [annotations, text.length],
    );
    return (
      <article className="reader-text" lang={language ?? undefined} data-testid="reader-text" ref={ref} onMouseUp={onMouseUp}>
        {paragraphs.map((paragraph) => (
          <p key={paragraph.index} data-paragraph={paragraph.index}>
            {segmentsOf(paragraph.start, paragraph.end, spans).map((segment) => {
              const content = text.slice(segment.start, segment.end);
              if (segment.ids.length === 0)
                return (
                  <span key={segment.start} data-start={segment.start} data-end={segment.end}>
                    {content}
                  </span>
                );
              const types = segment.ids.map((id) => byId.get(id)!.type);
              const classes = ['hl'];
              if (selectedId && segment.ids.includes(selectedId)) classes.push('hl-selected');
              if (flashId && segment.ids.includes(flashId)) classes.push('hl-flash');
              return (
                <mark
                  key={segment.start}
                  className={classes.join(' ')}
                  data-start={segment.start}
                  data-end={segment.end}
                  data-annotations={segment.ids.join(' ')}
                  style={highlightStyle(types)}
                  onClick={() => {
                    if (window.getSelection()?.isCollapsed !== false) onPick(segment.ids);
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
