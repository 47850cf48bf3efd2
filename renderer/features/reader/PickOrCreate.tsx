import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { resolvePick, suggest, type Named } from './name-match';

type Item = { kind: 'record'; id: string; name: string; via: string | null } | { kind: 'new'; name: string };

/**
 * A name field over existing records (a combobox): typing a prefix of a name or alias lists the
 * records it may mean ("Krem" → Russia, via Kremlin), plus "New …" for the typed name. Arrows move,
 * Enter takes the highlighted choice (and, with `onEnter`, saves), Tab takes it and moves on,
 * Escape closes the list. What will happen is said under the field.
 */
export function PickOrCreate(props: {
  label: string;
  noun: string;
  value: string;
  records: readonly Named[];
  onChange(value: string): void;
  /** Enter in the field, with the value it chose; e.g. save the form (Shift+Enter: `shift`). */
  onEnter?(value: string, shift: boolean): void;
  placeholder?: string;
  testId: string;
  autoFocus?: boolean;
  optional?: boolean;
  /** More under the field for the choice Enter would take (a new record's kind, an alias offer). */
  extra?(value: string): ReactNode;
  /** A field on the same line, next in the tab order (the attribution's grade). */
  beside?: ReactNode;
}) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const items = useMemo<Item[]>(() => {
    const typed = props.value.trim();
    if (!typed) return [];
    const found: Item[] = suggest(typed, props.records).map((suggestion) => ({ kind: 'record', ...suggestion }));
    if (resolvePick(typed, props.records).kind === 'new') found.push({ kind: 'new', name: typed });
    return found;
  }, [props.value, props.records]);
  // An exact match alone needs no list.
  const showList = open && items.length > 0 && !(items.length === 1 && items[0]!.kind === 'record' && resolvePick(props.value, props.records).kind === 'existing');
  const highlighted = showList ? items[Math.min(active, items.length - 1)] : undefined;
  const effective = highlighted ? highlighted.name : props.value;
  const pick = resolvePick(effective, props.records);

  useEffect(() => {
    // A prefilled name is selected, so typing replaces it.
    if (props.autoFocus) inputRef.current?.select();
  }, [props.autoFocus]);

  const take = (item: Item | undefined) => {
    setOpen(false);
    if (item && item.name !== props.value) props.onChange(item.name);
    return item?.name ?? props.value;
  };

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!showList) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (Math.min(index, items.length - 1) + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      if (!props.onEnter && !showList) return; // the form's own submit
      event.preventDefault();
      const value = take(highlighted);
      props.onEnter?.(value, event.shiftKey);
    } else if (event.key === 'Tab' && highlighted) {
      take(highlighted);
    } else if (event.key === 'Escape' && showList) {
      // Close the list only; a second Escape closes the panel.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <div className="field picker">
      <div className="picker-row">
      <label className="picker-name">
        <span className="field-label">
          {props.label}
          {props.optional && <span className="muted"> (optional)</span>}
        </span>
        <input
          ref={inputRef}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={highlighted ? `${listId}-${items.indexOf(highlighted)}` : undefined}
          value={props.value}
          placeholder={props.placeholder}
          onChange={(event) => {
            props.onChange(event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          autoFocus={props.autoFocus}
          data-testid={props.testId}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      {props.beside}
      </div>
      {showList && (
        <ul className="picker-list" role="listbox" id={listId} data-testid={`${props.testId}-options`}>
          {items.map((item, index) => (
            <li
              key={item.kind === 'record' ? item.id : '+new'}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={item === highlighted}
              className={item === highlighted ? 'active' : ''}
              // Keep the focus in the field: the click only chooses.
              onMouseDown={(event) => {
                event.preventDefault();
                take(item);
                inputRef.current?.focus();
              }}
              onMouseEnter={() => setActive(index)}
            >
              {item.kind === 'record' ? (
                <>
                  {item.name}
                  {item.via && <span className="muted small"> · as “{item.via}”</span>}
                </>
              ) : (
                <>
                  <span className="badge new">New {props.noun}</span> “{item.name}”
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="pick-line">
      {pick.kind === 'new' && (
        <div className="pick-status" data-testid={`${props.testId}-new`}>
          <span className="badge new">New {props.noun}</span> “{pick.name}” will be created
        </div>
      )}
      {pick.kind === 'existing' && (
        <div className="pick-status pick-existing muted small" data-testid={`${props.testId}-existing`}>
          <span className="badge">Existing</span> {pick.name}
        </div>
      )}
      {props.extra?.(effective)}
      </div>
    </div>
  );
}
