/**
 * The report model: what an annotated report says, independent of how it is written. It is built
 * once from a read model of the case that the service hands over (`ReportData`; this module loads
 * nothing itself) and every writer (HTML, Markdown, PDF, DOCX) renders the same plain,
 * JSON-serialisable value, so a report can be built on one thread and written on another.
 *
 * Sections are pluggable: each is a builder `{ id, title, build(context) }` that turns the scoped
 * case data into generic blocks (headings, paragraphs, tables, quotes, articles). Writers know the
 * blocks, not the sections, so a new section (stance matrix, timeline) needs no writer change.
 */
import type { Annotation } from '../../shared/model/annotation';
import { httpUrl } from '../../shared/url';
import type { MatrixColumns, StanceMatrix } from '../../shared/model/analysis';
import type { Concession, StanceRecord } from '../../shared/model/concession';
import type { DocumentSummary } from '../../shared/model/document';
import type { ExportScope, ReportSectionInfo } from '../../shared/model/export';
import type { Party } from '../../shared/model/party';
import type { Source } from '../../shared/model/source';
import {
  CREDIBILITY_LABELS,
  RELIABILITY_LABELS,
  humanise,
  type AnnotationType,
  type ReliabilityGrade,
  type Stance,
} from '../../shared/model/vocabulary';
import { stanceMatrixSection } from './stance-matrix';

// ─── Blocks: the vocabulary writers understand ─────────────────────────────────────────────────

/**
 * A piece of inline text. `href` is an external http(s) citation link; `anchor` links to a place in
 * the report (writers drop the link when that place is not in the report); `id` makes the run
 * such a place.
 */
export interface Run {
  text: string;
  strong?: boolean;
  em?: boolean;
  href?: string;
  anchor?: string;
  id?: string;
}
export type Inline = string | Run;
/** A table cell: a line of runs. */
export type Cell = Inline[];

export interface TitlePageBlock {
  kind: 'title-page';
  title: string;
  caseName: string;
  analyst: string | null;
  /** The analysts credited, e.g. "Anna (120 annotations), Ben (45 annotations)". */
  credits?: string | null;
  date: string;
  summary: string | null;
  /** Human-readable lines describing the scope ("Documents published 2025-11-01 to 2025-11-30"). */
  scope: string[];
}
export interface HeadingBlock {
  kind: 'heading';
  /** 2 = under the section title, 3 = below that. */
  level: 2 | 3;
  text: string;
  anchor: string;
}
export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Inline[];
}
export interface TableBlock {
  kind: 'table';
  columns: string[];
  rows: Cell[][];
  /** Relative column widths (any unit); writers that size columns use them. */
  widths?: number[];
}
/** A quoted span of an article with where it came from; writers cite `documentId` (a footnote in DOCX). */
export interface QuoteBlock {
  kind: 'quote';
  text: string;
  documentId: string;
  /** Source, grade, stance: shown under the quote. */
  meta: Inline[];
  /** The analyst's note on the span, if any. */
  note: string | null;
}
/** A stretch of article text covered by the same set of annotations. */
export interface ArticleSegment {
  text: string;
  /** Types of the annotations covering this stretch (empty = plain text). */
  types: AnnotationType[];
  /** Margin-note numbers of annotations that end here. */
  markers: number[];
}
export interface MarginNote {
  number: number;
  type: AnnotationType;
  /** "Attribution · Sergei Lavrov · B2". */
  label: string;
  quote: string;
  note: string | null;
  tags: string[];
  /** The span could not be found in the current text. */
  orphan: boolean;
}
export interface ArticleBlock {
  kind: 'article';
  documentId: string;
  paragraphs: ArticleSegment[][];
  notes: MarginNote[];
}
/** One cell of a stance-matrix picture (cells with no stance are left out). */
export interface StanceMatrixPictureCell {
  /** Indexes into the block's `parties` and `columns`. */
  party: number;
  column: number;
  stance: Stance;
  since: string | null;
  date: string | null;
  spans: number;
  /** Part of a gap: another party's stance on this column is incompatible with this one. */
  incompatible: boolean;
}
/** The stance matrix (or a tile of it) drawn as a heat map: a picture in HTML, PDF and DOCX, a table in Markdown. */
export interface StanceMatrixBlock {
  kind: 'stance-matrix';
  /** "Concession" or "Issue area": what the columns are. */
  columnLabel: string;
  parties: string[];
  columns: string[];
  cells: StanceMatrixPictureCell[];
  /** A one-line description for screen readers and the image's alt text. */
  description: string;
}
export type ReportBlock = TitlePageBlock | HeadingBlock | ParagraphBlock | TableBlock | QuoteBlock | ArticleBlock | StanceMatrixBlock;

export interface ReportSection {
  id: string;
  title: string;
  anchor: string;
  blocks: ReportBlock[];
}

/** A document the report can cite, numbered D1, D2… in the document list. */
export interface ReportDocument {
  id: string;
  number: number;
  anchor: string;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  label: string;
}

export interface ReportMeta {
  title: string;
  caseName: string;
  analyst: string | null;
  credits?: string | null;
  date: string;
  summary: string | null;
  scope: string[];
  generatedAt: string;
}

export interface ReportModel {
  meta: ReportMeta;
  documents: ReportDocument[];
  sections: ReportSection[];
}

// ─── Context and section builders ──────────────────────────────────────────────────────────────

/** The case data in scope, handed to each section builder (no store access: builders are pure). */
export interface ReportContext {
  meta: ReportMeta;
  scoped: boolean;
  documents: ReportDocument[];
  documentById: Map<string, ReportDocument>;
  /**
   * The documents the report's evidence comes from: those its quotes and articles show. Numbered
   * first (D1…), in reading order; the rest of `documents` follow.
   */
  citedDocumentIds: Set<string>;
  /** Article bodies, only loaded when a section asks for them (see `needsText`). */
  documentText: Map<string, string>;
  parties: Party[];
  sources: Source[];
  concessions: Concession[];
  /** In-scope annotations, in reading order (document, then offset). */
  annotations: Annotation[];
  /** The stances in scope (dated up to `to` when a range is given), per concession, oldest first. */
  stances: Map<string, StanceRecord[]>;
  /** The whole case's stance matrix as of the chosen day, when a chosen section draws it (see `needsMatrix`). */
  stanceMatrix: StanceMatrix | null;
}

export interface SectionBuilder {
  id: string;
  title: string;
  byDefault: boolean;
  /** Needs the documents' full text (costly on a large case). */
  needsText?: boolean;
  /** Lists documents rather than citing them: what it lists does not count as cited. */
  listsDocuments?: boolean;
  /** Draws the stance matrix (the service resolves it; see `ReportData.stanceMatrix`). */
  needsMatrix?: boolean;
  build(context: ReportContext): ReportBlock[];
}

/** The case as a report reads it, handed over by the service (electron/service/exports.ts). */
export interface ReportData {
  caseName: string;
  documents: DocumentSummary[];
  parties: Party[];
  sources: Source[];
  /** With each concession's stances. */
  concessions: Concession[];
  /** Every annotation of the case. */
  annotations: Annotation[];
  /** A document's full text: asked for only when a chosen section prints articles, and only for the documents in scope. */
  documentText(id: string): string;
  /** The stance matrix as of a day (null: every entry, undated ones too), resolved by the service; asked for only when the matrix section is chosen. */
  stanceMatrix?(by: MatrixColumns, asOf: string | null): StanceMatrix;
}

export interface ReportOptions {
  scope?: ExportScope;
  /** Section ids, in any order (the report keeps the builders' order); default: those `byDefault`. */
  sections?: string[];
  title?: string | null;
  analyst?: string | null;
  /** Who made the case's annotations (the title page credits them). */
  credits?: string | null;
  summary?: string | null;
  /** The report's date (YYYY-MM-DD); default today. */
  date?: string | null;
  /** Defaults to the case's own name. */
  caseName?: string | null;
  /** The stance-matrix section: columns (default concessions) and the day (default the scope's end, else the latest entries, i.e. as of the report date). */
  matrix?: { by?: MatrixColumns; asOf?: string | null };
  onProgress?: (done: number, total: number) => void;
  /** Extra or replacement builders (tests, later sections); default `SECTION_BUILDERS`. */
  builders?: SectionBuilder[];
}

// ─── Helpers shared by builders and writers ────────────────────────────────────────────────────

type Gradable = Pick<Annotation, 'reliability' | 'effectiveReliability' | 'credibility'>;

/**
 * The reliability the analyst gave: the claim's own, else its source's unless that is the default
 * F ("cannot be judged", what every new source starts with), which says nothing.
 */
function gradedReliability(annotation: Gradable): ReliabilityGrade | null {
  if (annotation.reliability) return annotation.reliability;
  return annotation.effectiveReliability && annotation.effectiveReliability !== 'F' ? annotation.effectiveReliability : null;
}

/**
 * Admiralty grade of a claim as the analyst set it: "B2" (reliability letter + credibility digit),
 * "B" or "credibility 2" when only one was set, null when neither was: ungraded is not F6.
 */
export function gradeOf(annotation: Gradable): string | null {
  const reliability = gradedReliability(annotation);
  const credibility = annotation.credibility;
  if (reliability && credibility) return `${reliability}${credibility}`;
  if (reliability) return reliability;
  return credibility ? `credibility ${credibility}` : null;
}

export function gradeTitle(annotation: Gradable): string | null {
  const reliability = gradedReliability(annotation);
  const parts = [reliability ? RELIABILITY_LABELS[reliability] : null, annotation.credibility ? CREDIBILITY_LABELS[annotation.credibility].toLowerCase() : null];
  const given = parts.filter((part): part is string => part !== null);
  return given.length > 0 ? given.join('; ') : null;
}

/** The date part of an ISO timestamp ("2025-11-23"). */
export function dateOnly(value: string | null): string | null {
  return value ? value.slice(0, 10) : null;
}

/** Only http(s) links are ever written out; anything else is shown as text. */
export function safeUrl(url: string | null): string | null {
  return httpUrl(url);
}

/** A full citation: byline, "title", outlet, date, URL. */
export function citationParts(document: ReportDocument): string[] {
  const parts: string[] = [];
  if (document.byline) parts.push(document.byline);
  parts.push(document.title ? `“${document.title}”` : document.label);
  if (document.outlet) parts.push(document.outlet);
  const date = dateOnly(document.publishedAt);
  if (date) parts.push(date);
  return parts;
}

export function citationText(document: ReportDocument): string {
  const url = document.url ? ` ${document.url}` : '';
  return `[D${document.number}] ${citationParts(document).join(', ')}.${url}`;
}

/** The runs of a citation (without its D-number), with the URL as a link when it is http(s). */
export function citationRuns(document: ReportDocument): Inline[] {
  const runs: Inline[] = [`${citationParts(document).join(', ')}.`];
  if (document.url) {
    const href = safeUrl(document.url);
    runs.push(' ', href ? { text: document.url, href } : document.url);
  }
  return runs;
}

/** A quoted span between typographic quotes, unless the analyst's selection already carries its own. */
export function quoted(text: string): string {
  return /^["'“”‘’«»„‹›「『]/.test(text.trim()) ? text : `“${text}”`;
}

export function plainText(runs: Inline[]): string {
  return runs.map((run) => (typeof run === 'string' ? run : run.text)).join('');
}

const latestOf = (stances: StanceRecord[]): Map<string, StanceRecord> => {
  // Stances come oldest first (by date, then entry): the last per party is its current stance.
  const latest = new Map<string, StanceRecord>();
  for (const stance of stances) latest.set(stance.partyId, stance);
  return latest;
};

const stanceText = (stance: StanceRecord): string => `${humanise(stance.stance)}${stance.asOf ? ` (${dateOnly(stance.asOf)})` : ''}`;
const or = (value: string | null | undefined, fallback = '—'): string => (value && value.trim() ? value : fallback);

/**
 * A short line about who said it and how far it can be trusted: the source and the grade the
 * analyst gave (none when ungraded); a span with no source is the article's own account.
 */
function evidenceMeta(annotation: Annotation, attribution: Annotation | undefined, document: ReportDocument | undefined): Inline[] {
  const graded = annotation.sourceId ? annotation : attribution?.sourceId ? attribution : null;
  const meta: Inline[] = [];
  const source = annotation.sourceName ?? attribution?.sourceName ?? null;
  if (source && graded) {
    meta.push({ text: source, strong: true });
    const grade = gradeOf(graded);
    if (grade) meta.push(` · grade ${grade}`);
  } else {
    meta.push({ text: 'The article reports', em: true });
  }
  if (annotation.stancePartyName && annotation.stance) meta.push(` · ${annotation.stancePartyName}: ${humanise(annotation.stance).toLowerCase()}`);
  if (document) {
    meta.push(' · ', { text: `D${document.number}`, anchor: document.anchor });
    const where = [document.outlet, dateOnly(document.publishedAt)].filter(Boolean).join(', ');
    if (where) meta.push(` ${where}`);
  }
  return meta;
}

/** The attribution whose span covers this one, for evidence marked without its own source. */
function coveringAttribution(annotation: Annotation, attributions: Annotation[]): Annotation | undefined {
  return attributions.find(
    (candidate) => candidate.documentId === annotation.documentId && candidate.start <= annotation.start && candidate.end >= annotation.end,
  );
}

// ─── The sections ──────────────────────────────────────────────────────────────────────────────

const titlePage: SectionBuilder = {
  id: 'title',
  title: 'Title page',
  byDefault: true,
  build: ({ meta }) => [
    { kind: 'title-page', title: meta.title, caseName: meta.caseName, analyst: meta.analyst, ...(meta.credits ? { credits: meta.credits } : {}), date: meta.date, summary: meta.summary, scope: meta.scope },
  ],
};

const concessionsTable: SectionBuilder = {
  id: 'concessions',
  title: 'Concessions',
  byDefault: true,
  build: ({ concessions, stances }) => {
    if (concessions.length === 0) return [{ kind: 'paragraph', runs: [{ text: 'No concessions in scope.', em: true }] }];
    return [
      {
        kind: 'table',
        columns: ['Concession', 'Issue area', 'Status', 'Conceding → beneficiary', 'Latest stance of each party'],
        widths: [28, 14, 12, 18, 28],
        rows: concessions.map((concession) => {
          const latest = [...latestOf(stances.get(concession.id) ?? []).values()];
          return [
            [{ text: concession.title, anchor: `concession-${concession.id}` }],
            [or(concession.issueAreaName)],
            [humanise(concession.status)],
            [`${or(concession.concedingPartyName)} → ${or(concession.beneficiaryPartyName)}`],
            latest.length === 0
              ? [{ text: 'none recorded', em: true }]
              : latest.flatMap((stance, index): Inline[] => [
                  ...(index > 0 ? ['; '] : []),
                  { text: stance.partyName, strong: true },
                  `: ${stanceText(stance)}`,
                ]),
          ];
        }),
      },
    ];
  },
};

const evidence: SectionBuilder = {
  id: 'evidence',
  title: 'Evidence by concession',
  byDefault: true,
  build: ({ concessions, annotations, documentById, stances }) => {
    const blocks: ReportBlock[] = [];
    const attributions = annotations.filter((annotation) => annotation.type === 'attribution');
    for (const concession of concessions) {
      blocks.push({ kind: 'heading', level: 2, text: concession.title, anchor: `concession-${concession.id}` });
      const facts: Inline[] = [
        { text: 'Status:', strong: true },
        ` ${humanise(concession.status)}`,
        ...(concession.issueAreaName ? [' · ', { text: 'Issue area:', strong: true }, ` ${concession.issueAreaName}`] : []),
        ...(concession.proposedByPartyName ? [' · ', { text: 'Proposed by:', strong: true }, ` ${concession.proposedByPartyName}`] : []),
        ...(concession.concedingPartyName ? [' · ', { text: 'Conceding:', strong: true }, ` ${concession.concedingPartyName}`] : []),
        ...(concession.beneficiaryPartyName ? [' · ', { text: 'Beneficiary:', strong: true }, ` ${concession.beneficiaryPartyName}`] : []),
      ];
      blocks.push({ kind: 'paragraph', runs: facts });
      if (concession.description) blocks.push({ kind: 'paragraph', runs: [concession.description] });
      const history = stances.get(concession.id) ?? [];
      if (history.length > 0) {
        blocks.push({
          kind: 'table',
          columns: ['Party', 'Stance', 'As of', 'Note'],
          widths: [25, 20, 15, 40],
          rows: history.map((stance) => [[stance.partyName], [humanise(stance.stance)], [or(dateOnly(stance.asOf))], [or(stance.note, '')]]),
        });
      }
      const quotes = annotations.filter((annotation) => annotation.concessionId === concession.id);
      if (quotes.length === 0) {
        blocks.push({ kind: 'paragraph', runs: [{ text: 'No quoted evidence in scope.', em: true }] });
        continue;
      }
      for (const annotation of quotes) {
        const document = documentById.get(annotation.documentId);
        if (!document) continue;
        blocks.push({
          kind: 'quote',
          text: annotation.exact,
          documentId: annotation.documentId,
          meta: evidenceMeta(annotation, coveringAttribution(annotation, attributions), document),
          note: annotation.note,
        });
      }
    }
    if (concessions.length === 0) blocks.push({ kind: 'paragraph', runs: [{ text: 'No concessions in scope.', em: true }] });
    return blocks;
  },
};

const attributionsSection: SectionBuilder = {
  id: 'attributions',
  title: 'Attributed statements',
  byDefault: true,
  build: ({ annotations, documentById }) => {
    const quotes = annotations.filter((annotation) => annotation.type === 'attribution');
    if (quotes.length === 0) return [{ kind: 'paragraph', runs: [{ text: 'No attributed statements in scope.', em: true }] }];
    return quotes.flatMap((annotation): ReportBlock[] => {
      const document = documentById.get(annotation.documentId);
      return document ? [{ kind: 'quote', text: annotation.exact, documentId: document.id, meta: evidenceMeta(annotation, undefined, document), note: annotation.note }] : [];
    });
  },
};

const partiesTable: SectionBuilder = {
  id: 'parties',
  title: 'Parties',
  byDefault: true,
  build: ({ parties, concessions, stances }) => {
    if (parties.length === 0) return [{ kind: 'paragraph', runs: [{ text: 'No parties in scope.', em: true }] }];
    const latestByConcession = new Map(concessions.map((concession) => [concession.id, latestOf(stances.get(concession.id) ?? [])]));
    const blocks: ReportBlock[] = [
      {
        kind: 'table',
        columns: ['Party', 'Kind', 'Also known as', 'Stance per concession'],
        widths: [20, 12, 26, 42],
        rows: parties.map((party) => {
          const held: Inline[] = [];
          for (const concession of concessions) {
            const stance = latestByConcession.get(concession.id)?.get(party.id);
            if (!stance) continue;
            if (held.length > 0) held.push('; ');
            held.push({ text: concession.title, anchor: `concession-${concession.id}` }, `: ${stanceText(stance)}`);
          }
          return [
            [{ text: party.name, strong: true }, ...(party.affiliationName ? [` (${party.affiliationName})`] : [])],
            [humanise(party.kind)],
            [party.aliases.length > 0 ? party.aliases.join(', ') : '—'],
            held.length > 0 ? held : [{ text: 'no stance recorded', em: true }],
          ];
        }),
      },
    ];
    return blocks;
  },
};

const sourcesAppendix: SectionBuilder = {
  id: 'sources',
  title: 'Appendix: sources',
  byDefault: true,
  build: ({ sources, annotations }) => {
    if (sources.length === 0) return [{ kind: 'paragraph', runs: [{ text: 'No sources in scope.', em: true }] }];
    const cited = new Map<string, number>();
    for (const annotation of annotations) if (annotation.sourceId) cited.set(annotation.sourceId, (cited.get(annotation.sourceId) ?? 0) + 1);
    return [
      {
        kind: 'table',
        columns: ['Source', 'Role', 'Party', 'Reliability', 'Claims cited'],
        widths: [26, 22, 16, 26, 10],
        rows: sources.map((source) => [
          [{ text: source.name, strong: true }, ...(source.anonymous ? [{ text: ' (anonymous)', em: true }] : [])],
          [or(source.role)],
          [or(source.partyName)],
          [`${source.defaultReliability} — ${RELIABILITY_LABELS[source.defaultReliability as ReliabilityGrade]}`],
          [String(cited.get(source.id) ?? 0)],
        ]),
      },
    ];
  },
};

const documentTable = (documents: ReportDocument[], withAnchors: boolean): ReportBlock => ({
  kind: 'table',
  columns: ['#', 'Citation'],
  widths: [6, 94],
  rows: documents.map((document) => [[withAnchors ? { text: `D${document.number}`, id: document.anchor } : `D${document.number}`], citationRuns(document)]),
});

const documentList: SectionBuilder = {
  id: 'documents',
  title: 'Documents cited',
  byDefault: true,
  listsDocuments: true,
  build: ({ documents, citedDocumentIds }) => {
    const cited = documents.filter((document) => citedDocumentIds.has(document.id));
    if (cited.length === 0) return [{ kind: 'paragraph', runs: [{ text: 'No documents are cited in this report.', em: true }] }];
    return [documentTable(cited, true)];
  },
};

const documentsInScope: SectionBuilder = {
  id: 'documents-in-scope',
  title: 'Appendix: all documents in scope',
  byDefault: false,
  listsDocuments: true,
  build: ({ documents, citedDocumentIds }) => {
    if (documents.length === 0) return [{ kind: 'paragraph', runs: [{ text: 'No documents in scope.', em: true }] }];
    const uncited = documents.filter((document) => !citedDocumentIds.has(document.id));
    // Cited documents keep their anchor in "Documents cited" when that list is in the report too.
    return [
      { kind: 'paragraph', runs: [`${documents.length} document${documents.length === 1 ? '' : 's'} in scope, ${documents.length - uncited.length} of them cited above.`] },
      documentTable(documents, false),
    ];
  },
};

const articles: SectionBuilder = {
  id: 'articles',
  title: 'Articles with highlights and notes',
  byDefault: false,
  needsText: true,
  build: ({ documents, documentText, annotations }) => {
    const blocks: ReportBlock[] = [];
    const byDocument = new Map<string, Annotation[]>();
    for (const annotation of annotations) byDocument.set(annotation.documentId, [...(byDocument.get(annotation.documentId) ?? []), annotation]);
    for (const document of documents) {
      blocks.push({ kind: 'heading', level: 2, text: `D${document.number} ${document.title ?? document.label}`, anchor: `article-${document.number}` });
      blocks.push({ kind: 'paragraph', runs: citationRuns(document) });
      blocks.push(articleBlock(document.id, documentText.get(document.id) ?? '', byDocument.get(document.id) ?? []));
    }
    return blocks;
  },
};

/** The built-in sections, in report order. Later sections (stance matrix, timeline) append here. */
export const SECTION_BUILDERS: SectionBuilder[] = [
  titlePage,
  concessionsTable,
  stanceMatrixSection,
  evidence,
  attributionsSection,
  partiesTable,
  sourcesAppendix,
  documentList,
  articles,
  documentsInScope,
];

/** Section ids and titles for the UI's tick list. */
export const REPORT_SECTIONS: ReportSectionInfo[] = SECTION_BUILDERS.map(({ id, title, byDefault }) => ({ id, title, byDefault }));

// ─── Articles: text split by the annotations that cover it ─────────────────────────────────────

const TYPE_PRIORITY: AnnotationType[] = ['concession_evidence', 'attribution', 'party_mention', 'note'];

/** Splits a document's text into paragraphs of segments, marking what each annotation covers. */
export function articleBlock(documentId: string, text: string, annotations: Annotation[]): ArticleBlock {
  const anchored = annotations
    .filter((annotation) => annotation.anchorStatus !== 'orphan' && annotation.end <= text.length && annotation.start < annotation.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const numbered = new Map<string, number>();
  const notes: MarginNote[] = [];
  for (const annotation of [...anchored, ...annotations.filter((a) => !anchored.includes(a))]) {
    const number = notes.length + 1;
    numbered.set(annotation.id, number);
    notes.push({
      number,
      type: annotation.type,
      label: marginLabel(annotation),
      quote: annotation.exact,
      note: annotation.note,
      tags: annotation.tags,
      orphan: !anchored.includes(annotation),
    });
  }

  // Cut points: every annotation boundary and every paragraph break.
  const cuts = new Set<number>([0, text.length]);
  for (const annotation of anchored) cuts.add(annotation.start).add(annotation.end);
  const breaks: { start: number; end: number }[] = [];
  for (const match of text.matchAll(/\n\s*\n/g)) {
    breaks.push({ start: match.index, end: match.index + match[0].length });
    cuts.add(match.index).add(match.index + match[0].length);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const paragraphs: ArticleSegment[][] = [[]];
  let breakIndex = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    while (breakIndex < breaks.length && breaks[breakIndex]!.end <= from) breakIndex++;
    const inBreak = breakIndex < breaks.length && breaks[breakIndex]!.start <= from && to <= breaks[breakIndex]!.end;
    if (inBreak) {
      if (paragraphs.at(-1)!.length > 0) paragraphs.push([]);
      continue;
    }
    const covering = anchored.filter((annotation) => annotation.start <= from && annotation.end >= to);
    const types = TYPE_PRIORITY.filter((type) => covering.some((annotation) => annotation.type === type));
    const markers = anchored.filter((annotation) => annotation.end === to).map((annotation) => numbered.get(annotation.id)!);
    paragraphs.at(-1)!.push({ text: text.slice(from, to), types, markers });
  }
  return { kind: 'article', documentId, paragraphs: paragraphs.filter((paragraph) => paragraph.length > 0), notes };
}

function marginLabel(annotation: Annotation): string {
  const parts = [humanise(annotation.type)];
  if (annotation.sourceName) {
    parts.push(annotation.sourceName);
    const grade = gradeOf(annotation);
    if (grade) parts.push(grade);
  } else if (annotation.type === 'attribution') {
    parts.push('the article reports');
  }
  if (annotation.partyName) parts.push(annotation.partyName);
  if (annotation.concessionTitle) parts.push(annotation.concessionTitle);
  if (annotation.stancePartyName && annotation.stance) parts.push(`${annotation.stancePartyName}: ${humanise(annotation.stance).toLowerCase()}`);
  return parts.join(' · ');
}

// ─── Building the model ────────────────────────────────────────────────────────────────────────

const inRange = (value: string | null, from: string | null | undefined, to: string | null | undefined): boolean => {
  if (!from && !to) return true;
  if (!value) return false;
  // Compare as many characters as the bound has, so "2025-11" as `to` includes the whole month.
  if (from && value.slice(0, from.length) < from) return false;
  if (to && value.slice(0, to.length) > to) return false;
  return true;
};

function describeScope(scope: ExportScope, data: ReportData): string[] {
  const lines: string[] = [];
  if (scope.from || scope.to) lines.push(`Documents published ${scope.from ?? 'any time'} to ${scope.to ?? 'now'}`);
  if (scope.documentIds?.length) lines.push(`${scope.documentIds.length} selected document${scope.documentIds.length === 1 ? '' : 's'}`);
  if (scope.partyIds?.length) {
    const names = new Map(data.parties.map((party) => [party.id, party.name]));
    lines.push(`Parties: ${scope.partyIds.map((id) => names.get(id) ?? 'unknown').join(', ')}`);
  }
  if (scope.concessionIds?.length) lines.push(`${scope.concessionIds.length} selected concession${scope.concessionIds.length === 1 ? '' : 's'}`);
  if (scope.tags?.length) lines.push(`Tagged: ${scope.tags.join(', ')}`);
  return lines.length > 0 ? lines : ['The whole case'];
}

/**
 * Builds the report model from the case's read model. Pure: the same data and options give the
 * same model (but for its generation time).
 *
 * Scope narrows in layers: documents (ids, publication range), then annotations (in those
 * documents; carrying one of the tags; touching one of the parties; linked to one of the
 * concessions), then concessions (the chosen ones; those involving the parties; with a document
 * filter, only those with evidence in scope), parties and sources (those the report refers to).
 * An empty scope is the whole case.
 */
export function buildReportModel(data: ReportData, options: ReportOptions = {}): ReportModel {
  const scope: ExportScope = options.scope ?? {};
  const builders = options.builders ?? SECTION_BUILDERS;
  const wanted = options.sections ? new Set(options.sections) : null;
  const chosen = builders.filter((builder) => (wanted ? wanted.has(builder.id) : builder.byDefault));
  const total = chosen.length + 1;
  options.onProgress?.(0, total);

  const caseName = or(options.caseName, data.caseName);
  const meta: ReportMeta = {
    title: or(options.title, `${caseName}: annotated report`),
    caseName,
    analyst: options.analyst?.trim() || null,
    ...(options.credits?.trim() ? { credits: options.credits.trim() } : {}),
    date: options.date?.trim() || new Date().toISOString().slice(0, 10),
    summary: options.summary?.trim() || null,
    scope: describeScope(scope, data),
    generatedAt: new Date().toISOString(),
  };

  const documentIds = scope.documentIds?.length ? new Set(scope.documentIds) : null;
  const partyIds = scope.partyIds?.length ? new Set(scope.partyIds) : null;
  const concessionIds = scope.concessionIds?.length ? new Set(scope.concessionIds) : null;
  const tags = scope.tags?.length ? new Set(scope.tags.map((tag) => tag.toLowerCase())) : null;
  const documentFilter = Boolean(documentIds || scope.from || scope.to);
  const annotationFilter = Boolean(partyIds || concessionIds || tags);
  const scoped = documentFilter || annotationFilter;

  // Reading order: oldest article first, so the report reads as the negotiation unfolded.
  let documents = data.documents
    .filter((document) => (!documentIds || documentIds.has(document.id)) && inRange(document.publishedAt, scope.from, scope.to))
    .sort((a, b) => (a.publishedAt ?? '9999').localeCompare(b.publishedAt ?? '9999') || a.label.localeCompare(b.label));
  const documentSet = new Set(documents.map((document) => document.id));

  const sources = data.sources;
  const sourceParty = new Map(sources.map((source) => [source.id, source.partyId]));
  const touchesParty = (annotation: Annotation): boolean =>
    !partyIds ||
    [annotation.partyId, annotation.stancePartyId, annotation.sourceId ? sourceParty.get(annotation.sourceId) : null].some(
      (id) => id != null && partyIds.has(id),
    );
  const order = new Map(documents.map((document, index) => [document.id, index]));
  const annotations = data.annotations
    .filter(
      (annotation) =>
        documentSet.has(annotation.documentId) &&
        (!tags || annotation.tags.some((tag) => tags.has(tag.toLowerCase()))) &&
        touchesParty(annotation) &&
        (!concessionIds || (annotation.concessionId !== null && concessionIds.has(annotation.concessionId))),
    )
    .sort((a, b) => order.get(a.documentId)! - order.get(b.documentId)! || a.start - b.start);
  if (annotationFilter) {
    const cited = new Set(annotations.map((annotation) => annotation.documentId));
    documents = documents.filter((document) => cited.has(document.id));
  }

  const evidenced = new Set(annotations.map((annotation) => annotation.concessionId).filter((id): id is string => id !== null));
  const involves = (concession: Concession): boolean =>
    !partyIds ||
    [concession.concedingPartyId, concession.beneficiaryPartyId, concession.proposedByPartyId, ...concession.stances.map((s) => s.partyId)].some(
      (id) => id != null && partyIds.has(id),
    );
  const concessions = data.concessions
    .filter(
      (concession) =>
        (!concessionIds || concessionIds.has(concession.id)) &&
        involves(concession) &&
        (!(documentFilter || tags) || evidenced.has(concession.id)),
    );
  const stances = new Map<string, StanceRecord[]>();
  for (const concession of concessions) {
    // With an end date, a party's "latest" stance is the latest as of that date.
    stances.set(
      concession.id,
      concession.stances.filter((stance) => !scope.to || !stance.asOf || stance.asOf.slice(0, scope.to.length) <= scope.to),
    );
  }

  const numbered = (ordered: DocumentSummary[]): ReportDocument[] =>
    ordered.map((document, index) => ({
      id: document.id,
      number: index + 1,
      anchor: `doc-${index + 1}`,
      title: document.title,
      byline: document.byline,
      outlet: document.outlet,
      publishedAt: document.publishedAt,
      url: document.url,
      language: document.language,
      label: document.label,
    }));

  const referencedParties = new Set<string>();
  for (const concession of concessions) {
    for (const id of [concession.concedingPartyId, concession.beneficiaryPartyId, concession.proposedByPartyId]) if (id) referencedParties.add(id);
    for (const stance of stances.get(concession.id) ?? []) referencedParties.add(stance.partyId);
  }
  for (const annotation of annotations) for (const id of [annotation.partyId, annotation.stancePartyId]) if (id) referencedParties.add(id);
  const parties = data.parties
    .filter((party) => (partyIds ? partyIds.has(party.id) : !scoped || referencedParties.has(party.id)))
    .sort((a, b) => a.name.localeCompare(b.name));

  const citedSources = new Set(annotations.flatMap((annotation) => [annotation.sourceId, annotation.publisherSourceId]).filter((id) => id !== null));
  const scopedSources = sources.filter((source) => !scoped || citedSources.has(source.id)).sort((a, b) => a.name.localeCompare(b.name));

  const documentText = new Map<string, string>();
  if (chosen.some((builder) => builder.needsText)) {
    for (const document of documents) documentText.set(document.id, data.documentText(document.id));
  }

  const matrixBy = options.matrix?.by ?? 'concession';
  const matrixAsOf = options.matrix?.asOf ?? scope.to ?? null;
  const stanceMatrix = chosen.some((builder) => builder.needsMatrix) && data.stanceMatrix ? data.stanceMatrix(matrixBy, matrixAsOf) : null;

  const contextFor = (reportDocuments: ReportDocument[], citedDocumentIds: Set<string>): ReportContext => ({
    meta,
    scoped,
    documents: reportDocuments,
    documentById: new Map(reportDocuments.map((document) => [document.id, document])),
    citedDocumentIds,
    documentText,
    parties,
    sources: scopedSources,
    concessions,
    annotations,
    stances,
    stanceMatrix,
  });
  const build = (builder: SectionBuilder, context: ReportContext): ReportSection => ({
    id: builder.id,
    title: builder.title,
    anchor: `section-${builder.id}`,
    blocks: builder.build(context),
  });

  // First pass: which documents do the chosen sections quote or print? Those are numbered first
  // and listed as cited; the report is then built with that numbering.
  const firstNumbering = numbered(documents);
  const firstContext = contextFor(firstNumbering, new Set());
  const cited = new Set<string>();
  for (const builder of chosen) if (!builder.listsDocuments) for (const id of citedDocuments(build(builder, firstContext), firstNumbering)) cited.add(id);
  const reportDocuments = numbered([...documents.filter((document) => cited.has(document.id)), ...documents.filter((document) => !cited.has(document.id))]);
  const context = contextFor(reportDocuments, cited);
  options.onProgress?.(1, total);

  const sections: ReportSection[] = chosen.map((builder, index) => {
    const section = build(builder, context);
    options.onProgress?.(index + 2, total);
    return section;
  });
  return { meta, documents: reportDocuments, sections };
}

/** Documents a section shows evidence from: its quotes, its articles, and its links to a document. */
function citedDocuments(section: ReportSection, documents: ReportDocument[]): Set<string> {
  const byAnchor = new Map(documents.map((document) => [document.anchor, document.id]));
  const cited = new Set<string>();
  const visit = (runs: Inline[]) => {
    for (const run of runs) if (typeof run !== 'string' && run.anchor && byAnchor.has(run.anchor)) cited.add(byAnchor.get(run.anchor)!);
  };
  for (const block of section.blocks) {
    if (block.kind === 'quote' || block.kind === 'article') cited.add(block.documentId);
    if (block.kind === 'quote') visit(block.meta);
    else if (block.kind === 'paragraph') visit(block.runs);
    else if (block.kind === 'table') for (const row of block.rows) for (const cell of row) visit(cell);
  }
  return cited;
}

/** Every place a link can point to in the report: sections, headings, runs with an id. */
export function reportTargets(model: ReportModel): Set<string> {
  const targets = new Set<string>();
  const visit = (runs: Inline[]) => {
    for (const run of runs) if (typeof run !== 'string' && run.id) targets.add(run.id);
  };
  for (const section of model.sections) {
    targets.add(section.anchor);
    for (const block of section.blocks) {
      if (block.kind === 'heading') targets.add(block.anchor);
      else if (block.kind === 'paragraph') visit(block.runs);
      else if (block.kind === 'table') for (const row of block.rows) for (const cell of row) visit(cell);
      else if (block.kind === 'quote') visit(block.meta);
    }
  }
  return targets;
}
