/**
 * Display HTML for the reader: the extracted article reduced to structural and text tags, with
 * every script, style, handler, frame, form, image and non-http(s) link removed. Imported pages
 * are untrusted; this is the only way their markup reaches the renderer.
 *
 * Two layers: an allowlist serialiser over the extraction DOM (emits only known tags, no
 * attributes but a checked href, escapes all text), then sanitize-html (a real HTML parser,
 * htmlparser2, with its own allowlist) over that small output, so a bug in one layer is caught
 * by the other. sanitize-html rather than DOMPurify on jsdom: the same guarantee at a tenth of
 * the cost per article, and no jsdom window to build in every import worker.
 */
import sanitize from 'sanitize-html';

const ALLOWED_TAGS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'em', 'strong', 'b', 'i', 'a', 'figure', 'figcaption', 'br', 'pre', 'code', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'sub', 'sup'];

/** Allowed blocks that may hold other blocks; the rest hold inline content only. */
const CONTAINER_BLOCKS = new Set(['BLOCKQUOTE', 'LI', 'FIGURE', 'TD', 'TH', 'UL', 'OL', 'TABLE', 'THEAD', 'TBODY', 'TR']);
const TEXT_BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'FIGCAPTION']);
const INLINE_TAGS = new Set(['EM', 'STRONG', 'B', 'I', 'A', 'CODE', 'SUB', 'SUP', 'BR']);
/** Never shown, content included. */
const DROPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'FORM', 'INPUT', 'BUTTON', 'SELECT', 'TEXTAREA', 'SVG', 'MATH', 'IMG', 'PICTURE', 'VIDEO', 'AUDIO', 'SOURCE', 'CANVAS', 'LINK', 'META', 'BASE', 'HEAD', 'TITLE']);
/** Unwrapped elements that still separate paragraphs (div, section, ...). */
const BREAKING = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'ADDRESS', 'DL', 'DT', 'DD', 'DETAILS', 'SUMMARY', 'CENTER', 'HR']);

type Piece = { kind: 'inline' | 'block'; html: string } | { kind: 'break' };

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

function piecesOf(node: Node): Piece[] {
  const pieces: Piece[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      pieces.push({ kind: 'inline', html: escapeText(child.nodeValue ?? '') });
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const tag = element.tagName.toUpperCase();
    if (DROPPED.has(tag)) continue;
    const name = tag.toLowerCase();
    if (tag === 'BR') pieces.push({ kind: 'inline', html: '<br>' });
    else if (tag === 'A') {
      const href = element.getAttribute('href') ?? '';
      const inner = flatten(piecesOf(element));
      pieces.push({ kind: 'inline', html: /^https?:\/\//i.test(href) ? `<a href="${escapeAttribute(href)}">${inner}</a>` : inner });
    } else if (INLINE_TAGS.has(tag)) pieces.push({ kind: 'inline', html: `<${name}>${flatten(piecesOf(element))}</${name}>` });
    else if (TEXT_BLOCKS.has(tag)) {
      const inner = flatten(piecesOf(element));
      if (inner.trim()) pieces.push({ kind: 'block', html: `<${name}>${inner}</${name}>` });
    } else if (CONTAINER_BLOCKS.has(tag)) {
      const inner = tag === 'LI' || tag === 'TD' || tag === 'TH' ? flatten(piecesOf(element), true) : assemble(piecesOf(element));
      if (inner.trim()) pieces.push({ kind: 'block', html: `<${name}>${inner}</${name}>` });
    } else if (BREAKING.has(tag)) {
      pieces.push({ kind: 'break' }, ...piecesOf(element), { kind: 'break' });
    } else {
      pieces.push(...piecesOf(element)); // span, font, mark, time, ...: unwrap
    }
  }
  return pieces;
}

/** Inline context: everything becomes one run (blocks inside keep their tags). */
function flatten(pieces: Piece[], keepBlocks = false): string {
  return pieces.map((piece) => (piece.kind === 'break' ? ' ' : keepBlocks || piece.kind === 'inline' ? piece.html : piece.html)).join('');
}

/** Block context: runs of inline content become paragraphs. */
function assemble(pieces: Piece[]): string {
  let out = '';
  let run = '';
  const flushRun = () => {
    if (run.replace(/<br>/g, '').trim()) out += `<p>${run.trim()}</p>\n`;
    run = '';
  };
  for (const piece of pieces) {
    if (piece.kind === 'inline') run += piece.html;
    else {
      flushRun();
      if (piece.kind === 'block') out += `${piece.html}\n`;
    }
  }
  flushRun();
  return out;
}

/** Never shown, and their content is dropped with them (everything else unknown is unwrapped). */
const DROPPED_WITH_CONTENT = ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'head', 'title', 'select', 'button'];

const SANITIZE_OPTIONS: sanitize.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  transformTags: {
    a: (tagName, attribs): sanitize.Tag => {
      const href = (attribs.href ?? '').trim();
      const safe: sanitize.Attributes = /^https?:\/\//i.test(href) ? { href, rel: 'noopener noreferrer' } : {};
      return { tagName, attribs: safe };
    },
  },
};

/** Sanitise a string of untrusted HTML to Parley's display subset. */
export function sanitizeHtml(html: string): string {
  return sanitize(html, SANITIZE_OPTIONS);
}

/** Display HTML for an extracted article element; null when nothing displayable is left. */
export function sanitizeArticle(element: Element): string | null {
  const clean = sanitizeHtml(assemble(piecesOf(element))).replace(/\n{2,}/g, '\n').trim();
  return clean.replace(/<[^>]+>|\s/g, '') ? clean : null;
}
