/**
 * The case's one search box (Ctrl+K, Ctrl+F): articles and annotation quotes and notes, with
 * filters, sort and saved searches; a hit opens the reader beside the results, at the match.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Party } from '../../../shared/model/party';
import type { SavedSearch, SearchFilterOptions, SearchFilters, SearchHit, SearchResults, SearchSort } from '../../../shared/model/search';
import type { Source } from '../../../shared/model/source';
import { ANNOTATION_TYPES, type AnnotationType } from '../../../shared/model/vocabulary';
import { searchQueryProblem } from '../../../shared/search-query';
import { api } from '../../api';
import { formatDate } from '../../grid/columns';
import { useCaseChanged } from '../../ui/case-changes';
import { ReaderView, type ReaderFocus } from '../reader/ReaderView';
import { markQueryWords, partsOf, type TextPart } from './snippet-parts';

const TYPE_LABELS: Record<AnnotationType, string> = {
  attribution: 'Attribution',
  party_mention: 'Party mention',
  concession_evidence: 'Concession evidence',
  note: 'Note',
};
const FIELD_LABELS: Record<SearchHit['field'], string> = { text: 'in the text', title: 'in the title', quote: 'in the quote', note: 'in the note' };
type Scope = 'all' | 'documents' | 'annotations';

export interface SearchViewProps {
  /** Bumped by Ctrl+K / Ctrl+F / the menu: focus the box and select its text. */
  focusNonce: number;
}

interface Opened {
  hit: SearchHit;
  focus: ReaderFocus;
}

function Marked({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}

export function SearchView({ focusNonce }: SearchViewProps) {
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({});
  const [sort, setSort] = useState<SearchSort>('relevance');
  const [scope, setScope] = useState<Scope>('all');
  /** Rank every match of a common word (slower) instead of the most recently added ones. */
  const [rankAll, setRankAll] = useState(false);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<SearchFilterOptions>({ outlets: [], tags: [], dateRange: null });
  const [parties, setParties] = useState<Party[]>([]);
  const [sources, setSources] = useState<Source[]>([]);
  const [saved, setSaved] = useState<SavedSearch[]>([]);
  const [saving, setSaving] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const latest = useRef(0);

  const problem = useMemo(() => searchQueryProblem(query), [query]);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusNonce]);

  const loadOptions = useCallback(async () => {
    const [filterOptions, partyList, sourceList, savedList] = await Promise.all([
      api.call('search:filters', {}),
      api.call('party:list', {}),
      api.call('source:list', {}),
      api.call('saved-search:list', {}),
    ]);
    if (filterOptions.ok) setOptions(filterOptions.value);
    if (partyList.ok) setParties(partyList.value);
    if (sourceList.ok) setSources(sourceList.value);
    if (savedList.ok) setSaved(savedList.value);
  }, []);
  useEffect(() => void loadOptions(), [loadOptions]);
  useCaseChanged(['document', 'party', 'source', 'tag', 'annotation'], loadOptions);

  const run = useCallback(async (text: string, withFilters: SearchFilters, withSort: SearchSort, withScope: Scope, withRankAll: boolean) => {
    if (text.trim() === '' || searchQueryProblem(text)) return;
    const ticket = ++latest.current;
    setBusy(true);
    const result = await api.call('document:search', { query: text, filters: withFilters, sort: withSort, scope: withScope, rankAll: withRankAll, limit: 100 });
    if (ticket !== latest.current) return; // a newer search is under way
    setBusy(false);
    if (result.ok) {
      setResults(result.value);
      setSearched(text);
      setError(null);
    } else {
      setError(result.error.message);
    }
  }, []);

  // Search as the analyst types (once the query reads), and again when a filter or the sort changes.
  useEffect(() => {
    const timer = window.setTimeout(() => void run(query, filters, sort, scope, rankAll), 250);
    return () => window.clearTimeout(timer);
  }, [query, filters, sort, scope, rankAll, run]);
  useEffect(() => setRankAll(false), [query]);
  useCaseChanged(['document', 'annotation'], () => void run(query, filters, sort, scope, rankAll));

  const setFilter = <K extends keyof SearchFilters>(key: K, value: SearchFilters[K] | undefined) =>
    setFilters((current) => {
      const next = { ...current };
      if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') delete next[key];
      else next[key] = value;
      return next;
    });

  const open = (hit: SearchHit) =>
    setOpened({
      hit,
      focus:
        hit.kind === 'annotation' && hit.annotationId
          ? { annotationId: hit.annotationId, nonce: Date.now() }
          : { match: hit.start !== null && hit.end !== null ? { start: hit.start, end: hit.end } : null, nonce: Date.now() },
    });

  const applySaved = (entry: SavedSearch) => {
    setQuery(entry.query);
    setFilters(entry.filters);
    setSort(entry.sort);
  };

  const save = async (name: string) => {
    const current = saved.find((entry) => entry.name.toLowerCase() === name.trim().toLowerCase());
    const result = await api.call('saved-search:save', { ...(current ? { id: current.id } : {}), name, query, filters, sort });
    if (!result.ok) {
      setError(`Not saved: ${result.error.message}`);
      return;
    }
    setSaving(null);
    setError(null);
    await loadOptions();
  };

  const removeSaved = async (entry: SavedSearch) => {
    const result = await api.call('saved-search:delete', { id: entry.id });
    if (!result.ok) setError(`Not deleted: ${result.error.message}`);
    await loadOptions();
  };

  const filterCount = Object.keys(filters).length;
  const hits = results ? [...results.documents, ...results.annotations] : [];

  return (
    <div className={opened ? 'split reading search-view' : 'single search-view'} data-testid="search-view">
      <section className="search-pane">
        <form
          className="search-bar"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            void run(query, filters, sort, scope, rankAll);
          }}
        >
          <input
            ref={inputRef}
            className="search-input"
            type="search"
            placeholder='Search the case: words, "a phrase", prefix*, OR, NOT, NEAR'
            aria-label="Search articles, quotes and notes"
            aria-invalid={problem ? true : undefined}
            aria-describedby="search-help"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            data-testid="search-input"
          />
          <select aria-label="Order" value={sort} onChange={(event) => setSort(event.target.value as SearchSort)} data-testid="search-sort">
            <option value="relevance">Best match</option>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
          <div className="segmented" role="group" aria-label="Search in">
            {(['all', 'documents', 'annotations'] as const).map((value) => (
              <button key={value} type="button" aria-pressed={scope === value} onClick={() => setScope(value)} data-testid={`search-scope-${value}`}>
                {value === 'all' ? 'Everything' : value === 'documents' ? 'Articles' : 'Annotations'}
              </button>
            ))}
          </div>
        </form>
        <p id="search-help" className={problem ? 'search-problem' : 'muted small'} role={problem ? 'alert' : undefined} data-testid={problem ? 'search-problem' : 'search-help'}>
          {problem ?? 'Words must all appear; "quotes" keep a phrase together; peace* finds peacekeepers; Kremlin OR Moscow; talks NOT Geneva; Witkoff NEAR/5 Kremlin.'}
        </p>
        <div className="search-filters" role="group" aria-label="Filters">
          <label>
            From <input type="date" value={filters.from ?? ''} min={options.dateRange?.from} max={options.dateRange?.to} onChange={(event) => setFilter('from', event.target.value || undefined)} data-testid="search-from" />
          </label>
          <label>
            to <input type="date" value={filters.to ?? ''} min={options.dateRange?.from} max={options.dateRange?.to} onChange={(event) => setFilter('to', event.target.value || undefined)} data-testid="search-to" />
          </label>
          <select aria-label="Outlet" value={filters.outlets?.[0] ?? ''} onChange={(event) => setFilter('outlets', event.target.value ? [event.target.value] : undefined)} data-testid="search-outlet">
            <option value="">Any outlet</option>
            {options.outlets.map((outlet) => (
              <option key={outlet}>{outlet}</option>
            ))}
          </select>
          <select aria-label="Party" value={filters.partyIds?.[0] ?? ''} onChange={(event) => setFilter('partyIds', event.target.value ? [event.target.value] : undefined)} data-testid="search-party">
            <option value="">Any party</option>
            {parties.map((party) => (
              <option key={party.id} value={party.id}>
                {party.name}
              </option>
            ))}
          </select>
          <select aria-label="Source" value={filters.sourceIds?.[0] ?? ''} onChange={(event) => setFilter('sourceIds', event.target.value ? [event.target.value] : undefined)} data-testid="search-source">
            <option value="">Any source</option>
            {sources.map((source) => (
              <option key={source.id} value={source.id}>
                {source.name}
              </option>
            ))}
          </select>
          <select aria-label="Tag" value={filters.tagIds?.[0] ?? ''} onChange={(event) => setFilter('tagIds', event.target.value ? [event.target.value] : undefined)} data-testid="search-tag">
            <option value="">Any tag</option>
            {options.tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </select>
          <select
            aria-label="Annotation type"
            value={filters.annotationTypes?.[0] ?? ''}
            onChange={(event) => setFilter('annotationTypes', event.target.value ? [event.target.value as AnnotationType] : undefined)}
            data-testid="search-type"
          >
            <option value="">Any annotation</option>
            {ANNOTATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </select>
          {filterCount > 0 && (
            <button type="button" className="link" onClick={() => setFilters({})} data-testid="search-clear-filters">
              Clear filters
            </button>
          )}
        </div>
        <div className="search-saved" role="group" aria-label="Saved searches">
          {saved.map((entry) => (
            <span key={entry.id} className="saved-search">
              <button type="button" className="link" onClick={() => applySaved(entry)} title={entry.query} data-testid="saved-search">
                {entry.name}
              </button>
              <button type="button" className="link muted" aria-label={`Delete saved search ${entry.name}`} onClick={() => void removeSaved(entry)}>
                ✕
              </button>
            </span>
          ))}
          {saving === null ? (
            <button type="button" onClick={() => setSaving(query)} disabled={!query.trim() || problem !== null} data-testid="search-save">
              Save this search…
            </button>
          ) : (
            <form
              className="saved-search-form"
              onSubmit={(event) => {
                event.preventDefault();
                void save(saving);
              }}
            >
              <input autoFocus aria-label="Name of the saved search" value={saving} onChange={(event) => setSaving(event.target.value)} data-testid="search-save-name" />
              <button type="submit" className="primary" disabled={!saving.trim()}>
                Save
              </button>
              <button type="button" onClick={() => setSaving(null)}>
                Cancel
              </button>
            </form>
          )}
          <span className="muted small">Saved in this case file, for you (not synced).</span>
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="search-error">
            {error}
          </p>
        )}
        <div className={problem ? 'search-results stale' : 'search-results'} data-testid="search-results" aria-busy={busy}>
          {results && (
            <p className="muted small" data-testid="search-summary">
              {results.documents.length} article{results.documents.length === 1 ? '' : 's'} · {results.annotations.length} annotation
              {results.annotations.length === 1 ? '' : 's'} for <code>{results.understood}</code>
              {filterCount > 0 && ` · ${filterCount} filter${filterCount === 1 ? '' : 's'}`}
            </p>
          )}
          {results?.window && (
            <p className="search-window small" data-testid="search-window">
              Best matches among the {results.window.size.toLocaleString()} most recently added{' '}
              {results.window.documents && results.window.annotations ? 'articles and annotations' : results.window.documents ? 'articles' : 'annotations'} that match; more match.{' '}
              <button type="button" className="link" onClick={() => setRankAll(true)} data-testid="search-rank-all">
                Rank every match
              </button>
            </p>
          )}
          {results && hits.length === 0 && <p data-testid="search-empty">Nothing matches. Try fewer words, a prefix (peace*), or OR between alternatives.</p>}
          <ol className="search-hits">
            {hits.map((hit) => {
              const key = hit.annotationId ?? hit.documentId;
              const active = opened && (opened.hit.annotationId ?? opened.hit.documentId) === key;
              return (
                <li key={`${hit.kind}-${key}`}>
                  <button type="button" className={active ? 'search-hit active' : 'search-hit'} onClick={() => open(hit)} data-testid="search-hit" data-kind={hit.kind}>
                    <span className="search-hit-title">
                      <Marked parts={markQueryWords(hit.title ?? '(untitled)', searched)} />
                    </span>
                    <span className="search-hit-meta muted small">
                      {[hit.kind === 'annotation' && hit.annotationType ? TYPE_LABELS[hit.annotationType] : null, hit.outlet, formatDate(hit.publishedAt), FIELD_LABELS[hit.field]]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    <span className="search-hit-snippet">
                      <Marked parts={partsOf(hit.snippet, hit.highlights)} />
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </div>
      </section>
      {opened && <ReaderView key={opened.hit.documentId} documentId={opened.hit.documentId} focus={opened.focus} onClose={() => setOpened(null)} />}
    </div>
  );
}
