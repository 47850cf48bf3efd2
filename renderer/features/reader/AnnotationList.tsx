import { useEffect, useRef, type ReactNode } from 'react';
import type { Annotation } from '../../../shared/model/annotation';
import { humanise } from '../../../shared/model/vocabulary';
import { TYPE_META } from './annotation-types';

/** One line saying what an annotation records, in the analyst's words. */
export function describeAnnotation(annotation: Annotation): string {
  switch (annotation.type) {
    case 'attribution': {
      const grade = [annotation.effectiveReliability, annotation.credibility].filter((part) => part !== null).join('');
      const parts = [annotation.sourceName ?? 'Unknown source', annotation.quoteKind ? `${annotation.quoteKind} quote` : null, annotation.channel ? humanise(annotation.channel).toLowerCase() : null];
      const via = annotation.publisherName ? ` via ${annotation.publisherName}` : '';
      return `${parts.filter(Boolean).join(', ')}${via}${grade ? ` · ${grade}` : ''}`;
    }
    case 'party_mention':
      return annotation.partyName ?? 'Party';
    case 'concession_evidence':
      return `${annotation.concessionTitle ?? 'Concession'}${annotation.stancePartyName ? ` · ${annotation.stancePartyName} ${annotation.stance ?? ''}` : ''}`;
    case 'note':
      return [annotation.note, annotation.tags.length > 0 ? annotation.tags.map((tag) => `#${tag}`).join(' ') : null].filter(Boolean).join(' ');
  }
}

export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The document's annotations in reading order, orphans (text no longer found) apart. */
export function AnnotationList(props: {
  annotations: Annotation[];
  selectedId: string | null;
  onSelect(annotation: Annotation): void;
  onDelete(annotation: Annotation): void;
  /** More about the selected annotation, under its entry (a concession's plan point). */
  selectedDetail?(annotation: Annotation): ReactNode;
}) {
  const listRef = useRef<HTMLElement>(null);
  const anchored = props.annotations.filter((annotation) => annotation.anchorStatus !== 'orphan').sort((a, b) => a.start - b.start || b.end - a.end);
  const orphans = props.annotations.filter((annotation) => annotation.anchorStatus === 'orphan');

  useEffect(() => {
    if (!props.selectedId) return;
    listRef.current?.querySelector(`[data-annotation-id="${props.selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [props.selectedId]);

  const entry = (annotation: Annotation) => {
    const meta = TYPE_META[annotation.type];
    const selected = annotation.id === props.selectedId;
    return (
      <li key={annotation.id} className={selected ? 'selected' : ''} data-annotation-id={annotation.id} data-testid="annotation-entry">
        <button
          type="button"
          className="annotation-entry"
          onClick={() => props.onSelect(annotation)}
          aria-current={selected ? 'true' : undefined}
          title={annotation.createdBy ? `Added by ${annotation.createdBy}` : undefined}
        >
          <span className="chip" style={{ color: meta.color, borderColor: meta.color }}>
            {meta.label}
          </span>
          <span className="entry-what">{describeAnnotation(annotation)}</span>
          <span className="entry-quote">“{excerpt(annotation.exact)}”</span>
        </button>
        {selected && props.selectedDetail?.(annotation)}
        {selected && (
          <button type="button" className="link danger small" onClick={() => props.onDelete(annotation)} data-testid="annotation-delete">
            Delete
          </button>
        )}
      </li>
    );
  };

  return (
    <aside className="annotation-list" aria-label="Annotations" data-testid="annotation-list" ref={listRef}>
      <h3>
        Annotations <span className="muted">{props.annotations.length}</span>
      </h3>
      {props.annotations.length === 0 ? (
        <p className="muted small empty-hint" data-testid="annotation-list-empty">
          None yet. Select a passage in the article to attribute a quote (<kbd>A</kbd>), mark a party (<kbd>P</kbd>), record
          concession evidence (<kbd>C</kbd>) or add a note (<kbd>N</kbd>).
        </p>
      ) : (
        <ul>{anchored.map(entry)}</ul>
      )}
      {orphans.length > 0 && (
        <>
          <h4 title="The text these annotations quoted is no longer in the article (it was re-extracted or edited).">Not found in the text ({orphans.length})</h4>
          <ul className="orphans" data-testid="orphan-list">
            {orphans.map(entry)}
          </ul>
        </>
      )}
    </aside>
  );
}
