/**
 * DOM ⇄ document offsets for the reader. Every run of article text is rendered as one element
 * carrying `data-start` / `data-end` (its offsets in the document text) around a single text node,
 * so a DOM boundary point maps back to a document offset without re-reading the text.
 */

const SEGMENT = '[data-start]';

function segmentStart(element: Element): number {
  return Number(element.getAttribute('data-start'));
}
function segmentEnd(element: Element): number {
  return Number(element.getAttribute('data-end'));
}

/** The document offset of a DOM boundary point inside `root`, or null when it lies outside. */
export function pointToOffset(root: Element, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const segment = node.parentElement?.closest(SEGMENT);
    if (segment && root.contains(segment)) return segmentStart(segment) + Math.min(offset, node.textContent?.length ?? 0);
  }
  // An element boundary (start of a paragraph, end of the article): the first segment at or after it.
  const boundary = root.ownerDocument.createRange();
  boundary.setStart(node, offset);
  const segments = root.querySelectorAll(SEGMENT);
  for (const segment of segments) {
    if (boundary.comparePoint(segment, 0) >= 0) return segmentStart(segment);
  }
  const last = segments[segments.length - 1];
  return last ? segmentEnd(last) : null;
}

/** The document span of a DOM range inside `root`, or null when the range leaves it or is empty. */
export function rangeToOffsets(root: Element, range: Range): { start: number; end: number } | null {
  if (range.collapsed) return null;
  const start = pointToOffset(root, range.startContainer, range.startOffset);
  const end = pointToOffset(root, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** The first element rendering a document offset (to scroll an annotation into view). */
export function elementAt(root: Element, offset: number): HTMLElement | null {
  for (const segment of root.querySelectorAll<HTMLElement>(SEGMENT)) {
    if (segmentStart(segment) <= offset && segmentEnd(segment) > offset) return segment;
  }
  return null;
}
