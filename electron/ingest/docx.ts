/**
 * DOCX reader. The zip is inspected with yauzl before mammoth sees it: a crafted archive
 * (zip bomb) must fail on its central directory, not after filling memory.
 */
import mammoth from 'mammoth';
import yauzl from 'yauzl';
import { XMLParser } from 'fast-xml-parser';
import { IngestError, type ExtractOptions, type ExtractedArticle } from './types';
import { joinParagraphs, makeArticle } from './article';
import { cleanByline } from './byline';
import { parseWrittenDate, type PublishedDate } from './dates';
import { htmlToParagraphs } from './html/fragment';
import { checkNesting } from './nesting';

export const ZIP_LIMITS = {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalBytes: 100 * 1024 * 1024,
  maxEntries: 2000,
  /** Compression ratio above which a large entry is treated as a bomb. */
  maxRatio: 200,
  /** Entries smaller than this may have any ratio (XML of repeated spaces compresses well). */
  ratioFloorBytes: 1024 * 1024,
  /**
   * Uncompressed XML per part and in all: mammoth holds a document's XML as a tree of objects at
   * ~30 bytes of memory per byte of XML, so 95 MB of XML took 3 GB. A long real report's
   * document.xml is a few MB; these keep one file's reading to a few hundred MB.
   */
  maxXmlPartBytes: 12 * 1024 * 1024,
  maxXmlTotalBytes: 16 * 1024 * 1024,
};

interface ZipInspection {
  entries: Map<string, Buffer>;
  names: string[];
}

/**
 * Check the zip's central directory against the limits, then read it through yauzl, which
 * verifies that each entry inflates to exactly its declared size (so a lying directory fails too).
 * Returns the small XML parts Parley needs besides mammoth.
 */
export async function inspectZip(bytes: Uint8Array, fileName: string, keep: readonly string[] = []): Promise<ZipInspection> {
  const corrupt = (why: string) => new IngestError('corrupt_docx', `${fileName} is not a readable Word document (${why})`);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
      error || !file ? reject(corrupt(error?.message ?? 'no zip')) : resolve(file),
    );
  });
  if (zip.entryCount > ZIP_LIMITS.maxEntries) {
    zip.close();
    throw new IngestError('zip_bomb', `${fileName} holds ${zip.entryCount} zip entries (limit ${ZIP_LIMITS.maxEntries}); refusing to unpack it`);
  }
  const entries = new Map<string, Buffer>();
  const names: string[] = [];
  let total = 0;
  let xmlTotal = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      zip.close();
      if (/too many bytes in the stream/.test(error.message)) {
        // The entry inflates past the size its directory declares: a crafted archive.
        reject(new IngestError('zip_bomb', `${fileName} holds an entry larger than it declares (${error.message}); refusing to unpack it`));
      } else reject(error instanceof IngestError ? error : corrupt(error.message));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      total += entry.uncompressedSize;
      if (total > ZIP_LIMITS.maxTotalBytes) {
        return fail(
          new IngestError(
            'zip_bomb',
            `${fileName} would unpack to more than ${ZIP_LIMITS.maxTotalBytes / 1048576} MB (a zip bomb or not a normal document); refusing to unpack it`,
          ),
        );
      }
      if (/\.(xml|rels)$/i.test(entry.fileName)) {
        xmlTotal += entry.uncompressedSize;
        const mb = (bytes: number) => `${Math.ceil(bytes / 1048576)} MB`;
        if (entry.uncompressedSize > ZIP_LIMITS.maxXmlPartBytes) {
          return fail(
            new IngestError(
              'too_complex',
              `${fileName}: ${entry.fileName} holds ${mb(entry.uncompressedSize)} of XML (the limit is ${mb(ZIP_LIMITS.maxXmlPartBytes)} per part), more than one file may take in memory; split the document, or save it as PDF or text`,
            ),
          );
        }
        if (xmlTotal > ZIP_LIMITS.maxXmlTotalBytes) {
          return fail(
            new IngestError(
              'too_complex',
              `${fileName} holds more than ${mb(ZIP_LIMITS.maxXmlTotalBytes)} of XML (the limit per document), more than one file may take in memory; split the document, or save it as PDF or text`,
            ),
          );
        }
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes && ratio > ZIP_LIMITS.maxRatio) {
        return fail(
          new IngestError('zip_bomb', `${fileName}: entry ${entry.fileName} expands ${Math.round(ratio)}× (limit ${ZIP_LIMITS.maxRatio}×); refusing to unpack it`),
        );
      }
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(error ?? new Error('unreadable entry'));
        const chunks: Buffer[] = [];
        const wanted = keep.includes(entry.fileName);
        stream.on('data', (chunk: Buffer) => {
          if (wanted) chunks.push(chunk);
        });
        stream.on('error', (e: Error) => fail(e));
        stream.on('end', () => {
          if (wanted) entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return { entries, names };
}

const xml = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, processEntities: true });

function coreProperties(core: Buffer | undefined): { title: string | null; creator: string | null } {
  if (!core) return { title: null, creator: null };
  try {
    const parsed = xml.parse(core.toString('utf8')) as { coreProperties?: Record<string, unknown> };
    const props = parsed.coreProperties ?? {};
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    return { title: str(props['title']), creator: str(props['creator']) };
  } catch {
    return { title: null, creator: null };
  }
}

export async function readDocx(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): Promise<ExtractedArticle> {
  void options;
  const zip = await inspectZip(bytes, fileName, ['docProps/core.xml', 'word/document.xml']);
  const documentXml = zip.entries.get('word/document.xml');
  if (!documentXml) {
    throw new IngestError('corrupt_docx', `${fileName} is a zip archive but not a Word document (no word/document.xml)`);
  }
  // Runs inside runs inside fields…: mammoth converts recursively and would overflow its stack.
  checkNesting(documentXml.toString('utf8'), fileName, { xml: true });
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: true });
    html = result.value;
  } catch (error) {
    throw new IngestError('corrupt_docx', `${fileName} is not a readable Word document (${(error as Error).message})`);
  }
  const core = coreProperties(zip.entries.get('docProps/core.xml'));
  const { paragraphs, headings } = htmlToParagraphs(html, fileName);
  const firstHeading = headings[0];
  // The first heading is the headline when it opens the document; then it is not body text.
  const headingOpens = firstHeading !== undefined && paragraphs[0] === firstHeading.text;
  const title = (headingOpens ? firstHeading.text : null) ?? core.title ?? null;
  let body = headingOpens ? paragraphs.slice(1) : paragraphs;

  // A byline or dateline paragraph right under the headline is metadata.
  let byline: string | null = null;
  let published: PublishedDate | null = null;
  for (let i = 0; i < Math.min(3, body.length); i++) {
    const line = body[i]!;
    if (line.length > 120) break;
    if (!byline && /^(by|автор:?)\s+\p{Lu}/iu.test(line)) {
      byline = cleanByline(line);
      const date = parseWrittenDate(line);
      if (date) published = date;
      body = body.filter((_, j) => j !== i);
      i--;
      continue;
    }
    const dateline: PublishedDate | null = published ? null : parseWrittenDate(line);
    if (dateline && line.split(/\s+/).length <= 10) {
      published = dateline;
      body = body.filter((_, j) => j !== i);
      i--;
    }
  }
  const text = joinParagraphs(body);
  if (!text) throw new IngestError('no_article', `${fileName} has no text`);
  return makeArticle({
    title,
    byline: byline ?? cleanByline(core.creator),
    publishedAt: published?.publishedAt ?? null,
    publishedPrecision: published?.precision ?? null,
    text,
    format: 'docx',
    label: fileName,
  });
}
