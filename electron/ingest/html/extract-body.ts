/**
 * Main-content extraction: Readability on the furniture-free page, with fallbacks (the <article>
 * element, then the element holding the most paragraph text) when Readability finds nothing.
 */
import { Readability } from '@mozilla/readability';
import { removeFurniture } from './cleanup';
import { comparableText, elementText } from './dom';

/** Below this many characters Readability's pick is not trusted over the fallbacks. */
const MIN_ARTICLE_CHARS = 200;

/**
 * The article element of a page. Readability rewrites the document it reads, so the fallbacks
 * look at `reparse()`, a fresh parse of the same page, made only on the rare pages where
 * Readability's pick is too short (cheaper than cloning every page up front).
 */
export function extractBody(document: Document, title: string | null, reparse: () => Document): Element | null {
  prepare(document, title);
  let picked: Element | null = null;
  try {
    const reader = new ParleyReadability(document, { charThreshold: 500, keepClasses: false, serializer: (node: Node) => node as Element });
    const result = reader.parse();
    picked = (result?.content as Element | undefined) ?? null;
  } catch {
    picked = null;
  }
  const pickedLength = picked ? elementText(picked).length : 0;
  if (picked && pickedLength >= MIN_ARTICLE_CHARS) return picked;
  const pristine = reparse();
  prepare(pristine, title);
  const fallback = fallbackContainer(pristine);
  if (fallback && elementText(fallback).length > pickedLength) return fallback;
  return picked;
}

/**
 * Readability asks every node of the page whether it is visible through `node.style`; on linkedom
 * that builds a CSSStyleDeclaration proxy per element and parses its style attribute, about a tenth
 * of Readability's time. This answers the same question from the attributes directly (and also
 * treats `display: none !important` as hidden, as a browser does).
 */
export class ParleyReadability extends Readability<Node> {
  _isProbablyVisible(node: Element): boolean {
    const style = node.getAttribute('style');
    if (style && HIDDEN_STYLE.test(style)) return false;
    if (node.hasAttribute('hidden')) return false;
    return node.getAttribute('aria-hidden') !== 'true' || (node.getAttribute('class') ?? '').includes('fallback-image');
  }
}

/** A style attribute declaring display: none or visibility: hidden. */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

function prepare(document: Document, title: string | null): void {
  removeFurniture(document);
  if (title) isolateTitledArticle(document, title);
  narrowToArticle(document);
}

/** The <article> element, or the element whose direct <p> children hold the most text. */
function fallbackContainer(document: Document): Element | null {
  const body = document.body;
  if (!body) return null;
  let best: Element | null = null;
  let bestLength = 0;
  for (const article of Array.from(body.getElementsByTagName('article'))) {
    const length = elementText(article).length;
    if (length > bestLength) {
      best = article;
      bestLength = length;
    }
  }
  if (best && bestLength >= MIN_ARTICLE_CHARS) return best;
  const totals = new Map<Element, number>();
  for (const paragraph of Array.from(body.querySelectorAll('p, pre'))) {
    const parent = paragraph.parentElement;
    if (!parent) continue;
    totals.set(parent, (totals.get(parent) ?? 0) + elementText(paragraph).length);
  }
  for (const [parent, length] of totals) {
    if (length > bestLength) {
      best = parent;
      bestLength = length;
    }
  }
  if (best) return best;
  return elementText(body) ? body : null;
}

/**
 * Single-article pages often render "more posts" as further full <article> elements beside the
 * main one, and Readability then takes their common parent. When exactly one <article> carries the
 * page's headline, the other article elements outside it are dropped.
 */
function isolateTitledArticle(document: Document, title: string): void {
  const articles = Array.from(document.getElementsByTagName('article'));
  if (articles.length < 2) return;
  const key = comparableText(title);
  if (key.length < 8) return;
  const titled = articles.filter((article) =>
    Array.from(article.querySelectorAll('h1, h2, h3')).some((heading) => {
      const headingKey = comparableText(heading.textContent ?? '');
      return headingKey.length >= 8 && (headingKey === key || key.startsWith(headingKey) || headingKey.startsWith(key));
    }),
  );
  // The innermost titled article (an outer wrapper <article> may hold the whole page).
  const main = titled.filter((article) => !titled.some((other) => other !== article && article.contains(other)));
  if (main.length !== 1) return;
  const chosen = main[0]!;
  for (const article of articles) {
    if (article === chosen || article.contains(chosen) || chosen.contains(article)) continue;
    if (elementText(article).length > 200) article.remove();
  }
}

/** Share of the page's paragraph text a container must hold to be taken as the whole article. */
const ARTICLE_SHARE = 0.85;

/**
 * Readability scores every node of the page; when one container (articleBody, <article>, <main>)
 * plainly holds the article's paragraphs, everything outside it is removed first, so Readability
 * only looks at that subtree. The innermost such container wins.
 */
function narrowToArticle(document: Document): void {
  const body = document.body;
  if (!body) return;
  // One walk: the paragraph text under every article-like container, in document order.
  const candidates: { element: Element; inside: number }[] = [];
  const walk = (element: Element): number => {
    let inside = 0;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      const childElement = child as Element;
      if (childElement.localName.toLowerCase() === 'p') inside += (childElement.textContent ?? '').trim().length;
      else if (isArticleContainer(childElement)) {
        const entry = { element: childElement, inside: 0 };
        candidates.push(entry);
        entry.inside = walk(childElement);
        inside += entry.inside;
      } else inside += walk(childElement);
    }
    return inside;
  };
  const total = walk(body);
  if (total < 500) return;
  let chosen: Element | null = null;
  for (const { element, inside } of candidates) {
    if (chosen && !chosen.contains(element)) continue;
    if (inside >= total * ARTICLE_SHARE) chosen = element;
  }
  if (!chosen) return;
  for (let node: Element = chosen; node !== body && node.parentElement; node = node.parentElement) {
    for (const sibling of Array.from(node.parentElement.childNodes)) if (sibling !== node) sibling.remove();
  }
}

/** [itemprop="articleBody"], <article>, <main> or [role="main"]. */
function isArticleContainer(element: Element): boolean {
  const tag = element.localName.toLowerCase();
  return tag === 'article' || tag === 'main' || element.getAttribute('role') === 'main' || element.getAttribute('itemprop') === 'articleBody';
}
