/** The case as one JSON document (case-dump.ts) and its import into a new, empty case. */
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from './atomic-write';
import { ParleyError } from '../../shared/errors';
import type { Store } from '../store/index';
import { fromCaseDump, parseCaseDump, toCaseDump, type CaseDump } from './case-dump';
import { mergeRecords, type MergeResult } from './merge';

/** What an export reads: the case's name and its rows (through the store's read model, never SQL). */
export type CaseSource = Pick<Store, 'name' | 'records'>;
/** What a merge writes to: the case's rows, if the case can be written. */
export type CaseTarget = Pick<Store, 'records' | 'assertWritable'>;

export interface CaseDumpOptions {
  /** Only these documents (and their annotations, originals); parties, sources, concessions come whole. */
  documentIds?: string[] | null;
  /** Include the imported files, base64 (off by default: they can be large). */
  originals?: boolean;
  /** Include the audit rows of the dumped records (needed for a three-way merge). */
  history?: boolean;
  /** Fixed timestamp, for reproducible output. */
  exportedAt?: string;
}

export function buildCaseDump(store: CaseSource, options: CaseDumpOptions = {}): CaseDump {
  const repo = store.records;
  const documentIds = options.documentIds ?? null;
  if (documentIds) {
    const known = new Set(repo.read({ documentIds }).documents.map((row) => String(row.id)));
    const missing = documentIds.filter((id) => !known.has(id));
    if (missing.length > 0) throw new ParleyError('not_found', `${missing.length} of the chosen documents are not in this case`);
  }
  const records = repo.read({ documentIds, originals: !!options.originals, history: !!options.history });
  return toCaseDump(records, { caseName: store.name, documentIds, exportedAt: options.exportedAt });
}

export function writeCaseDump(store: CaseSource, outPath: string, options: CaseDumpOptions = {}): CaseDump {
  const dump = buildCaseDump(store, options);
  writeFileAtomicSync(outPath, `${JSON.stringify(dump, null, 2)}\n`);
  return dump;
}

/**
 * Load a case dump (object or path to a .json file) into an empty case, keeping every id.
 * Refuses a case that already holds records (use a bundle merge for that).
 */
export function importCaseDump(store: CaseTarget, source: CaseDump | string | unknown): MergeResult {
  store.assertWritable();
  const value = typeof source === 'string' ? readJson(source) : source;
  const dump = parseCaseDump(value);
  return mergeRecords(store.records, fromCaseDump(dump), { label: `Import case dump "${dump.case_name}"`, intoEmptyCase: true });
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ParleyError('io_error', `Cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ParleyError('invalid_input', `${path} is not JSON, so not a Parley case dump`);
  }
}
