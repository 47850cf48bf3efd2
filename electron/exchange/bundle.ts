/**
 * A bundle: one file carrying a case (or some of its documents) for another analyst's copy of the
 * case. It is the case dump (case-dump.ts) with originals and history, gzipped: one file, checked
 * by gzip's CRC, readable with any gunzip when needed. Merging follows ./merge.ts.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from './atomic-write';
import { basename } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ParleyError } from '../../shared/errors';
import type { CaseTarget } from './json-dump';
import { fromCaseDump, parseCaseDump, type CaseDump } from './case-dump';
import { buildCaseDump, type CaseSource } from './json-dump';
import { mergeRecords, type MergeResult } from './merge';

export type { MergeConflict, MergeResult } from './merge';

export const BUNDLE_EXTENSION = '.parley-bundle';
/** Refuse to inflate more than this (a gzip bomb, or something that is not a bundle). */
const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

export interface BundleOptions {
  documentIds?: string[] | null;
  exportedAt?: string;
}

export function writeBundle(store: CaseSource, outPath: string, options: BundleOptions = {}): { documents: number; bytes: number } {
  const dump = buildCaseDump(store, { documentIds: options.documentIds ?? null, originals: true, history: true, exportedAt: options.exportedAt });
  const bytes = gzipSync(Buffer.from(JSON.stringify(dump), 'utf8'), { level: 9 });
  writeFileAtomicSync(outPath, bytes);
  return { documents: dump.documents.length, bytes: bytes.length };
}

/** Read and validate a bundle; anything else is refused with `invalid_input` and a plain message. */
export function readBundle(bundlePath: string): CaseDump {
  const name = basename(bundlePath);
  let bytes: Buffer;
  try {
    bytes = readFileSync(bundlePath);
  } catch (error) {
    throw new ParleyError('io_error', `Cannot read ${name}: ${(error as Error).message}`);
  }
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new ParleyError('invalid_input', `${name} is not a Parley bundle`);
  let json: string;
  try {
    json = gunzipSync(bytes, { maxOutputLength: MAX_BUNDLE_BYTES }).toString('utf8');
  } catch (error) {
    throw new ParleyError('invalid_input', `${name} is damaged and cannot be unpacked (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ParleyError('invalid_input', `${name} is damaged: its contents are not JSON`);
  }
  return parseCaseDump(value, name);
}

/**
 * Merge a bundle into the open case, in one transaction: new records added, edits resolved field
 * by field, conflicts listed (and the losing values kept in the audit log). Merging the same bundle
 * again changes nothing.
 */
export function mergeBundle(store: CaseTarget, bundlePath: string): MergeResult {
  store.assertWritable();
  const dump = readBundle(bundlePath);
  return mergeRecords(store.records, fromCaseDump(dump), { label: `Merge bundle "${dump.case_name}" (${basename(bundlePath)})` });
}
