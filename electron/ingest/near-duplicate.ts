/**
 * Duplicate detection for imported articles.
 * - contentHash: exact duplicates (same text after normalising case, spaces and Unicode form).
 * - MinHash signatures over word 5-shingles: near duplicates, e.g. the same wire story run by two
 *   outlets with a different headline, intro or sign-off. candidateKeys() bands a signature for
 *   locality-sensitive hashing, so the store looks up only articles sharing a key instead of
 *   comparing every pair; estimateSimilarity() then confirms a candidate.
 * Everything is deterministic (fixed seeds): signatures stored today match signatures made later.
 */
import { createHash } from 'node:crypto';

export const SIGNATURE_SIZE = 128;
export const SHINGLE_WORDS = 5;
/** 16 bands of 8 rows: pairs at Jaccard 0.8 share a key with p ≈ 0.95, pairs at 0.5 with p ≈ 0.06. */
export const BANDS = 16;
export const ROWS = SIGNATURE_SIZE / BANDS;
/** Articles at or above this estimated similarity are the same story. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/** The text as the duplicate checks see it: NFC, lowercase, whitespace collapsed. */
export function normaliseForHash(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** sha256 (hex) of the normalised text: equal for texts that differ only in case, spacing or Unicode form. */
export function contentHash(text: string): string {
  return createHash('sha256').update(normaliseForHash(text), 'utf8').digest('hex');
}

/** Words for shingling: letters and digits only, so punctuation and quote styles do not matter. */
export function words(text: string): string[] {
  return normaliseForHash(text.normalize('NFKC'))
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** 32-bit MurmurHash3 of a string (UTF-16 code units), seeded. */
function murmur3(key: string, seed: number): number {
  let h = seed >>> 0;
  const length = key.length;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    let k = (key.charCodeAt(i) & 0xffff) | ((key.charCodeAt(i + 1) & 0xffff) << 16);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < length) {
    let k = key.charCodeAt(i) & 0xffff;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= length;
  return fmix32(h);
}

function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Distinct word 5-shingles (a text shorter than five words is one shingle). */
export function shingles(text: string): Set<string> {
  const tokens = words(text);
  const result = new Set<string>();
  if (tokens.length === 0) return result;
  if (tokens.length < SHINGLE_WORDS) {
    result.add(tokens.join(' '));
    return result;
  }
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i++) result.add(tokens.slice(i, i + SHINGLE_WORDS).join(' '));
  return result;
}

/**
 * MinHash signature: for each of 128 hash functions, the minimum hash over the shingles.
 * The i-th function is h1 + i·h2 (double hashing) remixed, with h1, h2 two seeded MurmurHash3s.
 * An empty text gets all-0xffffffff, which matches only other empty texts.
 */
export function signature(text: string): Uint32Array {
  const result = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles(text)) {
    const h1 = murmur3(shingle, 0x9747b28c);
    const h2 = murmur3(shingle, 0x5bd1e995) | 1;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = fmix32((h1 + Math.imul(i, h2)) >>> 0);
      if (h < result[i]!) result[i] = h;
    }
  }
  return result;
}

/** Estimated Jaccard similarity of the two texts' shingle sets (share of equal signature slots). */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError('signatures of different sizes');
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/** Exact Jaccard similarity of two texts' shingle sets (for tests and for confirming small sets). */
export function jaccard(a: string, b: string): number {
  const sa = shingles(a);
  const sb = shingles(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  return common / (sa.size + sb.size - common);
}

/**
 * LSH band keys of a signature: "b<band>:<hash of the band's rows>". Two articles that share any
 * key are near-duplicate candidates; store the keys in an indexed column and look them up.
 */
export function candidateKeys(sig: Uint32Array): string[] {
  if (sig.length !== SIGNATURE_SIZE) throw new RangeError(`signature must have ${SIGNATURE_SIZE} slots`);
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = 0x811c9dc5 ^ band;
    for (let row = 0; row < ROWS; row++) h = fmix32((Math.imul(h, 0x01000193) ^ sig[band * ROWS + row]!) >>> 0);
    let h2 = 0x12345678 + band;
    for (let row = 0; row < ROWS; row++) h2 = fmix32((Math.imul(h2 ^ sig[band * ROWS + row]!, 0x27d4eb2d) + row) >>> 0);
    keys.push(`b${band}:${h.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`);
  }
  return keys;
}

/** Everything duplicate detection needs of one article's text. */
export function fingerprint(text: string): { contentHash: string; minhash: Uint32Array; bandKeys: string[] } {
  const minhash = signature(text);
  return { contentHash: contentHash(text), minhash, bandKeys: candidateKeys(minhash) };
}

/** Signature ⇄ bytes, for a BLOB column. */
export function signatureToBytes(sig: Uint32Array): Uint8Array {
  const out = new Uint8Array(sig.length * 4);
  const view = new DataView(out.buffer);
  sig.forEach((value, i) => view.setUint32(i * 4, value, true));
  return out;
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  if (bytes.byteLength !== SIGNATURE_SIZE * 4) throw new RangeError('not a MinHash signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => view.getUint32(i * 4, true));
}
