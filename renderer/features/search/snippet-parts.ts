/** Pure helpers for showing hits: a text cut into plain and marked parts (rendered as text nodes, never HTML). */
import { findMatches, phraseMatcher } from '../../../shared/search-highlight';
import { parseSearchQuery } from '../../../shared/search-query';

export interface TextPart {
  text: string;
  marked: boolean;
}

/** Split `text` at the [start, end) ranges, in order; ranges outside the text are dropped. */
export function partsOf(text: string, ranges: readonly (readonly [number, number])[]): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

/** The query's words marked in a short text such as a title (nothing marked if the query does not parse). */
export function markQueryWords(text: string, query: string): TextPart[] {
  let matcher: RegExp | null = null;
  try {
    matcher = phraseMatcher(parseSearchQuery(query).highlights);
  } catch {
    /* the box shows why; the title stays plain */
  }
  return partsOf(text, findMatches(text, matcher));
}
