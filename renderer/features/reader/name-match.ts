/**
 * Finding a source, party or concession by what the analyst types or selects. Pure and
 * unit-tested: exact names and aliases pick a record; prefixes of names, aliases and their words
 * suggest one ("Krem" → Russia, via Kremlin); anything else makes a new record.
 */

export interface Named {
  id: string;
  name: string;
  aliases?: readonly string[];
}

export type Choice = { kind: 'none' } | { kind: 'existing'; id: string; name: string } | { kind: 'new'; name: string };

/** One suggestion under a name field; `via` is the alias that matched, when the name did not. */
export interface Suggestion {
  id: string;
  name: string;
  via: string | null;
}

/** Case, accents, curly apostrophes and spacing do not matter when names are compared. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase();
}

/** The name as it will be stored: trimmed, inner spacing collapsed. */
export const tidyName = (typed: string) => typed.trim().replace(/\s+/g, ' ');

/** What a typed name means: an existing record (by name or alias, any case), a new one, or nothing. */
export function resolvePick(typed: string, records: readonly Named[]): Choice {
  const name = tidyName(typed);
  if (!name) return { kind: 'none' };
  const key = normalise(name);
  const byName = records.find((record) => normalise(record.name) === key);
  const found = byName ?? records.find((record) => record.aliases?.some((alias) => normalise(alias) === key));
  return found ? { kind: 'existing', id: found.id, name: found.name } : { kind: 'new', name };
}

/** How well `candidate` answers `query` (lower is better), or null: exact, prefix, then a word's prefix. */
function score(query: string, candidate: string): number | null {
  const text = normalise(candidate);
  if (text === query) return 0;
  if (text.startsWith(query)) return 1;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) {
    if (text.startsWith(query, at + 1)) return 2;
  }
  // Words joined by hyphens or slashes count as words too ("Kyiv-based", "EU/NATO").
  if (new RegExp(`[-/(]${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(text)) return 2;
  return null;
}

/**
 * The records a typed prefix may mean, best first: exact name, exact alias, name prefix, alias
 * prefix, then prefixes of their words. Shorter names first among equals.
 */
export function suggest(typed: string, records: readonly Named[], limit = 6): Suggestion[] {
  const query = normalise(typed);
  if (!query) return [];
  const ranked: { suggestion: Suggestion; rank: number }[] = [];
  for (const record of records) {
    const byName = score(query, record.name);
    let best = byName === null ? null : { rank: byName * 2, via: null as string | null };
    for (const alias of record.aliases ?? []) {
      const byAlias = score(query, alias);
      if (byAlias !== null && (best === null || byAlias * 2 + 1 < best.rank)) best = { rank: byAlias * 2 + 1, via: alias };
    }
    if (best) ranked.push({ suggestion: { id: record.id, name: record.name, via: best.via }, rank: best.rank });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.suggestion.name.length - b.suggestion.name.length || a.suggestion.name.localeCompare(b.suggestion.name))
    .slice(0, limit)
    .map((entry) => entry.suggestion);
}

/**
 * The selected words as a name to look up, or null when the selection is not name-like (a
 * sentence, a long passage). "the Kremlin's" → "Kremlin".
 */
export function nameFromSelection(exact: string): string | null {
  const name = tidyName(exact)
    .replace(/^[\s"“”«»'‘’(]+|[\s"“”«»'‘’),.;:!?]+$/g, '')
    .replace(/['’]s$/i, '')
    .replace(/^the\s+/i, '');
  if (!name || name.length > 60 || name.split(' ').length > 6 || /[.!?;:]\s/.test(name)) return null;
  return name;
}

/**
 * The alias to offer when the selected words name a party under another name: marking "Kremlin"
 * as Russia offers "Kremlin" as an alias of Russia. Null when the words already name the record.
 */
export function aliasToOffer(selectionName: string | null, chosen: Choice, records: readonly Named[]): string | null {
  if (!selectionName || chosen.kind === 'none') return null;
  const key = normalise(selectionName);
  if (chosen.kind === 'new') return normalise(chosen.name) === key ? null : selectionName;
  const record = records.find((entry) => entry.id === chosen.id);
  if (!record || normalise(record.name) === key || record.aliases?.some((alias) => normalise(alias) === key)) return null;
  return selectionName;
}
