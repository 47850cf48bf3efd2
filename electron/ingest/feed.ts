/**
 * RSS 2.0 / Atom reader: every item becomes an article labelled "feed.xml › item N".
 * Item HTML (content:encoded, description, Atom content) goes through the HTML reader.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { IngestError, type ExtractOptions, type ExtractedArticle } from './types';
import { escapeHtml, joinParagraphs, makeArticle } from './article';
import { cleanByline } from './byline';
import { dateToIso } from './dates';
import { readHtmlLenient } from './html/fragment';
import { httpUrl } from '../../shared/url';
import { checkNesting } from './nesting';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'category', 'author', 'dc:creator'].includes(name),
});

type Node = Record<string, unknown>;

/** Text of an element that may be a string, a {#text} node, or absent. */
function text(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || null;
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text((value as Node)['#text']);
  return null;
}

export function readFeed(xml: string, fileName: string, options: ExtractOptions = {}): ExtractedArticle[] {
  checkNesting(xml, fileName, { xml: true });
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw new IngestError('corrupt_feed', `${fileName} is not well-formed XML (line ${line}: ${msg})`);
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    throw new IngestError('corrupt_feed', `${fileName} could not be parsed as a feed (${(error as Error).message})`);
  }
  const rss = (doc['rss'] as Node | undefined)?.['channel'] as Node | undefined;
  const rdf = doc['rdf:RDF'] as Node | undefined;
  const atom = doc['feed'] as Node | undefined;
  let outlet: string | null;
  let items: Node[];
  let kind: 'rss' | 'atom';
  if (rss || rdf) {
    const channel = (rss ?? (rdf?.['channel'] as Node | undefined) ?? {}) as Node;
    outlet = text(channel['title']);
    items = ((rss ? channel['item'] : rdf?.['item']) as Node[] | undefined) ?? [];
    kind = 'rss';
  } else if (atom) {
    outlet = text(atom['title']);
    items = (atom['entry'] as Node[] | undefined) ?? [];
    kind = 'atom';
  } else {
    throw new IngestError('corrupt_feed', `${fileName} is XML but neither an RSS nor an Atom feed`);
  }
  if (items.length === 0) throw new IngestError('no_article', `${fileName} is a feed with no items`);

  const articles: ExtractedArticle[] = [];
  items.forEach((item, index) => {
    const label = `${fileName} › item ${index + 1}`;
    const article = kind === 'rss' ? rssItem(item, label, options) : atomEntry(item, label, options);
    if (article) articles.push({ ...article, outlet: article.outlet ?? outlet });
  });
  if (articles.length === 0) throw new IngestError('no_article', `${fileName}: none of its ${items.length} items has any text`);
  return articles;
}

function rssItem(item: Node, label: string, options: ExtractOptions): ExtractedArticle | null {
  const title = text(item['title']);
  const link = text(item['link']) ?? (isPermalink(item['guid']) ? text(item['guid']) : null);
  const author = text(item['dc:creator']) ?? text(item['author'])?.replace(/^\S+@\S+\s*\((.*)\)$/, '$1') ?? null;
  const date = text(item['pubDate']) ?? text(item['dc:date']);
  const body = text(item['content:encoded']) ?? text(item['description']);
  return itemArticle({ title, link, author, date, body, label, options });
}

function isPermalink(guid: unknown): boolean {
  if (!guid || typeof guid !== 'object') return typeof guid === 'string' && /^https?:\/\//.test(guid);
  return (guid as Node)['@_isPermaLink'] !== 'false' && /^https?:\/\//.test(text(guid) ?? '');
}

function atomEntry(entry: Node, label: string, options: ExtractOptions): ExtractedArticle | null {
  const links = (entry['link'] as Node[] | undefined) ?? [];
  const alternate = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
  const authors = ((entry['author'] as Node[] | undefined) ?? []).map((a) => text(a['name'])).filter(Boolean);
  const content = (entry['content'] ?? entry['summary']) as unknown;
  const type = typeof content === 'object' && content ? String((content as Node)['@_type'] ?? 'text') : 'text';
  let body = text(content);
  if (body && type === 'text') body = `<p>${escapeHtml(body)}</p>`;
  return itemArticle({
    title: text(entry['title']),
    link: typeof alternate?.['@_href'] === 'string' ? alternate['@_href'] : null,
    author: authors.join(', ') || null,
    date: text(entry['published']) ?? text(entry['updated']),
    body,
    label,
    options,
  });
}

function itemArticle(item: {
  title: string | null;
  link: string | null;
  author: string | null;
  date: string | null;
  body: string | null;
  label: string;
  options: ExtractOptions;
}): ExtractedArticle | null {
  const title = item.title ? stripTags(item.title) : null;
  const published = item.date ? dateToIso(new Date(item.date), 'minute') : null;
  let article: ExtractedArticle | null = null;
  if (item.body && /<[a-z][^>]*>/i.test(item.body)) {
    const page = `<!doctype html><html><head><title>${escapeHtml(title ?? '')}</title></head><body><article>${
      title ? `<h1>${escapeHtml(title)}</h1>` : ''
    }${item.body}</article></body></html>`;
    try {
      article = readHtmlLenient(page, item.label, item.options, 'feed');
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
    }
  } else if (item.body) {
    const body = joinParagraphs(item.body.split(/\n\s*\n/));
    if (body) article = makeArticle({ text: body, format: 'feed', label: item.label });
  }
  if (!article && !title) return null;
  const base = article ?? makeArticle({ text: '', format: 'feed', label: item.label });
  return {
    ...base,
    title: title ?? base.title,
    byline: cleanByline(item.author) ?? base.byline,
    url: httpUrl(item.link) ?? base.url,
    publishedAt: published?.publishedAt ?? base.publishedAt,
    publishedPrecision: published?.precision ?? base.publishedPrecision,
    // The headline repeated as the first paragraph is not body text.
    text: title && base.text.startsWith(`${title}\n\n`) ? base.text.slice(title.length + 2) : base.text === title ? '' : base.text,
    format: 'feed',
    label: item.label,
  };
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}
