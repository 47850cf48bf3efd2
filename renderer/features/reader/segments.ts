/**
 * Pure text geometry for the reader: paragraphs with their document offsets, and the split of a
 * paragraph into segments at every annotation boundary so overlapping spans stay readable.
 * Offsets are UTF-16 positions into the document's cleaned text (end exclusive), the same ones
 * a TextSelector carries; the blank-line separators between paragraphs count in them.
 */

export interface Paragraph {
  index: number;
  start: number;
  end: number;
  text: string;
}

/** Paragraphs are the text split on blank lines; each keeps where it sits in the whole text. */
export function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const separator = /\n{2,}/g;
  let start = 0;
  const push = (end: number) => {
    if (end > start) paragraphs.push({ index: paragraphs.length, start, end, text: text.slice(start, end) });
  };
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    push(match.index);
    start = match.index + match[0].length;
  }
  push(text.length);
  return paragraphs;
}

export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Annotations covering the whole segment, outermost (longest) first. */
  ids: string[];
}

/**
 * Split [from, to) at every span boundary inside it. Each segment lists the spans that cover it,
 * so one DOM element can show all of them (stacked underlines) and no highlight hides another.
 */
export function segmentsOf(from: number, to: number, spans: readonly Span[]): Segment[] {
  if (to <= from) return [];
  const inside = spans.filter((span) => span.end > from && span.start < to && span.end > span.start);
  const cuts = new Set<number>([from, to]);
  for (const span of inside) {
    if (span.start > from) cuts.add(span.start);
    if (span.end < to) cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const ordered = [...inside].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || (a.id < b.id ? -1 : 1));
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const ids = ordered.filter((span) => span.start <= start && span.end >= end).map((span) => span.id);
    const last = segments[segments.length - 1];
    // Neighbours covered by the same spans render as one element.
    if (last && last.end === start && sameIds(last.ids, ids)) last.end = end;
    else segments.push({ start, end, ids });
  }
  return segments;
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The innermost (shortest) of the spans covering a segment: what a click on it means. */
export function innermost(ids: readonly string[]): string | null {
  return ids.length > 0 ? ids[ids.length - 1]! : null;
}

/** Order two offsets (a backwards selection) and clamp them to the text. */
export function normaliseRange(a: number, b: number, length: number): { start: number; end: number } {
  const start = Math.max(0, Math.min(a, b, length));
  const end = Math.min(length, Math.max(a, b, 0));
  return { start, end };
}

/**
 * Trim whitespace from both ends of a span so a double-click or a sloppy drag does not anchor
 * the annotation to a trailing space or paragraph break.
 */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}
