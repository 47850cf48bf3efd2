import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Annotation, TextSelector } from '../../../shared/model/annotation';
import type { Concession, IssueArea } from '../../../shared/model/concession';
import type { Party } from '../../../shared/model/party';
import type { Source } from '../../../shared/model/source';
import { PARTY_KINDS, SOURCE_CHANNELS, STANCES, humanise, type AnnotationType, type PartyKind, type SourceChannel, type Stance } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { TYPE_META, TYPE_ORDER, typeForKey } from './annotation-types';
import {
  CONCESSION_FIELDS,
  GRADE_HINT,
  aggregatesTouchedBy,
  buildCreateInput,
  describeGrade,
  emptyDraft,
  isAnonymous,
  kindFor,
  offeredAlias,
  parseGrade,
  resolvePick,
  withType,
  type ConcessionField,
  type Draft,
  type References,
  type SelectionContext,
} from './draft';
import { PickOrCreate } from './PickOrCreate';
import type { ChannelInput } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';

/** How the form's annotation is saved: `annotation:create`, or accepting a suggestion with it (edit-then-accept). */
export type SaveAnnotation = (input: ChannelInput<'annotation:create'>) => Promise<Result<Annotation>>;
const createAnnotation: SaveAnnotation = (input) => api.call('annotation:create', input);

export interface PanelReferences {
  sources: Source[];
  parties: Party[];
  concessions: Concession[];
  issueAreas: IssueArea[];
}

const CONCESSION_FIELD_LABELS: Record<ConcessionField, string> = {
  issueAreaId: 'Issue area',
  concedingPartyId: 'Conceding party',
  proposedByPartyId: 'Proposed by',
};
const CONCESSION_FIELD_IDS: Record<ConcessionField, string> = {
  issueAreaId: 'field-concession-issue-area',
  concedingPartyId: 'field-concession-conceding',
  proposedByPartyId: 'field-concession-proposer',
};

/**
 * The floating panel over a selection: pick a type (click, or its key A/P/C/N), fill the few
 * fields that type needs, create. One `annotation:create` call, so one undoable step, even when it
 * also creates a source, party or concession. Defaults come from the article (who spoke, whether
 * the words are quoted, the selected name), so Enter alone often saves; rarely used fields fold
 * away. The panel stays inside the article area, never over the tabs or the article's title.
 */
export function SelectionPanel(props: {
  documentId: string;
  documentDate: string | null;
  selector: TextSelector;
  context: SelectionContext;
  /** The selection's box on screen: the panel goes below it, else above, else wherever it fits. */
  anchor: { top: number; bottom: number; left: number };
  /** The area the panel must stay within (the reader's article and annotation list). */
  bounds(): DOMRect | null;
  initialType: AnnotationType | null;
  refs: PanelReferences;
  /** `touched`: the aggregates the calls wrote; `problem`: a follow-up edit that failed. */
  onCreated(annotation: Annotation, touched: string[], problem: string | null): void;
  onCancel(): void;
  /** Fields filled in advance (a suggestion being edited before it is accepted). */
  prefill?: Partial<Draft>;
  save?: SaveAnnotation;
}) {
  const { refs, selector, context } = props;
  const [draft, setDraft] = useState<Draft | null>(props.initialType ? { ...emptyDraft(props.initialType, context), ...props.prefill } : null);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ top: props.anchor.bottom + 8, left: props.anchor.left });
  const side = useRef<'below' | 'above' | null>(null);
  const references: References = {
    sources: refs.sources,
    parties: refs.parties,
    concessions: refs.concessions.map((concession) => ({ ...concession, name: concession.title })),
  };

  // Place the panel once its height is known, and again whenever its form grows or shrinks: on the
  // side of the selection chosen first (no jumping while typing), clamped into the article area.
  useLayoutEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const place = () => {
      const height = panel.offsetHeight;
      const width = panel.offsetWidth;
      const area = props.bounds();
      const topLimit = Math.max(8, (area?.top ?? 0) + 8);
      const bottomLimit = Math.min(window.innerHeight, area?.bottom ?? window.innerHeight) - 8;
      const { top, bottom, left } = props.anchor;
      const fitsBelow = bottom + 8 + height <= bottomLimit;
      const fitsAbove = top - 8 - height >= topLimit;
      side.current ??= fitsBelow ? 'below' : fitsAbove ? 'above' : 'below';
      const wanted = side.current === 'below' ? bottom + 8 : top - 8 - height;
      const next = Math.max(topLimit, Math.min(wanted, bottomLimit - height));
      const minLeft = Math.max(8, (area?.left ?? 0) + 8);
      const maxLeft = Math.min(window.innerWidth, area?.right ?? window.innerWidth) - width - 8;
      setPosition((current) => {
        const candidate = { top: next, left: Math.max(minLeft, Math.min(left, maxLeft)) };
        return current.top === candidate.top && current.left === candidate.left ? current : candidate;
      });
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(panel);
    return () => observer.disconnect();
  }, [props.anchor, props.bounds]);

  const chooseType = (type: AnnotationType) => {
    setError(null);
    setDraft((current) => (current ? withType(current, type, context) : emptyDraft(type, context)));
  };

  // Keys while the panel is open: A/P/C/N choose a type unless typing in a field; Escape cancels.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        props.onCancel();
        return;
      }
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select')) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const type = typeForKey(event.key);
      if (type) {
        event.preventDefault();
        chooseType(type);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    if (!draft) panelRef.current?.querySelector<HTMLButtonElement>('button')?.focus({ preventScroll: true });
  }, [draft]);

  const update = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => (current ? { ...current, [key]: value } : current));

  /** Save the draft; `override` carries what a field's Enter chose in the same keystroke. */
  async function submit(override: Partial<Draft> = {}) {
    if (!draft || saving) return;
    const final = { ...draft, ...override };
    const built = buildCreateInput(props.documentId, selector, final, references, context);
    if (!built.ok) {
      setError({ field: built.field, message: built.message });
      return;
    }
    setSaving(true);
    const result = await (props.save ?? createAnnotation)(built.input);
    if (!result.ok) {
      setSaving(false);
      setError({ field: '', message: result.error.message });
      return;
    }
    let problem: string | null = null;
    for (const followUp of built.followUps) {
      const done = followUp.channel === 'party:update' ? await api.call('party:update', followUp.input) : await api.call('concession:update', followUp.input);
      if (!done.ok) problem = done.error.message;
    }
    setSaving(false);
    props.onCreated(result.value, aggregatesTouchedBy(built.input, built.followUps), problem);
  }

  // Enter on a select, checkbox or radio saves too (the browser submits only from text fields);
  // Ctrl/⌘+Enter saves from anywhere, the note included.
  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Enter' || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    const tag = target.tagName.toLowerCase();
    if (event.ctrlKey || event.metaKey || tag === 'select' || (tag === 'input' && ['checkbox', 'radio'].includes((target as HTMLInputElement).type))) {
      event.preventDefault();
      void submit();
    }
  }

  const sourcePick = draft ? resolvePick(draft.source, refs.sources) : null;
  const existingSource = sourcePick?.kind === 'existing' ? refs.sources.find((entry) => entry.id === sourcePick.id) : undefined;
  const grade = draft ? parseGrade(draft.grade) : null;
  const quote = selector.exact.length > 140 ? `${selector.exact.slice(0, 138)}…` : selector.exact;

  const kindSelect = (value: PartyKind | '', name: string, onChange: (kind: PartyKind) => void, testId: string) => (
    <label className="inline-field">
      <span className="field-label">Kind</span>
      <select value={kindFor(value, name)} onChange={(event) => onChange(event.target.value as PartyKind)} data-testid={testId}>
        {PARTY_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {humanise(kind)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div
      className="selection-panel"
      ref={panelRef}
      role="dialog"
      aria-label="Annotate selection"
      data-testid="selection-panel"
      style={{ top: position.top, left: position.left }}
      onMouseUp={(event) => event.stopPropagation()}
    >
      <div className="type-picker" role="toolbar" aria-label="Annotation type">
        {TYPE_ORDER.map((type) => (
          <button
            key={type}
            type="button"
            className={draft?.type === type ? 'active' : ''}
            aria-pressed={draft?.type === type}
            onClick={() => chooseType(type)}
            data-testid={`annotate-${type}`}
            title={`${TYPE_META[type].label} (${TYPE_META[type].key})`}
          >
            <span className="swatch" style={{ backgroundColor: TYPE_META[type].color }} />
            {TYPE_META[type].short}
            <kbd>{TYPE_META[type].key}</kbd>
          </button>
        ))}
      </div>
      {draft && (
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void submit();
          }}
          onKeyDown={onFormKeyDown}
          className="annotation-form"
          data-testid="annotation-form"
        >
          <blockquote className="selection-quote">{quote}</blockquote>
          {draft.type === 'attribution' && (
            <>
              <PickOrCreate
                label="Source (who said it)"
                noun="source"
                value={draft.source}
                records={refs.sources}
                onChange={(value) => update('source', value)}
                onEnter={(source) => void submit({ source })}
                placeholder="e.g. Steve Witkoff"
                testId="field-source"
                autoFocus
                beside={
                  <label className="grade-field">
                    <span className="field-label">Grade</span>
                    <input
                      value={draft.grade}
                      onChange={(event) => update('grade', event.target.value)}
                      placeholder={existingSource ? existingSource.defaultReliability : 'B2'}
                      maxLength={4}
                      aria-describedby="grade-meaning"
                      aria-invalid={grade?.ok === false}
                      data-testid="field-grade"
                      title={GRADE_HINT}
                    />
                  </label>
                }
                extra={(name) =>
                  resolvePick(name, refs.sources).kind === 'new' ? (
                    <div className="pick-more">
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={isAnonymous(draft, name)}
                          onChange={(event) => update('sourceAnonymous', event.target.checked)}
                          data-testid="field-source-anonymous"
                        />
                        Anonymous
                      </label>
                      <Fold label="Role, party" open={!!(draft.newSourceRole || draft.newSourcePartyId)} testId="field-source-more">
                        <div className="grid-2">
                          <label>
                            <span className="field-label">Role</span>
                            <input value={draft.newSourceRole} onChange={(event) => update('newSourceRole', event.target.value)} placeholder="US special envoy" data-testid="field-source-role" />
                          </label>
                          <label>
                            <span className="field-label">Party</span>
                            <select value={draft.newSourcePartyId} onChange={(event) => update('newSourcePartyId', event.target.value)} data-testid="field-source-party">
                              <option value="">—</option>
                              {refs.parties.map((party) => (
                                <option key={party.id} value={party.id}>
                                  {party.name}
                                </option>
                              ))}
                            </select>
                          </label>
                        </div>
                      </Fold>
                    </div>
                  ) : null
                }
              />
              <p className={`muted small grade-meaning${grade?.ok === false ? ' invalid' : ''}`} id="grade-meaning" data-testid="grade-meaning">
                {grade?.ok ? describeGrade(grade.grade, existingSource?.defaultReliability ?? null, sourcePick?.kind === 'new') : (grade?.message ?? '')}
              </p>
              <div className="form-row">
                <fieldset className="radios inline">
                  <legend className="field-label">Quote</legend>
                  {(['direct', 'indirect'] as const).map((kind) => (
                    <label key={kind} className="checkbox">
                      <input type="radio" name="quoteKind" checked={draft.quoteKind === kind} onChange={() => update('quoteKind', kind)} data-testid={`field-quote-${kind}`} />
                      {humanise(kind)}
                    </label>
                  ))}
                </fieldset>
                <Fold label="Channel, publisher, note" open={!!(draft.channel || draft.publisher || draft.note)} testId="field-attribution-more">
                  <div className="grid-2 top">
                    <label>
                      <span className="field-label">Channel</span>
                      <select value={draft.channel} onChange={(event) => update('channel', event.target.value as SourceChannel | '')} data-testid="field-channel">
                        <option value="">—</option>
                        {SOURCE_CHANNELS.map((channel) => (
                          <option key={channel} value={channel}>
                            {humanise(channel)}
                          </option>
                        ))}
                      </select>
                    </label>
                    <PickOrCreate
                      label="Publisher"
                      optional
                      noun="source"
                      value={draft.publisher}
                      records={refs.sources}
                      onChange={(value) => update('publisher', value)}
                      placeholder="who carried it, e.g. Bloomberg"
                      testId="field-publisher"
                    />
                  </div>
                  <label className="field">
                    <span className="field-label">
                      Note <span className="muted">(optional)</span>
                    </span>
                    <textarea rows={1} value={draft.note} onChange={(event) => update('note', event.target.value)} data-testid="field-note" />
                  </label>
                </Fold>
              </div>
            </>
          )}
          {draft.type === 'party_mention' && (
            <PickOrCreate
              label="Party"
              noun="party"
              value={draft.party}
              records={refs.parties}
              onChange={(value) => update('party', value)}
              onEnter={(party, shift) => void submit({ party, addAlias: draft.addAlias || shift })}
              placeholder="e.g. Russia"
              testId="field-party"
              autoFocus
              extra={(name) => {
                const alias = offeredAlias({ ...draft, party: name }, context, references);
                const chosen = resolvePick(name, refs.parties);
                return (
                  <div className="pick-more">
                    {chosen.kind === 'new' && kindSelect(draft.partyKind, name, (kind) => update('partyKind', kind), 'field-party-kind')}
                    {alias && (
                      <label className="checkbox alias-offer">
                        <input type="checkbox" checked={draft.addAlias} onChange={(event) => update('addAlias', event.target.checked)} data-testid="field-party-alias" />
                        Add “{alias}” as {chosen.kind === 'existing' ? `an alias of ${chosen.name}` : 'its alias'}
                        <kbd title="Shift+Enter saves with the alias">⇧ Enter</kbd>
                      </label>
                    )}
                  </div>
                );
              }}
            />
          )}
          {draft.type === 'concession_evidence' && (
            <>
              <PickOrCreate
                label="Concession"
                noun="concession"
                value={draft.concession}
                records={references.concessions}
                onChange={(value) => update('concession', value)}
                onEnter={(concession) => void submit({ concession })}
                placeholder="e.g. Ukraine withdraws from Donetsk"
                testId="field-concession"
                autoFocus
              />
              <div className="grid-2">
                <PickOrCreate
                  label="Whose stance"
                  optional
                  noun="party"
                  value={draft.stanceParty}
                  records={refs.parties}
                  onChange={(value) => update('stanceParty', value)}
                  onEnter={(stanceParty) => void submit({ stanceParty })}
                  placeholder="e.g. Russia"
                  testId="field-stance-party"
                  extra={(name) =>
                    resolvePick(name, refs.parties).kind === 'new' ? kindSelect(draft.stancePartyKind, name, (kind) => update('stancePartyKind', kind), 'field-stance-party-kind') : null
                  }
                />
                <label>
                  <span className="field-label">Stance{props.documentDate ? ` as of ${props.documentDate.slice(0, 10)}` : ''}</span>
                  <select value={draft.stance} onChange={(event) => update('stance', event.target.value as Stance)} disabled={!draft.stanceParty.trim()} data-testid="field-stance">
                    {STANCES.map((stance) => (
                      <option key={stance} value={stance}>
                        {humanise(stance)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <ConcessionFields draft={draft} refs={refs} references={references} onChange={(field, value) => update('concessionFields', { ...draft.concessionFields, [field]: value })} />
            </>
          )}
          {draft.type === 'note' && (
            <>
              <label className="field">
                <span className="field-label">Note</span>
                <textarea rows={3} value={draft.note} onChange={(event) => update('note', event.target.value)} autoFocus data-testid="field-note" />
              </label>
              <label className="field">
                <span className="field-label">Tags</span>
                <input value={draft.tags} onChange={(event) => update('tags', event.target.value)} placeholder="comma-separated, e.g. territory, sequencing" data-testid="field-tags" />
              </label>
            </>
          )}
          {error && (
            <p className="form-error" role="alert" data-testid="annotation-error">
              {error.message}
            </p>
          )}
          <div className="panel-actions">
            <span className="muted small">
              <kbd>Enter</kbd> saves · <kbd>Esc</kbd> cancels
            </span>
            <button type="button" onClick={props.onCancel}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={saving} data-testid="annotation-save">
              Save
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** Rarely used fields, folded away until asked for (or already filled). */
function Fold(props: { label: string; open: boolean; testId: string; children: ReactNode }) {
  const [open, setOpen] = useState(props.open);
  return (
    <div className={`fold${open ? ' open' : ''}`} data-testid={props.testId}>
      <button type="button" className="link small fold-toggle" aria-expanded={open} onClick={() => setOpen((value) => !value)} data-testid={`${props.testId}-toggle`}>
        {open ? '▾' : '▸'} {props.label}
      </button>
      {open && <div className="fold-body">{props.children}</div>}
    </div>
  );
}

/** A concession's issue area, conceding party and proposer, set from the reader (new or existing). */
function ConcessionFields(props: { draft: Draft; refs: PanelReferences; references: References; onChange(field: ConcessionField, value: string): void }) {
  const choice = resolvePick(props.draft.concession, props.references.concessions);
  const stored = choice.kind === 'existing' ? props.refs.concessions.find((concession) => concession.id === choice.id) : undefined;
  const options = (field: ConcessionField) =>
    field === 'issueAreaId' ? props.refs.issueAreas.map((area) => ({ id: area.id, name: area.name })) : props.refs.parties.map((party) => ({ id: party.id, name: party.name }));
  return (
    <div className="grid-3" data-testid="concession-fields">
      {CONCESSION_FIELDS.map((field) => (
        <label key={field}>
          <span className="field-label">{CONCESSION_FIELD_LABELS[field]}</span>
          <select value={props.draft.concessionFields[field] ?? stored?.[field] ?? ''} onChange={(event) => props.onChange(field, event.target.value)} data-testid={CONCESSION_FIELD_IDS[field]}>
            <option value="">—</option>
            {options(field).map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
