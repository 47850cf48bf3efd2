/**
 * The analyst's search syntax, parsed here and re-emitted as FTS5 syntax that we built ourselves:
 * user text never reaches MATCH raw, so a stray quote or parenthesis is a plain message, not an
 * SQLite error. Pure (no Node, no DOM): the page uses it to explain a query as it is typed.
 *
 *   words            ceasefire Kremlin        (all of them: AND is implied)
 *   "phrases"        "security guarantees"
 *   prefix*          peacekeep*  "frozen ass*"
 *   operators        AND  OR  NOT  ( … )      (upper case; lower-case and/or/not are words)
 *   -word            the same as NOT word
 *   proximity        Witkoff NEAR Kremlin   Witkoff NEAR/5 Kremlin   NEAR(Witkoff Kremlin, 5)
 */

/** One thing to find: a phrase of one or more words, the last one maybe a prefix. */
export interface SearchPhrase {
  words: string[];
  prefix: boolean;
}

type Node =
  | { kind: 'phrase'; phrase: SearchPhrase }
  | { kind: 'near'; phrases: SearchPhrase[]; distance: number }
  | { kind: 'and' | 'or'; items: Node[] }
  | { kind: 'not'; include: Node; exclude: Node };

export interface ParsedQuery {
  /** FTS5 MATCH expression, built only from quoted word tokens and FTS5 operators. */
  fts: string;
  /** The phrases the analyst wants to see highlighted (not those after NOT). */
  highlights: SearchPhrase[];
}

export class SearchQueryError extends Error {
  override name = 'SearchQueryError';
}

const DEFAULT_NEAR = 10;
const MAX_NEAR = 1000;
const MAX_PHRASES = 64;

type Token =
  | { type: 'phrase'; phrase: SearchPhrase; negated: boolean }
  | { type: 'and' | 'or' | 'not' | 'open' | 'close' | 'comma' }
  | { type: 'near'; distance: number | null }
  | { type: 'number'; value: number };

/** Words as FTS5's unicode61 tokenizer sees them: runs of letters, digits and combining marks. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index]!;
    if (/\s/u.test(char)) {
      index++;
    } else if (char === '"' || char === '“' || char === '”' || char === '„') {
      const close = query.slice(index + 1).search(/["“”]/u);
      if (close < 0) throw new SearchQueryError('A quotation mark is not closed: add the closing " after the phrase.');
      const inner = query.slice(index + 1, index + 1 + close);
      index += close + 2;
      const prefix = query[index] === '*' || /\*\s*$/u.test(inner);
      if (query[index] === '*') index++;
      const words = wordsOf(inner);
      if (words.length === 0) throw new SearchQueryError('A quoted phrase has no words in it.');
      tokens.push({ type: 'phrase', phrase: { words, prefix }, negated: false });
    } else if (char === '(') {
      tokens.push({ type: 'open' });
      index++;
    } else if (char === ')') {
      tokens.push({ type: 'close' });
      index++;
    } else if (char === ',') {
      tokens.push({ type: 'comma' });
      index++;
    } else {
      const rest = query.slice(index);
      const raw = /^[^\s"“”„(),]+/u.exec(rest)![0];
      index += raw.length;
      if (raw === 'AND' || raw === 'OR' || raw === 'NOT') {
        tokens.push({ type: raw.toLowerCase() as 'and' | 'or' | 'not' });
        continue;
      }
      const near = /^NEAR(?:\/(\d+))?$/u.exec(raw);
      if (near) {
        tokens.push({ type: 'near', distance: near[1] === undefined ? null : checkDistance(Number(near[1])) });
        continue;
      }
      if (/^\d+$/u.test(raw) && tokens.at(-1)?.type === 'comma') {
        tokens.push({ type: 'number', value: Number(raw) });
        continue;
      }
      const negated = raw.startsWith('-') && raw.length > 1;
      const body = negated ? raw.slice(1) : raw;
      const words = wordsOf(body);
      if (words.length === 0) continue; // punctuation alone ("&", "—") searches for nothing
      tokens.push({ type: 'phrase', phrase: { words, prefix: body.endsWith('*') }, negated });
    }
  }
  return tokens;
}

function checkDistance(distance: number): number {
  if (!Number.isInteger(distance) || distance < 0 || distance > MAX_NEAR) {
    throw new SearchQueryError(`A NEAR distance is a number of words from 0 to ${MAX_NEAR}.`);
  }
  return distance;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    if (this.tokens.length === 0) throw new SearchQueryError('Type a word to search for.');
    const node = this.or();
    const extra = this.peek();
    if (extra) throw new SearchQueryError(extra.type === 'close' ? 'There is a ")" without its "(".' : 'The query does not read as a search; check its operators.');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private take(): Token | undefined {
    return this.tokens[this.position++];
  }

  private or(): Node {
    const items = [this.and()];
    while (this.peek()?.type === 'or') {
      this.take();
      if (this.startsOperand()) items.push(this.and());
      else throw new SearchQueryError('OR needs words on both sides, as in: Kremlin OR Moscow.');
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): Node {
    let node: Node | null = null;
    for (;;) {
      const next = this.peek();
      if (next?.type === 'and') {
        this.take();
        if (!this.startsOperand()) throw new SearchQueryError('AND needs words on both sides, as in: ceasefire AND Donetsk.');
      } else if (next?.type === 'phrase' && next.negated) {
        // "-word" excludes from everything before it.
        this.take();
        if (!node) throw new SearchQueryError('A query cannot start with an exclusion: search for something, then exclude it, as in: talks -Geneva.');
        node = { kind: 'not', include: node, exclude: { kind: 'phrase', phrase: next.phrase } };
        continue;
      } else if (!this.startsOperand()) {
        if (next?.type === 'not' && !node) throw new SearchQueryError('NOT needs words before and after it, as in: talks NOT Geneva.');
        break;
      }
      const item = this.not();
      node = !node ? item : node.kind === 'and' ? { kind: 'and', items: [...node.items, item] } : { kind: 'and', items: [node, item] };
    }
    if (!node) throw new SearchQueryError(this.peek()?.type === 'or' ? 'OR needs words on both sides, as in: Kremlin OR Moscow.' : 'Type a word to search for.');
    return node;
  }

  private not(): Node {
    let node = this.near();
    while (this.peek()?.type === 'not') {
      this.take();
      if (!this.startsOperand()) throw new SearchQueryError('NOT needs words before and after it, as in: talks NOT Geneva.');
      node = { kind: 'not', include: node, exclude: this.near() };
    }
    return node;
  }

  /** `a NEAR b`, `a NEAR/5 b NEAR c`: only plain phrases can be near each other. */
  private near(): Node {
    const node = this.primary();
    if (this.peek()?.type !== 'near' || this.tokens[this.position + 1]?.type === 'open') return node;
    if (node.kind !== 'phrase') throw new SearchQueryError('NEAR joins words or "phrases", as in: Witkoff NEAR Kremlin.');
    const phrases = [node.phrase];
    let distance: number | null = null;
    while (this.peek()?.type === 'near') {
      const operator = this.take() as { type: 'near'; distance: number | null };
      if (operator.distance !== null) distance = Math.max(distance ?? 0, operator.distance);
      const next = this.peek();
      if (next?.type !== 'phrase' || next.negated) throw new SearchQueryError('NEAR needs a word or "phrase" on both sides, as in: Witkoff NEAR Kremlin.');
      this.take();
      phrases.push(next.phrase);
    }
    return { kind: 'near', phrases, distance: distance ?? DEFAULT_NEAR };
  }

  private primary(): Node {
    const token = this.take();
    if (!token) throw new SearchQueryError('The query ends too soon: an operator needs words after it.');
    if (token.type === 'phrase') return { kind: 'phrase', phrase: token.phrase };
    if (token.type === 'open') {
      if (this.peek()?.type === 'close') throw new SearchQueryError('A pair of parentheses has nothing in it.');
      const inner = this.or();
      if (this.take()?.type !== 'close') throw new SearchQueryError('A "(" is not closed: add the ")".');
      return inner;
    }
    if (token.type === 'near') {
      if (this.take()?.type !== 'open') throw new SearchQueryError('NEAR needs a word or "phrase" on both sides, as in: Witkoff NEAR Kremlin.');
      const phrases: SearchPhrase[] = [];
      while (this.peek()?.type === 'phrase') phrases.push((this.take() as { phrase: SearchPhrase }).phrase);
      let distance = token.distance ?? DEFAULT_NEAR;
      if (this.peek()?.type === 'comma') {
        this.take();
        const number = this.take();
        if (number?.type !== 'number') throw new SearchQueryError(`A NEAR distance is a number of words from 0 to ${MAX_NEAR}.`);
        distance = checkDistance(number.value);
      }
      if (this.take()?.type !== 'close') throw new SearchQueryError('NEAR( … ) takes only words and "phrases", then an optional distance: NEAR(Witkoff Kremlin, 5).');
      if (phrases.length < 2) throw new SearchQueryError('NEAR( … ) needs at least two words or phrases.');
      return { kind: 'near', phrases, distance };
    }
    if (token.type === 'close') throw new SearchQueryError('There is a ")" without its "(".');
    if (token.type === 'comma' || token.type === 'number') throw new SearchQueryError('A comma belongs only inside NEAR( … ).');
    const word = token.type.toUpperCase();
    throw new SearchQueryError(`${word} needs words on both sides, as in: Kremlin ${word} Moscow.`);
  }

  private startsOperand(): boolean {
    const next = this.peek();
    return next !== undefined && ((next.type === 'phrase' && !next.negated) || next.type === 'open' || (next.type === 'near' && this.tokens[this.position + 1]?.type === 'open'));
  }
}

function quote(phrase: SearchPhrase): string {
  // Every token is letters/digits only, so wrapping it in quotes needs no escaping.
  return `"${phrase.words.join(' ')}"${phrase.prefix ? ' *' : ''}`;
}

function emit(node: Node): string {
  switch (node.kind) {
    case 'phrase':
      return quote(node.phrase);
    case 'near':
      return `NEAR(${node.phrases.map(quote).join(' ')}, ${node.distance})`;
    case 'and':
      return node.items.map((item) => (item.kind === 'or' ? `(${emit(item)})` : emit(item))).join(' AND ');
    case 'or':
      return node.items.map((item) => (item.kind === 'and' || item.kind === 'not' ? `(${emit(item)})` : emit(item))).join(' OR ');
    case 'not': {
      const wrap = (part: Node) => (part.kind === 'phrase' || part.kind === 'near' ? emit(part) : `(${emit(part)})`);
      return `${wrap(node.include)} NOT ${wrap(node.exclude)}`;
    }
  }
}

function collect(node: Node, into: SearchPhrase[]): void {
  if (node.kind === 'phrase') into.push(node.phrase);
  else if (node.kind === 'near') into.push(...node.phrases);
  else if (node.kind === 'not') collect(node.include, into);
  else for (const item of node.items) collect(item, into);
}

function countPhrases(node: Node): number {
  if (node.kind === 'phrase') return 1;
  if (node.kind === 'near') return node.phrases.length;
  if (node.kind === 'not') return countPhrases(node.include) + countPhrases(node.exclude);
  return node.items.reduce((sum, item) => sum + countPhrases(item), 0);
}

/** Parse the analyst's query; a malformed one throws SearchQueryError with a message to show as is. */
export function parseSearchQuery(query: string): ParsedQuery {
  const node = new Parser(tokenize(query.normalize('NFC'))).parse();
  if (countPhrases(node) > MAX_PHRASES) throw new SearchQueryError(`A query can hold up to ${MAX_PHRASES} words and phrases.`);
  const highlights: SearchPhrase[] = [];
  collect(node, highlights);
  return { fts: emit(node), highlights };
}

/** The same, for a view that explains the query as it is typed: null when it parses, else the message. */
export function searchQueryProblem(query: string): string | null {
  if (query.trim() === '') return null;
  try {
    parseSearchQuery(query);
    return null;
  } catch (error) {
    if (error instanceof SearchQueryError) return error.message;
    throw error;
  }
}
