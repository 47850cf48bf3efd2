/**
 * Bytes → text with the right encoding: BOM first, then (for HTML) the declared charset,
 * then strict UTF-8, then statistical detection (chardet) decoded with iconv-lite.
 */
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

function strictUtf8(buffer: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return null;
  }
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
