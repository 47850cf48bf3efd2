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
import { parseOperation, type Operation } from '../sync/operation';
import type { Store } from '../store/index';

/** A whole-case bundle also carries the case's operation log. */
type BundleSource = CaseSource & Partial<Pick<Store, 'operations'>>;
type BundleTarget = CaseTarget & Partial<Pick<Store, 'operations' | 'transaction'>>;

export type { MergeConflict, MergeResult } from './merge';

export const BUNDLE_EXTENSION = '.parley-bundle';
/** Refuse to inflate more than this (a gzip bomb, or something that is not a bundle). */
const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

export interface BundleOptions {
  documentIds?: string[] | null;
  exportedAt?: string;
}

export function writeBundle(store: BundleSource, outPath: string, options: BundleOptions = {}): { documents: number; bytes: number } {
  const dump = buildCaseDump(store, { documentIds: options.documentIds ?? null, originals: true, history: true, exportedAt: options.exportedAt });
  // Only a whole case: a bundle of some documents would otherwise carry everything else's history.
  if (!options.documentIds && store.operations) {
    dump.operations = store.operations.operations().map(({ seq: _seq, origin: _origin, onHub: _onHub, ...op }) => op);
  }
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
export function mergeBundle(store: BundleTarget, bundlePath: string): MergeResult {
  store.assertWritable();
  const dump = readBundle(bundlePath);
  const label = `Merge bundle "${dump.case_name}" (${basename(bundlePath)})`;
  const operations = bundleOperations(dump);
  // A copy of the same case (they share operations: a hub clone, an earlier bundle merged this
  // way, or a case made from this bundle) merges by operations: deletions travel, clashes resolve
  // as on the hub, and the merge is one undoable step. A first merge between unrelated cases
  // matches records by id and natural key (./merge.ts).
  if (operations && store.operations && store.transaction && (operations.length === 0 || isEmptyCase(store) || store.operations.known(operations.map((op) => op.opId)) > 0)) {
    return mergeOperations(store as BundleTarget & Pick<Store, 'operations' | 'transaction'>, dump, operations, label);
  }
  return mergeRecords(store.records, fromCaseDump(dump), { label });
}

function bundleOperations(dump: CaseDump): Operation[] | null {
  if (!dump.operations) return null;
  return dump.operations.map((value, index) => {
    try {
      return parseOperation(value);
    } catch (error) {
      throw new ParleyError('invalid_input', `The bundle is damaged: operation ${index + 1} is not valid (${(error as Error).message.slice(0, 200)}); nothing was merged`);
    }
  });
}

function isEmptyCase(store: BundleTarget): boolean {
  const records = store.records.read();
  return Object.values(records).every((rows) => !Array.isArray(rows) || rows.length === 0);
}

function mergeOperations(store: BundleTarget & Pick<Store, 'operations' | 'transaction'>, dump: CaseDump, operations: Operation[], label: string): MergeResult {
  const key = (clash: { aggregate: string; recordId: string; field: string; kind: string }) => `${clash.aggregate}\u0000${clash.recordId}\u0000${clash.field}\u0000${clash.kind}`;
  const before = new Set(store.operations.clashes().map(key));
  const blobs = new Map<string, Uint8Array>();
  for (const original of dump.originals) if (original.bytes_base64) blobs.set(original.sha256, Buffer.from(original.bytes_base64, 'base64'));
  // Count records, as the record merge does: tally what applying writes, then hand it on to the store's audit.
  const tally = { added: 0, updated: 0, deleted: 0 };
  const byAggregate: MergeResult['byAggregate'] = {};
  const audit = store.operations.onMaterialized;
  store.operations.onMaterialized = (change, batchId) => {
    const counts = (byAggregate[change.aggregate] ??= { added: 0, updated: 0, unchanged: 0 });
    if (!change.before && change.after) {
      tally.added++;
      counts.added++;
    } else if (change.before && change.after) {
      tally.updated++;
      counts.updated++;
    } else tally.deleted++;
    audit?.(change, batchId);
  };
  try {
    store.transaction((batch) => store.operations.apply(operations, 'bundle', { batchId: batch.id, blobs }), { label, failure: 'Cannot merge the bundle' });
  } finally {
    store.operations.onMaterialized = audit;
  }
  const conflicts = store.operations
    .clashes()
    .filter((clash) => !before.has(key(clash)))
    .map((clash) => ({
      aggregate: clash.aggregate,
      id: clash.recordId,
      field: clash.field,
      kept: clash.kept?.value ?? null,
      lost: clash.lost[0]?.value ?? null,
      keptFrom: 'local' as const,
      reason: 'both_changed' as const,
    }));
  return { added: tally.added, updated: tally.updated, deleted: tally.deleted, unchanged: 0, conflicts, remapped: [], byAggregate, historyImported: 0 };
}
