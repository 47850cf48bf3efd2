/**
 * Entry point of the ingest layer: turn one file's bytes into zero or more cleaned articles.
 * Readers live one per format beside this file; this module decides which one reads a file,
 * from its content first (magic bytes, MIME headers, root element) and its extension second.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { httpUrl } from '../../shared/url';
import { decodeText, utf16WithoutBom } from './decode';
import { IngestError, DEFAULT_MAX_BYTES, type ExtractOptions, type ExtractedArticle } from './types';

export * from './types';

export const SUPPORTED_EXTENSIONS = [
  '.html', '.htm', '.xhtml', '.mhtml', '.mht', '.txt', '.text', '.md', '.markdown', '.pdf', '.docx', '.eml', '.rss', '.atom', '.xml',
] as const;

type Kind = 'html' | 'mhtml' | 'text' | 'markdown' | 'pdf' | 'docx' | 'eml' | 'feed';

const BY_EXTENSION: Record<string, Kind> = {
  '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.mhtml': 'mhtml', '.mht': 'mhtml', '.txt': 'text', '.text': 'text',
  '.md': 'markdown', '.markdown': 'markdown', '.pdf': 'pdf', '.docx': 'docx', '.eml': 'eml', '.rss': 'feed', '.atom': 'feed',
  '.xml': 'feed',
};

/** Why a known but unsupported file type fails, in the analyst's terms. */
const UNSUPPORTED_HINT: Record<string, string> = {
  '.doc': 'old Word format; open it in Word and save as .docx',
  '.rtf': 'save it as .docx or .txt',
  '.odt': 'save it as .docx',
  '.pages': 'export it as .docx or PDF',
  '.msg': 'Outlook message; save it as .eml',
  '.zip': 'unpack the archive and import its files',
  '.jpg': 'an image; OCR is not supported yet',
  '.jpeg': 'an image; OCR is not supported yet',
  '.png': 'an image; OCR is not supported yet',
  '.webarchive': 'Safari archive; save the page as "Page Source" (.html) instead',
};

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1048576).toFixed(bytes >= 10 * 1048576 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes >= 10 * 1024 ? 0 : 1)} KB`;
  return `${bytes} bytes`;
}

function checkSize(size: number, fileName: string, maxBytes: number): void {
  if (size === 0) throw new IngestError('empty_file', `${fileName} is empty (0 bytes)`);
  if (size > maxBytes) {
    throw new IngestError('too_large', `${fileName} is ${formatSize(size)}; the limit is ${formatSize(maxBytes)}`);
  }
}

function unsupported(fileName: string, extension: string): IngestError {
  const hint = UNSUPPORTED_HINT[extension];
  return new IngestError(
    'unsupported_format',
    `${fileName}: ${extension ? `${extension} files are not supported` : 'unknown file type'}${hint ? ` (${hint})` : ''}. ` +
      `Parley imports ${SUPPORTED_EXTENSIONS.join(' ')}`,
  );
}

const MIME_HEADER = /^(from|to|subject|date|mime-version|content-type|received|return-path|message-id|x-[\w-]+|delivered-to|snapshot-content-location|content-location|content-transfer-encoding)\s*:/i;

/** What the bytes say they are, regardless of the file name; null when they say nothing clear. */
export function sniff(bytes: Uint8Array): Kind | 'zip' | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (head.slice(0, 1024).includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return Buffer.from(bytes).includes('word/document.xml') ? 'docx' : 'zip';
  }
  // UTF-16 text has NULs between ASCII letters; look at it without them.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || utf16WithoutBom(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) !== null;
  const ascii = utf16 ? head.replace(/\0/g, '') : head;
  const start = ascii.replace(/^(\ufeff|\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '').replace(/^\s+/, '');
  const lines = start.split(/\r?\n/);
  if (lines.length > 2 && MIME_HEADER.test(lines[0] ?? '')) {
    const headerBlock = start.split(/\r?\n\r?\n/)[0] ?? '';
    // Browsers write "From: <Saved by Blink>" and Snapshot-Content-Location into saved pages.
    if (/^snapshot-content-location:|^from:\s*<saved by/im.test(headerBlock)) return 'mhtml';
    if (/^content-type:\s*multipart\/related/im.test(headerBlock) && !/^(received|message-id|to):/im.test(headerBlock)) return 'mhtml';
    if (/^(from|subject|date|received|message-id):/im.test(headerBlock)) return 'eml';
  }
  const markup = start.replace(/^(<\?xml[^>]*>\s*|<!--[^]*?-->\s*)+/, '');
  if (/^<(rss|rdf:RDF)[\s>]/i.test(markup) || /^<feed[\s>]/i.test(markup)) return 'feed';
  if (/^<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]/i.test(markup) || /<html[\s>][^]*<(head|body)[\s>]/i.test(ascii)) return 'html';
  return null;
}

/**
 * Read one file's bytes into articles. Throws IngestError with a stable code when it cannot.
 * Whatever a reader found, a document URL leaves here only as an http(s) address (shared/url.ts).
 */
export async function extractBuffer(
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions = {},
): Promise<ExtractedArticle[]> {
  const articles = await readArticles(bytes, fileName, options);
  for (const article of articles) article.url = httpUrl(article.url);
  return articles;
}

async function readArticles(bytes: Uint8Array, fileName: string, options: ExtractOptions): Promise<ExtractedArticle[]> {
  checkSize(bytes.byteLength, fileName, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const extension = fileExtension(fileName);
  const byName = BY_EXTENSION[extension];
  const sniffed = sniff(bytes);
  // An unknown extension fails, unless the bytes are an unmistakable PDF or Word document.
  if (!byName && extension && sniffed !== 'pdf' && sniffed !== 'docx') throw unsupported(fileName, extension);
  let kind: Kind;
  if (sniffed === 'zip') {
    // A .docx whose directory cannot be found (truncated) gets the zip reader's own diagnosis.
    if (byName !== 'docx') throw unsupported(fileName, '.zip');
    kind = 'docx';
  } else if (sniffed === 'pdf' || sniffed === 'docx') {
    kind = sniffed;
  } else if (byName === 'pdf') {
    throw new IngestError('corrupt_pdf', `${fileName} is not a PDF (it does not start with %PDF); it may be damaged or mislabelled`);
  } else if (byName === 'docx') {
    throw new IngestError('corrupt_docx', `${fileName} is not a Word document (not a zip archive); it may be damaged or mislabelled`);
  } else if (sniffed) {
    // Content wins over a misleading name (a page saved as .txt, a feed saved as .xml or .html).
    kind = sniffed === 'html' && (byName === 'mhtml' || byName === 'eml') ? byName : sniffed;
  } else {
    kind = byName ?? 'text';
  }

  // Every reader loads on first use: listing files (the main process) loads none of them, a worker
  // that only sees HTML never loads pdf.js; the specifiers are static, so a bundler includes them.
  switch (kind) {
    case 'pdf': {
      const { readPdf } = await import('./pdf');
      return [await readPdf(bytes, fileName, options)];
    }
    case 'docx': {
      const { readDocx } = await import('./docx');
      return [await readDocx(bytes, fileName, options)];
    }
    case 'eml': {
      const { readEml } = await import('./eml');
      return readEml(bytes, fileName, options, extractBuffer);
    }
    case 'mhtml': {
      const { readMhtml } = await import('./html/mhtml');
      return [readMhtml(bytes, fileName, options)];
    }
    case 'feed': {
      const { readFeed } = await import('./feed');
      const xml = decodeText(bytes, { fileName, sniffHtmlMeta: true });
      return readFeed(xml, fileName, options);
    }
    case 'html': {
      const html = decodeText(bytes, { fileName, sniffHtmlMeta: true });
      const { readHtml } = await import('./html/index');
      return [readHtml(html, fileName, options)];
    }
    case 'text':
    case 'markdown': {
      const text = decodeText(bytes, { fileName });
      if (byName === 'feed') {
        throw new IngestError('corrupt_feed', `${fileName} is neither an RSS nor an Atom feed (no <rss> or <feed> element)`);
      }
      const { readText } = await import('./text-dump');
      const article = readText(text, fileName, { ...options, markdown: kind === 'markdown' });
      if (!article.text) throw new IngestError('no_article', `${fileName} contains no article text`);
      return [article];
    }
  }
}

/**
 * Read a file from disk: size cap checked on stat before reading, the modification time passed
 * on as `fileDate` (used only to interpret relative dates).
 */
export async function extractFile(path: string, options: ExtractOptions = {}): Promise<ExtractedArticle[]> {
  const { bytes, fileDate } = await readFileChecked(path, options);
  return extractBuffer(bytes, basename(path), { ...options, fileDate: options.fileDate ?? fileDate });
}

/** Stat, check size, read: the file's bytes and mtime, or IngestError('unreadable' | 'empty_file' | 'too_large'). */
export async function readFileChecked(path: string, options: ExtractOptions = {}): Promise<{ bytes: Uint8Array; fileDate: Date }> {
  const name = basename(path);
  const info = await stat(path).catch((error: unknown) => {
    throw cannotOpen(name, error);
  });
  checkRegularFile(info, name, options);
  try {
    return { bytes: asBytes(await readFile(path)), fileDate: info.mtime };
  } catch (error) {
    throw cannotRead(name, error);
  }
}

/**
 * readFileChecked, blocking: for the import workers, where blocking costs nothing and the
 * asynchronous calls' round trips through libuv's thread pool cost ~0.2 ms of CPU per file.
 */
export function readFileCheckedSync(path: string, options: ExtractOptions = {}): { bytes: Uint8Array; fileDate: Date } {
  const name = basename(path);
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    throw cannotOpen(name, error);
  }
  checkRegularFile(info, name, options);
  try {
    return { bytes: asBytes(readFileSync(path)), fileDate: info.mtime };
  } catch (error) {
    throw cannotRead(name, error);
  }
}

function checkRegularFile(info: Stats, name: string, options: ExtractOptions): void {
  if (info.isDirectory()) throw new IngestError('unreadable', `${name} is a folder, not a file`);
  if (!info.isFile()) throw new IngestError('unreadable', `${name} is not a regular file`);
  checkSize(info.size, name, options.maxBytes ?? DEFAULT_MAX_BYTES);
}

const asBytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
const cannotOpen = (name: string, error: unknown) => new IngestError('unreadable', `${name} cannot be opened: ${osReason(error)}`);
const cannotRead = (name: string, error: unknown) => new IngestError('unreadable', `${name} cannot be read: ${osReason(error)}`);

function osReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a folder',
    EBUSY: 'the file is locked by another program',
    EIO: 'input/output error (disk or network drive)',
    ELOOP: 'too many symbolic links',
  };
  return code ? `${reasons[code] ?? (error as Error).message} (${code})` : String((error as Error)?.message ?? error);
}

/** ".pdf" for "a.PDF"; "" when the name has no real extension ("Talks. Nov 23"). */
function fileExtension(name: string): string {
  const extension = extname(name).toLowerCase();
  return /^\.[a-z0-9]{1,10}$/.test(extension) ? extension : '';
}

function isImportable(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('~$')) return false;
  return fileExtension(name) in BY_EXTENSION;
}

/**
 * Expand folders into the files Parley can import, recursively and in a stable order
 * (code-unit order of names, folders as they come). Skips hidden entries, Office lock files and
 * the "<page>_files" asset folders browsers write next to saved pages; follows symbolic links
 * but never into a folder already visited (no loops). Files named explicitly are kept as given,
 * so an unsupported one gets its own error instead of vanishing.
 */
export async function listImportableFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const addFile = async (path: string) => {
    const real = await realpath(path).catch(() => path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    out.push(path);
  };
  const walk = async (dir: string): Promise<void> => {
    const real = await realpath(dir).catch(() => null);
    if (!real || seenDirs.has(real)) return;
    seenDirs.add(real);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(full).catch(() => null);
        if (!target) continue; // dangling link
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) {
        if (/[_-]files$/i.test(entry.name)) continue;
        await walk(full);
      } else if (isFile && isImportable(entry.name)) {
        await addFile(full);
      }
    }
  };
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) await walk(path);
    else await addFile(path); // missing or odd files surface as per-file errors later
  }
  return out;
}
