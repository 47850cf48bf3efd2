/** Bylines as Parley stores them: person names only, joined with ", ". */

const BYLINE_NOISE =
  /\b(staff|reporter|correspondent|editor|writer|reuters|associated press|ap|afp|bbc( news)?|cnn|news|contributor|senior|chief|political|diplomatic|international|foreign|in [A-Z][\w-]+|updated|published)\b/gi;

/**
 * "By Jane Doe and John Roe in Geneva, Reuters" → "Jane Doe, John Roe".
 * Only person-like names survive: two to four capitalised words.
 */
export function cleanByline(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw
    .normalize('NFC')
    .replace(/^\s*((analysis|opinion|commentary|perspective|review|written|reporting|words|story)\s+by|by|from|автор[ыа]?:?|текст:?|par|von|por|door)\s+/i, '')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s*[|•·–—]\s*.*$/, '')
    .replace(/\d.*$/, '')
    .trim();
  // "in Kyiv and Moscow" goes; "in Brussels and Pjotr Sauer" keeps the second person.
  text = text.replace(/\s+in\s+[A-Z\u0400-\u042f][\p{L}-]+(\s+and\s+[A-Z\u0400-\u042f][\p{L}-]+(?![\p{L}-])(?!\s+\p{Lu}))?/gu, '');
  const names = text
    .split(/\s*(?:,|;|&|\band\b|\bet\b|\bund\b|\by\b|\bи\b|\bта\b)\s*/u)
    // "Al Jazeera Staff", "Reuters staff": an organisation, not a person.
    .filter((part) => !/\b(staff|agencies|news agencies|wires?)\b/i.test(part))
    .map((part) => part.replace(BYLINE_NOISE, '').replace(/\s+/g, ' ').trim())
    .map(titleCaseShouted)
    .filter((part) => /^(\p{Lu}[\p{L}'’.-]*)(\s+\p{Lu}[\p{L}'’.-]*){1,3}$/u.test(part));
  return names.length ? [...new Set(names)].join(', ') : null;
}

/** "ILLIA NOVIKOV" (wire bylines in capitals) → "Illia Novikov"; mixed case is left alone. */
export function titleCaseShouted(name: string): string {
  if (/\p{Ll}/u.test(name) || !/\p{Lu}{2}/u.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}
