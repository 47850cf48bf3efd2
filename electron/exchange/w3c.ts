/**
 * Annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): one
 * AnnotationCollection whose first AnnotationPage holds every annotation. Parley's own fields
 * (type, grades, links) are properties in the `parley:` namespace.
 */
import type { RawRow } from '../store/case-records';
import type { CaseSource } from './json-dump';

export const PARLEY_NS = 'urn:parley:vocab#';

export interface W3CExportOptions {
  documentIds?: string[] | null;
  /** Point targets at the article URL when it has one (default: the stable urn:parley:document id). */
  preferUrl?: boolean;
  exportedAt?: string;
}

export type JsonLd = Record<string, unknown>;

const urn = (kind: string, id: string) => `urn:parley:${kind}:${id}`;

export function buildW3CCollection(store: CaseSource, options: W3CExportOptions = {}): JsonLd {
  const records = store.records.read({ documentIds: options.documentIds ?? null });
  const byId = (rows: RawRow[]) => new Map(rows.map((row) => [String(row.id), row]));
  const documents = byId(records.documents);
  const sources = byId(records.sources);
  const parties = byId(records.parties);
  const concessions = byId(records.concessions);
  const tags = byId(records.tags);
  const exportedAt = options.exportedAt ?? new Date().toISOString();

  const items = records.annotations.map((annotation) => {
    const document = documents.get(String(annotation.document_id));
    const url = typeof document?.url === 'string' ? document.url : null;
    const body: JsonLd[] = [
      { type: 'SpecificResource', purpose: 'classifying', source: `${PARLEY_NS}${String(annotation.type)}` },
    ];
    if (annotation.note) body.push({ type: 'TextualBody', value: annotation.note, format: 'text/plain', purpose: 'commenting' });
    for (const tagId of (annotation.tag_ids as string[]) ?? []) {
      const tag = tags.get(tagId);
      if (tag) body.push({ type: 'TextualBody', value: tag.name, purpose: 'tagging' });
    }
    const link = (kind: string, id: unknown, purpose: string, names: Map<string, RawRow>, label: string) => {
      if (typeof id !== 'string') return;
      const row = names.get(id);
      body.push({ type: 'SpecificResource', purpose, source: urn(kind, id), 'parley:role': label, ...(row ? { 'parley:name': row.name ?? row.title } : {}) });
    };
    link('source', annotation.source_id, 'identifying', sources, 'source');
    link('source', annotation.publisher_source_id, 'identifying', sources, 'publisher');
    link('party', annotation.party_id, 'identifying', parties, 'party');
    link('concession', annotation.concession_id, 'linking', concessions, 'concession');
    link('party', annotation.stance_party_id, 'identifying', parties, 'stance_party');

    const grades: JsonLd = {};
    for (const [column, property] of [
      ['credibility', 'parley:credibility'],
      ['reliability', 'parley:reliability'],
      ['stance', 'parley:stance'],
      ['quote_kind', 'parley:quoteKind'],
      ['channel', 'parley:channel'],
      ['anchor_status', 'parley:anchorStatus'],
    ] as const) {
      if (annotation[column] !== null && annotation[column] !== undefined) grades[property] = annotation[column];
    }
    return {
      id: urn('annotation', String(annotation.id)),
      type: 'Annotation',
      motivation: annotation.type === 'note' ? 'commenting' : annotation.type === 'party_mention' ? 'identifying' : 'classifying',
      created: annotation.created_at,
      modified: annotation.updated_at,
      'parley:type': annotation.type,
      ...grades,
      body,
      target: {
        type: 'SpecificResource',
        source: options.preferUrl && url ? url : urn('document', String(annotation.document_id)),
        ...(document ? { 'parley:document': urn('document', String(document.id)), 'parley:documentTitle': document.title ?? null } : {}),
        selector: [
          { type: 'TextQuoteSelector', exact: annotation.exact, prefix: annotation.prefix, suffix: annotation.suffix },
          { type: 'TextPositionSelector', start: annotation.start_offset, end: annotation.end_offset },
        ],
      },
    };
  });

  const collectionId = urn('collection', `${encodeURIComponent(store.name)}/${exportedAt}`);
  return {
    '@context': ['http://www.w3.org/ns/anno.jsonld', { parley: PARLEY_NS }],
    id: collectionId,
    type: 'AnnotationCollection',
    label: `${store.name}: annotations`,
    total: items.length,
    generated: exportedAt,
    generator: { id: 'urn:parley:app', type: 'Software', name: 'Parley' },
    first: { id: `${collectionId}#page-1`, type: 'AnnotationPage', partOf: collectionId, startIndex: 0, items },
  };
}
