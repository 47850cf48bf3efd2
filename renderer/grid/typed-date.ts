/**
 * Dates as people type them ("26 Nov 2025", "Nov 26, 2025", "26/11/2025", "November 2025",
 * "2025-11-26") into the ISO form the contract stores: a day, or only a month or a year when that
 * is all that was typed. Numeric day/month order is read day first (26/11/2025), as most of the
 * world writes it; a US-style 11/26/2025 still reads right because 26 cannot be a month.
 */
import { GB } from 'chrono-node/en';

export type TypedDate = { ok: true; value: string | null } | { ok: false; message: string };

const ISO = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const pad = (value: number) => String(value).padStart(2, '0');

export function parseTypedDate(input: unknown): TypedDate {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return { ok: true, value: null };
  if (ISO.test(text)) return { ok: true, value: text };
  const [result] = GB.parse(text, new Date(), { forwardDate: false });
  // The whole entry must be the date: "26 Nov 2025 talks" is not a date someone meant.
  if (!result || result.text.trim().length < text.replace(/[.,\s]+$/, '').length) {
    return { ok: false, message: `"${text}" is not a date Parley can read; type it like 26 Nov 2025 or 2025-11-26` };
  }
  const start = result.start;
  if (!start.isCertain('year') && !/\b(today|yesterday|tomorrow)\b/i.test(text)) {
    return { ok: false, message: `"${text}" has no year; type it like 26 Nov 2025` };
  }
  const date = `${start.get('year')}-${pad(start.get('month') ?? 1)}`;
  if (!start.isCertain('day')) return { ok: true, value: date };
  const day = `${date}-${pad(start.get('day') ?? 1)}`;
  return { ok: true, value: start.isCertain('hour') ? `${day}T${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}` : day };
}
