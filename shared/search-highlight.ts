/**
 * Where a query's words are in a text, the way FTS5's unicode61 tokenizer (remove_diacritics 2)
 * sees them: case-insensitive, accents ignored, prefix* matching, phrases across punctuation.
 * Pure, so the service cuts snippets with it and the page highlights the same words.
 */
import type { SearchPhrase } from './search-query';

const TOKEN = '\\p{L}\\p{N}\\p{M}';

let variants: Map<string, string> | null = null;

/** Every accented letter in Latin-1 to Latin Extended-B, by its base letter: e → eéèêë…. */
function letterVariants(): Map<string, string> {
  if (variants) return variants;
  variants = new Map();
  for (let code = 0xc0; code <= 0x24f; code++) {
    const char = String.fromCodePoint(code);
    const base = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (base.length !== 1 || base === char.toLowerCase()) continue;
    variants.set(base, (variants.get(base) ?? base) + char.toLowerCase() + char.toUpperCase());
  }
  return variants;
}

function wordPattern(word: string): string {
  const table = letterVariants();
  let pattern = '';
  for (const char of word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()) {
    const options = table.get(char);
    pattern += options ? `[${options}]` : char.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
  }
  return pattern;
}

/** One regular expression finding any of the phrases. */
export function phraseMatcher(phrases: readonly SearchPhrase[]): RegExp | null {
  const alternatives = phrases
    .filter((phrase) => phrase.words.length > 0)
    .map((phrase) => {
      const body = phrase.words.map(wordPattern).join(`[^${TOKEN}]+`);
      return `(?<![${TOKEN}])${body}${phrase.prefix ? `[${TOKEN}]*` : `(?![${TOKEN}])`}`;
    });
  if (alternatives.length === 0) return null;
  // Longest first, so "frozen assets" wins over "frozen" where both match.
  alternatives.sort((a, b) => b.length - a.length);
  return new RegExp(alternatives.join('|'), 'giu');
}

/** [start, end) of each match, in order, not overlapping. */
export function findMatches(text: string, matcher: RegExp | null, limit = 1000): [number, number][] {
  if (!matcher) return [];
  const found: [number, number][] = [];
  matcher.lastIndex = 0;
  for (let match = matcher.exec(text); match && found.length < limit; match = matcher.exec(text)) {
    if (match[0].length === 0) {
      matcher.lastIndex++;
      continue;
    }
    found.push([match.index, match.index + match[0].length]);
  }
  return found;
}

export interface Snippet {
  text: string;
  highlights: [number, number][];
}

/**
 * A short plain-text window of `text` around its first match (or its opening when nothing
 * matches), cut at word boundaries, with the matches inside it as offsets into the window.
 */
export function cutSnippet(text: string, matcher: RegExp | null, size = { before: 70, after: 170 }): Snippet & { first: [number, number] | null } {
  const firstMatches = findMatches(text, matcher, 1);
  const first = firstMatches[0] ?? null;
  let from = first ? Math.max(0, first[0] - size.before) : 0;
  let to = Math.min(text.length, (first ? first[1] : 0) + size.after);
  if (from > 0) {
    const space = text.slice(from, first ? first[0] : to).search(/\s/u);
    if (space >= 0) from += space + 1;
  }
  if (to < text.length) {
    const cut = text.slice(first ? first[1] : from, to).search(/\s\S*$/u);
    if (cut > 0) to = (first ? first[1] : from) + cut;
  }
  const lead = from > 0 ? '… ' : '';
  const body = text.slice(from, to).replace(/\s/gu, ' ');
  const highlights = findMatches(body, matcher).map(([start, end]): [number, number] => [start + lead.length, end + lead.length]);
  return { text: `${lead}${body}${to < text.length ? ' …' : ''}`, highlights, first };
}
