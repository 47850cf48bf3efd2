/**
 * MHTML (.mhtml/.mht) single-file page saves: a MIME multipart/related message whose first
 * text/html part is the page. Parsed here synchronously (postal-mime is async only, and the
 * readers run synchronously inside a worker): headers with folding, boundaries, base64 and
 * quoted-printable bodies; the part's charset goes to decodeText.
 */
import { decodeText } from '../decode';
import { IngestError, type ExtractOptions, type ExtractedArticle } from '../types';
import { readHtmlWith } from './index';

interface MimePart {
  headers: Map<string, string>;
  /** Body bytes as a binary (latin1) string, still transfer-encoded. */
  body: string;
}

/** Extract the article from an MHTML page save. */
export function readMhtml(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): ExtractedArticle {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const message = splitHeaders(raw);
  if (!message.headers.has('content-type')) {
    throw new IngestError('not_text', `${fileName} is not an MHTML page save (no MIME headers)`);
  }
  const htmlPart = findHtmlPart(message);
  if (!htmlPart) throw new IngestError('no_article', `${fileName}: the MHTML file holds no HTML page`);
  const contentType = htmlPart.headers.get('content-type') ?? '';
  const html = decodeText(transferDecode(htmlPart), {
    sniffHtmlMeta: true,
    declaredCharset: parameter(contentType, 'charset'),
    fileName,
  });
  const sourceUrl =
    message.headers.get('snapshot-content-location') ?? htmlPart.headers.get('content-location') ?? message.headers.get('content-location') ?? null;
  return readHtmlWith(html, fileName, options, { sourceUrl, format: 'mhtml' });
}

function splitHeaders(text: string): MimePart {
  const match = /\r?\n\r?\n/.exec(text);
  const head = match ? text.slice(0, match.index) : text;
  const body = match ? text.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** A header parameter: boundary="----MultipartBoundary--abc" → ----MultipartBoundary--abc. */
function parameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function findHtmlPart(part: MimePart, depth = 0): MimePart | null {
  const contentType = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (contentType.startsWith('text/html')) return part;
  if (!contentType.startsWith('multipart/') || depth > 4) return null;
  const boundary = parameter(part.headers.get('content-type') ?? '', 'boundary');
  if (!boundary) return null;
  const delimiter = `--${boundary}`;
  const sections = part.body.split(delimiter);
  for (const section of sections.slice(1)) {
    if (section.startsWith('--')) break; // closing delimiter
    const found = findHtmlPart(splitHeaders(section.replace(/^[ \t]*\r?\n/, '')), depth + 1);
    if (found) return found;
  }
  return null;
}

function transferDecode(part: MimePart): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return Buffer.from(part.body.replace(/\r?\n$/, ''), 'latin1');
}

function decodeQuotedPrintable(text: string): Uint8Array {
  const unfolded = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const char = unfolded.charCodeAt(i);
    if (char === 0x3d && /^[0-9A-Fa-f]{2}$/.test(unfolded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(unfolded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(char & 0xff);
  }
  return Uint8Array.from(bytes);
}
