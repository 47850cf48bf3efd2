/**
 * HTML that is known to be the article already, or a snippet that may not look like a full page:
 * mammoth's DOCX output, feed items, mail bodies.
 */
import { parseHTML } from 'linkedom';
import { joinParagraphs, makeArticle, paragraphsToHtml } from '../article';
import { IngestError, type ExtractOptions, type ExtractedArticle, type SourceFormat } from '../types';
import { readHtml } from './index';
import { checkNesting } from '../nesting';

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, th, figcaption, dt, dd';

/**
 * Text of an HTML fragment as paragraphs, by block elements; no main-content detection.
 * For markup that is known to be the article already (mammoth output, feed items, mail bodies).
 */
export function htmlToParagraphs(html: string, label = 'the document'): { paragraphs: string[]; headings: Array<{ level: number; text: string }> } {
  checkNesting(html, label);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const node of document.querySelectorAll('script, style, noscript, template, iframe, object, svg')) node.remove();
  const paragraphs: string[] = [];
  const headings: Array<{ level: number; text: string }> = [];
  const blocks = [...document.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
  if (blocks.length === 0) {
    const text = (document.body?.textContent ?? '').trim();
    return { paragraphs: text ? text.split(/\n\s*\n/).map((p: string) => p.replace(/\s+/g, ' ').trim()) : [], headings };
  }
  for (const block of blocks) {
    for (const br of block.querySelectorAll('br')) br.replaceWith('\n');
    const text = (block.textContent ?? '').replace(/[ \t\r\f\v\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (!text) continue;
    const level = /^H([1-6])$/.exec(block.tagName)?.[1];
    if (level) headings.push({ level: Number(level), text });
    paragraphs.push(text);
  }
  return { paragraphs, headings };
}

/**
 * The HTML reader for a snippet that may not look like a full page (a feed item, a mail body):
 * Parley's HTML reader first, plain block text when it finds no article in so little markup.
 */
export function readHtmlLenient(html: string, label: string, options: ExtractOptions, format: SourceFormat): ExtractedArticle {
  try {
    const article = readHtml(html, label, options);
    if (article.text.trim()) return { ...article, format, label };
  } catch (error) {
    if (error instanceof IngestError && error.code === 'nested_too_deeply') throw error;
    if (!(error instanceof IngestError) && !(error instanceof Error)) throw error;
  }
  const { paragraphs, headings } = htmlToParagraphs(html, label);
  const text = joinParagraphs(paragraphs.filter((p) => p !== headings[0]?.text || headings[0].level > 2));
  if (!text) throw new IngestError('no_article', `${label} has no article text`);
  const title = /<title[^>]*>([^<]+)<\/title>/i.exec(html)?.[1]?.trim() ?? headings.find((h) => h.level <= 2)?.text ?? null;
  return makeArticle({ title, text, html: paragraphsToHtml(text), format, label });
}
