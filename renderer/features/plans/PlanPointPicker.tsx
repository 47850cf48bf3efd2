import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PlanPointOption } from '../../../shared/model/plan';

/** Points whose number or words match every word typed ("3 territory" finds point 3 on territory). */
export function matchPoints(points: readonly PlanPointOption[], query: string): PlanPointOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...points];
  return points.filter((point) => {
    const text = point.text.toLowerCase();
    // A bare number is the point's number (or a whole number in its text, "800"), never a digit inside another.
    return words.every((word) => (/^\d+$/.test(word) ? point.number === Number(word) || new RegExp(`(^|\\D)${word}(\\D|$)`).test(text) : text.includes(word)));
  });
}

/**
 * Pick a plan point to link a concession to: plan, then version (the latest by default), then a
 * point found by its number or words. Keyboard: Tab between the fields, ↑/↓ through the points,
 * Enter links the highlighted one, Esc cancels.
 */
export function PlanPointPicker(props: {
  points: readonly PlanPointOption[];
  /** The point linked now, if any: its plan and version are chosen first. */
  current: string | null;
  busy?: boolean;
  onPick(pointId: string): void;
  onCancel(): void;
}) {
  const listId = useId();
  const plans = useMemo(() => [...new Map(props.points.map((point) => [point.planId, point.planTitle])).entries()].map(([id, title]) => ({ id, title })), [props.points]);
  const currentPoint = props.points.find((point) => point.id === props.current);
  const [planId, setPlanId] = useState(currentPoint?.planId ?? plans[0]?.id ?? '');
  const versions = useMemo(
    () => [...new Map(props.points.filter((point) => point.planId === planId).map((point) => [point.versionId, point.versionLabel])).entries()].map(([id, label]) => ({ id, label })),
    [props.points, planId],
  );
  // Points come in version order (oldest first): the latest version is the one usually meant.
  const [chosenVersion, setVersionId] = useState(currentPoint?.versionId ?? '');
  const versionId = versions.some((version) => version.id === chosenVersion) ? chosenVersion : (versions.at(-1)?.id ?? '');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => matchPoints(props.points.filter((point) => point.versionId === versionId), query), [props.points, versionId, query]);
  const highlighted = matches[Math.min(active, matches.length - 1)];
  // Opened at the foot of a side panel: bring the whole picker into view (a block body: Chromium's scrollIntoView may return a promise, which React would take for a cleanup).
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    root.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onCancel();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if ((event.target as HTMLElement).tagName === 'SELECT') return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (Math.min(index, matches.length - 1) + step + matches.length) % Math.max(1, matches.length));
    } else if (event.key === 'Enter' && (event.target as HTMLElement).tagName !== 'BUTTON') {
      event.preventDefault();
      event.stopPropagation();
      if (highlighted) props.onPick(highlighted.id);
    }
  }

  if (props.points.length === 0) {
    return (
      <div className="plan-point-picker" data-testid="plan-point-picker" onKeyDown={onKeyDown}>
        <p className="muted small">No plan has points yet. Paste a plan's points in the Plans view first.</p>
        <button type="button" className="link small" onClick={props.onCancel} autoFocus>
          Close
        </button>
      </div>
    );
  }
  return (
    <div ref={root} className="plan-point-picker" data-testid="plan-point-picker" onKeyDown={onKeyDown} role="group" aria-label="Link to a plan point">
      <div className="field-row">
        <label className="field">
          <span className="field-label">Plan</span>
          <select
            value={planId}
            onChange={(event) => {
              setPlanId(event.target.value);
              setVersionId('');
              setActive(0);
            }}
            data-testid="plan-point-picker-plan"
          >
            {plans.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Version</span>
          <select
            value={versionId}
            onChange={(event) => {
              setVersionId(event.target.value);
              setActive(0);
            }}
            data-testid="plan-point-picker-version"
          >
            {versions.map((version) => (
              <option key={version.id} value={version.id}>
                {version.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span className="field-label">Point</span>
        <input
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={highlighted ? `${listId}-${matches.indexOf(highlighted)}` : undefined}
          value={query}
          placeholder="number or words, e.g. 7 or territory"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          data-testid="plan-point-picker-search"
        />
      </label>
      <ul className="plan-point-options" role="listbox" id={listId} aria-label="Plan points" data-testid="plan-point-picker-options">
        {matches.length === 0 && <li className="muted small">No point of this version matches.</li>}
        {matches.map((point, index) => (
          <li
            key={point.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={point === highlighted}
            className={`${point === highlighted ? 'active' : ''}${point.id === props.current ? ' current' : ''}`}
            onMouseDown={(event) => {
              event.preventDefault();
              props.onPick(point.id);
            }}
            onMouseEnter={() => setActive(index)}
            data-testid="plan-point-picker-option"
          >
            <strong>{point.number}.</strong> {point.text}
            {point.id === props.current && <span className="muted small"> · linked now</span>}
          </li>
        ))}
      </ul>
      <div className="button-row">
        <span className="muted small">
          <kbd>↑</kbd>
          <kbd>↓</kbd> choose · <kbd>Enter</kbd> links · <kbd>Esc</kbd> cancels
        </span>
        <span className="spacer" />
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!highlighted || props.busy} onClick={() => highlighted && props.onPick(highlighted.id)} data-testid="plan-point-picker-link">
          Link
        </button>
      </div>
    </div>
  );
}
