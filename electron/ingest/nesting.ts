/**
 * How deeply a page or a Word document's XML nests its elements, measured on the markup before
 * anything parses it. The DOM libraries and readers (linkedom, Readability, mammoth) walk trees
 * recursively and do work per ancestor: 100,000 nested <div>s overflow the stack, and even a
 * thousand take many seconds. Real articles nest a few dozen levels.
 */
import { IngestError } from './types';

export const MAX_NESTING = 256;

/** Elements that never hold others, and those a parser closes by itself when the next one opens. */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen',
  'p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th', 'rt', 'rp', 'optgroup', 'thead', 'tbody', 'tfoot', '!doctype',
]);

const TAG = /<(\/?)([a-zA-Z!][\w:.-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g;

/** The deepest element nesting in `markup`, stopping early once it passes `limit`. */
export function nestingDepth(markup: string, options: { xml?: boolean; limit?: number } = {}): number {
  const limit = options.limit ?? Infinity;
  let depth = 0;
  let deepest = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(markup); match; match = TAG.exec(markup)) {
    const name = match[2];
    if (!name) continue; // comment, CDATA, processing instruction
    if (match[3] === '/') continue; // <x/>
    const lower = options.xml ? name : name.toLowerCase();
    if (!options.xml && NOT_NESTING.has(lower)) continue;
    if (match[1] === '/') {
      if (depth > 0) depth--;
    } else if (++depth > deepest) {
      deepest = depth;
      if (deepest > limit) break;
    }
  }
  return deepest;
}

/** Refuse markup nested deeper than MAX_NESTING, saying so, before any recursive reader sees it. */
export function checkNesting(markup: string, what: string, options: { xml?: boolean } = {}): void {
  if (markup.length < MAX_NESTING * 3) return;
  if (nestingDepth(markup, { ...options, limit: MAX_NESTING }) > MAX_NESTING) {
    throw new IngestError(
      'nested_too_deeply',
      `${what} is nested too deeply (more than ${MAX_NESTING} levels of elements inside each other); no real article is built like that, so Parley does not read it`,
    );
  }
}
