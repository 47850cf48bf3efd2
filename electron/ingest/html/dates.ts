/**
 * Publication dates: machine-readable values (ISO strings from meta tags, JSON-LD, <time>) and
 * human datelines ("KYIV, November 23, 2025 (Reuters)"). Relative phrases ("2 HR AGO",
 * "yesterday") are never turned into dates: a wrong date is worse than none.
 */
// Only the locales Parley reads (loading chrono-node's root loads all sixteen).
import * as chronoDe from 'chrono-node/de';
import * as chronoEn from 'chrono-node/en';
import * as chronoFr from 'chrono-node/fr';
import * as chronoRu from 'chrono-node/ru';
import * as chronoUk from 'chrono-node/uk';
import type { DatePrecision } from '../types';

export interface PublishedDate {
  publishedAt: string;
  precision: DatePrecision;
}

const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?$/i;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

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
  const slashed = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(value.trim());
  if (slashed) {
    const [, year, month, day] = slashed;
    if (!isPlausible(Number(year), Number(month), Number(day))) return null;
    return { publishedAt: `${year}-${pad(Number(month))}-${pad(Number(day))}`, precision: 'day' };
  }
  return parseDateline(value);
}

function isPlausible(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const RELATIVE = /\b(ago|yesterday|today|tonight|tomorrow|last|next|this (morning|afternoon|evening|week)|hours?|hrs?|mins?|minutes?|just now)\b|назад|вчера|сегодня|позавчера|тому|вчора|сьогодні/i;
/**
 * English first, then the other languages of the press Parley reads, each only when the text has
 * what its dates are written with (Cyrillic script; a German "23. November" or "23.11."; a French
 * month or day-first slashes): each parser runs dozens of patterns over the text.
 */
const PARSERS: { parser: Pick<typeof chronoEn, 'parse'>; applies?: RegExp }[] = [
  { parser: chronoEn.strict },
  { parser: chronoRu.strict, applies: /\p{Script=Cyrillic}/u },
  { parser: chronoUk, applies: /\p{Script=Cyrillic}/u },
  { parser: chronoDe.strict, applies: /\d\.\s*(?:\d|\p{L})/u },
  { parser: chronoFr.strict, applies: /\b(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)|\d\/\d/iu },
];

/**
 * The first full calendar date (day, month and year all written out) in a human dateline.
 * Dates without a year and relative phrases yield null.
 */
export function parseDateline(text: string | null | undefined): PublishedDate | null {
  // Every accepted dateline has a four-digit year; skip the (slow) parsers when there is none.
  if (!text || !/(^|\D)(19|20)\d{2}(\D|$)/.test(text)) return null;
  for (const { parser, applies } of PARSERS) {
    if (applies && !applies.test(text)) continue;
    for (const result of parser.parse(text)) {
      if (RELATIVE.test(result.text)) continue;
      const start = result.start;
      if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
      const year = start.get('year') ?? 0;
      const month = start.get('month') ?? 0;
      const day = start.get('day') ?? 0;
      if (!isPlausible(year, month, day)) continue;
      const date = `${year}-${pad(month)}-${pad(day)}`;
      if (!start.isCertain('hour')) return { publishedAt: date, precision: 'day' };
      const time = `${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}:00`;
      if (start.isCertain('timezoneOffset')) {
        return { publishedAt: start.date().toISOString().replace(/\.\d{3}Z$/, 'Z'), precision: 'minute' };
      }
      return { publishedAt: `${date}T${time}`, precision: 'minute' };
    }
  }
  return null;
}
