/**
 * Sensible defaults for an attribution, read from the words around the selected quote, so the
 * keyboard path is A → Enter when the article says who spoke: who said it ("…," a senior
 * Ukrainian official told reporters), whether it is a direct quote (inside quotation marks), and
 * whether the source is anonymous ("a senior official"). Pure; each guess is only a prefill the
 * analyst sees and can overwrite.
 */
import type { QuoteKind } from '../../../shared/model/vocabulary';

const SPEECH = 'said|says|told|added|noted|stated|explained|wrote|warned|insisted|argued|stressed|declared|announced|claimed|replied|tweeted|posted';
const OPEN_QUOTES = '"“«„‘\'';
const CLOSE_QUOTES = '"”»‘’\'';

/** A name-like phrase: up to eight words, none of them a verb of speech or a clause break. */
const PHRASE = "([A-Za-zÀ-ÖØ-öø-ÿ][\\w.'’\\- ]{1,80}?)";

function tidy(phrase: string): string | null {
  const name = phrase
    .replace(/^(?:a|an|the)\s+/i, '')
    .replace(/\s+(?:on|in|at|during|after|before|last|this|earlier|later)\b.*$/i, '')
    .trim()
    .replace(/[,.;:]+$/, '');
  if (!name || name.split(/\s+/).length > 8) return null;
  // A clause, not a speaker ("and the talks were said…", "he said").
  if (/\b(?:and|but|that|which|was|were|is|are|has|have|had|will|would|could|it|they|we|he|she|i|you)\b/i.test(name)) return null;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Who the article says spoke the words at [start, end): the phrase after the quote ("…," X said /
 * X told), "said X", "according to X", or before it ("X said:"). Null when none is near.
 */
export function speakerNear(text: string, start: number, end: number): string | null {
  const after = text.slice(end, end + 160).split(/\n/)[0] ?? '';
  // Before the words, only their own sentence: "… reporters. Peskov said: "".
  const before = (text.slice(Math.max(0, start - 160), start).split(/\n/).pop() ?? '').split(/[.!?]["”»]?\s+(?=["“«„]?\p{Lu})/u).pop() ?? '';
  const patterns: [string, RegExp][] = [
    // …," a senior Ukrainian official told reporters / …," Peskov said.
    [after, new RegExp(`^[\\s,${CLOSE_QUOTES}.]*${PHRASE}\\s+(?:${SPEECH})\\b`, 'i')],
    // …," said Dmitry Peskov, the Kremlin spokesman.
    [after, new RegExp(`^[\\s,${CLOSE_QUOTES}.]*(?:${SPEECH})\\s+${PHRASE}(?=[,.;]|$)`, 'i')],
    // …, according to a person familiar with the talks.
    [after, new RegExp(`^[\\s,${CLOSE_QUOTES}.]*according to\\s+${PHRASE}(?=[,.;]|$)`, 'i')],
    // Peskov said: "… / Peskov told reporters that …
    [before, new RegExp(`${PHRASE}\\s+(?:${SPEECH})(?:\\s+\\w+)?(?:\\s+that)?[\\s,:${OPEN_QUOTES}]*$`, 'i')],
  ];
  for (const [context, pattern] of patterns) {
    const found = pattern.exec(context)?.[1];
    const name = found ? tidy(found) : null;
    if (name && !new RegExp(`\\b(?:${SPEECH})\\b`, 'i').test(name)) return name;
  }
  return null;
}

/** Words that make a title before a name ("Foreign Minister Sergei Lavrov"), not part of it. */
const TITLE = /^(?:President|Vice|Prime|Minister|Foreign|Defen[cs]e|Secretary|Chancellor|Deputy|Ambassador|Envoy|Special|General|Gen\.|Admiral|Adm\.|Senator|Sen\.|Rep\.|Representative|Spokes(?:man|woman|person)|Chief|Commander|King|Queen|Prince|Pope|Chair(?:man|woman)?|Director|Mayor|Governor|Speaker|Premier|Sheikh|Emir)$/;
const PARTICLE = /^(?:de|der|van|von|al|bin|ben|da|di|del|dos|du|la|le)$/;

/**
 * A speaker phrase as a source's name and role: "Kremlin spokesman Dmitry Peskov" is Dmitry Peskov,
 * Kremlin spokesman; "Foreign Minister Sergei Lavrov" is Sergei Lavrov, Foreign Minister. A
 * description with no name at its end ("Senior Ukrainian official") is the name itself.
 */
export function splitSpeaker(phrase: string): { name: string; role: string } {
  const words = phrase.trim().split(/\s+/);
  const isName = (word: string) => /^\p{Lu}[\p{L}'’.-]*$/u.test(word) && !/^[\p{Lu}.]+$/u.test(word) && !TITLE.test(word);
  let first = words.length;
  while (first > 0 && (isName(words[first - 1]!) || (first < words.length && PARTICLE.test(words[first - 1]!)))) first--;
  // "Secretary of State Marco Rubio": after "of"/"for", capitalised words belong to the title
  // until two are left for the name.
  if (words.slice(0, first).some((word) => /^(?:of|for)$/.test(word)) && words.length - first > 2) first = words.length - 2;
  const name = words.slice(first);
  const before = words.slice(0, first);
  const titled = before.some((word) => TITLE.test(word));
  const described = titled || before.some((word) => /^\p{Ll}/u.test(word));
  // Split only a name after a description: two or more names, or one after a title ("President Zelensky").
  if (name.length === 0 || before.length === 0 || !described || (name.length < 2 && !titled)) return { name: phrase.trim(), role: '' };
  return { name: name.join(' '), role: before.join(' ') };
}

/** Direct when the words sit inside quotation marks (or are selected with them), else indirect. */
export function quoteKindAt(text: string, start: number, end: number): QuoteKind {
  const inside = text.slice(start, end).trim();
  if (OPEN_QUOTES.includes(inside.charAt(0))) return 'direct';
  // Inside a quotation when its paragraph has opened more quotes than it closed before the words.
  const paragraph = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
  const count = (pattern: RegExp) => paragraph.match(pattern)?.length ?? 0;
  return count(/"/g) % 2 === 1 || count(/[“„]/g) > count(/”/g) || count(/«/g) > count(/»/g) ? 'direct' : 'indirect';
}

/** A source described rather than named is anonymous: "a senior Ukrainian official", "sources close to …". */
export function looksAnonymous(name: string): boolean {
  return /\b(?:officials?|sources?|diplomats?|insiders?|aides?|familiar with|close to|people|person|someone|analysts?)\b/i.test(name);
}
