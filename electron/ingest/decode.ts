/**
 * Bytes → text with the right encoding: BOM first, UTF-16 without one, then (for HTML) the declared charset,
 * then strict UTF-8, then statistical detection (chardet) decoded with iconv-lite.
 */
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type Chardet from 'chardet';
import type Iconv from 'iconv-lite';
import { IngestError } from './types';

/**
 * The legacy-charset libraries load on first use: most pages are UTF-8, and loading them adds
 * ~90 ms to the start of every import worker.
 */
let legacy: { iconv: typeof Iconv; chardet: typeof Chardet } | null = null;
function legacyCodecs(): { iconv: typeof Iconv; chardet: typeof Chardet } {
  const require = createRequire(import.meta.url);
  legacy ??= { iconv: require('iconv-lite') as typeof Iconv, chardet: require('chardet') as typeof Chardet };
  return legacy;
}

export interface DecodeOptions {
  /** Look for <meta charset> / http-equiv in the first bytes (HTML, MHTML parts). */
  sniffHtmlMeta?: boolean;
  /** A charset declared outside the bytes (e-mail part header, XML prolog). */
  declaredCharset?: string | null;
  fileName?: string;
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomEncoding(buffer);
  if (bom) return legacyCodecs().iconv.decode(buffer.subarray(bom.length), bom.encoding);
  const utf16 = utf16WithoutBom(buffer);
  if (utf16) return decodeUtf16(buffer, utf16);
  if (looksBinary(buffer)) {
    throw new IngestError(
      'not_text',
      `${options.fileName ?? 'file'} looks like binary data, not text or HTML`,
    );
  }
  const declared =
    normaliseCharset(options.declaredCharset) ??
    (options.sniffHtmlMeta ? normaliseCharset(sniffMetaCharset(buffer)) : null);
  const utf8 = strictUtf8(buffer);
  if (declared && declared !== 'utf-8') {
    // A page that declares a legacy charset but is valid UTF-8 was re-saved by a browser as UTF-8.
    if (utf8 !== null && /[^\x00-\x7f]/.test(utf8)) return utf8;
    if (legacyCodecs().iconv.encodingExists(declared)) return legacyCodecs().iconv.decode(buffer, declared);
  }
  if (utf8 !== null) return utf8;
  const { iconv, chardet } = legacyCodecs();
  const detected = normaliseCharset(chardet.detect(buffer) ?? null);
  if (detected && iconv.encodingExists(detected)) return iconv.decode(buffer, detected);
  return iconv.decode(buffer, 'windows-1252');
}

function bomEncoding(buffer: Buffer): { encoding: string; length: number } | null {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 saved without a byte-order mark (some Windows tools do): text whose every other byte is
 * NUL (Latin, Cyrillic… with ASCII spaces and punctuation), or, for CJK and other text with few
 * ASCII characters, code units that are almost all letters, punctuation and spaces and whose high
 * bytes come from a few script blocks (the byte-swapped reading scatters over many).
 * Only files with NUL bytes are candidates: any other text is not UTF-16.
 */
export function utf16WithoutBom(buffer: Buffer): 'utf-16le' | 'utf-16be' | null {
  const head = buffer.subarray(0, Math.min(buffer.length, 16384) & ~1);
  if (head.length < 4 || !head.includes(0)) return null;
  const units = head.length / 2;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < head.length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const scores = (['utf-16le', 'utf-16be'] as const).map((encoding) => utf16Plausibility(head, encoding === 'utf-16le'));
  const [le, be] = scores as [Utf16Score, Utf16Score];
  // ASCII-rich text: NULs on one side only, and the text on the other side reads.
  if (oddNul >= units * 0.2 && evenNul <= units * 0.02 && le.plausible >= 0.95) return 'utf-16le';
  if (evenNul >= units * 0.2 && oddNul <= units * 0.02 && be.plausible >= 0.95) return 'utf-16be';
  const best = le.plausible - le.highBytes / 256 >= be.plausible - be.highBytes / 256 ? { encoding: 'utf-16le' as const, score: le } : { encoding: 'utf-16be' as const, score: be };
  const other = best.encoding === 'utf-16le' ? be : le;
  if (best.score.plausible >= 0.97 && best.score.highBytes < other.highBytes) return best.encoding;
  return null;
}

interface Utf16Score {
  /** Share of code units that are text (letters, digits, punctuation, spaces, line breaks). */
  plausible: number;
  /** Distinct high bytes among the non-ASCII code units. */
  highBytes: number;
}

function utf16Plausibility(head: Buffer, littleEndian: boolean): Utf16Score {
  let plausible = 0;
  const high = new Set<number>();
  const units = head.length / 2;
  for (let i = 0; i < head.length; i += 2) {
    const unit = littleEndian ? head[i]! | (head[i + 1]! << 8) : (head[i]! << 8) | head[i + 1]!;
    if (unit >= 0x80) high.add(unit >> 8);
    if (
      unit === 0x09 || unit === 0x0a || unit === 0x0d ||
      (unit >= 0x20 && unit < 0x7f) ||
      (unit >= 0xa0 && unit < 0x2500) || // Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, Thai, general punctuation
      (unit >= 0x3000 && unit < 0xa000) || // CJK punctuation, kana, ideographs
      (unit >= 0xac00 && unit < 0xd7a4) || // Hangul
      (unit >= 0xff00 && unit < 0xfff0) // fullwidth forms
    ) {
      plausible++;
    }
  }
  return { plausible: plausible / units, highBytes: high.size };
}

function decodeUtf16(buffer: Buffer, encoding: 'utf-16le' | 'utf-16be'): string {
  return legacyCodecs().iconv.decode(buffer.subarray(0, buffer.length - (buffer.length % 2)), encoding);
}

function strictUtf8(buffer: Buffer): string | null {
  // What a fatal TextDecoder gives (null for invalid UTF-8, a leading BOM dropped), several times faster.
  if (!isUtf8(buffer)) return null;
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** NUL bytes or many control characters in the first 8 KB mean this is not a text file. */
function looksBinary(buffer: Buffer): boolean {
  const head = buffer.subarray(0, 8192);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

function sniffMetaCharset(buffer: Buffer): string | null {
  const head = buffer.subarray(0, 4096).toString('latin1');
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return match?.[1] ?? null;
}

function normaliseCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const lower = name.trim().toLowerCase();
  if (lower === 'utf8' || lower === 'utf-8') return 'utf-8';
  // Browsers treat ISO-8859-1 and US-ASCII labels as windows-1252 (WHATWG Encoding).
  if (lower === 'iso-8859-1' || lower === 'latin1' || lower === 'us-ascii' || lower === 'ascii') return 'windows-1252';
  return lower;
}
