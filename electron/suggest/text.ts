/**
 * Tokens, sentences and paragraphs with UTF-16 offsets, from wink-nlp's English lite model
 * (~60k words/s, sentence boundaries that know "U.S." and "Mr."). Everything else in suggest/ works
 * on this one reading of the text.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  index: number;
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Universal POS tag from wink (PROPN, NOUN, VERB, PRON, PUNCT, …). */
  pos: string;
  sentence: number;
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  /** Token index range, end exclusive. */
  first: number;
  last: number;
  paragraph: number;
}

export interface Paragraph {
  index: number;
  start: number;
  end: number;
}

export interface ReadText {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  paragraphs: Paragraph[];
  /** Token index starting at a UTF-16 offset, or the first token after it. */
  tokenAt(offset: number): number;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

function engine(): Nlp {
  // Only the pipes Parley reads: sentence boundaries and part of speech (no NER, negation, sentiment).
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

/** Loads the language model now (workers call this at start-up so the first article is not slower). */
export function warmUp(): void {
  engine().readDoc('Warm up.');
}

function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const pattern = /[^\n]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].trim()) paragraphs.push({ index: paragraphs.length, start: match.index, end: match.index + match[0].length });
  }
  return paragraphs;
}

/**
 * wink's tokeniser splits words at letters beyond Latin-1 ("Šefčovič" → "Š ef č ovi č", "Erdoğan" →
 * "Erdo ğ an"), so it reads a copy with each such letter replaced by its base letter: one UTF-16 unit
 * for one, so every offset holds, and tokens take their text back from the original.
 */
function foldForTokens(text: string): string {
  return text.replace(/[\u0100-\u024F\u1E00-\u1EFF]/g, (letter) => {
    const base = letter.normalize('NFD')[0]!;
    if (/^[A-Za-z]$/.test(base)) return base;
    const fallback: Record<string, string> = { ı: 'i', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ŋ: 'n', Ŋ: 'N', œ: 'o', Œ: 'O', ĸ: 'k', ſ: 's' };
    return fallback[letter] ?? (letter === letter.toUpperCase() ? 'X' : 'x');
  });
}

export function readText(text: string): ReadText {
  const nlp = engine();
  const its = nlp.its;
  const folded = foldForTokens(text);
  const doc = nlp.readDoc(folded);
  const values = doc.tokens().out() as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const paragraphs = paragraphsOf(text);

  const raw: Omit<Token, 'index' | 'sentence'>[] = [];
  const rawIndex: number[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const found = folded.indexOf(value, cursor);
    if (found < 0 || found - cursor > 64) {
      rawIndex.push(-1);
      continue;
    }
    cursor = found + value.length;
    if (/^\s+$/.test(value)) {
      rawIndex.push(-1);
      continue;
    }
    rawIndex.push(raw.length);
    const original = folded === text ? value : text.slice(found, cursor);
    raw.push({ text: original, lower: original.toLowerCase(), start: found, end: cursor, pos: tags[i] ?? 'X' });
  }

  // Arabic name particles wink splits from the name: "al-Hayya", "Al-Burhan", "bin-Zayed" are one word.
  for (let r = raw.length - 3; r >= 0; r--) {
    const [particle, hyphen, name] = [raw[r]!, raw[r + 1]!, raw[r + 2]!];
    if (hyphen.text === '-' && particle.end === hyphen.start && hyphen.end === name.start && /^(?:al|el|ad|as|ash|az|ar|an|bin|ibn|abu|bint)$/i.test(particle.text) && /^\p{Lu}/u.test(name.text)) {
      const joined = text.slice(particle.start, name.end);
      raw.splice(r, 3, { text: joined, lower: joined.toLowerCase(), start: particle.start, end: name.end, pos: 'PROPN' });
      for (let w = 0; w < rawIndex.length; w++) {
        const index = rawIndex[w]!;
        if (index < 0 || index <= r) continue;
        rawIndex[w] = index <= r + 2 ? r : index - 2;
      }
    }
  }

  // Sentences from wink, cut again at paragraph ends (a headline has no full stop).
  const tokens: Token[] = raw.map((token, index) => ({ ...token, index, sentence: 0 }));
  const sentences: Sentence[] = [];
  let paragraph = 0;
  const push = (first: number, last: number) => {
    if (last <= first) return;
    const start = tokens[first]!.start;
    while (paragraph < paragraphs.length - 1 && paragraphs[paragraph]!.end <= start) paragraph++;
    const index = sentences.length;
    for (let t = first; t < last; t++) tokens[t]!.sentence = index;
    sentences.push({ index, start, end: tokens[last - 1]!.end, first, last, paragraph });
  };
  for (const [from, to] of spans) {
    let first = -1;
    let last = -1;
    for (let w = from; w <= to; w++) {
      const r = rawIndex[w];
      if (r === undefined || r < 0) continue;
      if (first < 0) first = r;
      last = r + 1;
    }
    if (first < 0) continue;
    // Split where a paragraph break falls inside.
    let begin = first;
    for (let t = first + 1; t < last; t++) {
      if (text.slice(tokens[t - 1]!.end, tokens[t]!.start).includes('\n')) {
        push(begin, t);
        begin = t;
      }
    }
    push(begin, last);
  }

  const starts = tokens.map((token) => token.start);
  const tokenAt = (offset: number): number => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  return { text, tokens, sentences, paragraphs, tokenAt };
}
