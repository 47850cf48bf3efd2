/**
 * PDF reader (pdf.js legacy build, runs in plain Node and in a worker thread, offline).
 * Rebuilds reading order from text positions, joins lines into paragraphs by vertical gaps,
 * repairs end-of-line hyphenation and drops running headers, footers and page numbers.
 */
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { importKeepingBuiltins } from './native-builtins';
import { IngestError, type ExtractOptions, type ExtractedArticle } from './types';
import { cleanByline, dateToIso, joinParagraphs, makeArticle } from './text';

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
    const cleaned = dropRunningLines(pages);
    const { title: layoutTitle, paragraphs } = toParagraphs(cleaned);
    const vocabulary = collectVocabulary(paragraphs);
    const text = joinParagraphs(paragraphs.map((p) => repairHyphenation(p, vocabulary).normalize('NFKC')));

    const { info } = (await document.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
    const infoTitle = sensibleTitle(info['Title'], fileName);
    const created = parsePdfDate(info['CreationDate']);
    return makeArticle({
      title: infoTitle ?? (layoutTitle ? layoutTitle.normalize('NFKC') : null),
      byline: typeof info['Author'] === 'string' ? cleanByline(info['Author']) : null,
      publishedAt: created?.iso ?? null,
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

/** Group positioned pieces into lines, top to bottom, left to right. */
function buildLines(pieces: TextPiece[]): Line[] {
  const sorted = [...pieces].sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: Array<{ pieces: TextPiece[]; y: number; size: number }> = [];
  for (const piece of sorted) {
    const line = lines.find((l) => Math.abs(l.y - piece.y) <= Math.max(2, 0.4 * Math.min(l.size, piece.size)));
    if (line) {
      line.pieces.push(piece);
      line.size = Math.max(line.size, piece.size);
    } else {
      lines.push({ pieces: [piece], y: piece.y, size: piece.size });
    }
  }
  lines.sort((l, m) => m.y - l.y);
  return lines
    .map((line) => {
      const ordered = line.pieces.sort((p, q) => p.x - q.x);
      let text = '';
      let end = -Infinity;
      for (const piece of ordered) {
        const gap = piece.x - end;
        if (text && gap > 0.15 * piece.size && !/\s$/.test(text) && !/^\s/.test(piece.str)) text += ' ';
        text += piece.str;
        end = piece.x + piece.width;
      }
      const first = ordered[0]!;
      return { text: text.replace(/\s+/g, ' ').trim(), x: first.x, y: line.y, size: line.size, right: end };
    })
    .filter((line) => line.text.length > 0);
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
function toParagraphs(pages: PageLines[]): { title: string | null; paragraphs: string[] } {
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

  pages.forEach((page, pageIndex) => {
    const lines = page.lines;
    const gaps: number[] = [];
    for (let i = 1; i < lines.length; i++) {
      const gap = lines[i - 1]!.y - lines[i]!.y;
      if (gap > 0) gaps.push(gap);
    }
    gaps.sort((a, b) => a - b);
    const leading = gaps[Math.floor(gaps.length / 4)] ?? bodySize * 1.2;
    const left = Math.min(...lines.filter((l) => Math.abs(l.size - bodySize) < 1).map((l) => l.x), Infinity);
    const right = Math.max(...lines.map((l) => l.right), 0);

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
        newParagraph = gap > leading * 1.35 || sizeChange || indented || shortEnded || headingLike;
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
