/**
 * Article metadata from the page head and markup: title, byline, outlet, publication date,
 * canonical URL and declared language. Read before extraction, which removes scripts (JSON-LD)
 * and bylines from the document.
 */
import type { DatePrecision } from '../types';
import { parseIsoDate, parseWrittenDate, type PublishedDate } from '../dates';
import { attr, comparableText, elementText, normaliseSpace } from './dom';
import { languageFromTag } from '../language';
import { NOT_A_PERSON, outletFromUrl } from './outlets';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  outlet: string | null;
  publishedAt: string | null;
  publishedPrecision: DatePrecision | null;
  url: string | null;
  language: string | null;
}

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|SocialMediaPosting|TechArticle)$/;

export function readMetadata(document: Document): PageMetadata {
  const meta = metaIndex(document);
  const article = jsonLdArticle(document);
  const url = canonicalUrl(document, meta, article);
  const outlet = outletName(meta, article) ?? outletFromUrl(url);
  const title = articleTitle(document, meta, article, outlet);
  const byline = articleByline(document, meta, article, outlet);
  const published = publishedDate(document, meta, article);
  const language =
    languageFromTag(attr(document.documentElement, 'lang')) ??
    languageFromTag(attr(document.documentElement, 'xml:lang')) ??
    languageFromTag(meta.get('og:locale')) ??
    languageFromTag(meta.get('content-language')) ??
    languageFromTag(typeof article?.inLanguage === 'string' ? article.inLanguage : null);
  return {
    title,
    byline,
    outlet,
    publishedAt: published?.publishedAt ?? null,
    publishedPrecision: published?.precision ?? null,
    url,
    language,
  };
}

/** <meta name|property|itemprop|http-equiv = content>, first value per key, keys lowercased. */
function metaIndex(document: Document): Map<string, string> {
  const index = new Map<string, string>();
  for (const element of Array.from(document.getElementsByTagName('meta'))) {
    const key = element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop') ?? element.getAttribute('http-equiv');
    const content = element.getAttribute('content');
    if (!key || !content?.trim()) continue;
    for (const part of key.toLowerCase().split(/\s+/)) if (!index.has(part)) index.set(part, normaliseSpace(content));
  }
  return index;
}

// --- JSON-LD ------------------------------------------------------------------------------------

function jsonLdObjects(document: Document): JsonObject[] {
  const objects: JsonObject[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const object = value as JsonObject;
      objects.push(object);
      if (object['@graph']) visit(object['@graph']);
    }
  };
  for (const script of Array.from(document.getElementsByTagName('script'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    const source = (script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '');
    const parsed = parseJson(source) ?? parseJson(source.replace(/[\u0000-\u001f]+/g, ' '));
    // Broken JSON-LD is common; the other sources still apply.
    if (parsed !== undefined) visit(parsed);
  }
  return objects;
}

/**
 * JSON.parse, or undefined. The second attempt above replaces raw line breaks and tabs, which many
 * sites leave inside JSON-LD strings (an articleBody pasted as is) and JSON does not allow.
 */
function parseJson(source: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch {
    return undefined;
  }
}

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((value): value is string => typeof value === 'string');
}

function jsonLdArticle(document: Document): JsonObject | null {
  const objects = jsonLdObjects(document);
  return objects.find((object) => typesOf(object).some((type) => ARTICLE_TYPES.test(type))) ?? objects.find((object) => typesOf(object).includes('WebPage') && object.headline) ?? null;
}

function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return normaliseSpace(value) || null;
  if (Array.isArray(value)) return stringOf(value[0]);
  if (value && typeof value === 'object') return stringOf((value as JsonObject).name ?? (value as JsonObject)['@value']);
  return null;
}

// --- URL and outlet -----------------------------------------------------------------------------

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function canonicalUrl(document: Document, meta: Map<string, string>, article: JsonObject | null): string | null {
  const mainEntity = article?.mainEntityOfPage;
  return (
    httpUrl(attr(document.querySelector('link[rel~="canonical"]'), 'href')) ??
    httpUrl(meta.get('og:url')) ??
    httpUrl(typeof article?.url === 'string' ? article.url : null) ??
    httpUrl(typeof mainEntity === 'string' ? mainEntity : stringOf((mainEntity as JsonObject | undefined)?.['@id'])) ??
    null
  );
}

function outletName(meta: Map<string, string>, article: JsonObject | null): string | null {
  return meta.get('og:site_name') ?? stringOf(article?.publisher) ?? meta.get('application-name') ?? null;
}

// --- title --------------------------------------------------------------------------------------

const TITLE_SEPARATORS = /\s+[|–—:·•»-]\s+|\s+::\s+/;

/** "Talks resume in Geneva | Reuters" → "Talks resume in Geneva". */
export function stripSiteSuffix(title: string, outlet: string | null): string {
  const parts = title.split(TITLE_SEPARATORS);
  if (parts.length < 2) return title;
  const outletKey = outlet ? comparable(outlet) : null;
  const isSite = (part: string) => {
    const key = comparable(part);
    return (outletKey !== null && (key === outletKey || key.includes(outletKey) || outletKey.includes(key))) || /\.(com|org|net|ru|ua|co\.uk|de|fr)$/i.test(part.trim());
  };
  // Drop site names at either end; then a short trailing section name ("World", "Europe").
  while (parts.length > 1 && isSite(parts[parts.length - 1]!)) parts.pop();
  while (parts.length > 1 && isSite(parts[0]!)) parts.shift();
  if (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    const first = parts.slice(0, -1).join(' ');
    if (last.split(/\s+/).length <= 3 && first.split(/\s+/).length >= 4 && title.match(/\s[|·•»]\s/)) parts.pop();
  }
  // Rejoin with the separators that were in the original.
  const kept = parts.join('\u0000');
  return title.includes(parts.join(' - ')) ? parts.join(' - ') : title.includes(parts.join(': ')) ? parts.join(': ') : kept.replace(/\u0000/g, ' - ');
}

/** comparableText without a leading "The" ("The Guardian" and "Guardian" name one outlet). */
function comparable(text: string): string {
  return comparableText(text.replace(/^the\s+/i, ''));
}

function articleTitle(document: Document, meta: Map<string, string>, article: JsonObject | null, outlet: string | null): string | null {
  const declared = meta.get('og:title') ?? stringOf(article?.headline) ?? meta.get('twitter:title') ?? (normaliseSpace(document.title ?? '') || null);
  const h1s = Array.from(document.getElementsByTagName('h1')).map((h1) => elementText(h1)).filter((text) => text.length >= 8);
  if (!declared) return h1s[0] ?? null;
  const title = stripSiteSuffix(declared, outlet);
  // A visible <h1> that the declared title starts with (or equals) is the cleanest form.
  const key = comparable(title);
  const h1 = h1s.find((text) => {
    const h1Key = comparable(text);
    return h1Key.length >= 8 && (h1Key === key || (key.startsWith(h1Key) && h1Key.length > key.length * 0.6));
  });
  return h1 ?? title;
}

// --- byline -------------------------------------------------------------------------------------

const BYLINE_SELECTORS = [
  '[itemprop="author"] [itemprop="name"]',
  '[itemprop="author"]',
  '[rel="author"]',
  '.byline__name',
  '.byline-name',
  '.author-name',
  '.author__name',
  '.byline',
  '.article-byline',
  '.author',
  '[class*="byline"]',
  // The article's own author box ("sdc-article-author__name"), not the "item-author-name" of teasers.
  '[class*="article-author"]',
  '[data-testid*="byline"]',
];

const LEAD_TAGS = new Set(['p', 'span', 'div', 'address', 'li']);
/** Elements looked at for a byline written in the text ("By Jane Doe"), in document order. */
const MAX_LEADS = 800;

/** True for every element a BYLINE_SELECTORS entry matches (and a few more). */
function mightBeByline(element: Element): boolean {
  const className = element.getAttribute('class');
  if (className && /byline|author/i.test(className)) return true;
  const itemprop = element.getAttribute('itemprop');
  if (itemprop && /author|name/i.test(itemprop)) return true;
  if (element.getAttribute('rel') === 'author') return true;
  return /byline/i.test(element.getAttribute('data-testid') ?? '');
}

/**
 * In one walk of the page: the elements that might match a byline selector (by a cheap test on
 * their attributes, a superset of what the selectors match; `matches` then decides), and the
 * first body elements that may start with "By ...".
 */
function bylineCandidates(document: Document): { marked: Element[]; leads: Element[] } {
  const marked: Element[] = [];
  const leads: Element[] = [];
  const body = document.body;
  const walk = (parent: Element, inBody: boolean) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      if (mightBeByline(element)) marked.push(element);
      if (inBody && leads.length < MAX_LEADS && LEAD_TAGS.has(element.localName.toLowerCase())) leads.push(element);
      walk(element, inBody || element === body);
    }
  };
  if (document.documentElement) walk(document.documentElement, false);
  return { marked, leads };
}

function articleByline(document: Document, meta: Map<string, string>, article: JsonObject | null, outlet: string | null): string | null {
  const candidates: string[] = [];
  const author = article?.author ?? article?.creator;
  for (const entry of Array.isArray(author) ? author : author ? [author] : []) {
    if (entry && typeof entry === 'object' && typesOf(entry as JsonObject).includes('Organization')) continue;
    const name = stringOf(entry);
    if (name) candidates.push(name);
  }
  let names = personNames(candidates, outlet);
  if (names.length) return names.join(', ');
  names = personNames([meta.get('author') ?? '', meta.get('article:author') ?? '', meta.get('dc.creator') ?? '', meta.get('byl') ?? '', meta.get('parsely-author') ?? ''], outlet);
  if (names.length) return names.join(', ');
  // One walk finds the elements any byline selector could match, and the leading-text candidates.
  const { marked, leads } = bylineCandidates(document);
  for (const selector of marked.length ? BYLINE_SELECTORS : []) {
    const found = marked.filter((element) => element.matches(selector)).slice(0, 6).map((element) => elementText(element)).filter((text) => text.length < 160);
    names = personNames(found, outlet);
    if (names.length) return names.join(', ');
  }
  // "Analysis by Jane Doe, CNN" / "By Jane Doe and John Roe" written in the page text.
  for (const element of leads) {
    if (element.children.length > 3 || !BYLINE_LEAD.test(leadingText(element))) continue;
    // The byline's own element, not a wrapper that runs it together with the date.
    if (Array.from(element.children).some((child) => BYLINE_LEAD.test(leadingText(child)))) continue;
    const text = elementText(element);
    if (text.length > 160 || !/^((analysis|opinion|commentary|interview|story|text|words|report(ing)?|written) )?(by|par|von|por|door|автор:?)\s/i.test(text)) continue;
    names = personNames([text], outlet);
    if (names.length) return names.join(', ');
  }
  return null;
}

const BYLINE_LEAD = /^\s*((analysis|opinion|commentary|interview|story|text|words|report(ing)?|written) )?(by|par|von|por|door|автор:?)(\s|$)/i;

/** The first text inside an element (descending through first children), cheaply. */
function leadingText(element: Element): string {
  let node: Node | null = element.firstChild;
  for (let depth = 0; node && depth < 4; depth++) {
    if (node.nodeType === 3) {
      if ((node.nodeValue ?? '').trim()) return node.nodeValue ?? '';
      node = node.nextSibling;
      depth--;
      continue;
    }
    node = node.firstChild;
  }
  return '';
}

/** Clean byline strings down to person names: no "By", dates, outlets or "and"-joins. */
export function personNames(raw: string[], outlet: string | null): string[] {
  const names: string[] = [];
  const outletKey = outlet ? comparable(outlet) : null;
  for (const value of raw) {
    if (!value || /^https?:\/\//i.test(value.trim())) continue;
    let text = normaliseSpace(value)
      .replace(/^((analysis|opinion|commentary|interview|story|text|words|report(ing)?|written|posted|photos?) )?(by|par|von|por|door):?\s+/i, '')
      .replace(/^(автор|авторы|от)\s*:?\s+/i, '')
      .replace(/\S+@\S+/g, ' ')
      .replace(/\b(updated|published|posted)\b.*$/i, '')
      .replace(/\s*[|•·]\s.*$/, '');
    // Cut at a date or time ("Jane Doe - 11/18/19 11:04 PM", "Jane Doe, November 23, 2025").
    text = text.replace(/[\s,–—-]+(\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}:\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d+ (hr|hrs|hours?|min|mins|minutes?|days?) ago).*$/i, '');
    for (let part of text.split(/\s*(?:,|;|&|\band\b|\bи\b|\bі\b|\bund\b|\bet\b|\by\b|\be\b)\s*/i)) {
      part = part.replace(/^[\s.,:;–—-]+|[\s.,:;–—-]+$/g, '').replace(/\s+(in|in the|from|für|в|из) \p{Lu}.*$/u, '');
      if (!isPersonName(part)) continue;
      if (NOT_A_PERSON.test(part)) continue;
      const key = comparable(part);
      if (outletKey && (key === outletKey || key.includes(outletKey))) continue;
      if (!names.some((name) => comparable(name) === key)) names.push(part);
    }
  }
  return names;
}

const NAME_PARTICLE = /^(de|da|das|do|dos|del|della|di|du|la|le|van|von|der|den|ter|bin|ibn|al|el|y|st\.?|mc|o')$/i;

function isPersonName(text: string): boolean {
  if (text.length < 4 || text.length > 60) return false;
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((word) => NAME_PARTICLE.test(word) || /^[\p{Lu}][\p{L}'’.-]*$/u.test(word) || /^\p{Lu}\.$/u.test(word)) && /\p{Ll}/u.test(text);
}

// --- publication date ---------------------------------------------------------------------------

const DATE_META_KEYS = [
  'article:published_time', 'og:published_time', 'published_time', 'datepublished', 'article.published',
  'pubdate', 'publishdate', 'publish-date', 'publication_date', 'date', 'dc.date.issued', 'dc.date',
  'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date',
  'article_date_original', 'cxenseparse:recs:publishtime', 'original-publish-date',
];

function publishedDate(document: Document, meta: Map<string, string>, article: JsonObject | null): PublishedDate | null {
  for (const key of DATE_META_KEYS) {
    const parsed = parseIsoDate(meta.get(key));
    if (parsed) return parsed;
  }
  const fromJsonLd = parseIsoDate(stringOf(article?.datePublished) ?? stringOf(article?.dateCreated));
  if (fromJsonLd) return fromJsonLd;
  for (const time of Array.from(document.querySelectorAll('time[datetime], [itemprop="datePublished"]')).slice(0, 5)) {
    const parsed = parseIsoDate(time.getAttribute('datetime') ?? time.getAttribute('content'));
    if (parsed) return parsed;
  }
  const slots = Array.from(document.querySelectorAll('time, [class*="date"], [class*="time"], [class*="dateline"], [class*="published"]'))
    .slice(0, 10)
    .map((element) => elementText(element))
    .filter((text) => text.length > 0 && text.length < 120);
  for (const text of slots) {
    const parsed = parseWrittenDate(text);
    if (parsed) return parsed;
  }
  return null;
}

/** Fallback: a dateline at the start of the article text ("KYIV, Nov 23, 2025 (Reuters) -"). */
export function datelineFromText(text: string): PublishedDate | null {
  return parseWrittenDate(text.slice(0, 300));
}
