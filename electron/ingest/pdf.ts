/**
 * PDF reader (pdf.js legacy build, runs in plain Node and in a worker thread, offline).
 * Rebuilds reading order from text positions, joins lines into paragraphs by vertical gaps,
 * repairs end-of-line hyphenation and drops running headers, footers and page numbers.
 */
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { importKeepingBuiltins } from './native-builtins';
import { IngestError, type ExtractOptions, type ExtractedArticle } from './types';
import { stripSiteSuffix } from './html/metadata';
import { outletFromUrl } from './html/outlets';
import { joinParagraphs, makeArticle } from './article';
import { cleanByline } from './byline';
import { dateToIso } from './dates';
import { readText } from './text-dump';

let pdfjsLoading: Promise<typeof Pdfjs> | null = null;

/**
 * pdf.js, loaded on the first PDF (through importKeepingBuiltins: its core-js would otherwise
 * replace Array.prototype.push, JSON.parse and more for the rest of the thread). Its "worker"
 * runs on this thread when the handler is on globalThis; importing it here also keeps a bundled
 * build from looking for pdf.worker.mjs on disk.
 */
function loadPdfjs(): Promise<typeof Pdfjs> {
  pdfjsLoading ??= importKeepingBuiltins(async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // @ts-expect-error -- pdf.js ships no type declarations for its worker entry
    const pdfjsWorker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= pdfjsWorker;
    return pdfjs;
  }).catch((error: unknown) => {
    pdfjsLoading = null; // the next PDF tries again
    throw error;
  });
  return pdfjsLoading;
}

interface TextPiece {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  right: number;
}

interface PageLines {
  lines: Line[];
}

export async function readPdf(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): Promise<ExtractedArticle> {
  void options;
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) {
    throw new IngestError('corrupt_pdf', `${fileName} is truncated (no end-of-file marker); the download or copy may be incomplete`);
  }
  const pdfjs = await loadPdfjs();
  let document: Pdfjs.PDFDocumentProxy;
  try {
    document = await pdfjs.getDocument({
      // pdf.js takes ownership of (detaches) the buffer it is given.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      useWorkerFetch: false,
      isOffscreenCanvasSupported: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'PasswordException') {
      throw new IngestError('encrypted_pdf', `${fileName} is password-protected; remove the password and import again`);
    }
    throw new IngestError('corrupt_pdf', `${fileName} is not a readable PDF (${(error as Error)?.message ?? 'unknown error'})`);
  }
  try {
    const pages: PageLines[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const pieces: TextPiece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str) continue;
        const [a = 0, b = 0, , d = 0, e = 0, f = 0] = item.transform as number[];
        pieces.push({ str: item.str, x: e, y: f, width: item.width, size: Math.hypot(a, b) || Math.abs(d) || 10 });
      }
      pages.push({ lines: buildLines(pieces) });
      page.cleanup();
    }
    if (pages.every((p) => p.lines.every((l) => !/[\p{L}\p{N}]/u.test(l.text)))) {
      throw new IngestError('image_only_pdf', `${fileName} is scanned or image-only: it has no text layer; OCR is not supported yet`);
    }
    const { info } = (await document.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
    const pageUrl = printedPageUrl(pages);
    // A browser says so in Creator/Producer; failing that, its running lines give it away: the
    // page's address together with a print time or an "n/N" page count (a report whose footer
    // merely names its publisher's website is not a printed web page).
    const printedWebPage =
      BROWSER_PRINT.test(`${stringField(info['Creator'])} ${stringField(info['Producer'])}`) || (pageUrl !== null && hasPrintMarks(pages));
    const cleaned = dropRunningLines(printedWebPage ? dropPrintStamps(pages, pageUrl) : pages);
    const { title: layoutTitle, paragraphs } = toParagraphs(cleaned, printedWebPage);
    const vocabulary = collectVocabulary(paragraphs);
    const text = joinParagraphs(paragraphs.map((p) => repairHyphenation(p, vocabulary).normalize('NFKC')));

    const infoTitle = sensibleTitle(info['Title'], fileName);
    if (printedWebPage) return readPrintedWebPage(text, fileName, { infoTitle, layoutTitle, url: pageUrl, author: info['Author'] });
    const created = parsePdfDate(info['CreationDate']);
    return makeArticle({
      title: infoTitle ?? (layoutTitle ? layoutTitle.normalize('NFKC') : null),
      byline: typeof info['Author'] === 'string' ? cleanByline(info['Author']) : null,
      publishedAt: created?.publishedAt ?? null,
      publishedPrecision: created?.precision ?? null,
      text,
      format: 'pdf',
      label: fileName,
    });
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError('corrupt_pdf', `${fileName} could not be read as a PDF (${(error as Error)?.message ?? 'unknown error'})`);
  } finally {
    await document.destroy();
  }
}

// --- web pages printed to PDF ---------------------------------------------------------------

/** Creator/Producer of a PDF that a browser printed: Chrome and Edge (Skia, the user agent), Firefox, Safari. */
const BROWSER_PRINT = /Mozilla\/\d|Skia\/PDF|Chrom(e|ium)|Firefox|Safari|Edg(e|\/)|Opera|Vivaldi/i;
/** The date and time a browser prints in its running header ("11/24/25, 10:15 PM", "24.11.25, 22:15"). */
const PRINT_STAMP = /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}:\d{2}(\s?[AP]M)?\b/i;
const URL_IN_LINE = /\bhttps?:\/\/[^\s<>"]+/i;

/** The top and bottom three lines of a page, where browsers print their header and footer. */
function edgeLines(page: PageLines): Line[] {
  return [...page.lines.slice(0, 3), ...page.lines.slice(-3)];
}

/** The web address in a line, without punctuation that closes the sentence around it. */
function addressIn(text: string): string | undefined {
  return URL_IN_LINE.exec(text)?.[0].replace(/[.,;:)\]]+$/, '');
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The address a browser prints in its running header or footer, if the PDF has one: the same
 * URL in the top or bottom lines of most pages (of the only page, for a one-page print).
 * Elided addresses ("https://site.com/long…") are not addresses.
 */
function printedPageUrl(pages: PageLines[]): string | null {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const edges = new Set(edgeLines(page).map((line) => addressIn(line.text)));
    for (const url of edges) if (url && !/…|\.\.\.$/.test(url)) counts.set(url, (counts.get(url) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] < Math.ceil(pages.length / 2)) return null;
  try {
    return new URL(best[0]).href;
  } catch {
    return null;
  }
}

function hasPrintMarks(pages: PageLines[]): boolean {
  return pages.some((page) =>
    edgeLines(page).some((line) => PRINT_STAMP.test(line.text) || /(^|\s)\d{1,3}\s*\/\s*\d{1,3}$/.test(line.text)),
  );
}

/** Without the browser's own header and footer lines (print time, address), even on a one-page print. */
function dropPrintStamps(pages: PageLines[], url: string | null): PageLines[] {
  return pages.map((page) => ({
    lines: page.lines.filter((line, index) => {
      if (index >= 3 && index < page.lines.length - 3) return true;
      if (PRINT_STAMP.test(line.text)) return false;
      const address = addressIn(line.text)?.replace(/…$/, '');
      return !(url && address && url.startsWith(address));
    }),
  }));
}

/**
 * A web page printed to PDF ("Save as PDF" in a browser) holds the page's furniture (menus,
 * share bars, related stories, footer links) just like text copied out of the page, and its
 * creation date is the day it was printed, not published. So its text goes through the
 * text-dump reader, which keeps the story and finds its headline, byline and dateline; the
 * page's title comes from the PDF's Title (the page's <title>), its address from the footer.
 */
function readPrintedWebPage(
  text: string,
  fileName: string,
  page: { infoTitle: string | null; layoutTitle: string | null; url: string | null; author: unknown },
): ExtractedArticle {
  const headline = page.infoTitle ? stripSiteSuffix(page.infoTitle, outletFromUrl(page.url) ?? siteFromUrl(page.url)) : null;
  const dump = readText(text, fileName, { headline });
  const outlet = dump.outlet ?? outletFromUrl(page.url);
  const title = page.infoTitle ? stripSiteSuffix(page.infoTitle, outlet ?? siteFromUrl(page.url)) : null;
  return makeArticle({
    title: title ?? dump.title ?? page.layoutTitle,
    byline: dump.byline ?? (typeof page.author === 'string' ? cleanByline(page.author) : null),
    outlet,
    publishedAt: dump.publishedAt,
    publishedPrecision: dump.publishedPrecision,
    url: page.url,
    language: dump.language,
    // A print that is not a news page may have no story the dump reader recognises: keep it all.
    text: dump.text || text,
    format: 'pdf',
    label: fileName,
  });
}

/** "https://www.slashgear.com/..." → "slashgear", to recognise " - SlashGear" at the end of a title. */
function siteFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parts = new URL(url).hostname.replace(/^www\d?\./, '').split('.');
    return parts.length >= 2 ? parts[parts.length - 2]! : null;
  } catch {
    return null;
  }
}

/** A gap this many font sizes wide between two pieces on one line separates columns, not words. */
const COLUMN_GAP = 1.2;

/**
 * Group positioned pieces into lines in reading order. Pieces on one baseline form a row; a row
 * is cut where a gap is wider than a word space could be, and when the page has a second column
 * (a gutter that many rows share and few lines cross: a two-column report, a printed web page's
 * sidebar), the left column is read before the right, block by block between lines that span
 * both.
 */
function buildLines(pieces: TextPiece[]): Line[] {
  const sorted = [...pieces].sort((p, q) => q.y - p.y || p.x - q.x);
  const rows: Array<{ pieces: TextPiece[]; y: number; size: number }> = [];
  for (const piece of sorted) {
    const row = rows.find((l) => Math.abs(l.y - piece.y) <= Math.max(2, 0.4 * Math.min(l.size, piece.size)));
    if (row) {
      row.pieces.push(piece);
      row.size = Math.max(row.size, piece.size);
    } else {
      rows.push({ pieces: [piece], y: piece.y, size: piece.size });
    }
  }
  rows.sort((l, m) => m.y - l.y);
  const segmented = rows.map((row) => segmentsOf(row.pieces, row.y)).filter((segments) => segments.length > 0);
  const gutter = findGutter(segmented);
  return gutter === null ? segmented.map(joinSegments) : readColumns(segmented, gutter);
}

/** A row's pieces, left to right, as text segments split at column-wide gaps. */
function segmentsOf(pieces: TextPiece[], y: number): Line[] {
  const segments: Line[] = [];
  let text = '';
  let start = 0;
  let end = -Infinity;
  let size = 0;
  const close = () => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (trimmed) segments.push({ text: trimmed, x: start, y, size, right: end });
    text = '';
    size = 0;
  };
  for (const piece of [...pieces].sort((p, q) => p.x - q.x)) {
    const gap = piece.x - end;
    if (text && gap > COLUMN_GAP * Math.max(piece.size, size)) close();
    if (!text) start = piece.x;
    else if (gap > 0.15 * piece.size && !/\s$/.test(text) && !/^\s/.test(piece.str)) text += ' ';
    text += piece.str;
    end = piece.x + piece.width;
    size = Math.max(size, piece.size);
  }
  close();
  return segments;
}

/** The row as one line, as if no gap were wide (a single-column page). */
function joinSegments(segments: Line[]): Line {
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  return {
    text: segments.map((segment) => segment.text).join(' '),
    x: first.x,
    y: first.y,
    size: Math.max(...segments.map((segment) => segment.size)),
    right: last.right,
  };
}

/**
 * The x where a second column starts, if the page has one: at least four segments of text start
 * there (beyond the left margin by more than an indent), and almost no segment beside them runs
 * across it.
 */
function findGutter(rows: Line[][]): number | null {
  const segments = rows.flat();
  if (segments.length < 8) return null;
  const left = Math.min(...segments.map((segment) => segment.x));
  const starts = new Map<number, Line[]>();
  for (const segment of segments) {
    if (segment.x < left + 72) continue; // an indent, a centred heading: not a column
    const bucket = Math.round(segment.x / 4);
    starts.set(bucket, [...(starts.get(bucket) ?? []), segment]);
  }
  const candidates = [...starts.values()].filter((group) => group.length >= 4).sort((a, b) => a[0]!.x - b[0]!.x);
  for (const group of candidates) {
    const boundary = Math.min(...group.map((segment) => segment.x));
    const top = Math.max(...group.map((segment) => segment.y));
    const bottom = Math.min(...group.map((segment) => segment.y));
    // Text, not a column of numbers (a table of contents' page numbers stay on their rows).
    if (group.reduce((sum, segment) => sum + segment.text.replace(/[\d\s.]/g, '').length, 0) < 30) continue;
    const alongside = segments.filter((segment) => segment.y <= top && segment.y >= bottom && segment.x < boundary - 2);
    const crossing = alongside.filter((segment) => segment.right > boundary + 2).length;
    if (crossing <= alongside.length * 0.1) return boundary;
  }
  return null;
}

/** Rows → lines with the left column read before the right, flushed at every line spanning both. */
function readColumns(rows: Line[][], boundary: number): Line[] {
  const out: Line[] = [];
  let leftBlock: Line[] = [];
  let rightBlock: Line[] = [];
  const flush = () => {
    out.push(...leftBlock, ...rightBlock);
    leftBlock = [];
    rightBlock = [];
  };
  for (const row of rows) {
    if (row.some((segment) => segment.x < boundary - 2 && segment.right > boundary + 2)) {
      flush();
      out.push(joinSegments(row));
      continue;
    }
    const leftPart = row.filter((segment) => segment.x < boundary - 2);
    const rightPart = row.filter((segment) => segment.x >= boundary - 2);
    if (leftPart.length) leftBlock.push(joinSegments(leftPart));
    if (rightPart.length) rightBlock.push(joinSegments(rightPart));
  }
  flush();
  return out;
}

const PAGE_NUMBER = /^(page|p\.|seite|стр\.?|страница|сторінка)?\s*[-–—(]?\s*\d{1,4}\s*[-–—)]?\s*((of|\/|из|з)\s*\d{1,4})?$/i;

/** Shape of a line with its digits hidden: "Page 3 of 7" and "Page 4 of 7" look alike. */
function lineShape(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/**
 * Remove running headers and footers: lines near the top or bottom of the page whose shape
 * repeats on most pages, and bare page numbers anywhere in those zones.
 */
function dropRunningLines(pages: PageLines[]): PageLines[] {
  const zone = 3;
  const counts = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    const edge = [...page.lines.slice(0, zone), ...page.lines.slice(-zone)];
    for (const line of edge) seen.add(lineShape(line.text));
    for (const shape of seen) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  const threshold = pages.length >= 3 ? Math.ceil(pages.length * 0.5) : pages.length;
  return pages.map((page) => {
    const lines = page.lines.filter((line, index) => {
      const atEdge = index < zone || index >= page.lines.length - zone;
      if (!atEdge) return true;
      if (PAGE_NUMBER.test(line.text)) return false;
      return !(pages.length >= 2 && (counts.get(lineShape(line.text)) ?? 0) >= threshold);
    });
    return { lines };
  });
}

/** Lines → paragraphs: a larger vertical gap, an indent, or a short line ending a sentence. */
function toParagraphs(pages: PageLines[], webPage = false): { title: string | null; paragraphs: string[] } {
  const all = pages.flatMap((p) => p.lines);
  // Body size: the font size that carries the most characters (a headline has few).
  const weight = new Map<number, number>();
  for (const line of all) weight.set(Math.round(line.size), (weight.get(Math.round(line.size)) ?? 0) + line.text.length);
  const bodySize = [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 10;
  const paragraphs: string[] = [];
  let title: string | null = null;
  let titleLine: Line | null = null;
  let current: string[] = [];
  let previousPageEnded = true;
  const flush = () => {
    if (current.length) paragraphs.push(current.join('\n'));
    current = [];
  };

  // Line spacing per font size, over the whole document: a web page printed to PDF sets its
  // menus and captions small and tight and its story large and airy, so one page-wide figure
  // would split every line of the story into a paragraph of its own.
  const gapsBySize = new Map<number, number[]>();
  for (const page of pages) {
    for (let i = 1; i < page.lines.length; i++) {
      const [above, below] = [page.lines[i - 1]!, page.lines[i]!];
      const gap = above.y - below.y;
      if (gap <= 0 || Math.abs(above.size - below.size) > 1) continue;
      const key = Math.round(below.size);
      gapsBySize.set(key, [...(gapsBySize.get(key) ?? []), gap]);
    }
  }
  const leadingFor = (size: number) => {
    const gaps = (gapsBySize.get(Math.round(size)) ?? []).sort((a, b) => a - b);
    return gaps[Math.floor(gaps.length / 4)] ?? size * 1.2;
  };

  pages.forEach((page, pageIndex) => {
    const lines = page.lines;
    const left = Math.min(...lines.filter((l) => Math.abs(l.size - bodySize) < 1).map((l) => l.x), Infinity);
    const right = Math.max(...lines.map((l) => l.right), 0);
    // The right edge of each column (lines starting at the same x): a web page's story column
    // ends well before its sidebar's.
    const columnRight = new Map<number, number>();
    for (const l of lines) columnRight.set(Math.round(l.x), Math.max(columnRight.get(Math.round(l.x)) ?? 0, l.right));

    lines.forEach((line, i) => {
      const headingLike = line.size > bodySize * 1.25;
      if (pageIndex === 0 && headingLike && paragraphs.length === 0 && current.length === 0) {
        // The first large line is the headline; a second one right under it at the same size continues it.
        if (title === null) {
          title = line.text;
          titleLine = line;
          return;
        }
        if (titleLine && Math.abs(titleLine.size - line.size) < 0.5 && titleLine.y - line.y < line.size * 1.6) {
          title = `${title} ${line.text}`;
          titleLine = line;
          return;
        }
      }
      const previous = lines[i - 1];
      let newParagraph = false;
      if (!previous) {
        // A paragraph continues across the page break when the page ended mid-sentence.
        newParagraph = previousPageEnded;
      } else {
        const gap = previous.y - line.y;
        const sizeChange = Math.abs(previous.size - line.size) > 1;
        const indented = Number.isFinite(left) && line.x - left > bodySize * 0.8 && Math.abs(previous.x - left) < 1;
        const shortEnded = previous.right < right - bodySize * 4 && /[.!?:"”»]$/.test(previous.text);
        // In a printed web page (ragged right, menus and lists set line by line): the line ended
        // although the next line's first word would have fitted, so the break was forced.
        const charWidth = (previous.right - previous.x) / Math.max(1, previous.text.length);
        const room = (columnRight.get(Math.round(previous.x)) ?? right) - previous.right;
        const nextWord = line.text.split(' ')[0]!.length;
        const brokeEarly = webPage && !/[-‐­]$/.test(previous.text) && room > (nextWord + 2) * charWidth;
        // A change of size starts a paragraph (a heading begins or ends); lines of one size at the
        // usual spacing continue it, so a headline set on two lines stays one paragraph.
        newParagraph = gap > leadingFor(line.size) * 1.35 || sizeChange || indented || shortEnded || brokeEarly;
      }
      if (newParagraph) flush();
      current.push(line.text);
    });
    const lastLine = current[current.length - 1] ?? '';
    previousPageEnded = /[.!?"”»:]$/.test(lastLine) || current.length === 0;
    if (previousPageEnded) flush();
  });
  flush();
  return { title, paragraphs };
}

/** Lowercased words of the document, to decide whether "negoti-\nations" is one word. */
function collectVocabulary(paragraphs: string[]): Set<string> {
  const words = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const word of paragraph.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) if (word) words.add(word);
  }
  return words;
}

/** Prefixes that keep their hyphen across a line break ("so-called", "well-known", "self-defence"). */
const COMPOUND_PREFIX = new Set([
  'so', 'self', 'well', 'ex', 'all', 'half', 'non', 'anti', 'cross', 'quasi', 'semi', 'vice', 'multi', 'mid',
]);

/**
 * Join lines of a paragraph, repairing end-of-line hyphenation: "negoti-" + "ations" becomes
 * "negotiations" while "so-" + "called" stays "so-called". The document's own vocabulary decides
 * when it can; a short list of compound prefixes decides otherwise.
 */
export function repairHyphenation(paragraph: string, vocabulary: Set<string> = new Set()): string {
  const lines = paragraph.split('\n');
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const next = lines[i]!;
    const soft = /\u00ad$/.exec(out);
    if (soft) {
      out = out.slice(0, -1) + next;
      continue;
    }
    const match = /(\p{L}+)-$/u.exec(out);
    const nextWord = /^(\p{L}+)/u.exec(next)?.[1];
    if (match && nextWord && /^\p{Lu}/u.test(nextWord)) {
      out += next; // "pro-" + "Russian": a compound with a name, never one word
      continue;
    }
    if (match && nextWord && /^\p{Ll}/u.test(nextWord)) {
      const head = match[1]!;
      const joined = (head + nextWord).toLowerCase();
      const hyphenated = `${head}-${nextWord}`.toLowerCase();
      const before = out.slice(0, -1 - head.length);
      // Inside a compound ("land-for-" + "peace") the part before the break is a word of its own.
      const inCompound = /-$/.test(before) && vocabulary.has(head.toLowerCase()) && vocabulary.has(nextWord.toLowerCase());
      let keep: boolean;
      if (vocabulary.has(joined) && !vocabulary.has(hyphenated)) keep = false;
      else if (vocabulary.has(hyphenated)) keep = true;
      else keep = inCompound || COMPOUND_PREFIX.has(head.toLowerCase()) || /^\p{Lu}/u.test(head) && head.length <= 3;
      out = keep ? out + next : out.slice(0, -1) + next;
      continue;
    }
    out = `${out} ${next}`;
  }
  return out;
}

function sensibleTitle(raw: unknown, fileName: string): string | null {
  if (typeof raw !== 'string') return null;
  const title = raw
    .normalize('NFKC')
    .replace(/^microsoft (word|powerpoint) - /i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (title.length < 4 || title.length > 300) return null;
  if (/^(untitled|document\d*|title|slide \d+|new document)$/i.test(title)) return null;
  if (/\.(docx?|pdf|txt|rtf|odt|indd|html?)$/i.test(title)) return null;
  if (title === fileName.replace(/\.pdf$/i, '')) return null;
  if (!/\p{L}{2}/u.test(title)) return null;
  return title;
}

/** "D:20251123140500+01'00'" → ISO at minute precision (day when no time is given). */
export function parsePdfDate(raw: unknown) {
  if (typeof raw !== 'string') return null;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(raw.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h, mi, s = '00', tz] = m;
  if (!m[2] || !m[3]) return null;
  if (!h) return dateToIso(new Date(`${y}-${mo}-${d}T00:00:00Z`), 'day');
  let offset = 'Z';
  if (tz && tz !== 'Z') offset = `${tz.slice(0, 3)}:${tz.replace(/'/g, '').slice(3, 5) || '00'}`;
  // Without a zone the time is local to an unknown place: keep the day only.
  if (!tz) return dateToIso(new Date(`${y}-${mo}-${d}T00:00:00Z`), 'day');
  return dateToIso(new Date(`${y}-${mo}-${d}T${h}:${mi ?? '00'}:${s}${offset}`), 'minute');
}
