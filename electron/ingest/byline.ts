/**
 * Bylines as Parley stores them, for every reader: person names only, joined with ", ". No "By",
 * no dates, roles, desks or outlets, no "and"-joins.
 */
import { comparableText, decodeEntities, normaliseSpace } from './html/dom';
import { NOT_A_PERSON } from './html/outlets';

/**
 * "By Jane Doe and John Roe in Geneva, Reuters" → "Jane Doe, John Roe".
 * Only person-like names survive: two to five capitalised words.
 */
export function cleanByline(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const names = personNames([raw], null);
  return names.length ? names.join(', ') : null;
}

/** "ILLIA NOVIKOV" (wire bylines in capitals) → "Illia Novikov"; mixed case is left alone. */
export function titleCaseShouted(name: string): string {
  if (/\p{Ll}/u.test(name) || !/\p{Lu}{2}/u.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)';
/** Job titles and desks that follow a name in a byline ("Tom Krisher, AP Auto Writer"). */
const ROLE = /\b(writer|reporter|correspondent|editor|editors|columnist|contributor|contributing|staff|bureau|desk|team|newsroom|producer|analyst|intern|freelancer?|photographer|reports|at-large|editor-at-large|chief|senior|director|president|professor|founder|ceo|spokesman|spokeswoman)\b/i;
/** Words of organisations, not people ("Business Insider", "Sputnik International", "The Water Coolest"). */
const ORGANISATION = /^(the|a)\s|\b(news|media|press|times|post|insider|magazine|journal|network|international|group|inc|ltd|llc|tv|radio|online|daily|weekly|herald|tribune|gazette|digital|agency|agencies|ministry|ministries|department|office|service|services|council|government|university|institute|foundation|association|company|corporation|society|wire)\b|\.(com|org|net)\b/i;

/** Clean byline strings down to person names: no "By", dates, roles, outlets or "and"-joins. */
export function personNames(raw: string[], outlet: string | null): string[] {
  const names: string[] = [];
  const outletKey = outlet ? comparable(outlet) : null;
  for (const value of raw) {
    if (!value || /^https?:\/\//i.test(value.trim())) continue;
    let text = normaliseSpace(decodeEntities(value))
      // Words run together where the page set them in separate elements: "TUCKERAssociated Press", "FoustMonday".
      .replace(/(\p{Ll})(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Updated|Published|Posted|Staff|Senior|Business|Contributor|Reporter|Columnist|Editor|Writer|Correspondent)/gu, '$1 $2')
      .replace(/(\p{Lu}{2,})(\p{Lu}\p{Ll}+)/gu, '$1 $2')
      .replace(/^((analysis|opinion|commentary|interview|story|text|words|report(ing)?|written|posted|photos?) )?(by|par|von|por|door):?\s+/i, '')
      .replace(/^(автор|авторы|от|текст)\s*:?\s+/i, '')
      .replace(/\S+@\S+/g, ' ')
      .replace(/\s*\([^)]*\)/g, '')
      .replace(/\b(updated|published|posted)\b.*$/i, '')
      .replace(new RegExp(`[\\s,]+(on\\s+)?${WEEKDAY}\\b.*$`, 'i'), '')
      .replace(/\s*[|•·]\s.*$/, '');
    // Cut at a date or time ("Jane Doe - 11/18/19 11:04 PM", "Jane Doe, November 23, 2025").
    text = text.replace(/[\s,–—-]+((jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?$|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.? \d{1,2}\b|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d+ (hr|hrs|hours?|min|mins|minutes?|days?) ago).*$/i, '');
    text = text.replace(/\s+(on|at|le|am|el)$/i, '');
    // Names are joined by commas, "and" (lower case, or all capitals in a shouted byline), or a
    // full stop after a word ("Finian Cunningham. Sputnik International"), never inside "Sarah E. Needleman".
    for (let part of text.split(/\s*(?:[,;&]|\s(?:and|AND|und|et|y|e|и|і|та)\s|(?<=\p{Ll}{2})\.\s+(?=\p{Lu}))\s*/u)) {
      part = part
        .replace(/^[\s.,:;–—-]+|[\s.,:;–—-]+$/g, '')
        .replace(/^(and|und|et|y|e|и|і|та)\s+/, '')
        .replace(/\s+(in|in the|from|für|в|из) \p{Lu}.*$/u, '');
      // "Al Jazeera Staff", "Reuters staff": an organisation, not a person.
      // (A name before "Staff Writer" is still a person.)
      if (/\b(staff|agencies|news agencies|wires?|staff reports?)$/i.test(part)) continue;
      // "ERIC TUCKER Associated Press": a shouted name, then the desk in ordinary case.
      part = titleCaseShouted(part.replace(/^((?:\p{Lu}[\p{Lu}'’.-]+\s+){1,3}\p{Lu}[\p{Lu}'’.-]+)\s+\p{Lu}\p{Ll}.*$/u, '$1'));
      part = withoutRoles(part);
      if (!isPersonName(part)) continue;
      if (NOT_A_PERSON.test(part) || ROLE.test(part) || ORGANISATION.test(part)) continue;
      const key = comparable(part);
      if (outletKey && (key === outletKey || key.includes(outletKey) || (key.length >= 4 && outletKey.startsWith(key)))) continue;
      if (!names.some((name) => comparable(name) === key)) names.push(part);
    }
  }
  return names;
}

const DESK = /^(writer|reporter|correspondent|editor|columnist|contributor|contributing|staff|senior|chief|national|political|foreign|diplomatic|security|sports|auto|business|tech|technology|science|health|legal|economics|investigative|special|associate|deputy|managing|executive|news|opinion|ap|afp|cnn|bbc)$/i;

/** "Jane Doe Staff Writer" → "Jane Doe"; "Senior Correspondent Jane Doe" → "Jane Doe": desk words at either end go. */
function withoutRoles(part: string): string {
  const words = part.split(/\s+/);
  while (words.length > 1 && DESK.test(words[words.length - 1]!)) words.pop();
  while (words.length > 1 && DESK.test(words[0]!)) words.shift();
  return words.join(' ');
}

const NAME_PARTICLE = /^(de|da|das|do|dos|del|della|di|du|la|le|van|von|der|den|ter|bin|ibn|al|el|y|st\.?|mc|o')$/i;

function isPersonName(text: string): boolean {
  if (text.length < 4 || text.length > 60) return false;
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((word) => NAME_PARTICLE.test(word) || /^[\p{Lu}][\p{L}'’.-]*$/u.test(word) || /^\p{Lu}\.$/u.test(word)) && /\p{Ll}/u.test(text);
}


/** comparableText without a leading "The" ("The Guardian" and "Guardian" name one outlet). */
function comparable(text: string): string {
  return comparableText(text.replace(/^the\s+/i, ''));
}
