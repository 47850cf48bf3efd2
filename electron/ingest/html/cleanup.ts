/**
 * Parley's cleanup where Readability falls short: page furniture that sits inside the article
 * container (share bars, ad slots, "Most popular" lists, newsletter prompts, captions and photo
 * credits). Two passes: remove furniture elements before extraction (by role, tag, class/id
 * tokens), then drop furniture paragraphs from the extracted text (by wording).
 */
import { classAndId } from './dom';
import type { Paragraph } from './paragraphs';

/** Tags that never carry article prose. */
const FURNITURE_TAGS = ['script', 'style', 'noscript', 'template', 'svg', 'button', 'iframe', 'select', 'textarea', 'input', 'nav', 'figcaption', 'dialog'];

/**
 * Class/id tokens (split on spaces, '-', '_' and camelCase) that mark furniture. Matched as whole
 * tokens, so "shared-story" or "header" are not hit by "share" or "ad".
 */
const FURNITURE_TOKENS = new Set([
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'adslot', 'adunit', 'dfp', 'gpt', 'sponsored', 'outbrain', 'taboola', 'promo', 'promotion',
  'share', 'sharing', 'sharebar', 'social', 'sociallinks', 'socialshare',
  'newsletter', 'newsletters', 'signup', 'subscribe', 'subscription', 'registration', 'paywall', 'regwall',
  'related', 'recommended', 'recommendations', 'popular', 'mostpopular', 'trending', 'readmore', 'upnext', 'morestories',
  'caption', 'captions', 'credit', 'credits', 'photocredit',
  'breadcrumb', 'breadcrumbs', 'tags', 'topics', 'comments', 'comment', 'disqus',
  'toolbar', 'tools', 'print', 'sidebar', 'rail', 'widget', 'modal', 'overlay', 'cookie', 'consent', 'banner',
  'byline', 'author', 'authors', 'dateline', 'timestamp', 'published', 'updated',
]);

/** Pairs of adjacent tokens that mark furniture even where each token alone is too common. */
const FURNITURE_PAIRS = new Set(['read more', 'up next', 'most read', 'most popular', 'more from', 'you may', 'also like', 'see also', 'further reading', 'sign up', 'about author', 'image credit']);

/** Tokens that mean "this is the article body": never remove such a container. */
const BODY_TOKENS = new Set(['article', 'body', 'content', 'story', 'text', 'entry', 'main', 'post', 'articlebody', 'storybody', 'richtext']);

function tokensOf(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isFurnitureElement(element: Element): boolean {
  const role = element.getAttribute('role');
  if (role && /^(navigation|banner|complementary|contentinfo|dialog|menu|menubar|toolbar|search)$/i.test(role)) return true;
  if (element.getAttribute('aria-hidden') === 'true' && !element.querySelector('p')) return true;
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const tokens = tokensOf(classAndId(element));
  if (tokens.length === 0) return false;
  if (tokens.some((token) => BODY_TOKENS.has(token)) && !tokens.some((token) => token === 'related' || token === 'promo' || token === 'ad' || token === 'ads')) return false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (FURNITURE_TOKENS.has(token)) return true;
    const next = tokens[i + 1];
    if (next && FURNITURE_PAIRS.has(`${token} ${next}`)) return true;
  }
  return false;
}

/**
 * Remove furniture elements from the page before main-content extraction. An element that holds a
 * large share of the page's paragraph text is never furniture, whatever its class says: layout
 * wrappers are often named after ads or sidebars ("Page-ad-margins", "sticky-sidebar").
 *
 * Two walks over the tree (prose lengths, then removal) rather than a selector query per rule:
 * on a large page each query is a walk of its own.
 */
export function removeFurniture(document: Document): void {
  const root = document.documentElement;
  if (!root) return;
  const body = document.body;
  const items = listItemCaptions(body);
  const prose = proseLengths(root, items);
  const pageProse = body ? (prose.get(body) ?? 0) : 0;
  const visit = (parent: Element, inBody: boolean) => {
    let child = parent.firstChild;
    while (child) {
      const next = child.nextSibling;
      if (child.nodeType === 1) {
        const element = child as Element;
        const tag = element.localName.toLowerCase();
        if (items.has(element)) keepItemText(element);
        else if (FURNITURE_TAG_SET.has(tag)) element.remove();
        else if (inBody && !KEPT_CONTAINERS.has(tag) && (tag === 'form' || isFurnitureElement(element)) && (prose.get(element) ?? 0) <= pageProse * 0.3) element.remove();
        else visit(element, inBody || element === body);
      }
      child = next;
    }
  };
  visit(root, false);
}

const FURNITURE_TAG_SET = new Set(FURNITURE_TAGS);
/** Never removed as furniture themselves (their furniture children still are). */
const KEPT_CONTAINERS = new Set(['body', 'html', 'main', 'article']);

/**
 * Listicles and galleries ("The 20 best electric cars") are made of repeated item blocks: a
 * heading, an image and the item's text, which such pages often set as the image's caption. When
 * five or more blocks of one parent each pair a heading with a long caption, those captions are
 * the article, not photo furniture, and every item is kept.
 */
function listItemCaptions(body: Element | null): Set<Element> {
  const kept = new Set<Element>();
  if (!body) return kept;
  const byParent = new Map<Element, Element[]>();
  const selector = 'figcaption, [class*="caption"], [class*="Caption"]';
  for (const caption of Array.from(body.querySelectorAll(selector))) {
    const text = (caption.textContent ?? '').trim();
    // A photo's own caption names who took it; an item's text does not.
    if (text.length < 100 || caption.querySelector(selector) || PHOTO_WORDS.test(text)) continue;
    // The item block: the nearest ancestor (three levels up at most) that also holds a heading,
    // and holds nothing but this one item (one caption, one heading).
    let block: Element | null = caption.parentElement;
    for (let depth = 0; block && depth < 3 && !hasItemHeading(block, caption); depth++) block = block.parentElement;
    if (!block || !hasItemHeading(block, caption) || !block.parentElement) continue;
    if (block.querySelectorAll(selector).length > 1 || block.querySelectorAll('h1, h2, h3, h4, [class*="title"], [class*="heading"]').length > 2) continue;
    const siblings = byParent.get(block.parentElement) ?? [];
    siblings.push(caption);
    byParent.set(block.parentElement, siblings);
  }
  for (const captions of byParent.values()) if (captions.length >= 5) for (const caption of captions) kept.add(caption);
  return kept;
}

/** An item's caption becomes a paragraph, which Readability weighs as text (it drops blocks of images with captions). */
function keepItemText(caption: Element): void {
  const document = caption.ownerDocument;
  const paragraph = document.createElement('p');
  while (caption.firstChild) paragraph.appendChild(caption.firstChild);
  if (caption.localName.toLowerCase() === 'figcaption' && caption.parentElement?.localName.toLowerCase() === 'figure') {
    // Out of the <figure>, which Readability and the paragraph pass treat as a picture.
    caption.parentElement.after(paragraph);
    caption.remove();
  } else caption.replaceWith(paragraph);
}

const PHOTO_WORDS = /\b(credit|photograph|photographed|photo|image|getty|pictured|file|afp|reuters|ap photo|shutterstock|alamy|epa)\b/i;

function hasItemHeading(block: Element, caption: Element): boolean {
  for (const heading of Array.from(block.querySelectorAll('h2, h3, h4, [class*="title"], [class*="heading"]'))) {
    if (!caption.contains(heading) && !heading.contains(caption) && (heading.textContent ?? '').trim().length > 0) return true;
  }
  return false;
}

/** Characters of text outside links under every element, computed in one pass; furniture tags count nothing. */
function proseLengths(root: Element, kept: Set<Element> = new Set()): Map<Element, number> {
  const lengths = new Map<Element, number>();
  const walk = (element: Element, inLink: boolean): number => {
    let total = 0;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        if (!inLink) total += (child.nodeValue ?? '').trim().length;
      } else if (child.nodeType === 1) {
        const tag = (child as Element).localName.toLowerCase();
        if (FURNITURE_TAG_SET.has(tag) && !kept.has(child as Element)) continue;
        total += walk(child as Element, inLink || tag === 'a');
      }
    }
    lengths.set(element, total);
    return total;
  };
  walk(root, false);
  return lengths;
}

// --- paragraph-level rules -------------------------------------------------------------------

/** Whole paragraphs that are furniture wherever they appear. */
const FURNITURE_PARAGRAPH = new RegExp(
  [
    '^(advertisement|advert|advertising|anzeige|publicidade|publicidad|pubblicità|iklan|реклама)$',
    '^(story|article) continues (below|after)\\b',
    '^continue reading( (the )?(main )?story)?( below)?$',
    '^(skip|scroll) (to|down) ',
    '^(share|share this( article| story| page)?|share on \\w+|tweet|email|print|comments?|caption|close|home|next|previous|report (an )?error|listen|download|loading\\W*|click to tweet)$',
    '^(follow|like) (us|him|her|me|them|\\w+) on (twitter|facebook|instagram)',
    '^(read|see) (more|also)\\b.{0,160}$',
    '^\\[?(related|more)( (stories|articles|coverage|news|posts?|on this story|from \\w+))?\\s*[:|]',
    '^\\(?(photo|image|picture|video|graphic|foto)s?( credit| source)?\\s*[:|]',
    '^(image|photo|slide|picture)?\\s*\\d+\\s*(of|/)\\s*/?\\s*\\d*$',
    '^(sign up|subscribe|register)\\b.{0,200}(newsletter|inbox|e-?mail|free|updates?)',
    '^(sign up|subscribe)( now| today| here)?[.!]?$',
    // Paywall notices left where the story was cut.
    '^(subscribe|sign in|log in|register) to (keep|continue) reading\\b',
    '^this (article|story|content) is (for|only available to|exclusive to|reserved for) (paying )?(subscribers|members)\\b.{0,200}$',
    '^already (a subscriber|subscribed|a member)\\b.{0,40}$',
    '^il vous reste \\d+([.,]\\d+)?\\s*% de cet article',
    '^(get|receive) .{0,80}(newsletter|in your inbox)',
    '^(click|tap) here\\b',
    '^(©|\\(c\\)|copyright\\b)',
    '^all rights reserved',
    '^(we|you) (use|are using) cookies',
    '^\\(?(additional )?(reporting|writing) by\\b',
    '\\b(contributed|contributed reporting|contributed to this (report|story|article))\\.?\\)?$',
    '^have a (news )?tip\\b',
    '^(reach|contact|email|e-mail) (the )?(reporters?|writers?|authors?|him|her|us|me|\\w+ \\w+) (at|on|via)\\b',
    '^(by|and|от)$',
    '^(the )?(associated press|reuters|afp|agence france-presse|bloomberg|dpa|ansa|efe|xinhua|tass|ria novosti|interfax|ukrinform|pti|ians|upi|cnn wire|cnn|bbc news)$',
    // Agency-style captions: "In this Dec. 12, 2006, file photo, ..." / "FILE - In this ..."
    '^(file\\s*[-–—]\\s*)?in this (\\w+\\.? )?(\\d{1,2}, )?(\\d{4},? )?(file )?(photo|image|picture|handout)',
  ].join('|'),
  'i',
);

/** Headings that open a furniture block: everything after them up to the next prose is dropped. */
const FURNITURE_HEADING = /^(most (popular|read|viewed|shared|watched)( (today|this week|now))?|popular (now|today|this week)|read (more|next)|up next|what'?s next|don'?t miss|related( (stories|articles|coverage|content|news|topics|posts|links|videos?))?|more (stories|from|on|news|great|in)\b.{0,40}|recent (articles|posts|stories|news)|latest (news|stories|articles|videos)|you (may|might) (also )?like\W*|recommended( for you| stories)?|trending( now| stories)?|what to read next|top stories|editors'? picks?|see also|further reading|topics|tags|share this( article| story)?)\s*:?$/i;

/** A line that only states when the piece was published or updated (or an ad-hoc byline). */
function isDateOrBylineLine(text: string): boolean {
  if (text.length > 120) return false;
  if (/^([Bb]y|BY|[Pp]ar|[Vv]on|[Pp]or|[Dd]oor|[Аа]втор:?|[Вв]ід)\s+\p{Lu}[\p{L}.'’-]+(\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*([-|,·•]\s*.*)?$/u.test(text) && !/[.!?]["”’]?$/.test(text.replace(/\b(a\.m|p\.m|[A-Z])\.$/, ''))) return true;
  const stripped = text
    .toLowerCase()
    .replace(/(\d)(am|pm)\b/g, '$1 ')
    .replace(/\b(published|posted|updated|last updated|modified|created|date|on|at|by|le|el|am|um|de|del|às|alle|le|utc|gmt|est|edt|cst|cdt|pst|pdt|bst|cet|cest|ist|a\.?m\.?|p\.?m\.?|et|pt|ct)\b/g, ' ')
    .replace(/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?/g, ' ')
    .replace(/\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?/g, ' ')
    .replace(/\b(january|february|march|april|june|july|august|september|october|november|december|maret|agustus|mei|juni|juli|desember|oktober)\b/g, ' ')
    .replace(/[\d\s.,:/|()\-–—·•]+/g, ' ')
    .trim();
  const looksLikeDate = /\p{L}{3,}\.? \d{1,2}\b|\b\d{1,2}\.? \p{L}{3,}|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b|\b(19|20)\d{2}\b/u.test(text);
  return looksLikeDate && stripped.length === 0;
}

/** A photo credit line: "Name/Agency/Getty Images", "Photo: AP", "(Image credit: NASA)". */
function isCreditLine(text: string): boolean {
  if (text.length > 100 || /[.!?]$/.test(text)) return false;
  return /(getty images|\bap photo\b|\bafp\b|shutterstock|\bepa\b|\breuters\b|\bimago\b|\bcredit\b|\bphoto(graph)? by\b|\bfoto\b|\bfile photo\b|\/[\p{Lu}][\p{L}]+|©)/iu.test(text) &&
    !/\s(said|says|told|will|would|has|have|was|were|is|are)\s/i.test(text);
}

/** Drop furniture paragraphs: ad labels, share prompts, link lists, "Most popular" blocks. */
export function dropFurnitureParagraphs(paragraphs: Paragraph[]): Paragraph[] {
  const kept: Paragraph[] = [];
  let inFurnitureBlock = false;
  for (const [index, paragraph] of paragraphs.entries()) {
    const text = paragraph.text;
    if (text.length < 60 && FURNITURE_HEADING.test(text)) {
      inFurnitureBlock = true;
      continue;
    }
    if (inFurnitureBlock) {
      // A list of links under a furniture heading; real prose ends the block.
      if (paragraph.linkShare > 0.5 || paragraph.tag === 'LI' || text.length < 40 || !/[.!?]["”’]?$/.test(text)) continue;
      inFurnitureBlock = false;
    }
    if (FURNITURE_PARAGRAPH.test(text) || isDateOrBylineLine(text) || isCreditLine(text)) continue;
    if (/^\S+@\S+\.\w+$|^(https?:\/\/)?(www\.)?(twitter|x|facebook|instagram|linkedin)\.com\/\S+$/i.test(text)) continue;
    if (isLinkRun(paragraphs, index)) continue;
    kept.push(paragraph);
  }
  return kept;
}

/**
 * A paragraph made only of a link, next to another such paragraph: a list of headlines
 * ("More from ...", teasers). A single linked sentence inside prose is kept.
 */
function isLinkRun(paragraphs: Paragraph[], index: number): boolean {
  const isLinkOnly = (paragraph: Paragraph | undefined) => paragraph !== undefined && paragraph.linkShare > 0.9 && paragraph.text.length < 200;
  if (!isLinkOnly(paragraphs[index])) return false;
  return isLinkOnly(paragraphs[index - 1]) || isLinkOnly(paragraphs[index + 1]);
}

