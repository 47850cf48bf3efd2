/**
 * Entry point of the ingest layer: turn one file's bytes into zero or more cleaned articles.
 * Readers live one per format beside this file; this module decides which one reads a file,
 * from its content first (magic bytes, MIME headers, root element) and its extension second.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Dirent, type Stats } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';
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

/**
 * Open, check, read: the file's bytes and mtime, or IngestError('unreadable' | 'empty_file' | 'too_large').
 * The file is opened without blocking and checked on its open handle, so a FIFO, socket or device
 * (or a file swapped for one after the folder was listed) is refused without a byte read from it.
 */
export async function readFileChecked(path: string, options: ExtractOptions = {}): Promise<{ bytes: Uint8Array; fileDate: Date }> {
  const name = basename(path);
  const handle = await open(path, OPEN_FLAGS).catch((error: unknown) => {
    throw cannotOpen(name, error);
  });
  try {
    const info = await handle.stat();
    checkRegularFile(info, name, options);
    try {
      return { bytes: asBytes(await handle.readFile()), fileDate: info.mtime };
    } catch (error) {
      throw cannotRead(name, error);
    }
  } finally {
    await handle.close();
  }
}

/**
 * readFileChecked, blocking: for the import workers, where blocking costs nothing and the
 * asynchronous calls' round trips through libuv's thread pool cost ~0.2 ms of CPU per file.
 */
export function readFileCheckedSync(path: string, options: ExtractOptions = {}): { bytes: Uint8Array; fileDate: Date } {
  const name = basename(path);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw cannotOpen(name, error);
  }
  try {
    const info = fstatSync(fd);
    checkRegularFile(info, name, options);
    try {
      return { bytes: asBytes(readFileSync(fd)), fileDate: info.mtime };
    } catch (error) {
      throw cannotRead(name, error);
    }
  } finally {
    closeSync(fd);
  }
}

/** Read-only and non-blocking: opening a FIFO must not wait for a writer. (No O_NONBLOCK on Windows.) */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

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

/** An entry of an imported folder that was not read, and why (each becomes a "skipped" line of the import). */
export interface SkippedEntry {
  path: string;
  code: 'hidden' | 'not_regular_file' | 'link_outside_folder' | 'link_loop' | 'dangling_link' | 'unsupported_format' | 'unreadable';
  reason: string;
}

export interface ImportListing {
  files: string[];
  skipped: SkippedEntry[];
}

/**
 * Expand folders into the files Parley can import, recursively and in a stable order
 * (code-unit order of names, folders as they come). Inside a folder only regular files and
 * folders are taken: hidden entries, Office lock files, FIFOs, sockets, devices, dangling links,
 * link loops and links that lead out of the folder (a link to /etc/passwd in a downloaded
 * folder) are skipped, each with its reason. The "<page>_files" asset folders browsers write next
 * to saved pages are passed over quietly. Paths the user named are taken as given (a named link
 * is followed), so an unsupported one gets its own error instead of vanishing.
 */
export async function listImportableFiles(paths: string[]): Promise<ImportListing> {
  const files: string[] = [];
  const skipped: SkippedEntry[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const skip = (path: string, code: SkippedEntry['code'], reason: string) => skipped.push({ path, code, reason });
  const addFile = async (path: string, real?: string) => {
    real ??= await realpath(path).catch(() => path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };
  const walk = async (dir: string, realDir: string, root: string): Promise<void> => {
    seenDirs.add(realDir);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skip(dir, 'unreadable', `folder cannot be opened: ${osReason(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.name.startsWith('.')) {
        skip(full, 'hidden', entry.isDirectory() ? 'hidden folder, not imported' : 'hidden file, not imported');
        continue;
      }
      let kind: 'dir' | 'file' | 'other' = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
      let real = join(realDir, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await realpath(full).catch((error: NodeJS.ErrnoException) => error);
        if (target instanceof Error) {
          if (target.code === 'ELOOP') skip(full, 'link_loop', 'symbolic link loop, not followed');
          else skip(full, 'dangling_link', `symbolic link to nothing (${osReason(target)})`);
          continue;
        }
        if (target !== root && !target.startsWith(root + sep)) {
          skip(full, 'link_outside_folder', 'symbolic link to a place outside the imported folder, not followed (import that file or folder itself to read it)');
          continue;
        }
        const info = await stat(target).catch(() => null);
        kind = info?.isDirectory() ? 'dir' : info?.isFile() ? 'file' : 'other';
        real = target;
      }
      if (kind === 'dir') {
        if (/[_-]files$/i.test(entry.name)) continue; // a saved page's images and styles
        if (seenDirs.has(real)) {
          skip(full, 'link_loop', 'link back to a folder already imported, not followed again');
          continue;
        }
        await walk(full, real, root);
      } else if (kind === 'other') {
        skip(full, 'not_regular_file', `${specialKind(entry)}, not a regular file; not opened`);
      } else if (entry.name.startsWith('~$')) {
        skip(full, 'hidden', 'Office lock file, not imported');
      } else if (!(fileExtension(entry.name) in BY_EXTENSION)) {
        skip(full, 'unsupported_format', `${fileExtension(entry.name) || 'file without an extension'}: not a file type Parley imports`);
      } else {
        await addFile(full, real);
      }
    }
  };
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const real = await realpath(path).catch(() => null);
      if (real && !seenDirs.has(real)) await walk(path, real, real);
    } else await addFile(path); // missing or odd files surface as per-file errors later
  }
  return { files, skipped };
}

function specialKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'named pipe (FIFO)';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'device';
  return 'special file';
}
