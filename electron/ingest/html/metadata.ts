/**
 * Article metadata from the page head and markup: title, byline, outlet, publication date,
 * canonical URL and declared language. Read before extraction, which removes scripts (JSON-LD)
 * and bylines from the document.
 */
import type { DatePrecision } from '../types';
import { parseIsoDate, parseWrittenDate, type PublishedDate } from '../dates';
import { attr, blockText, comparableText, decodeEntities, elementText, normaliseSpace } from './dom';
import { languageFromTag } from '../language';
import { personNames } from '../byline';
import { displayOutlet, hostOf, knownOutlet, outletFromUrl } from './outlets';

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
  const { article, byId } = jsonLdArticle(document);
  const url = canonicalUrl(document, meta, article);
  const outlet = displayOutlet(outletName(document, meta, article, url));
  const { title, headline } = articleTitle(document, meta, article, outlet);
  const byline = articleByline(document, meta, article, outlet, byId, headline);
  const published = publishedDate(document, meta, article, headline);
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
    for (const part of key.toLowerCase().split(/\s+/)) if (!index.has(part)) index.set(part, normaliseSpace(decodeEntities(content)));
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
    // Broken JSON-LD is common (an unescaped quote in a description): salvage its dates.
    if (parsed !== undefined) visit(parsed);
    else {
      const salvaged: JsonObject = { '@type': 'Article' };
      for (const key of ['headline', 'datePublished']) {
        const match = new RegExp(`"${key}"\\s*:\\s*"([^"]{1,300})"`).exec(source);
        if (match) salvaged[key] = match[1];
      }
      if (salvaged.datePublished) objects.push(salvaged);
    }
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

/**
 * The page's main entity: of the article objects, the first with a headline and a publication
 * date (a page may also describe related articles), else the first with a date, else the first.
 * `byId` resolves references such as `"author": {"@id": "#/schema/person/…"}` (Yoast's graphs).
 */
function jsonLdArticle(document: Document): { article: JsonObject | null; byId: Map<string, JsonObject> } {
  const objects = jsonLdObjects(document);
  const byId = new Map<string, JsonObject>();
  for (const object of objects) if (typeof object['@id'] === 'string' && Object.keys(object).length > 1) byId.set(object['@id'], object);
  const articles = objects.filter((object) => typesOf(object).some((type) => ARTICLE_TYPES.test(type)));
  const dated = (object: JsonObject) => parseIsoDate(stringOf(object.datePublished)) !== null;
  const webPage = objects.find((object) => typesOf(object).includes('WebPage') && (object.headline || dated(object)));
  const article = articles.find((object) => object.headline && dated(object)) ?? articles.find(dated) ?? articles[0] ?? webPage ?? null;
  // Yoast graphs date the WebPage and leave the Article undated.
  if (article && !dated(article) && webPage && dated(webPage)) return { article: { ...article, datePublished: webPage.datePublished }, byId };
  return { article, byId };
}

function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return normaliseSpace(decodeEntities(value)) || null;
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

/**
 * The page's own address. A canonical link or og:url that points at the site's home page (a
 * template default) is not the article's address when another source names a deeper one.
 */
function canonicalUrl(document: Document, meta: Map<string, string>, article: JsonObject | null): string | null {
  const mainEntity = article?.mainEntityOfPage;
  const candidates = [
    httpUrl(attr(document.querySelector('link[rel~="canonical"]'), 'href')),
    httpUrl(meta.get('og:url')),
    httpUrl(typeof article?.url === 'string' ? article.url : null),
    httpUrl(typeof mainEntity === 'string' ? mainEntity : stringOf((mainEntity as JsonObject | undefined)?.['@id'])),
  ].filter((url): url is string => url !== null);
  return candidates.find((url) => !isSiteRoot(url)) ?? candidates[0] ?? null;
}

function isSiteRoot(url: string): boolean {
  const parsed = new URL(url);
  return /^\/?(index\.\w+)?$/.test(parsed.pathname) && !parsed.search;
}

/**
 * The name analysts call the outlet by: the maintained table of common outlets first (their own
 * short names, not legal names), then what the page calls its site (og:site_name, the JSON-LD
 * publisher, the brand in the title), without taglines; a bare host last.
 */
function outletName(document: Document, meta: Map<string, string>, article: JsonObject | null, url: string | null): string | null {
  const host = hostOf(url);
  const known = knownOutlet(host);
  if (known) return known;
  const brand = brandInTitle(normaliseSpace(decodeEntities(document.title ?? '')), host);
  for (const raw of [meta.get('og:site_name'), stringOf(article?.publisher), meta.get('application-name'), meta.get('publisher'), meta.get('dc.publisher')]) {
    const name = siteName(raw, host);
    if (!name) continue;
    // "cleveland" beside a title that ends "- cleveland.com": the brand as the site writes it.
    if (brand && comparableText(brand).startsWith(comparableText(name)) && brand.length > name.length && /\.\w{2,3}$/.test(brand)) return brand;
    return name;
  }
  return brand ?? outletFromUrl(url);
}

const SITE_SEPARATOR = /\s+[|–—:·•-]\s+/;

/** A site name without its tagline ("LinkNaija | Nigeria's popular news platform" → "LinkNaija"); null for a URL. */
function siteName(raw: string | null | undefined, host: string | null): string | null {
  if (!raw) return null;
  const value = normaliseSpace(raw);
  if (!value || /^(https?:)?\/\//i.test(value) || value.length > 80) return null;
  const parts = value.split(SITE_SEPARATOR);
  if (parts.length === 1) return value;
  const label = hostLabel(host);
  const own = label ? parts.find((part) => comparableText(part) === label || comparableText(part).startsWith(label)) : undefined;
  if (own) return own;
  return parts[0]!.split(/\s+/).length <= 4 ? parts[0]! : value;
}

/** "example" for www.example.co.uk: the part of the host a brand is spelt from. */
function hostLabel(host: string | null): string | null {
  if (!host) return null;
  const parts = host.split('.');
  const label = parts.length >= 3 && /^(co|com|org|net|gov|ac)$/.test(parts[parts.length - 2]!) ? parts[parts.length - 3] : parts[parts.length - 2];
  return label && label.length >= 3 ? label.replace(/[^a-z0-9]/g, '') : null;
}

/** The brand at either end of the page title when it spells the host ("… | Live Science" on livescience.com). */
function brandInTitle(title: string, host: string | null): string | null {
  const label = hostLabel(host);
  if (!title || !label || label.length < 4) return null;
  const parts = title.split(TITLE_SEPARATORS);
  if (parts.length < 2) return null;
  for (const part of [parts[parts.length - 1]!, parts[0]!]) {
    const key = comparableText(part);
    if (part.split(/\s+/).length > 5) continue;
    if (key === label || key === `${label}com` || (key.startsWith(label) && label.length >= 6) || key === comparableText(host ?? '')) return part.trim();
  }
  return null;
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
    // A headline that merely mentions the outlet ("The Guardian view on …") is not the site name.
    const short = part.split(/\s+/).length <= (outlet?.split(/\s+/).length ?? 0) + 2;
    return (outletKey !== null && key.length > 0 && (key === outletKey || (short && key.includes(outletKey)) || outletKey.includes(key))) || /\.(com|org|net|ru|ua|co\.uk|de|fr)$/i.test(part.trim());
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

/**
 * The headline a reader sees: the page's visible <h1> when it tells the same story as a declared
 * title (og:title, JSON-LD headline, twitter:title, <title>), which are often rewritten for search
 * and social cards; else the declared title without the site's name. An <h1> that shares nothing
 * with them is a logo or a section label.
 */
function articleTitle(
  document: Document,
  meta: Map<string, string>,
  article: JsonObject | null,
  outlet: string | null,
): { title: string | null; headline: Element | null } {
  const declared = [meta.get('og:title'), stringOf(article?.headline), meta.get('twitter:title'), normaliseSpace(decodeEntities(document.title ?? '')) || null]
    .filter((value): value is string => !!value)
    .map((value) => stripSiteSuffix(value, outlet));
  const outletKey = outlet ? comparable(outlet) : null;
  const h1s = Array.from(document.getElementsByTagName('h1'))
    .map((element) => ({ element, text: normaliseSpace(decodeEntities(elementText(element))) }))
    .filter(({ text }) => text.length >= 4 && text.length <= 400 && (!outletKey || comparable(text) !== outletKey));
  if (!declared.length) {
    const first = h1s.find(({ text }) => text.length >= 8);
    return { title: first?.text ?? null, headline: first?.element ?? null };
  }
  const h1 = h1s.find(({ text }) => declared.some((title) => sameStory(text, title)));
  return h1 ? { title: h1.text, headline: h1.element } : { title: declared[0]!, headline: null };
}

const STOPWORDS = new Set(
  'a an the of in on at to for and or but is are was were be by with from as it its this that how why what who when will after over into about than your you our we he she they his her their not no new'.split(' '),
);

/** Two headlines for one story: most of the first's content words (or, unspaced scripts, character pairs) are in the second. */
export function sameStory(a: string, b: string): boolean {
  const keyA = comparable(a);
  const keyB = comparable(b);
  if (!keyA || !keyB) return false;
  if (keyA === keyB || (keyB.startsWith(keyA) && keyA.length >= 8)) return true;
  const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1 && !STOPWORDS.has(word));
  const wordsA = words(a);
  if (wordsA.length >= 2 && !/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}|\p{Script=Thai}/u.test(a)) {
    const setB = new Set(words(b));
    const shared = wordsA.filter((word) => setB.has(word) || setB.has(word.replace(/s$/, '')) || setB.has(`${word}s`)).length;
    return shared >= 2 && shared / wordsA.length >= 0.4;
  }
  const pairs = (key: string) => new Set(Array.from({ length: Math.max(0, key.length - 1) }, (_, i) => key.slice(i, i + 2)));
  const pairsA = pairs(keyA);
  const pairsB = pairs(keyB);
  const shared = [...pairsA].filter((pair) => pairsB.has(pair)).length;
  return pairsA.size > 0 && shared / pairsA.size >= 0.5;
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
  // Author boxes: "author-box__name", "authorName", "post-author-name".
  '[class*="author"][class*="name"]',
  '[class*="author"][class*="Name"]',
  '.byline',
  '.article-byline',
  '.author',
  '[class*="byline"]',
  // The article's own author box ("sdc-article-author__name"), not the "item-author-name" of teasers.
  '[class*="article-author"]',
  '[data-testid*="byline"]',
];

const LEAD_TAGS = new Set(['p', 'span', 'div', 'address', 'li', 'h3', 'h4', 'h5', 'h6']);
/** Elements looked at for a byline written in the text ("By Jane Doe"), in document order. */
const MAX_LEADS = 800;

/**
 * Blocks that hold other stories' bylines and dates, never the page's own: related and most-read
 * lists, teaser cards, comment threads, sidebars, footers, photo captions.
 */
export const ELSEWHERE =
  /(^|[\s_-])(comments?|comment-list|replies|related|recirc(ulation)?|more-stories|read-next|most-(read|popular|viewed)|trending|sidebar|side-bar|widget|outbrain|taboola|newsletter|footer|caption|figcaption)($|[\s_-])/i;
/** Card and teaser classes also wrap whole articles on some sites: they count only when they hold a linked headline. */
const TEASER = /(^|[\s_-])(card|teaser|promo|tile)($|[\s_-])/i;

function elsewhere(element: Element): boolean {
  const tag = element.localName.toLowerCase();
  if (tag === 'aside' || tag === 'footer' || tag === 'figcaption' || tag === 'nav') return true;
  const hint = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (ELSEWHERE.test(hint)) return true;
  return TEASER.test(hint) && element.querySelector('h2 a, h3 a, h4 a, a h2, a h3, a h4') !== null && element.querySelector('h1') === null;
}

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
 * first body elements that may start with "By ...". Related lists, cards and comments are not
 * walked. Elements after the headline come first: the page's own byline sits under it.
 */
function bylineCandidates(document: Document, headline: Element | null): { marked: Element[]; leads: Element[]; near: Set<Element> } {
  const marked: Element[] = [];
  const leads: Element[] = [];
  const markedBefore: Element[] = [];
  const leadsBefore: Element[] = [];
  /** Elements within the header under the headline (the first ones after it in document order). */
  const near = new Set<Element>();
  let sinceHeadline = -1;
  let afterHeadline = headline === null;
  const body = document.body;
  const walk = (parent: Element, inBody: boolean) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      if (element === headline) {
        afterHeadline = true;
        sinceHeadline = 0;
      } else if (sinceHeadline >= 0) sinceHeadline++;
      if (inBody && elsewhere(element)) continue;
      if (sinceHeadline >= 0 && sinceHeadline <= NEAR_HEADLINE) near.add(element);
      if (mightBeByline(element)) (afterHeadline ? marked : markedBefore).push(element);
      if (inBody && leads.length + leadsBefore.length < MAX_LEADS && LEAD_TAGS.has(element.localName.toLowerCase())) (afterHeadline ? leads : leadsBefore).push(element);
      walk(element, inBody || element === body);
    }
  };
  if (document.documentElement) walk(document.documentElement, false);
  return { marked: [...marked, ...markedBefore], leads: [...leads, ...leadsBefore], near };
}

/** How many elements after the headline still belong to the article header. */
const NEAR_HEADLINE = 60;

function articleByline(
  document: Document,
  meta: Map<string, string>,
  article: JsonObject | null,
  outlet: string | null,
  byId: Map<string, JsonObject>,
  headline: Element | null,
): string | null {
  const candidates: string[] = [];
  const author = article?.author ?? article?.creator;
  for (let entry of Array.isArray(author) ? author : author ? [author] : []) {
    // Yoast-style graphs name the author by reference.
    if (entry && typeof entry === 'object' && typeof (entry as JsonObject)['@id'] === 'string' && !(entry as JsonObject).name) entry = byId.get((entry as JsonObject)['@id'] as string) ?? entry;
    if (entry && typeof entry === 'object' && typesOf(entry as JsonObject).some((type) => /Organization$/.test(type))) continue;
    const name = stringOf(entry);
    if (name) candidates.push(name);
  }
  let structured = personNames(candidates, outlet);
  if (!structured.length) {
    structured = personNames(
      ['author', 'article:author', 'dc.creator', 'dcterms.creator', 'byl', 'parsely-author', 'sailthru.author', 'author.name', 'analyticsattributes.author', 'article_author'].map((key) => meta.get(key) ?? ''),
      outlet,
    );
  }
  const { names: visible, underHeadline } = visibleByline(document, outlet, headline);
  // The page's own byline often names everyone; structured data only the first author. And the
  // byline printed under the headline is who the reader is told wrote it: a CMS's author record
  // may name the account that posted the story.
  if (visible.length && underHeadline) return visible.join(', ');
  if (structured.length && visible.length > structured.length && structured.every((name) => visible.some((other) => comparable(other) === comparable(name)))) return visible.join(', ');
  if (structured.length) return structured.join(', ');
  return visible.length ? visible.join(', ') : null;
}

/** The byline printed on the page: an author slot or a "By …" line, the one under the headline first. */
function visibleByline(document: Document, outlet: string | null, headline: Element | null): { names: string[]; underHeadline: boolean } {
  // One walk finds the elements any byline selector could match, and the leading-text candidates.
  const { marked, leads, near } = bylineCandidates(document, headline);
  for (const selector of marked.length ? BYLINE_SELECTORS : []) {
    // The first slot that names someone, with its co-authors set beside it (same parent or grandparent),
    // not the bylines of video modules and teasers further down.
    for (const element of marked.filter((candidate) => candidate.matches(selector)).slice(0, 6)) {
      const names = personNames([blockText(element)].filter((text) => text.length < 160), outlet);
      if (!names.length) continue;
      const family = element.parentElement?.parentElement ?? element.parentElement;
      for (const sibling of marked) {
        if (sibling === element || !sibling.matches(selector) || !family?.contains(sibling) || sibling.contains(element) || element.contains(sibling)) continue;
        for (const name of personNames([blockText(sibling)].filter((text) => text.length < 160), outlet)) if (!names.includes(name)) names.push(name);
      }
      return { names, underHeadline: near.has(element) };
    }
  }
  // "Analysis by Jane Doe, CNN" / "By Jane Doe and John Roe" written in the page text.
  for (const element of leads) {
    if (element.children.length > 3 || !BYLINE_LEAD.test(leadingText(element))) continue;
    // The byline's own element, not a wrapper that runs it together with the date.
    if (Array.from(element.children).some((child) => BYLINE_LEAD.test(leadingText(child)))) continue;
    const text = blockText(element);
    if (text.length > 160 || !BYLINE_LEAD.test(text)) continue;
    const names = personNames([text], outlet);
    if (names.length) return { names, underHeadline: near.has(element) };
  }
  return { names: [], underHeadline: false };
}

const BYLINE_LEAD = /^\s*(((analysis|opinion|commentary|interview|story|text|words|report(ing)?|written|posted) )?(by|par|von|por|door)(\s|:|$)|(автор|авторы|текст)\s*:)/i;

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

// --- publication date ---------------------------------------------------------------------------

/** Meta tags that name the publication itself, in the order they are trusted. */
const PUBLISHED_META = ['article:published_time', 'og:published_time', 'published_time', 'article:published', 'article.published', 'og:pubdate'];
/** Other date meta tags: less specific (a bare "date" may be the crawl or update time). */
const DATE_META_KEYS = [
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published_on', 'published_at', 'publication_date', 'pdate', 'date', 'dc.date.issued', 'dc.date',
  'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date', 'article_date_original',
  'cxenseparse:recs:publishtime', 'original-publish-date', 'pub_date', 'date.release', 'og:datepublished', 'dcsext.articlefirstpublished', 'datecreated',
];

/**
 * The page's own publication date, never a related card's, a caption's, a comment's or an
 * "updated" stamp: JSON-LD datePublished of the main entity, article:published_time and its
 * kin, itemprop=datePublished, other date meta tags, a <time> or a written date in the article
 * header (right under the headline), then date slots outside related lists.
 */
function publishedDate(document: Document, meta: Map<string, string>, article: JsonObject | null, headline: Element | null): PublishedDate | null {
  const fromJsonLd = parseIsoDate(stringOf(article?.datePublished));
  if (fromJsonLd) return fromJsonLd;
  for (const key of PUBLISHED_META) {
    const parsed = parseIsoDate(meta.get(key));
    if (parsed) return parsed;
  }
  const itemprop = parseIsoDate(meta.get('datepublished'));
  if (itemprop) return itemprop;
  for (const element of Array.from(document.querySelectorAll('[itemprop="datePublished"]')).slice(0, 5)) {
    if (inElsewhere(element)) continue;
    const parsed = parseIsoDate(element.getAttribute('datetime') ?? element.getAttribute('content')) ?? parseWrittenDate(elementText(element));
    if (parsed) return parsed;
  }
  for (const key of DATE_META_KEYS) {
    const parsed = parseIsoDate(meta.get(key));
    if (parsed) return parsed;
  }
  const fromCreated = parseIsoDate(stringOf(article?.dateCreated));
  if (fromCreated) return fromCreated;
  const header = headline ? headerDate(headline) : null;
  if (header) return header;
  for (const time of Array.from(document.querySelectorAll('time[datetime]')).slice(0, 8)) {
    if (inElsewhere(time) || isUpdateStamp(time)) continue;
    const parsed = parseIsoDate(time.getAttribute('datetime'));
    if (parsed) return parsed;
  }
  const slots = Array.from(document.querySelectorAll('time, [class*="date"], [class*="time"], [class*="dateline"], [class*="published"]'))
    .filter((element) => !inElsewhere(element) && !isUpdateStamp(element))
    .slice(0, 10)
    .map((element) => elementText(element))
    .filter((text) => text.length > 0 && text.length < 120 && !UPDATED_LABEL.test(text));
  for (const text of slots) {
    const parsed = parseWrittenDate(text);
    if (parsed) return parsed;
  }
  return null;
}

const UPDATED_LABEL = /^\s*(updated|last (updated|modified)|modified|edited|aktualisiert|mis à jour|обновлено|оновлено)\b/i;

function isUpdateStamp(element: Element): boolean {
  const hint = `${element.getAttribute('class') ?? ''} ${element.getAttribute('itemprop') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return /modif|updat/i.test(hint);
}

function inElsewhere(element: Element): boolean {
  for (let node: Element | null = element; node && node.localName !== 'body'; node = node.parentElement) if (elsewhere(node)) return true;
  return false;
}

/**
 * A date written in the article header: the text that follows the headline (byline, dateline,
 * "Published …"), up to the story, skipping "Updated …" stamps and <time> elements marked as
 * modification times.
 */
function headerDate(headline: Element): PublishedDate | null {
  const segments: string[] = [];
  let length = 0;
  let skipNext = 0;
  for (let node = nextNode(headline, true); node && length < 500 && segments.length < 40; node = nextNode(node, false)) {
    if (node.nodeType === 1) {
      const element = node as Element;
      // The next headline ends the header (a repeat of this one, as some templates print it, does not).
      if ((element.localName === 'h1' || element.localName === 'h2') && comparableText(elementText(element)) !== comparableText(elementText(headline))) break;
      if (element.localName === 'time' && !isUpdateStamp(element)) {
        const parsed = parseIsoDate(element.getAttribute('datetime'));
        if (parsed && !UPDATED_LABEL.test(segments[segments.length - 1] ?? '')) return parsed;
      }
      continue;
    }
    if (node.nodeType !== 3) continue;
    const text = normaliseSpace(node.nodeValue ?? '');
    if (!text) continue;
    // A long paragraph is the story itself: the header is over.
    if (text.length > 220) break;
    length += text.length;
    if (UPDATED_LABEL.test(text)) {
      skipNext = /\d{4}/.test(text) ? 0 : 2;
      continue;
    }
    if (skipNext > 0) {
      skipNext--;
      continue;
    }
    segments.push(text);
    const parsed = parseWrittenDate(text) ?? (segments.length > 1 ? parseWrittenDate(segments.slice(-3).join(' ')) : null);
    if (parsed) return parsed;
  }
  return null;
}

/** The node after `node` in document order; `skipChildren` steps over node's own subtree. */
function nextNode(node: Node, skipChildren: boolean): Node | null {
  if (!skipChildren && node.firstChild) return node.firstChild;
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current.nextSibling) return current.nextSibling;
  }
  return null;
}

/** Fallback: a dateline at the start of the article text ("KYIV, Nov 23, 2025 (Reuters) -"). */
export function datelineFromText(text: string): PublishedDate | null {
  return parseWrittenDate(text.slice(0, 300));
}
