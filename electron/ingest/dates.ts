/**
 * Publication dates, for every reader: machine-readable values (ISO strings from meta tags and
 * JSON-LD, RFC 2822 headers as Dates) and dates written out for people ("KYIV, November 23, 2025
 * (Reuters)", "Sun 23 Nov 2025 18.40 CET", "24 ноября 2025, 14:20 МСК"). Relative phrases ("2 HR
 * AGO", "yesterday") and dates without a year are never turned into dates: a wrong date is worse
 * than none.
 */
// Only the locales Parley reads (loading chrono-node's root loads all sixteen).
import * as chronoDe from 'chrono-node/de';
import * as chronoEn from 'chrono-node/en';
import * as chronoFr from 'chrono-node/fr';
import * as chronoJa from 'chrono-node/ja';
import * as chronoRu from 'chrono-node/ru';
import * as chronoUk from 'chrono-node/uk';
import type { DatePrecision } from './types';

export interface PublishedDate {
  /** ISO 8601: "2025-11", "2025-11-23", "2025-11-23T14:05:00Z" or, when the zone is unknown, "2025-11-23T14:05:00". */
  publishedAt: string;
  precision: DatePrecision;
}

const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?$/i;

const pad = (value: number) => String(value).padStart(2, '0');

/** Parse an ISO 8601 value (as found in meta tags and JSON-LD) into Parley's form. */
export function parseIsoDate(value: string | null | undefined): PublishedDate | null {
  if (!value) return null;
  const match = ISO_DATE.exec(value.trim());
  if (!match) return parseLooseMachineDate(value);
  const [, year, month, day, hour, minute, second, zone] = match;
  if (!isPlausible(Number(year), Number(month), day ? Number(day) : 1)) return null;
  if (!day) return { publishedAt: `${year}-${month}`, precision: 'month' };
  if (!hour) return { publishedAt: `${year}-${month}-${day}`, precision: 'day' };
  const precision: DatePrecision = second && second !== '00' ? 'second' : 'minute';
  if (!zone) return { publishedAt: `${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}`, precision };
  const offset = zone.toUpperCase() === 'Z' ? '+00:00' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const instant = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${offset}`);
  if (Number.isNaN(instant.getTime())) return null;
  return { publishedAt: instant.toISOString().replace(/\.\d{3}Z$/, 'Z'), precision };
}

/** Some sites put RFC 2822 or "2025/11/23" in their meta tags. */
function parseLooseMachineDate(value: string): PublishedDate | null {
  // "20191119" (NYT's pdate).
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (compact && isPlausible(Number(compact[1]), Number(compact[2]), Number(compact[3]))) {
    return { publishedAt: `${compact[1]}-${compact[2]}-${compact[3]}`, precision: 'day' };
  }
  const slashed = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(value.trim());
  if (slashed) {
    const [, year, month, day] = slashed;
    if (!isPlausible(Number(year), Number(month), Number(day))) return null;
    return { publishedAt: `${year}-${pad(Number(month))}-${pad(Number(day))}`, precision: 'day' };
  }
  return parseWrittenDate(value);
}

/** A Date known to the minute (e-mail and feed headers, a PDF's info dictionary) → Parley's form. */
export function dateToIso(date: Date | null | undefined, precision: DatePrecision = 'minute'): PublishedDate | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  if (precision === 'day') return { publishedAt: date.toISOString().slice(0, 10), precision };
  if (precision === 'second') return { publishedAt: date.toISOString().replace(/\.\d{3}Z$/, 'Z'), precision };
  return { publishedAt: date.toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z'), precision: 'minute' };
}

function isPlausible(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const RELATIVE = /\b(ago|yesterday|today|tonight|tomorrow|last|next|this (morning|afternoon|evening|week)|hours?|hrs?|mins?|minutes?|just now)\b|назад|вчера|сегодня|позавчера|тому|вчора|сьогодні/i;

type Parser = Pick<typeof chronoEn, 'parse'>;

/**
 * English first, then the other languages of the press Parley reads, each only when the text has
 * what its dates are written with (Cyrillic script; a German "23. November" or "23.11."; a French
 * month or day-first slashes): each parser runs dozens of patterns over the text. The text's own
 * language, when known, goes first (a German "03.11.2025" is the 3rd of November).
 */
const PARSERS: { language: string; parser: Parser; applies?: RegExp }[] = [
  { language: 'en', parser: chronoEn.strict },
  { language: 'ru', parser: chronoRu.strict, applies: /\p{Script=Cyrillic}/u },
  { language: 'uk', parser: chronoUk, applies: /\p{Script=Cyrillic}/u },
  { language: 'de', parser: chronoDe.strict, applies: /\d\.\s*(?:\d|\p{L})/u },
  { language: 'fr', parser: chronoFr.strict, applies: /\b(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)|\d\/\d/iu },
  // "2025年11月24日": Japanese and Chinese write dates alike.
  { language: 'ja', parser: chronoJa.strict, applies: /\d\s*年\s*\d{1,2}\s*月/u },
];

/** Zone names chrono does not know (or knows only in English) → numeric offsets. */
const ZONE_OFFSETS: Record<string, string> = {
  MSK: '+03:00', 'МСК': '+03:00', EET: '+02:00', EEST: '+03:00', CET: '+01:00', CEST: '+02:00', MEZ: '+01:00', MESZ: '+02:00',
  WET: '+00:00', WEST: '+01:00', BST: '+01:00',
};

function withNumericZones(text: string): string {
  return text
    .replace(/\(?(?<![\p{L}])(MSK|EET|EEST|CET|CEST|MEZ|MESZ|WET|WEST|BST|мск)(?![\p{L}])\)?/giu, (match) => {
      const key = match.replace(/[()]/g, '').toUpperCase();
      return ` ${ZONE_OFFSETS[key] ?? match}`;
    })
    .replace(/\s+/g, ' ');
}

/**
 * The first full calendar date (day, month and year all written out) in text written for people:
 * a dateline, a "Published …" line, a date slot's text. A time comes with it when one is written
 * (in UTC when its zone is written too). `language` is the article's, when known.
 */
export function parseWrittenDate(text: string | null | undefined, language: string | null = null): PublishedDate | null {
  // Every accepted date has a four-digit year; skip the (slow) parsers when there is none.
  if (!text || !/(^|\D)(19|20)\d{2}(\D|$)/.test(text)) return null;
  const line = withNumericZones(text);
  const own = PARSERS.find((entry) => entry.language === language);
  for (const { parser, applies } of own ? [own, ...PARSERS.filter((entry) => entry !== own)] : PARSERS) {
    if (applies && !applies.test(line)) continue;
    for (const result of parser.parse(line)) {
      if (RELATIVE.test(result.text)) continue;
      const start = result.start;
      if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
      const year = start.get('year') ?? 0;
      const month = start.get('month') ?? 0;
      const day = start.get('day') ?? 0;
      if (!isPlausible(year, month, day)) continue;
      const date = `${year}-${pad(month)}-${pad(day)}`;
      if (!start.isCertain('hour')) return { publishedAt: date, precision: 'day' };
      if (start.isCertain('timezoneOffset')) {
        return { publishedAt: start.date().toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z'), precision: 'minute' };
      }
      // Without a zone, the local time as written (as an ISO value without offset in a meta tag).
      return { publishedAt: `${date}T${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}:00`, precision: 'minute' };
    }
  }
  return null;
}
