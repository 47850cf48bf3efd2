import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import type { Annotation, TextSelector } from '../../../shared/model/annotation';
import type { Party } from '../../../shared/model/party';
import type { Source } from '../../../shared/model/source';
import {
  CREDIBILITY_GRADES,
  CREDIBILITY_LABELS,
  RELIABILITY_GRADES,
  RELIABILITY_LABELS,
  SOURCE_CHANNELS,
  STANCES,
  humanise,
  type AnnotationType,
  type CredibilityGrade,
  type ReliabilityGrade,
  type SourceChannel,
  type Stance,
} from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { TYPE_META, TYPE_ORDER, typeForKey } from './annotation-types';
import { aggregatesTouchedBy, buildCreateInput, emptyDraft, resolvePick, type Draft, type Named } from './draft';
import { PickOrCreate } from './PickOrCreate';

export interface PanelReferences {
  sources: Source[];
  parties: Party[];
  concessions: Named[];
}

/**
 * The floating panel over a selection: pick a type (click, or its key A/P/C/N), fill the few
 * fields that type needs, create. One `annotation:create` call, so one undoable step, even when it
 * also creates a source, party or concession.
 */
export function SelectionPanel(props: {
  documentId: string;
  documentDate: string | null;
  selector: TextSelector;
  /** The selection's box on screen: the panel goes below it, else above, else wherever it fits. */
  anchor: { top: number; bottom: number; left: number };
  initialType: AnnotationType | null;
  refs: PanelReferences;
  /** `touched`: the aggregates the call wrote (a new source, party or concession made in the same step). */
  onCreated(annotation: Annotation, touched: string[]): void;
  onCancel(): void;
}) {
  const { refs, selector } = props;
  const [draft, setDraft] = useState<Draft | null>(props.initialType ? emptyDraft(props.initialType) : null);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ top: props.anchor.bottom + 8, left: props.anchor.left });

  // Place the panel once its height is known, and again whenever its form grows or shrinks.
  useLayoutEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const place = () => {
      const height = panel.offsetHeight;
      const width = panel.offsetWidth;
      const { top, bottom, left } = props.anchor;
      const room = window.innerHeight - 8;
      const next = bottom + 8 + height <= room ? bottom + 8 : top - 8 - height >= 8 ? top - 8 - height : Math.max(8, room - height);
      setPosition((current) => {
        const candidate = { top: next, left: Math.max(8, Math.min(left, window.innerWidth - width - 12)) };
        return current.top === candidate.top && current.left === candidate.left ? current : candidate;
      });
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(panel);
    return () => observer.disconnect();
  }, [props.anchor]);

  const chooseType = (type: AnnotationType) => {
    setError(null);
    setDraft((current) => (current ? { ...current, type } : emptyDraft(type)));
  };

  // Keys while the panel is open: A/P/C/N choose a type unless typing in a field; Escape cancels.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
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

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const built = buildCreateInput(props.documentId, selector, draft, refs);
    if (!built.ok) {
      setError({ field: built.field, message: built.message });
      return;
    }
    setSaving(true);
    const result = await api.call('annotation:create', built.input);
    setSaving(false);
    if (!result.ok) {
      setError({ field: '', message: result.error.message });
      return;
    }
    props.onCreated(result.value, aggregatesTouchedBy(built.input));
  }

  const source = draft ? resolvePick(draft.source, refs.sources) : null;
  const sourceDefault =
    source?.kind === 'existing' ? refs.sources.find((entry) => entry.id === source.id)?.defaultReliability : draft?.newSourceReliability;
  const quote = selector.exact.length > 90 ? `${selector.exact.slice(0, 88)}…` : selector.exact;

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
            {TYPE_META[type].label}
            <kbd>{TYPE_META[type].key}</kbd>
          </button>
        ))}
      </div>
      {draft && (
        <form onSubmit={(event) => void submit(event)} className="annotation-form" data-testid="annotation-form">
          <blockquote className="selection-quote">{quote}</blockquote>
          {draft.type === 'attribution' && (
            <>
              <PickOrCreate
                label="Source (who said it)"
                noun="source"
                value={draft.source}
                records={refs.sources}
                onChange={(value) => update('source', value)}
                placeholder="e.g. Steve Witkoff"
                testId="field-source"
                autoFocus
                whenNew={
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
                    <label>
                      <span className="field-label">Default reliability</span>
                      <select
                        value={draft.newSourceReliability}
                        onChange={(event) => update('newSourceReliability', event.target.value as ReliabilityGrade)}
                        data-testid="field-source-reliability"
                      >
                        {RELIABILITY_GRADES.map((grade) => (
                          <option key={grade} value={grade}>
                            {grade} · {RELIABILITY_LABELS[grade]}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label className="checkbox">
                      <input type="checkbox" checked={draft.newSourceAnonymous} onChange={(event) => update('newSourceAnonymous', event.target.checked)} data-testid="field-source-anonymous" />
                      Anonymous
                    </label>
                  </div>
                }
              />
              <div className="grid-2">
                <fieldset className="radios">
                  <legend className="field-label">Quote</legend>
                  {(['direct', 'indirect'] as const).map((kind) => (
                    <label key={kind} className="checkbox">
                      <input type="radio" name="quoteKind" checked={draft.quoteKind === kind} onChange={() => update('quoteKind', kind)} data-testid={`field-quote-${kind}`} />
                      {humanise(kind)}
                    </label>
                  ))}
                </fieldset>
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
                <label>
                  <span className="field-label">Credibility</span>
                  <select
                    value={draft.credibility === '' ? '' : String(draft.credibility)}
                    onChange={(event) => update('credibility', event.target.value ? (Number(event.target.value) as CredibilityGrade) : '')}
                    data-testid="field-credibility"
                  >
                    <option value="">Not graded</option>
                    {CREDIBILITY_GRADES.map((grade) => (
                      <option key={grade} value={grade}>
                        {grade} · {CREDIBILITY_LABELS[grade]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <span className="field-label">Reliability</span>
                  <select value={draft.reliability} onChange={(event) => update('reliability', event.target.value as ReliabilityGrade | '')} data-testid="field-reliability">
                    <option value="">Source default{sourceDefault ? ` (${sourceDefault})` : ''}</option>
                    {RELIABILITY_GRADES.map((grade) => (
                      <option key={grade} value={grade}>
                        {grade} · {RELIABILITY_LABELS[grade]}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <PickOrCreate
                label="Publisher"
                optional
                noun="source"
                value={draft.publisher}
                records={refs.sources}
                onChange={(value) => update('publisher', value)}
                placeholder="when someone else carried it, e.g. Bloomberg"
                testId="field-publisher"
              />
            </>
          )}
          {draft.type === 'party_mention' && (
            <PickOrCreate label="Party" noun="party" value={draft.party} records={refs.parties} onChange={(value) => update('party', value)} placeholder="e.g. Russia" testId="field-party" autoFocus />
          )}
          {draft.type === 'concession_evidence' && (
            <>
              <PickOrCreate
                label="Concession"
                noun="concession"
                value={draft.concession}
                records={refs.concessions}
                onChange={(value) => update('concession', value)}
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
                  placeholder="e.g. Russia"
                  testId="field-stance-party"
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
            </>
          )}
          {(draft.type === 'note' || draft.type === 'attribution') && (
            <label className="field">
              <span className="field-label">
                Note{draft.type !== 'note' && <span className="muted"> (optional)</span>}
              </span>
              <textarea rows={draft.type === 'note' ? 3 : 1} value={draft.note} onChange={(event) => update('note', event.target.value)} autoFocus={draft.type === 'note'} data-testid="field-note" />
            </label>
          )}
          {draft.type === 'note' && (
            <label className="field">
              <span className="field-label">Tags</span>
              <input value={draft.tags} onChange={(event) => update('tags', event.target.value)} placeholder="comma-separated, e.g. territory, sequencing" data-testid="field-tags" />
            </label>
          )}
          {error && (
            <p className="form-error" role="alert" data-testid="annotation-error">
              {error.message}
            </p>
          )}
          <div className="panel-actions">
            <span className="muted small">Esc to cancel</span>
            <button type="button" onClick={props.onCancel}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={saving} data-testid="annotation-save">
              Create {TYPE_META[draft.type].label.toLowerCase()}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
