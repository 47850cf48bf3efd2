/** HTML reader: main-content extraction, Parley's cleanup, metadata, sanitised display HTML. */
import { IngestError, type ExtractOptions, type ExtractedArticle, type SourceFormat } from '../types';
import { joinParagraphs } from '../article';
import { detectLanguage } from '../language';
import { dropFurnitureParagraphs } from './cleanup';
import { datelineFromText } from './metadata';
import { normaliseSpace, parseDocument } from './dom';
import { extractBody } from './extract-body';
import { readMetadata } from './metadata';
import { sanitizeArticle } from './sanitize';
import { httpUrl } from '../../../shared/url';
import { checkNesting } from '../nesting';
import { paragraphsOf, type Paragraph } from './paragraphs';

export { stripSiteSuffix } from './metadata';
export { personNames } from '../byline';

export interface ReadHtmlContext {
  /** Where the page came from when the file says so (MHTML Content-Location). */
  sourceUrl?: string | null;
  format?: SourceFormat;
  /** Milliseconds per stage, added to (the import benchmark profiles the reader with this). */
  timings?: Record<string, number>;
}

/** Extract one article from an HTML document (already decoded to a string). */
export function readHtml(html: string, fileName: string, options: ExtractOptions = {}): ExtractedArticle {
  return readHtmlWith(html, fileName, options, {});
}

/** readHtml with what the container knows about the page (used by the MHTML reader). */
export function readHtmlWith(html: string, fileName: string, options: ExtractOptions, context: ReadHtmlContext): ExtractedArticle {
  void options; // fileDate is deliberately not used: relative dates stay unresolved.
  if (!html.trim()) throw new IngestError('no_article', `${fileName}: the page is empty`);
  if (/[\u0000-\u0008\u000e-\u001a]/.test(html.slice(0, 2000))) {
    throw new IngestError('not_text', `${fileName}: this is binary data, not an HTML page`);
  }
  checkNesting(html, fileName);
  const lap = stopwatch(context.timings);
  const document = parseDocument(html);
  lap('parse');
  const metadata = readMetadata(document);
  const url = metadata.url ?? httpUrl(context.sourceUrl);
  lap('metadata');
  const body = extractBody(document, metadata.title, () => parseDocument(html));
  lap('body');
  const all = body ? paragraphsOf(body) : [];
  const kept = dropFurnitureParagraphs(all);
  const text = joinParagraphs(kept.map((paragraph) => paragraph.text));
  if (!text) throw new IngestError('no_article', `${fileName}: no article text found in the page`);
  if (body) removeDropped(all, kept);
  if (body && url) absolutiseLinks(body, url);
  lap('paragraphs');
  const dateline = metadata.publishedAt ? null : datelineFromText(text);
  const language = metadata.language ?? detectLanguage(text);
  lap('dateline+language');
  const display = body ? sanitizeArticle(body) : null;
  lap('sanitize');
  return {
    title: metadata.title,
    byline: metadata.byline,
    outlet: metadata.outlet,
    publishedAt: metadata.publishedAt ?? dateline?.publishedAt ?? null,
    publishedPrecision: metadata.publishedPrecision ?? dateline?.precision ?? null,
    url,
    language,
    text,
    html: display,
    format: context.format ?? 'html',
    label: fileName,
  };
}

/** Adds the time since the previous lap to `timings[stage]`; does nothing without timings. */
function stopwatch(timings: Record<string, number> | undefined): (stage: string) => void {
  if (!timings) return () => {};
  let last = performance.now();
  return (stage) => {
    const at = performance.now();
    timings[stage] = (timings[stage] ?? 0) + (at - last);
    last = at;
  };
}

/** Remove from the display DOM the blocks whose only text was a dropped furniture paragraph. */
function removeDropped(all: Paragraph[], kept: Paragraph[]): void {
  const keptSet = new Set(kept);
  const keptElements = new Set(kept.map((paragraph) => paragraph.element));
  for (const paragraph of all) {
    if (keptSet.has(paragraph) || keptElements.has(paragraph.element)) continue;
    if (normaliseSpace(paragraph.element.textContent ?? '') === paragraph.text && paragraph.element.parentNode) paragraph.element.remove();
  }
}

function absolutiseLinks(body: Element, base: string): void {
  for (const link of Array.from(body.querySelectorAll('a[href]'))) {
    try {
      link.setAttribute('href', new URL(link.getAttribute('href') ?? '', base).href);
    } catch {
      link.removeAttribute('href');
    }
  }
}
