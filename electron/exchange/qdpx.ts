/**
 * The case as a REFI-QDA project (.qdpx, REFI-QDA standard 1.5, namespace urn:QDA-XML:project:1.0),
 * for QDA tools (ATLAS.ti, MAXQDA, NVivo, QualCoder …). The archive holds `project.qde` and one
 * `sources/<guid>.txt` per document (its cleaned text, UTF-8, no BOM).
 *
 * Mapping:
 * - codebook: one top-level code per annotation type, with a child code per source (Attribution),
 *   party (Party mention) and concession (Concession evidence), and a "Tags" code with a child per tag;
 * - each document is a TextSource, each annotation a PlainTextSelection coded with its type code,
 *   its source/party/concession code and its tags' codes; grades and the note go in its Description,
 *   and a non-empty note is also a project Note (a memo in most tools) referenced from the selection;
 * - positions are counted in Unicode code points (REFI-QDA), not UTF-16 units (Parley's offsets);
 * - every GUID is a UUIDv5 of the Parley id and its kind, so re-exports keep the same GUIDs.
 * Orphaned annotations, and any whose offsets do not fit their text, are left out and reported.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { xmlSafeText } from '../../shared/xml-text';
import { writeFileAtomicSync } from './atomic-write';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { v5 as uuidv5 } from 'uuid';
import { humanise, type AnnotationType } from '../../shared/model/vocabulary';
import type { CaseDump } from './case-dump';
import { buildCaseDump, type CaseSource } from './json-dump';

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';
/** Namespace of Parley's derived GUIDs (a fixed random UUID; changing it changes every exported GUID). */
const PARLEY_QDPX_NAMESPACE = '6f1d3c2e-8a4b-4e57-9c1a-2b7d5e0f9a31';

export interface QdpxOptions {
  /** Only these documents (and their annotations); the codebook always comes whole. */
  documentIds?: string[] | null;
  /** Fixed timestamp, for reproducible output. */
  exportedAt?: string;
  /** Name of the single REFI user every selection is attributed to (Parley has no user accounts). */
  userName?: string;
}

export interface QdpxResult {
  documents: number;
  selections: number;
  codes: number;
  /** Annotations left out: orphaned, or offsets outside their document's text. */
  skipped: { annotationId: string; reason: 'orphan' | 'out_of_range' }[];
}

type Annotation = CaseDump['annotations'][number];
type Xml = Record<string, unknown>;

const TYPE_CODES: Record<AnnotationType, string> = {
  attribution: 'Attribution',
  party_mention: 'Party mention',
  concession_evidence: 'Concession evidence',
  note: 'Note',
};

export const guidFor = (kind: string, id: string): string => uuidv5(`${kind}:${id}`, PARLEY_QDPX_NAMESPACE);

/** Write the .qdpx archive to `outPath`. */
export function writeQdpx(store: CaseSource, outPath: string, options: QdpxOptions = {}): QdpxResult {
  const { archive, result } = buildQdpx(store, options);
  writeFileAtomicSync(outPath, archive);
  return result;
}

/** The .qdpx archive's bytes, and what went into it. */
export function buildQdpx(store: CaseSource, options: QdpxOptions = {}): { archive: Uint8Array; result: QdpxResult } {
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  const dump = buildCaseDump(store, { documentIds: options.documentIds ?? null, exportedAt });
  const userGuid = guidFor('user', 'parley-analyst');
  const user = { '@_guid': userGuid, '@_name': attr(options.userName ?? 'Parley analyst') };

  // Codebook: what each annotation links to, resolved to a code GUID.
  const typeGuid = (type: string) => guidFor('code:type', type);
  const codeGuids = new Set<string>();
  const code = (guid: string, name: string, extra: { color?: unknown; description?: string | null; children?: Xml[] } = {}): Xml => {
    codeGuids.add(guid);
    const color = hexColor(extra.color);
    return {
      '@_guid': guid,
      '@_name': attr(name),
      '@_isCodable': 'true',
      ...(color ? { '@_color': color } : {}),
      ...(extra.description ? { Description: text(extra.description) } : {}),
      ...(extra.children && extra.children.length > 0 ? { Code: extra.children } : {}),
    };
  };
  const byName = <T extends { name?: string; title?: string }>(rows: T[]) =>
    [...rows].sort((a, b) => String(a.name ?? a.title).localeCompare(String(b.name ?? b.title)));
  const parties = new Map(dump.parties.map((row) => [row.id, row]));
  const sources = new Map(dump.sources.map((row) => [row.id, row]));
  const concessions = new Map(dump.concessions.map((row) => [row.id, row]));
  const tags = new Map(dump.tags.map((row) => [row.id, row]));
  const codes: Xml[] = [
    code(typeGuid('attribution'), TYPE_CODES.attribution, {
      description: 'Statements attributed to a source; child codes: the sources.',
      children: byName(dump.sources).map((source) =>
        code(guidFor('source', source.id), source.name, { description: lines([source.role, source.anonymous ? 'anonymous' : null, source.notes]) }),
      ),
    }),
    code(typeGuid('party_mention'), TYPE_CODES.party_mention, {
      description: 'Mentions of a party to the negotiation; child codes: the parties.',
      children: byName(dump.parties).map((party) =>
        code(guidFor('party', party.id), party.name, {
          color: party.color,
          description: lines([humanise(party.kind), party.aliases.length > 0 ? `Also: ${party.aliases.join(', ')}` : null, party.notes]),
        }),
      ),
    }),
    code(typeGuid('concession_evidence'), TYPE_CODES.concession_evidence, {
      description: 'Evidence on a concession; child codes: the concessions.',
      children: byName(dump.concessions).map((concession) =>
        code(guidFor('concession', concession.id), concession.title, {
          description: lines([`Status: ${humanise(concession.status)}`, partyLine('Conceding party', concession.conceding_party_id), concession.description]),
        }),
      ),
    }),
    code(typeGuid('note'), TYPE_CODES.note, { description: 'Analyst notes on a passage.' }),
  ];
  if (dump.tags.length > 0) {
    codes.push(
      code(guidFor('code:group', 'tags'), 'Tags', {
        description: 'Parley tags; child codes: the tags.',
        children: byName(dump.tags).map((tag) => code(guidFor('tag', tag.id), tag.name, { color: tag.color })),
      }),
    );
  }
  function partyLine(label: string, id: string | null): string | null {
    const party = id ? parties.get(id) : undefined;
    return party ? `${label}: ${party.name}` : null;
  }

  // Sources, their selections, and the notes those selections refer to.
  const files: Zippable = {};
  const notes: Xml[] = [];
  const skipped: QdpxResult['skipped'] = [];
  let selectionCount = 0;
  const annotationsByDocument = new Map<string, Annotation[]>();
  for (const annotation of dump.annotations) {
    const list = annotationsByDocument.get(annotation.document_id) ?? [];
    list.push(annotation);
    annotationsByDocument.set(annotation.document_id, list);
  }
  const textSources = dump.documents.map((document) => {
    const guid = guidFor('document', document.id);
    files[`sources/${guid}.txt`] = strToU8(document.text);
    const toCodePoint = codePointIndex(document.text);
    const selections: Xml[] = [];
    const annotations = [...(annotationsByDocument.get(document.id) ?? [])].sort((a, b) => a.start_offset - b.start_offset || a.id.localeCompare(b.id));
    for (const annotation of annotations) {
      if (annotation.anchor_status === 'orphan') {
        skipped.push({ annotationId: annotation.id, reason: 'orphan' });
        continue;
      }
      const [start, end] = snapToCodePoints(document.text, annotation.start_offset, annotation.end_offset);
      if (!(start >= 0 && start < end && end <= document.text.length)) {
        skipped.push({ annotationId: annotation.id, reason: 'out_of_range' });
        continue;
      }
      const selectionGuid = guidFor('annotation', annotation.id);
      const codeRefs = [typeGuid(annotation.type), ...linkedCodes(annotation)].filter((target) => codeGuids.has(target));
      const note = annotation.note?.trim() ? annotation.note : null;
      if (note) {
        const noteGuid = guidFor('note', annotation.id);
        notes.push({
          '@_guid': noteGuid,
          '@_name': attr(`Note on “${shorten(annotation.exact, 60)}”`),
          '@_creatingUser': userGuid,
          ...dateAttr('@_creationDateTime', annotation.created_at),
          ...dateAttr('@_modifiedDateTime', annotation.updated_at),
          PlainTextContent: text(note),
        });
      }
      const description = lines([note, grades(annotation)]);
      selections.push({
        '@_guid': selectionGuid,
        '@_name': attr(shorten(annotation.exact, 80)),
        '@_startPosition': String(toCodePoint(start)),
        '@_endPosition': String(toCodePoint(end)),
        '@_creatingUser': userGuid,
        ...dateAttr('@_creationDateTime', annotation.created_at),
        '@_modifyingUser': userGuid,
        ...dateAttr('@_modifiedDateTime', annotation.updated_at),
        ...(description ? { Description: text(description) } : {}),
        Coding: codeRefs.map((target) => ({
          '@_guid': guidFor('coding', `${annotation.id}:${target}`),
          '@_creatingUser': userGuid,
          ...dateAttr('@_creationDateTime', annotation.created_at),
          CodeRef: { '@_targetGUID': target },
        })),
        ...(note ? { NoteRef: { '@_targetGUID': guidFor('note', annotation.id) } } : {}),
      });
      selectionCount++;
    }
    const about = lines([document.outlet, document.byline, document.published_at ? `Published ${document.published_at}` : null, document.url]);
    return {
      '@_guid': guid,
      '@_name': attr(document.title?.trim() || document.label),
      '@_plainTextPath': `internal://${guid}.txt`,
      '@_creatingUser': userGuid,
      ...dateAttr('@_creationDateTime', document.imported_at),
      ...dateAttr('@_modifiedDateTime', document.updated_at),
      ...(about ? { Description: text(about) } : {}),
      ...(selections.length > 0 ? { PlainTextSelection: selections } : {}),
    };
  });

  function linkedCodes(annotation: Annotation): string[] {
    const linked: string[] = [];
    if (annotation.type === 'attribution' && annotation.source_id && sources.has(annotation.source_id)) linked.push(guidFor('source', annotation.source_id));
    if (annotation.type === 'party_mention' && annotation.party_id && parties.has(annotation.party_id)) linked.push(guidFor('party', annotation.party_id));
    if (annotation.type === 'concession_evidence' && annotation.concession_id && concessions.has(annotation.concession_id)) {
      linked.push(guidFor('concession', annotation.concession_id));
    }
    for (const tagId of annotation.tag_ids) if (tags.has(tagId)) linked.push(guidFor('tag', tagId));
    return linked;
  }

  /** "Reliability B, credibility 2, direct quote, briefing", plus publisher and stance when set. */
  function grades(annotation: Annotation): string | null {
    const parts: string[] = [];
    if (annotation.reliability) parts.push(`Reliability ${annotation.reliability}`);
    if (annotation.credibility !== null) parts.push(`credibility ${annotation.credibility}`);
    if (annotation.quote_kind) parts.push(`${annotation.quote_kind} quote`);
    if (annotation.channel) parts.push(humanise(annotation.channel).toLowerCase());
    const publisher = annotation.publisher_source_id ? sources.get(annotation.publisher_source_id) : undefined;
    if (publisher) parts.push(`published by ${publisher.name}`);
    const stanceParty = annotation.stance_party_id ? parties.get(annotation.stance_party_id) : undefined;
    if (annotation.stance) parts.push(stanceParty ? `${stanceParty.name} ${annotation.stance}` : `stance: ${annotation.stance}`);
    if (parts.length === 0) return null;
    const line = parts.join(', ');
    return line.charAt(0).toUpperCase() + line.slice(1);
  }

  // REFI-QDA element order: Users, CodeBook, Variables, Cases, Sources, Notes, Links, Sets, Graphs, Description.
  const project: Xml = {
    '@_name': attr(dump.case_name || 'Parley case'),
    '@_origin': 'Parley',
    '@_creatingUserGUID': userGuid,
    ...dateAttr('@_creationDateTime', exportedAt),
    '@_xmlns': QDA_NAMESPACE,
    Users: { User: user },
    CodeBook: { Codes: { Code: codes } },
    ...(textSources.length > 0 ? { Sources: { TextSource: textSources } } : {}),
    ...(notes.length > 0 ? { Notes: { Note: notes } } : {}),
    Description: text(
      `Exported from Parley on ${exportedAt}: ${dump.documents.length} document(s), ${selectionCount} annotation(s)` +
        (dump.scope.document_ids ? ' (chosen documents only).' : '.'),
    ),
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressBooleanAttributes: false });
  const xml = `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ Project: project }) as string}`;
  const mtime = Number.isNaN(Date.parse(exportedAt)) ? new Date() : new Date(exportedAt);
  // Flat entry names: a nested object would add a bare `sources/` folder entry some importers trip on.
  const archive = zipSync({ 'project.qde': strToU8(xml), ...files }, { level: 6, mtime });
  return { archive, result: { documents: textSources.length, selections: selectionCount, codes: codeGuids.size, skipped } };
}

/**
 * A function from a UTF-16 offset in `text` to the number of code points before it (REFI-QDA
 * positions). Built once per document: annotations are many, texts are short.
 */
export function codePointIndex(text: string): (utf16Offset: number) => number {
  const counts = new Uint32Array(text.length + 1);
  let points = 0;
  for (let i = 0; i < text.length; i++) {
    counts[i] = points;
    if (!isLowSurrogateAfterHigh(text, i)) points++;
  }
  counts[text.length] = points;
  return (offset) => counts[Math.max(0, Math.min(offset, text.length))]!;
}

/** Widen a span that cuts through a surrogate pair so it covers the whole character. */
function snapToCodePoints(text: string, start: number, end: number): [number, number] {
  return [isLowSurrogateAfterHigh(text, start) ? start - 1 : start, isLowSurrogateAfterHigh(text, end) ? end + 1 : end];
}

function isLowSurrogateAfterHigh(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const low = text.charCodeAt(i);
  const high = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
}

/** Element text: XML-safe characters (the builder escapes markup); U+FFFD keeps selections' offsets in place. */
const text = (value: string): string => xmlSafeText(value, '\uFFFD');
/** Attribute values: also one line, since parsers turn line breaks in attributes into spaces anyway. */
const attr = (value: string): string => text(value).replace(/[\t\r\n]+/g, ' ');

function lines(parts: (string | null | undefined)[]): string | null {
  const kept = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return kept.length > 0 ? kept.join('\n') : null;
}

function shorten(value: string, max: number): string {
  const points = Array.from(value.replace(/\s+/g, ' ').trim());
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : points.join('');
}

function hexColor(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(value.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((digit) => digit + digit).join('') : match[1]!;
  return `#${hex.toUpperCase()}`;
}

/** xsd:dateTime attributes only when the stored value is one (old rows may hold a bare date). */
function dateAttr(name: string, value: string | null | undefined): Xml {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(value)) return {};
  return { [name]: value };
}
