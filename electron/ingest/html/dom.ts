/** The fast DOM used for extraction (linkedom): parse once, query many times. */
import { decodeHTML } from 'entities';
import { parseHTML } from 'linkedom';

/** Parse a whole HTML page into a linkedom Document. */
export function parseDocument(html: string): Document {
  html = stripInert(html);
  // linkedom needs a root element to build a full document; wrap fragments saved without one.
  const source = /<html[\s>]/i.test(html.slice(0, 4096)) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(source).document as unknown as Document;
}

export function attr(element: Element | null | undefined, name: string): string | null {
  const value = element?.getAttribute(name);
  return value === null || value === undefined ? null : value.trim() || null;
}

/** Collapse runs of whitespace (incl. NBSP and zero-width characters) to one space; NFC. */
export function normaliseSpace(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .normalize('NFC');
}

/** Text reduced to lowercase letters and digits, for comparing headlines written differently. */
export function comparableText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function elementText(element: Element | null | undefined): string {
  return element ? normaliseSpace(element.textContent ?? '') : '';
}

/**
 * Character references left in a value the parser has already decoded: pages that escape twice
 * ("Mountaineering&amp;#39;s" in a meta tag) and JSON-LD strings written with HTML entities.
 * Decoded once, for every metadata field, at extraction.
 */
export function decodeEntities(text: string): string {
  return /&(#\d+|#x[\da-f]+|[a-z][a-z\d]{1,31});/i.test(text) ? decodeHTML(text) : text;
}

const SPACED = new Set(['div', 'p', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'header', 'footer', 'address', 'time', 'dd', 'dt', 'table', 'tr', 'td']);

/** An element's text with a space where a block ends, so "ERIC TUCKER</div><div>Associated Press" stays two phrases. */
export function blockText(element: Element): string {
  let text = '';
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      else if (child.nodeType === 1) {
        const block = SPACED.has((child as Element).localName.toLowerCase());
        if (block) text += ' ';
        walk(child);
        if (block) text += ' ';
      }
    }
  };
  walk(element);
  return normaliseSpace(text);
}

export function classAndId(element: Element): string {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
}

/**
 * Scripts (except JSON-LD metadata), styles, inline SVG and comments never hold article text;
 * dropping them before parsing makes the DOM several times smaller on modern news pages.
 */
function stripInert(html: string): string {
  // One pass over the page for all of them (whichever starts first wins, as in a parser).
  return html
    .replace(INERT, (match, tag: string | undefined, attributes: string | undefined) =>
      tag?.toLowerCase() === 'script' && /ld\+json/i.test(attributes ?? '') ? match : '',
    )
    .replace(BLANK_BETWEEN_BLOCKS, '$1');
}

const INERT = /<(script|style|svg|noscript|template|iframe|select)\b([^>]*)>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;

/**
 * Whitespace between two block-level tags: it never reaches the text (blocks separate paragraphs
 * anyway) but becomes one DOM node each, often a third of a page's nodes.
 */
const BLOCK = '(?:div|p|ul|ol|li|dl|dt|dd|section|article|main|header|footer|nav|aside|figure|h[1-6]|table|thead|tbody|tfoot|tr|td|th|form|blockquote|head|body|html|meta|link|title|script|br|hr)';
const BLANK_BETWEEN_BLOCKS = new RegExp(`(<\\/?${BLOCK}\\b[^>]*>)\\s+(?=<\\/?${BLOCK}\\b)`, 'gi');
