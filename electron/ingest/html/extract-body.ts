/**
 * Main-content extraction: Readability on the furniture-free page, with fallbacks (the <article>
 * element, then the element holding the most paragraph text) when Readability finds nothing.
 */
import { Readability } from '@mozilla/readability';
import { removeFurniture } from './cleanup';
import { elementText } from './dom';

/** Below this many characters Readability's pick is not trusted over the fallbacks. */
const MIN_ARTICLE_CHARS = 200;

export function extractBody(document: Document, title: string | null): Element | null {
  removeFurniture(document);
  if (title) isolateTitledArticle(document, title);
  const fallback = fallbackContainer(document);
  let picked: Element | null = null;
  try {
    const reader = new Readability(document, { charThreshold: 500, keepClasses: false, serializer: (node: Node) => node as Element });
    const result = reader.parse();
    picked = (result?.content as Element | undefined) ?? null;
  } catch {
    picked = null;
  }
  if (picked && elementText(picked).length >= MIN_ARTICLE_CHARS) return picked;
  if (fallback && elementText(fallback).length > (picked ? elementText(picked).length : 0)) return fallback;
  return picked;
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
  if (best && bestLength >= MIN_ARTICLE_CHARS) return best.cloneNode(true) as Element;
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
  if (best) return best.cloneNode(true) as Element;
  const text = elementText(body);
  return text ? (body.cloneNode(true) as Element) : null;
}

/**
 * Single-article pages often render "more posts" as further full <article> elements beside the
 * main one, and Readability then takes their common parent. When exactly one <article> carries the
 * page's headline, the other article elements outside it are dropped.
 */
function isolateTitledArticle(document: Document, title: string): void {
  const articles = Array.from(document.getElementsByTagName('article'));
  if (articles.length < 2) return;
  const key = comparable(title);
  if (key.length < 8) return;
  const titled = articles.filter((article) =>
    Array.from(article.querySelectorAll('h1, h2, h3')).some((heading) => {
      const headingKey = comparable(heading.textContent ?? '');
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

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
