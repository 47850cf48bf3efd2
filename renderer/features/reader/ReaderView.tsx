import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeSelection } from '../../../shared/anchoring';
import type { Annotation, TextSelector } from '../../../shared/model/annotation';
import type { DocumentDetail, DocumentOriginal } from '../../../shared/model/document';
import type { AnnotationType } from '../../../shared/model/vocabulary';
import { httpUrl } from '../../../shared/url';
import { api } from '../../api';
import { formatDate } from '../../grid/columns';
import { announceChanges, useCaseChanged } from '../../ui/case-changes';
import { AnnotatedText } from './AnnotatedText';
import { AnnotationList } from './AnnotationList';
import { typeForKey } from './annotation-types';
import { elementAt, rangeToOffsets } from './dom-offsets';
import { trimRange } from './segments';
import { selectionContext, type SelectionContext } from './draft';
import { SelectionPanel, type PanelReferences, type SaveAnnotation } from './SelectionPanel';
import { SuggestionList } from './SuggestionList';
import { useDocumentSuggestions } from './use-suggestions';
import { SUGGESTION_KIND_META, draftFor, step } from '../suggestions/suggestion-view';
import type { SuggestedSpan } from './AnnotatedText';
import { ConcessionPlanLink } from '../plans/ConcessionPlanLink';

/** Ask the reader to show one annotation (from a grid or a detail panel); nonce re-triggers it. */
export interface ReaderFocus {
  annotationId?: string;
  /** A search hit: the words to scroll to and mark (offsets into the article's text). */
  match?: { start: number; end: number } | null;
  nonce: number;
}

/** Height the selection panel needs below (or above) the selected words, at its tallest form. */
const PANEL_ROOM = 430;

interface PanelState {
  selector: TextSelector;
  context: SelectionContext;
  anchor: { top: number; bottom: number; left: number };
  initialType: AnnotationType | null;
  /** Edit-then-accept: the suggestion the form completes. */
  suggestionId?: string;
}

/** Keys the Suggestions panel answers when nothing else wants them (not while typing, not in a grid). */
function isReviewKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable="true"], .ag-root-wrapper, .modal')) return false;
  // Enter on a button means that button, except the suggestion entries' own.
  if (event.key === 'Enter' && target?.closest('button') && !target.closest('.suggestion-list')) return false;
  return ['j', 'k', 'e', 'x', 'Enter'].includes(event.key.length === 1 ? event.key.toLowerCase() : event.key);
}

/**
 * The cleaned article with its metadata and annotations. Text is rendered as React text nodes,
 * never as HTML, so nothing from an article can run here; the original is shown as plain source text.
 */
export function ReaderView({ documentId, focus, onClose }: { documentId: string; focus?: ReaderFocus | null; onClose(): void }) {
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  const [original, setOriginal] = useState<DocumentOriginal | null>(null);
  const [showOriginal, setShowOriginal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reextracted, setReextracted] = useState<string | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [annotationError, setAnnotationError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [flashId, setFlashId] = useState<string | null>(null);
  const [panel, setPanel] = useState<PanelState | null>(null);
  const [refs, setRefs] = useState<PanelReferences>({ sources: [], parties: [], concessions: [], issueAreas: [] });
  const bodyRef = useRef<HTMLDivElement>(null);
  const panelBounds = useCallback(() => bodyRef.current?.getBoundingClientRect() ?? null, []);
  const textRef = useRef<HTMLElement>(null);
  const readerRef = useRef<HTMLElement>(null);
  const flashTimer = useRef<number | undefined>(undefined);
  const review = useDocumentSuggestions(documentId);

  const loadDetail = useCallback(async () => {
    const result = await api.call('document:get', { id: documentId });
    if (result.ok) setDetail(result.value);
    else setError(result.error.message);
  }, [documentId]);

  const loadAnnotations = useCallback(async () => {
    const result = await api.call('annotation:list', { documentId, limit: 5000 });
    if (result.ok) {
      setAnnotations(result.value.rows);
      setAnnotationError(null);
    } else setAnnotationError(`Annotations could not be loaded: ${result.error.message}`);
  }, [documentId]);

  useEffect(() => {
    setDetail(null);
    setOriginal(null);
    setShowOriginal(false);
    setSelectedId(null);
    setPanel(null);
    void loadDetail();
    void loadAnnotations();
  }, [loadDetail, loadAnnotations]);
  // The next key goes to the reader (its shortcuts), never to the grid cell that opened it.
  const shown = detail?.id;
  useEffect(() => {
    if (shown) readerRef.current?.focus({ preventScroll: true });
  }, [shown]);
  // Edited in the grid, re-extracted, or changed by undo: show the stored article and its spans.
  useCaseChanged(['document'], loadDetail);
  useCaseChanged(['annotation', 'source', 'party', 'concession', 'concession_stance'], loadAnnotations);

  /** Run today's extraction on the stored original again; annotations follow their quotes. */
  const reextract = useCallback(async () => {
    setReextracted('Re-extracting…');
    const result = await api.call('document:reextract', { id: documentId });
    if (!result.ok) {
      setReextracted(`Not re-extracted: ${result.error.message}`);
      return;
    }
    // The service announces the change (case:changed), which reloads the text and its spans.
    const { reanchored, orphaned } = result.value;
    setOriginal(null);
    setReextracted(
      `Re-extracted. ${reanchored} annotation${reanchored === 1 ? '' : 's'} moved with their quote${orphaned ? `; ${orphaned} could not be found and are flagged` : ''}.`,
    );
  }, [documentId]);

  const loadRefs = useCallback(async () => {
    const [sources, parties, concessions, issueAreas] = await Promise.all([
      api.call('source:list', {}),
      api.call('party:list', {}),
      api.call('concession:list', {}),
      api.call('issue-area:list', {}),
    ]);
    setRefs({
      sources: sources.ok ? sources.value : [],
      parties: parties.ok ? parties.value : [],
      concessions: concessions.ok ? concessions.value : [],
      issueAreas: issueAreas.ok ? issueAreas.value : [],
    });
  }, []);

  // The selected concession span shows its plan point: keep the concessions current.
  useEffect(() => {
    void loadRefs();
  }, [loadRefs]);
  useCaseChanged(['concession', 'plan_point'], loadRefs);

  useEffect(() => {
    if (!showOriginal || original) return;
    void api.call('document:original', { id: documentId }).then((result) => {
      if (result.ok) setOriginal(result.value);
      else setError(result.error.message);
    });
  }, [showOriginal, original, documentId]);

  const show = useCallback((annotation: Pick<Annotation, 'id' | 'start' | 'anchorStatus'>) => {
    setSelectedId(annotation.id);
    if (annotation.anchorStatus === 'orphan' || !textRef.current) return;
    elementAt(textRef.current, annotation.start)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    window.clearTimeout(flashTimer.current);
    setFlashId(null);
    // Next frame, so a repeated flash of the same span restarts its animation.
    requestAnimationFrame(() => setFlashId(annotation.id));
    flashTimer.current = window.setTimeout(() => setFlashId(null), 1800);
  }, []);

  // Focus asked from outside (a grid row, a detail panel): once the text and annotations are in.
  useEffect(() => {
    if (!focus || !detail || showOriginal) return;
    if (focus.annotationId) {
      const target = annotations.find((annotation) => annotation.id === focus.annotationId);
      if (target) show(target);
    } else if (focus.match && textRef.current) {
      // After this render commits the mark, so the scroll lands on it.
      const { start } = focus.match;
      requestAnimationFrame(() => {
        if (textRef.current) elementAt(textRef.current, start)?.scrollIntoView({ block: 'center' });
      });
    }
  }, [focus?.nonce, focus?.annotationId, detail, annotations.length > 0]);

  const openPanel = useCallback(
    (initialType: AnnotationType | null): boolean => {
      const root = textRef.current;
      const selection = window.getSelection();
      if (!root || !detail || !selection || selection.rangeCount === 0 || selection.isCollapsed) return false;
      const range = selection.getRangeAt(0);
      const offsets = rangeToOffsets(root, range);
      if (!offsets) return false;
      const { start, end } = trimRange(detail.text, offsets.start, offsets.end);
      if (end <= start) return false;
      let rect = range.getBoundingClientRect();
      // Make room for the panel below the selection (it never covers the article's title above).
      const area = bodyRef.current?.getBoundingClientRect();
      const scroller = bodyRef.current?.querySelector<HTMLElement>('.reader-scroll');
      if (area && scroller && rect.bottom + PANEL_ROOM > window.innerHeight && rect.top - PANEL_ROOM < area.top) {
        const before = scroller.scrollTop;
        scroller.scrollTop += rect.top - (area.top + 16);
        const moved = scroller.scrollTop - before;
        rect = new DOMRect(rect.left, rect.top - moved, rect.width, rect.height);
      }
      const selector = describeSelection(detail.text, start, end);
      setPanel({ selector, context: selectionContext(detail.text, selector), anchor: { top: rect.top, bottom: rect.bottom, left: rect.left }, initialType });
      void loadRefs();
      return true;
    },
    [detail, loadRefs],
  );

  // With text selected in the article, a type's key opens the panel on that type.
  useEffect(() => {
    if (panel) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if ((event.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const type = typeForKey(event.key);
      if (type && openPanel(type)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel, openPanel]);

  const suggestedSpans = useMemo<SuggestedSpan[]>(
    () => review.suggestions.flatMap((suggestion) => suggestion.spans.map((span) => ({ id: suggestion.id, start: span.start, end: span.end, kind: suggestion.kind }))),
    [review.suggestions],
  );

  /** Review one suggestion: mark it and bring its words into view. */
  const reviewSuggestion = useCallback(
    (id: string | null) => {
      review.setCurrentId(id);
      const suggestion = review.suggestions.find((entry) => entry.id === id);
      const first = suggestion?.spans[0];
      if (first && textRef.current) elementAt(textRef.current, first.start)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
    [review],
  );

  /** E: the A/P/C form over the suggestion's words, prefilled with what Parley proposed. */
  const editSuggestion = useCallback(
    (id: string) => {
      const suggestion = review.suggestions.find((entry) => entry.id === id);
      const first = suggestion?.spans[0];
      if (!suggestion || !first || !detail || !textRef.current) return;
      const element = elementAt(textRef.current, first.start);
      element?.scrollIntoView({ block: 'center' });
      const rect = element?.getBoundingClientRect() ?? new DOMRect(120, 160, 0, 20);
      const selector = describeSelection(detail.text, first.start, first.end);
      setPanel({
        selector,
        context: selectionContext(detail.text, selector),
        anchor: { top: rect.top, bottom: rect.bottom, left: rect.left },
        initialType: SUGGESTION_KIND_META[suggestion.kind].type,
        suggestionId: suggestion.id,
      });
      void loadRefs();
    },
    [review.suggestions, detail, loadRefs],
  );

  useEffect(() => {
    if (panel || showOriginal) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isReviewKey(event) || review.suggestions.length === 0) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const current = review.currentId;
      if (key === 'j' || key === 'k') reviewSuggestion(step(review.suggestions, current, key === 'j' ? 1 : -1));
      else if (!current) return;
      else if (key === 'Enter') void review.accept(current);
      else if (key === 'x') void review.reject(current);
      else if (key === 'e') editSuggestion(current);
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel, showOriginal, review, reviewSuggestion, editSuggestion]);

  const saveSuggestion = useCallback(
    (suggestionId: string): SaveAnnotation =>
      async (input) => {
        const accepted = await api.call('suggestion:accept', { id: suggestionId, annotation: input });
        if (!accepted.ok) return accepted;
        const annotationId = accepted.value.annotationIds[0];
        if (!annotationId) return { ok: false, error: { code: 'conflict', message: accepted.value.skipped[0]?.message ?? 'The suggestion was not accepted' } };
        return api.call('annotation:get', { id: annotationId });
      },
    [],
  );

  const onMouseUp = useCallback(() => {
    // Let the browser settle the selection first (a click inside a selection collapses it late).
    setTimeout(() => {
      if (!openPanel(null)) setPanel(null);
    }, 0);
  }, [openPanel]);

  const onPick = useCallback(
    (ids: string[]) => {
      const id = ids[ids.length - 1];
      if (id) setSelectedId((current) => (current === id && ids.length > 1 ? ids[ids.length - 2]! : id));
    },
    [],
  );

  if (error) return <aside className="reader" role="alert">{error}</aside>;
  if (!detail) return <aside className="reader">Loading…</aside>;
  const meta = [detail.byline, detail.outlet, formatDate(detail.publishedAt)].filter(Boolean).join(' · ');
  const link = httpUrl(detail.url);

  return (
    <aside className="reader" data-testid="reader" ref={readerRef} tabIndex={-1}>
      <header className="reader-header">
        <div className="reader-actions">
          <div className="segmented" role="group" aria-label="View">
            <button type="button" aria-pressed={!showOriginal} onClick={() => setShowOriginal(false)} data-testid="reader-cleaned">
              Article
            </button>
            <button type="button" aria-pressed={showOriginal} onClick={() => setShowOriginal(true)} data-testid="reader-original">
              Original
            </button>
          </div>
          <span className="spacer" />
          <button
            type="button"
            className="link"
            onClick={() => void reextract()}
            title="Extract the article again from the stored original; annotations follow their quotes"
            data-testid="reader-reextract"
          >
            Re-extract
          </button>
          <button type="button" className="link" onClick={onClose} aria-label="Close reader" data-testid="reader-close">
            Close ✕
          </button>
        </div>
        {reextracted && (
          <p className="muted small" role="status" data-testid="reader-reextracted">
            {reextracted}
          </p>
        )}
        <h2 data-testid="reader-title">{detail.title ?? '(untitled)'}</h2>
        <p className="muted">{meta || 'No byline, outlet or date found; edit them in the grid.'}</p>
        {detail.url && (
          <p className="reader-url" data-testid="reader-url">
            {link ? (
              <a
                href={link}
                onClick={(event) => {
                  event.preventDefault();
                  api.openExternal(link);
                }}
              >
                {link}
              </a>
            ) : (
              // Not an http(s) address (a case from before the import rule): shown, never live.
              <span>{detail.url}</span>
            )}
          </p>
        )}
        <p className="muted small">
          {detail.wordCount.toLocaleString()} words · {detail.format.toUpperCase()} · from {detail.originalName ?? detail.label}
          {detail.nearDuplicateOf && ' · near-duplicate of another article in this case'}
        </p>
      </header>
      {showOriginal ? (
        <div className="reader-body">
          {original === null ? (
            <p>Loading…</p>
          ) : original.text === null ? (
            <p className="muted">
              The original is a {detail.format.toUpperCase()} file ({(original.size / 1024).toFixed(0)} KB) kept in the case for
              provenance; its text is what the Article view shows.
            </p>
          ) : (
            <pre className="original-source" data-testid="reader-original-text">
              {original.text}
            </pre>
          )}
        </div>
      ) : (
        <div className="reader-body" ref={bodyRef}>
          <div className="reader-scroll">
            {annotationError && (
              <p className="form-error small" role="alert">
                {annotationError}
              </p>
            )}
            <AnnotatedText
              ref={textRef}
              text={detail.text}
              language={detail.language}
              annotations={annotations}
              selectedId={selectedId}
              flashId={flashId}
              match={focus?.match ?? null}
              onPick={onPick}
              onMouseUp={onMouseUp}
              suggestions={suggestedSpans}
              currentSuggestionId={review.currentId}
              onPickSuggestion={reviewSuggestion}
            />
          </div>
          <div className="reader-side">
          <SuggestionList
            suggestions={review.suggestions}
            currentId={review.currentId}
            message={review.message}
            progress={review.progress}
            onSelect={reviewSuggestion}
            onAccept={(id) => void review.accept(id)}
            onEdit={editSuggestion}
            onReject={(id) => void review.reject(id)}
            onAcceptAbove={(kind, minimum) => void review.acceptAbove(kind, minimum)}
            onRun={() => void review.run()}
          />
          <AnnotationList
            annotations={annotations}
            selectedId={selectedId}
            onSelect={show}
            selectedDetail={(annotation) => {
              const concession = annotation.concessionId ? refs.concessions.find((entry) => entry.id === annotation.concessionId) : undefined;
              return concession ? <ConcessionPlanLink concession={concession} /> : null;
            }}
            onDelete={async (annotation) => {
              const result = await api.call('annotation:delete', { id: annotation.id });
              setSelectedId(null);
              if (result.ok) await announceChanges(['annotation']);
              else setAnnotationError(`Not deleted: ${result.error.message}`);
            }}
          />
          </div>
        </div>
      )}
      {panel && (
        <SelectionPanel
          key={`${panel.selector.start}-${panel.selector.end}`}
          documentId={documentId}
          documentDate={detail.publishedAt}
          selector={panel.selector}
          context={panel.context}
          anchor={panel.anchor}
          bounds={panelBounds}
          initialType={panel.initialType}
          refs={refs}
          onCancel={() => setPanel(null)}
          {...(panel.suggestionId
            ? { prefill: draftFor(review.suggestions.find((entry) => entry.id === panel.suggestionId)!), save: saveSuggestion(panel.suggestionId) }
            : {})}
          onCreated={async (annotation, touched, problem) => {
            const edited = panel.suggestionId;
            setPanel(null);
            window.getSelection()?.removeAllRanges();
            if (edited) review.setCurrentId(null);
            await announceChanges(edited ? [...touched, 'suggestion'] : touched);
            if (problem) setAnnotationError(`Saved; but ${problem}`);
            show(annotation);
          }}
        />
      )}
    </aside>
  );
}
