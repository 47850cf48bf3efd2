/** Turn an article element into paragraphs: one per block (p, heading, list item, quote, ...). */
import { normaliseSpace } from './dom';

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY',
  'THEAD', 'TFOOT', 'TR', 'UL', 'CAPTION',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME', 'OBJECT']);

export interface Paragraph {
  text: string;
  /** Tag of the innermost block the paragraph came from (P, H2, LI, ...). */
  tag: string;
  /** Share of the paragraph's characters that sit inside links. */
  linkShare: number;
  /** The block element the paragraph came from (to drop it from the display HTML too). */
  element: Element;
}

/** Walk the element in document order, cutting a new paragraph at every block boundary and <br>. */
export function paragraphsOf(root: Element): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let buffer = '';
  let linked = 0;
  let tag = 'P';
  let source: Element = root;

  const flush = () => {
    const text = normaliseSpace(buffer);
    if (text) {
      const plainLength = buffer.replace(/\s+/g, '').length || 1;
      paragraphs.push({ text, tag, linkShare: Math.min(1, linked / plainLength), element: source });
    }
    buffer = '';
    linked = 0;
  };

  const walk = (node: Node, inLink: boolean, blockTag: string, block: Element) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const value = child.nodeValue ?? '';
        if (!buffer.trim()) {
          tag = blockTag;
          source = block;
        }
        buffer += value;
        if (inLink) linked += value.replace(/\s+/g, '').length;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const name = element.tagName.toUpperCase();
      if (SKIP_TAGS.has(name)) continue;
      if (name === 'TD' || name === 'TH') {
        // A table row is one paragraph; its cells are separated by spaces.
        buffer += ' ';
        walk(element, inLink, blockTag, block);
        buffer += ' ';
        continue;
      }
      if (name === 'BR') {
        flush();
        continue;
      }
      if (BLOCK_TAGS.has(name)) {
        flush();
        walk(element, inLink, name, element);
        flush();
      } else {
        walk(element, inLink || name === 'A', blockTag, block);
      }
    }
  };
  walk(root, false, root.tagName?.toUpperCase() ?? 'DIV', root);
  flush();
  return paragraphs;
}
