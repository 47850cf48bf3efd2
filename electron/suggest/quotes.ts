/**
 * Quotation spans: straight and curly double quotes, «guillemets», „low-high“ quotes, and single quotes
 * (British style, or nested inside double quotes). A quote left open at a paragraph's end continues when
 * the next paragraph opens with a quote mark, as the press writes multi-paragraph quotes.
 */
import type { ReadText } from './text';

export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset after the closing mark (or the paragraph end when the quote never closes). */
  close: number;
  /** Content, without the marks and surrounding spaces. */
  start: number;
  end: number;
  /** Double or single quote marks. */
  style: 'double' | 'single';
  paragraphs: number;
  closed: boolean;
}

const DOUBLE_OPEN = new Set(['“', '«', '„', '"']);
const DOUBLE_CLOSE: Record<string, string[]> = { '“': ['”', '"', '“'], '«': ['»'], '„': ['“', '”'], '"': ['"', '”'] };

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}
function isLetter(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s ]/.test(text[start]!)) start++;
  while (end > start && /[\s ]/.test(text[end - 1]!)) end--;
  return [start, end];
}

/** Finds quote spans of one style in text[from, to) outside the `skip` spans. */
function scan(text: string, style: 'double' | 'single', from: number, to: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open = -1;
  let openChar = '';
  let paragraphs = 1;
  const opensAt = (i: number): string | null => {
    const char = text[i]!;
    const before = text[i - 1];
    const after = text[i + 1];
    if (style === 'double') {
      if (char === '"') return (isSpace(before) || /[([{—–\-:;,/]/.test(before!)) && !isSpace(after) ? char : null;
      return DOUBLE_OPEN.has(char) && !isSpace(after) ? char : null;
    }
    if (char === '‘') return isSpace(after) ? null : char;
    if (char === "'") return (isSpace(before) || /[([{—–\-:"“]/.test(before!)) && isLetter(after) ? char : null;
    return null;
  };
  const closesAt = (i: number): boolean => {
    const char = text[i]!;
    const before = text[i - 1];
    const after = text[i + 1];
    if (style === 'double') {
      if (!(DOUBLE_CLOSE[openChar] ?? []).includes(char)) return false;
      if (char === '"' || (openChar === '“' && char === '“')) return !isSpace(before) && !isLetter(after);
      return true;
    }
    if (char !== '’' && char !== "'") return false;
    if (isSpace(before) || isLetter(after)) return false;
    // "officials' views": a plural possessive, not a closing mark.
    if (before === 's' && isSpace(after) && !/[\n]/.test(after ?? '') && text.slice(open + 1, i).trim().split(/\s+/).length > 3) {
      const rest = text.slice(i + 1, i + 30);
      if (/^\s+[a-z]/.test(rest) && !/^\s+(he|she|they|said|says|told|added|according)\b/.test(rest)) return false;
    }
    return true;
  };
  for (let i = from; i < to; i++) {
    const char = text[i]!;
    if (char === '\n') {
      if (open < 0) continue;
      // Quote open at a paragraph end: continues if the next paragraph opens with a quote mark.
      let next = i;
      while (next < to && /\s/.test(text[next]!)) next++;
      const nextChar = text[next];
      if (nextChar !== undefined && (style === 'double' ? DOUBLE_OPEN.has(nextChar) : nextChar === '‘' || nextChar === "'")) {
        paragraphs++;
        i = next;
        continue;
      }
      const [start, end] = trimmed(text, open + 1, i);
      if (end > start) spans.push({ open, close: i, start, end, style, paragraphs, closed: false });
      open = -1;
      continue;
    }
    if (open >= 0) {
      if (closesAt(i)) {
        const [start, end] = trimmed(text, open + 1, i);
        if (end > start) spans.push({ open, close: i + 1, start, end, style, paragraphs, closed: true });
        open = -1;
      }
      continue;
    }
    const opened = opensAt(i);
    if (opened) {
      open = i;
      openChar = opened;
      paragraphs = 1;
    }
  }
  if (open >= 0) {
    const [start, end] = trimmed(text, open + 1, to);
    if (end > start) spans.push({ open, close: to, start, end, style, paragraphs, closed: false });
  }
  return spans;
}

/**
 * Every top-level quote in the text. Single-quoted spans count only outside double quotes (inside
 * they are nested quotes, part of the outer content).
 */
export function findQuotes(read: ReadText): QuoteSpan[] {
  const { text } = read;
  const doubles = scan(text, 'double', 0, text.length);
  const singles: QuoteSpan[] = [];
  let cursor = 0;
  for (const span of [...doubles, { open: text.length, close: text.length } as QuoteSpan]) {
    if (span.open > cursor) singles.push(...scan(text, 'single', cursor, span.open));
    cursor = Math.max(cursor, span.close);
  }
  return [...doubles, ...singles.filter((span) => span.closed || span.paragraphs > 1)].sort((a, b) => a.open - b.open);
}
