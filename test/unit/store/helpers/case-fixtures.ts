/** Small builders for store tests: a case with a couple of articles, parties and sources. */
import type { NewDocument } from '../../../../electron/store/document-repository';
import type { Store } from '../../../../electron/store/index';
import { rawDatabase } from '../../../../electron/store/raw-database';

export const GENEVA =
  'GENEVA — Ukrainian and US officials met on Sunday to discuss the 28-point plan. ' +
  'A senior US official said the talks were "productive and meaningful". ' +
  'Russia has not commented. Kyiv insists that any deal must respect its sovereignty. ' +
  'The Kremlin said it had not received the revised draft.';

export const SANCTIONS =
  'BRUSSELS — EU ministers discussed sanctions relief as part of any settlement. ' +
  'Hungary demanded that frozen Russian assets be released. Poland rejected the idea outright.';

let counter = 0;

export function addDocument(store: Store, text: string, extra: Partial<NewDocument> = {}): string {
  counter++;
  const [outcome] = store.documents.insertImported(
    { fileName: `article-${counter}.txt`, sha256: `sha-${counter}-${text.length}`, bytes: new TextEncoder().encode(text) },
    [
      {
        title: `Article ${counter}`,
        byline: null,
        outlet: 'Reuters',
        publishedAt: '2025-11-23T10:00:00Z',
        publishedPrecision: 'second',
        url: null,
        language: 'en',
        format: 'text',
        label: `article-${counter}.txt`,
        sourcePath: null,
        text,
        html: null,
        contentHash: `hash-${counter}-${text}`,
        minhash: null,
        bandKeys: [],
        nearDuplicateOf: null,
        ...extra,
      },
    ],
  );
  if (outcome?.status !== 'imported') throw new Error('fixture document was not imported');
  return outcome.documentId;
}

export function addParty(store: Store, name: string, aliases: string[] = []) {
  return store.parties.create({ name, kind: 'state', aliases, affiliationId: null, color: null, notes: null });
}

export function addSource(store: Store, name: string, partyId: string | null = null) {
  return store.sources.create({ name, role: null, partyId, anonymous: false, defaultReliability: 'C', notes: null });
}

export function addConcession(store: Store, title: string, extra: Partial<Parameters<Store['concessions']['create']>[0]> = {}) {
  return store.concessions.create({
    title,
    issueAreaId: null,
    concedingPartyId: null,
    beneficiaryPartyId: null,
    proposedByPartyId: null,
    status: 'proposed',
    planPointId: null,
    description: null,
    ...extra,
  });
}

/** A selector for the n-th occurrence of `quote` in `text` (prefix/suffix left for the store). */
export function span(text: string, quote: string) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return { exact: quote, prefix: '', suffix: '', start, end: start + quote.length };
}

/** Every table's rows, for "undo restored exactly what was there" comparisons. */
export function dump(store: Store): Record<string, unknown[]> {
  const tables = ['parties', 'party_aliases', 'sources', 'concessions', 'concession_stances', 'annotations', 'annotation_tags', 'tags', 'plans'];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) result[table] = rawDatabase(store).prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  result.documents = rawDatabase(store).prepare('SELECT id, title, text, html, word_count, content_hash, updated_at FROM documents ORDER BY id').all();
  return result;
}
