/**
 * Plain-text and Markdown reader. Most text files analysts import are dumps copied from a news
 * page (select all, copy, paste), so besides the story they carry the page's chrome: menus,
 * sign-in prompts, share buttons, related-story lists, footers. This module finds the story by
 * line-level features and drops the rest, keeping every paragraph of the story itself.
 */
import { escapeHtml, makeArticle, joinParagraphs } from './article';
import { cleanByline } from './byline';
import { parseWrittenDate, type PublishedDate } from './dates';
import { comparableText } from './html/dom';
import { displayOutlet, NOT_A_PERSON } from './html/outlets';
import { detectLanguage } from './language';
import type { ExtractOptions, ExtractedArticle, SourceFormat } from './types';

// ---------------------------------------------------------------------------------------------
// Line classification
// ---------------------------------------------------------------------------------------------

/** Whole-line chrome: UI labels and boilerplate that are never story text when they stand alone. */
const CHROME_LINE: RegExp[] = [
  /^(sign|log) ?(in|out|up)\b/i,
  /^(register|create (an |a free )?account|my account|account|menu|search|close|open|home|skip to (main )?(content|navigation)|go to|back to top|edition|switch edition|profile|settings)\b/i,
  /^(subscribe|subscribe now|subscription|become a (member|subscriber|supporter)|support (us|the guardian)|donate|get (the|our) (app|newsletter)|sign up (for|to)|newsletter|download (the|our) app)\b/i,
  /^(this article is more than|back to (home|homepage)|.{0,30} - back to homepage)/i,
  /^(advertisement|advert|ad|sponsored( content)?|promoted|paid (post|content)|story continues (below|after)( advertisement)?|continue reading|scroll to continue)\b/i,
  /^\d+\s*(min|mins|minute|minutes)( read| listen)?$/i,
  // Section labels with a reading time ("POLITICS • 8 MIN READ") and relative stamps ("2 HR AGO").
  /^([\p{L}&' -]{1,30}\s*[•·|–—-]\s*)?\d+\s*(min|mins|minute|minutes)\.?\s*(read|listen|watch)$/iu,
  /^(updated|published|posted)?\s*\d+\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wks?|weeks?)\s+ago$/i,
  /^(just now|moments ago|yesterday|today)$/i,
  // A menu glyph and the section's name ("☰ Politics", "≡ World").
  /^[\p{So}\p{Sm}]\s*[\p{L}&' -]{1,40}$/u,
  // A photo credit on its own line: "(Alex Brandon/AP)", "Jane Roe/Reuters", "(Photo: Agency)".
  /^\(?\s*\p{Lu}[\p{L}.'’ -]{1,50}\s*\/\s*[\p{L}][\p{L}0-9 .&'’-]{1,50}\)?$/u,
  /^\((photo|image|picture|credit|foto|фото)\b[^)]*\)$/iu,
  /^(listen( to (this )?article)?|play( video)?|watch( now| live)?|video|audio|duration|\d+:\d\d( min)?)\b/i,
  /^(share|share (this|on|via|article|story)|copy link|link copied|email|print|save|bookmark|comment(s)?|facebook|twitter|x|whatsapp|telegram|linkedin|reddit|flipboard|vk|ok|gift (this )?article)\b\W*$/i,
  /^(read more|read next|up next|next up|more on this story|more from|more stories|related( stories| articles| coverage| content| topics| links| news)?|see also|also read|recommended( for you)?|you may (also )?like|most (popular|read|viewed|shared|commented)|trending|top stories|latest( news| stories)?|don't miss|editor'?s picks|in pictures|explore more on these topics|topics|tags)\b.*$/i,
  /^(©|\(c\)|copyright\b|all rights reserved)/i,
  /\ball rights reserved\.?$/i,
  /\b(we use cookies|this (web)?site uses cookies|cookie (policy|settings|preferences)|accept (all )?cookies|manage (cookies|preferences)|reject all|accept all)\b/i,
  /^(privacy( policy| notice)?|terms( of (use|service))?|terms (and|&) conditions|contact us|about us|careers|help|accessibility|sitemap|advertise( with us)?|corrections|our standards:?|the trust principles|cookies)\b.*$/i,
  /^(follow (us|reuters|bbc|the guardian)|follow on|join (us|the conversation))\b/i,
  /^(image|photo|photograph|picture|video|фото|видео)\s*(source|caption)?\s*[:,]/i,
  // Russian-language UI (\b does not work for Cyrillic, hence the lookaheads with /u).
  /^(войти|вход|регистрация|подписаться|подписка|подпишитесь|реклама|поделиться|читайте также|читать также|читать далее|самое (читаемое|популярное)|популярное|главное|новости партнеров|ещё по теме|еще по теме|по теме|все новости|следите за|наши соцсети|все права защищены|мы используем (файлы )?cookie|комментарии)(?![\p{L}]).*$/iu,
  /(все права защищены|использование материалов|использовании материалов)/iu,
  /^\d+\s*мин\.?(\s*(чтения|на чтение))?$/iu,
  // Share bars and list markers as screen readers and copy-paste see them.
  /^(copy|copied|link copied!?|share\d*|save|follow:?|see all topics|ad feedback|feedback|end of list|list of \d+ items|list \d+ of \d+|click here to share on social media)$/i,
  /^(source|sources|источник|quelle)\s*:\s*[\p{L} .&-]{2,60}$/iu,
  // A lone agency or picture-desk name under a photo.
  /^(reuters|afp|ap|epa|epa-efe|dpa|getty images|anadolu( agency)?|pa media|bloomberg|ria novosti|ria|tass|ukrinform|shutterstock|alamy|imago)$/i,
  /^(read also|see also|also read|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|auch interessant)\b.*$/i,
  /^(note from the author|become a (member|subscriber|patron|supporter))\b.*$/i,
  // French and German UI.
  /^(s'abonner|se connecter|partager|offrir l'article|lire plus tard|article réservé aux abonnés|réservé aux abonnés|lecture \d+ min\.?|contribuer|anmelden|abonnieren|menü|zur merkliste hinzufügen|link kopieren|e-mail|x\.com|messenger|teilen|artikel verschenken|merken|\d+ min\.? lesezeit)$/i,
  /^(spiegel\+|f\+|z\+|foto|bild|photo|quelle)\s*:\s*.*$/i,
];

/** Section headers after which a list of links follows (dropped together with the list). */
const LIST_HEADER =
  /^(most (popular|read|viewed|shared)|related( stories| articles| coverage| content| topics)?|read more|more on this story|more from [\p{L} ]+|more stories|up next|recommended|you may (also )?like|top stories|latest( news| stories)?|trending( now)?|editor'?s picks|explore more on these topics|topics|читайте также|самое (читаемое|популярное)|ещё по теме|еще по теме|по теме|популярное|главное)(?![\p{L}])/iu;

/** "Comments (3)", "12 comments", "Join the conversation", "Leave a reply", "Комментарии". */
const COMMENTS_HEADING =
  /^((\d+\s+)?(reader )?comments?(\s*\(\d+\))?|show comments|view comments|join the (conversation|discussion)|leave a (reply|comment)|post a comment|what do you think\??|комментари[иейя]\s*(\(\d+\))?|коментар[іи]\s*(\(\d+\))?|kommentare?\s*(\(\d+\))?|commentaires?\s*(\(\d+\))?)\s*:?$/iu;

const PHOTO_CREDIT =
  /((photograph|photo|picture|image|фото)\s*:\s*[^.]{2,80}|\b[A-Z]{3,}\/[A-Z][\p{L} .'-]+|getty images|via getty|\bap photo\b[^.]*|\(photo by [^)]*\))\s*$/iu;

interface Unit {
  text: string;
  /** A blank line follows in the file (a headline set apart from the story). */
  blankAfter: boolean;
  words: number;
  /** The line was a Markdown heading (level) or a list item that is nothing but a link. */
  heading: number;
  linkOnly: boolean;
  listItem: boolean;
  chrome: boolean;
  prose: boolean;
}

/** A line that ends a sentence, in Latin, Cyrillic, Arabic (؟) and CJK (。！？) punctuation. */
const TERMINAL = /[.!?…:;。！？｡؟۔]["'”’»)\]」』）】》〉]*$|["”»」』]$/u;

/** Scripts written without spaces between words: their length is counted in characters. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;

/**
 * Words in a line. Chinese and Japanese (about 1.5 characters a word) and Thai, Lao, Khmer and
 * Burmese (about 4) have no spaces between words: their characters count instead, so that a
 * paragraph of Japanese weighs what a paragraph of English does.
 */
function wordCount(text: string): number {
  const unspaced = text.match(UNSPACED);
  if (!unspaced) return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const thai = unspaced.filter((c) => /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u.test(c)).length;
  const rest = text.replace(UNSPACED, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.round((unspaced.length - thai) / 1.5 + thai / 4 + rest);
}

/** A letter with no upper or lower case (Han, kana, Thai, Arabic, Hebrew...), where case tells nothing. */
function uncased(letter: string): boolean {
  return /\p{L}/u.test(letter) && letter.toLowerCase() === letter.toUpperCase();
}

function isProse(text: string, words: number): boolean {
  if (words >= 25) return true;
  // Wire credits close the story: "Reporting by X in Geneva; Editing by Y".
  if (/^(additional )?(reporting|writing|editing|compiled|research) by\b/i.test(text) && words <= 40) return true;
  if (words < 5) return false;
  // Thai, Lao, Khmer and Burmese end sentences with a space, not a mark.
  if (!TERMINAL.test(text) && !(words >= 8 && /^[^\p{L}]*[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u.test(text))) return false;
  // "What's in the US peace plan for Ukraine?" is a teaser headline, not a paragraph.
  if (/\?["'”’»]*$/u.test(text) && words < 12) return false;
  // A sentence has lowercase function words; a title-case headline with a full stop is rare.
  // (Scripts without case — CJK, Thai, Arabic, Hebrew — are judged by length and punctuation alone.)
  if (uncased(text.replace(/^[^\p{L}]+/u, '').charAt(0))) return true;
  const tokens = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const lower = tokens.filter((w) => /^\p{Ll}/u.test(w)).length;
  return lower / Math.max(1, tokens.length) >= 0.3 || words >= 12;
}

function isChrome(text: string, words: number): boolean {
  // Gallery captions: "1 of 5 | Rubio speaks to reporters ... (AP Photo/...)".
  if (/^\d+ (of|из|sur|von) \d+\s*[|:]/iu.test(text)) return true;
  // A photo caption cut off by the page ("The president speaks aboard Air Force One on his way...").
  if (words <= 45 && /[\p{L}\p{N},](\.\.\.|…)$/u.test(text) && !/["”»]/u.test(text)) return true;
  if (/\b(become a member|support (independent|our) journalism|keep independent journalism going)\b|^il vous reste \d+([.,]\d+)?\s*% de cet article|^(this article is for subscribers only|subscribe to (keep|continue) reading)/i.test(text) && words < 60) return true;
  if (PHOTO_CREDIT.test(text) && wordCount(text.replace(PHOTO_CREDIT, '')) < 40) return true;
  if (words > 14) {
    // Long lines are story text unless they are a cookie or copyright notice.
    return /\b(we use cookies|this (web)?site uses cookies|all rights reserved|все права защищены|мы используем (файлы )?cookie)\b/i.test(text) && words < 60;
  }
  if (/^[^\p{L}]*$/u.test(text)) return true; // separators, bullets, bare numbers
  if (CHROME_LINE.some((re) => re.test(text))) return true;
  // "Sections: World | Europe | Business" style bars.
  if ((text.match(/\s[|•·]\s/g) ?? []).length >= 2) return true;
  return false;
}

function isTitleCaseShort(unit: Unit): boolean {
  if (unit.prose || unit.words === 0 || unit.words > 16) return false;
  return !TERMINAL.test(unit.text) || /\?$/.test(unit.text);
}

// ---------------------------------------------------------------------------------------------
// Markdown → lines
// ---------------------------------------------------------------------------------------------

interface RawLine {
  text: string;
  heading: number;
  linkOnly: boolean;
  listItem: boolean;
  /** A blank line follows in the file. */
  blankAfter?: boolean;
}

/** A Markdown link's text and address: the text stays in the body, the address in the display HTML. */
export interface TextLink {
  text: string;
  url: string;
}

function markdownLine(line: string, links: TextLink[] = []): RawLine {
  let text = line;
  let heading = 0;
  let listItem = false;
  const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
  if (h) {
    heading = h[1]!.length;
    text = h[2]!;
  }
  const li = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(text);
  if (li && !heading) {
    listItem = true;
    text = li[1]!;
  }
  text = text.replace(/^\s*>\s?/, '');
  text = text.replace(/!\[[^\]]*\]\([^)]*\)/g, ''); // images
  const withoutLinks = text.replace(/\[([^\]]*)\]\(((?:[^()\s]|\([^)]*\))*)(?:\s+"[^"]*")?\)/g, (_, label: string, url: string) => {
    if (label.trim() && /^https?:\/\//i.test(url)) links.push({ text: label.replace(/(\*\*|__|[*_`])/g, '').trim(), url });
    return `\u0001${label}\u0002`;
  });
  const stripped = withoutLinks.replace(/\u0001[^\u0002]*\u0002/g, '').replace(/[\s|·•,-]/g, '');
  const hasLink = withoutLinks.includes('\u0001');
  text = withoutLinks
    .replace(/[\u0001\u0002]/g, '')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference links
    .replace(/<\/?[a-z][^>]*>/gi, '') // inline HTML
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s("'“‘«])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?"'”’»]|$)/gu, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
  return { text, heading, linkOnly: hasLink && stripped.length === 0, listItem };
}

function isMarkdownRule(line: string): boolean {
  return /^\s{0,3}([-*_=])(\s*\1){2,}\s*$/.test(line) || /^\s*\[[^\]]+\]:\s*\S+/.test(line);
}

// ---------------------------------------------------------------------------------------------
// Lines → units (paragraphs)
// ---------------------------------------------------------------------------------------------

/**
 * A .txt that is Markdown in all but name (text copied through a Markdown-producing tool or
 * clipper): emphasis pairs, "#" headings, [text](url) links. Read as Markdown, so the marks go.
 */
export function looksLikeMarkdown(source: string): boolean {
  const sample = source.slice(0, 200_000);
  const emphasis = (sample.match(/(\*\*|__)[^\s*_][^*_\n]{0,200}?\1/g) ?? []).length;
  const headings = (sample.match(/^\s{0,3}#{1,6}\s+\S/gm) ?? []).length;
  const links = (sample.match(/\[[^\]\n]+\]\((https?:\/\/|\/)[^)\s]*\)/g) ?? []).length;
  const signals = [emphasis > 0, headings > 0, links > 0].filter(Boolean).length;
  return signals >= 2 || emphasis >= 2 || links >= 2 || headings >= 2;
}

function toUnits(source: string, markdown: boolean, links: TextLink[] = []): Unit[] {
  const lines = source
    .replace(/\r\n?/g, '\n')
    .replace(/\u00ad/g, '')
    .split('\n')
    .map((l) => l.replace(/[\t ]+$/g, ''));
  const raw: Array<RawLine | null> = lines.map((line) => {
    if (!line.trim()) return null;
    if (markdown && isMarkdownRule(line)) return null;
    const parsed = markdown ? markdownLine(line, links) : { text: line, heading: 0, linkOnly: false, listItem: false };
    parsed.text = parsed.text.replace(/\s+/g, ' ').trim();
    return parsed.text ? parsed : null;
  });

  // Hard-wrapped files (mail-style 72 columns) put one paragraph on several lines: join them.
  const lengths = raw.filter((l): l is RawLine => l !== null).map((l) => l.text.length);
  const long = lengths.filter((n) => n > 40);
  const wrapped =
    long.length >= 4 &&
    Math.max(...lengths) <= 100 &&
    long.filter((n) => n >= 55 && n <= 80).length / long.length >= 0.6 &&
    raw.some((l, i) => l !== null && raw[i + 1] != null);

  const joined: RawLine[] = [];
  let previous: RawLine | null = null;
  for (const line of raw) {
    if (line === null) {
      if (previous) previous.blankAfter = true;
      previous = null;
      continue;
    }
    const continues =
      wrapped &&
      previous !== null &&
      !previous.heading &&
      !line.heading &&
      !line.listItem &&
      (previous.text.length >= 55 || !TERMINAL.test(previous.text)) &&
      previous.text.length >= 30;
    if (continues && previous) {
      previous.text = previous.text.endsWith('-') && /^\p{Ll}/u.test(line.text)
        ? previous.text.slice(0, -1) + line.text
        : `${previous.text} ${line.text}`;
      previous.linkOnly = false;
    } else {
      const copy = { ...line };
      joined.push(copy);
      previous = copy;
    }
  }

  return joined.map((line) => {
    const words = wordCount(line.text);
    const chrome = isChrome(line.text, words);
    return {
      text: line.text,
      blankAfter: line.blankAfter === true,
      words,
      heading: line.heading,
      linkOnly: line.linkOnly,
      listItem: line.listItem,
      chrome,
      prose: !chrome && !line.linkOnly && !line.heading && isProse(line.text, words),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The story region
// ---------------------------------------------------------------------------------------------

/**
 * Choose the story: the run of units with the most prose words, where runs are broken by more
 * than three consecutive non-prose units (a menu, a list of links) or by a list header.
 */
function storyRegion(units: Unit[], headlineAt = -1): { start: number; end: number } | null {
  const regions: { start: number; end: number; score: number }[] = [];
  let start = -1;
  let last = -1;
  let score = 0;
  let gap = 0;
  const close = () => {
    if (start >= 0) regions.push({ start, end: last, score });
    start = -1;
    score = 0;
    gap = 0;
  };
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (unit.prose) {
      if (start < 0) start = i;
      last = i;
      score += unit.words;
      gap = 0;
      continue;
    }
    if (start < 0) continue;
    if (isListHeaderAt(units, i)) {
      // A list of links inside the page neither extends nor breaks the story.
      while (i + 1 < units.length && listItemLike(units[i + 1]!)) i++;
      continue;
    }
    if (!unit.chrome) gap++;
    if (gap > 3) close();
  }
  close();
  // The most prose wins; but when the headline is known, the prose right under it is the story
  // even if a longer stretch (a comment thread) follows.
  // (A region that runs through the headline, teasers above it included, starts under it.)
  const underHeadline =
    headlineAt >= 0 ? regions.find((r) => r.end > headlineAt && r.start - headlineAt <= 30 && r.score >= 30) : undefined;
  if (underHeadline) underHeadline.start = Math.max(underHeadline.start, headlineAt + 1);
  const best = underHeadline ?? regions.reduce<(typeof regions)[number] | null>((top, r) => (!top || r.score > top.score ? r : top), null);
  if (!best) return null;
  const region: { start: number; end: number } = best;
  // A short closing sentence ("Talks continue.") right after the last paragraph is still story.
  while (region.end + 1 < units.length) {
    const next = units[region.end + 1]!;
    if (next.chrome || next.linkOnly || next.heading || next.words < 2 || !/^\p{Lu}/u.test(next.text)) break;
    if (!/[.!]["'”’»)]*$/u.test(next.text) || isListHeaderAt(units, region.end + 1)) break;
    region.end++;
  }
  return region;
}

/** A line that can be an entry of a list of links: not a paragraph ending in a full stop. */
function listItemLike(unit: Unit): boolean {
  if (!unit.prose || unit.linkOnly) return true;
  return unit.words < 20 && !/[.…]["'”’»)]*$/u.test(unit.text);
}

/** A list header followed by at least two short link-like lines. */
function isListHeaderAt(units: Unit[], i: number): boolean {
  const unit = units[i]!;
  if (unit.words > 8 || !LIST_HEADER.test(unit.text.replace(/^#+\s*/, ''))) return false;
  let items = 0;
  for (let j = i + 1; j < units.length && j <= i + 12; j++) {
    const next = units[j]!;
    if (!listItemLike(next) && !next.listItem) break;
    if (!next.chrome || next.linkOnly) items++;
  }
  // "Read more: <headline>" inside a story is an inline pointer, not a list; the pointer alone goes.
  return items >= 2 || /:\s*\S/.test(unit.text);
}

/** Story text, title, byline and date from a text dump. */
function analyseTextDump(
  source: string,
  markdown: boolean,
  headline: string | null = null,
): { paragraphs: string[]; title: string | null; titleGuessed: boolean; bylineLine: string | null; dateLines: string[]; outletHint: string | null; links: TextLink[] } {
  const links: TextLink[] = [];
  const units = toUnits(source, markdown, links);
  // "Title: …" / "Headline: …" fields at the top of a plain-text file name the headline outright.
  const labelled = units.slice(0, 12).findIndex((unit) => TITLE_FIELD.test(unit.text));
  if (labelled >= 0) {
    units[labelled] = { ...units[labelled]!, text: units[labelled]!.text.replace(TITLE_FIELD, '').trim(), chrome: false, prose: false, heading: 1 };
  }
  const region = storyRegion(units, headline ? headlineIndex(units, headline) : -1);
  if (!region) return { paragraphs: [], title: null, titleGuessed: false, bylineLine: null, dateLines: [], outletHint: outletFrom(units), links };

  // A short first line set apart by a blank line above the story is the headline (wire copy, a
  // story saved as plain text), even when it reads like a sentence or ends with a quotation.
  const first = units[region.start]!;
  if (atTopOfFile(units, region.start) && headlineLine(first) && region.end > region.start && units[region.start + 1]!.prose) {
    units[region.start] = { ...first, prose: false, heading: 1 };
    region.start++;
  }

  // Byline and dates: between the headline and the first paragraphs.
  const headerFrom = Math.max(0, region.start - 25);
  let bylineLine: string | null = null;
  const dateLines: string[] = [];
  const bylineAt = new Set<number>();
  for (let i = headerFrom; i <= Math.min(units.length - 1, region.start + 2); i++) {
    const text = units[i]!.text;
    if (!bylineLine && BYLINE_START.test(text) && units[i]!.words <= 20) {
      bylineLine = text;
      bylineAt.add(i);
    }
    // "Analysis by" on a line of its own, the names on the next line (blank lines between).
    if (!bylineLine && BYLINE_LABEL.test(text) && i + 1 < units.length && !units[i + 1]!.prose && units[i + 1]!.words <= 16) {
      bylineLine = `By ${units[i + 1]!.text}`;
      bylineAt.add(i).add(i + 1);
    }
    if (text.length <= 120 && units[i]!.words <= 16) dateLines.push(text);
  }

  // Title: a Markdown H1 if any, else the first headline-like line that a byline or a date
  // follows closely (the headline block), else the first headline-like line at all.
  let title: string | null = null;
  let titleAt = -1;
  const h1 = units.findIndex((u, i) => u.heading === 1 && i < region.start && !u.chrome);
  if (h1 >= 0) {
    titleAt = h1;
  } else {
    const candidates: number[] = [];
    // Above the story only: the first paragraph is never taken as a headline.
    for (let i = headerFrom; i < region.start; i++) {
      if (isHeadline(units[i]!) && !bylineAt.has(i)) candidates.push(i);
    }
    titleAt = bestHeadline(units, candidates, region.start);
  }
  if (titleAt >= 0) title = units[titleAt]!.text;
  if (!bylineLine && titleAt >= 0) {
    for (let i = titleAt + 1; i < region.start && i <= titleAt + 8; i++) {
      const unit = units[i]!;
      if (!unit.chrome && !unit.linkOnly && namesOnlyLine(unit.text)) {
        bylineLine = unit.text;
        bylineAt.add(i);
        break;
      }
    }
  }
  // The standfirst right under the headline belongs to the story even without a full stop.
  const deck = titleAt >= 0 && titleAt + 1 < region.start ? units[titleAt + 1]! : null;
  const deckAt =
    deck && deck.words >= 8 && !deck.chrome && !deck.linkOnly && !bylineLike(deck.text) && !dateOfLine(deck.text) && !bylineAt.has(titleAt + 1)
      ? titleAt + 1
      : -1;

  const paragraphs: string[] = deckAt >= 0 ? [units[deckAt]!.text] : [];
  /** Whether a unit was dropped (chrome, a list) since the last kept paragraph: a sentence may continue across it. */
  const interrupted: boolean[] = deckAt >= 0 ? [false] : [];
  let skipped = false;
  // Readers' comments follow the story; nothing from their heading on is the article.
  const commentsAt = units.findIndex((unit, i) => i > region.start && i <= region.end && COMMENTS_HEADING.test(unit.text));
  const end = commentsAt > 0 ? commentsAt - 1 : region.end;
  const titleKey = title ? comparableText(title) : null;
  for (let i = region.start; i <= end; i++) {
    const unit = units[i]!;
    if (i === titleAt || bylineAt.has(i)) continue;
    if (isListHeaderAt(units, i)) {
      // Skip the header and the list under it, up to the next prose paragraph.
      while (i + 1 <= end && listItemLike(units[i + 1]!)) i++;
      skipped = true;
      continue;
    }
    if (unit.chrome || unit.linkOnly) {
      skipped = true;
      continue;
    }
    if (!unit.prose) {
      if (inLinkRun(units, i) || (unit.listItem && unit.words <= 3) || /^\p{L}[\p{L} ]{0,30}:$/u.test(unit.text) || bylineLike(unit.text) || BYLINE_LABEL.test(unit.text) || dateOfLine(unit.text) || STAMP_START.test(unit.text)) {
        skipped = true;
        continue;
      }
    }
    // The headline printed again as the story's first line (pages repeat it above the body).
    if (titleKey && paragraphs.length < 3 && comparableText(unit.text) === titleKey) continue;
    paragraphs.push(unit.text.replace(/^(#+\s*)/, ''));
    interrupted.push(skipped);
    skipped = false;
  }
  const joined = rejoinSplitSentences(paragraphs, interrupted);

  // Failing every headline, the first sentence stands in for one, marked as a guess.
  let titleGuessed = false;
  if (!title && joined.length) {
    const sentence = firstSentence(joined[0]!);
    if (sentence) {
      title = sentence;
      titleGuessed = true;
    }
  }
  return { paragraphs: joined, title, titleGuessed, bylineLine, dateLines, outletHint: outletFrom(units), links };
}

/**
 * The headline among the headline-like lines above the story. A whole page copied as text has
 * dozens (menus, teasers, captions): the headline is the one a byline or a date follows, that the
 * page prints twice (above the story and in its header), closest to the story, not in a run of
 * links and not a sentence ending in a full stop.
 */
function bestHeadline(units: Unit[], candidates: number[], storyStart: number): number {
  let best = -1;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const unit = units[c]!;
    const key = comparableText(unit.text);
    let score = 0;
    if (units.slice(c + 1, c + 6).some((u) => bylineLike(u.text) || BYLINE_LABEL.test(u.text) || namesOnlyLine(u.text) || (u.words <= 16 && dateOfLine(u.text) !== null))) score += 3;
    if (key.length >= 12 && units.some((u, j) => j !== c && comparableText(u.text) === key)) score += 2;
    if (inLinkRun(units, c)) score -= 3;
    if (/[^.]\.["'”’]?$/u.test(unit.text)) score -= 1.5;
    if (unit.words >= 5 && unit.words <= 22) score += 1;
    // A headline above its standfirst (a longer line right under it), not the standfirst itself.
    const next = units[c + 1];
    if (next && candidates.includes(c + 1) && next.words > unit.words) score += 1;
    if (/\([^()]*\/[^()]*\)$|\bcredit:/iu.test(unit.text)) score -= 5;
    score -= (storyStart - c) * 0.12;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

const TITLE_FIELD = /^(title|headline|hed|subject|заголовок|titre|titel|titolo|título)\s*:\s*(?=\S)/iu;
const BYLINE_LABEL = /^((analysis|opinion|commentary|perspective|review|interview|reporting|words|story|text|written|photos? and words) )?(by|von|par|por|door|автор|авторы|текст)\s*:?$/iu;

/** Nothing but chrome and a few one-to-three-word menu lines ("Home", "News") above this unit. */
function atTopOfFile(units: Unit[], at: number): boolean {
  let menu = 0;
  for (let i = 0; i < at; i++) {
    const unit = units[i]!;
    if (unit.chrome || unit.linkOnly) continue;
    if (unit.prose || unit.words > 3 || ++menu > 3) return false;
  }
  return true;
}

/** A headline on the first line: short, set apart by a blank line, not a dateline or a byline. */
function headlineLine(unit: Unit): boolean {
  if (!unit.blankAfter || unit.words < 3 || unit.words > 20 || unit.text.length > 160) return false;
  if (bylineLike(unit.text) || dateOfLine(unit.text) || STAMP_START.test(unit.text) || AGENCY.test(unit.text)) return false;
  // A wire dateline opens the story, not the headline: "MOSCOW, Nov 24 (Reuters) - …".
  if (/^\p{Lu}[\p{Lu} .'-]+(,|\s[-–—])/u.test(unit.text)) return false;
  // A full sentence ending in a full stop is the story's first paragraph.
  return !/[^.]\.$/u.test(unit.text) || unit.words <= 8;
}

const CONTINUES_AFTER = /\b(a|an|the|of|to|in|on|at|for|with|by|from|and|or|but|that|which|who|would|will|could|should|can|may|must|is|are|was|were|be|been|has|have|had|its|their|his|her|our|as|than|into|over|about|said|says|und|der|die|das|et|le|la|les|de|и|в|на|что|с)$/iu;

/**
 * Sentences an ad slot or a sign-in bar cut in two: a paragraph that stops mid-sentence (no
 * closing punctuation) and a next one that starts in lower case, or follows an unfinished phrase
 * ("… the revised text would" / "be presented …") across removed chrome, are one paragraph again.
 */
function rejoinSplitSentences(paragraphs: string[], interrupted: boolean[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const text = paragraphs[i]!;
    const previous = out[out.length - 1];
    const unfinished = previous !== undefined && !TERMINAL.test(previous) && /[\p{L}\p{N},]$/u.test(previous) && previous.split(/\s+/).length >= 4;
    const continues = /^\p{Ll}/u.test(text) || (interrupted[i] === true && previous !== undefined && CONTINUES_AFTER.test(previous));
    if (unfinished && continues) out[out.length - 1] = `${previous} ${text}`;
    else out.push(text);
  }
  return out;
}

/** The first sentence of a paragraph, if it is short enough to stand as a title. */
function firstSentence(paragraph: string): string | null {
  // A sentence ends at 。！？ or at . ! ? before a capital (not after "U.S." or "Mr.").
  const match = /^(.{12,200}?(?:[。！？]|(?<!\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|St|Jr|Sr|No))[.!?؟]["”’»)]*(?=\s+["“'‘«(]?\p{Lu}|\s*$)))/u.exec(paragraph);
  const sentence = (match ? match[1]! : paragraph.length <= 200 ? paragraph : '').trim();
  // A dateline is not part of the sentence a reader would call the headline.
  return sentence.replace(/^\p{Lu}[\p{Lu} .'-]+(?:,[^()]{0,40})?\s*(\([^)]{1,30}\))?\s*[-–—]\s*/u, '').trim() || null;
}

/** Where a known headline stands in the dump (its first line, when set on several). */
function headlineIndex(units: Unit[], headline: string): number {
  const key = comparableText(headline);
  if (key.length < 12) return -1;
  return units.findIndex((unit) => {
    const text = comparableText(unit.text);
    return text.length >= 12 && (text === key || key.startsWith(text) || text.startsWith(key));
  });
}

const BYLINE_START = /^((analysis|opinion|commentary|perspective|review|written|reporting|words|story) by|by|par|von|por|автор[ыа]?:?|текст:)\s+\p{Lu}/iu;
const STAMP_START = /^(updated|published|last updated|обновлено|опубликовано|publié|mis à jour|veröffentlicht|aktualisiert)(?![\p{L}])/iu;

function isHeadline(unit: Unit): boolean {
  if (unit.chrome || unit.linkOnly || unit.words < 4 || unit.words > 30) return false;
  if (bylineLike(unit.text) || dateOfLine(unit.text)) return false;
  if (STAMP_START.test(unit.text)) return false;
  if (/\.$/.test(unit.text) && unit.words > 14) return false;
  return /\p{Lu}/u.test(unit.text.charAt(0)) || uncased(unit.text.charAt(0)) || /^["'“«‘「『]/u.test(unit.text);
}

function bylineLike(text: string): boolean {
  return BYLINE_START.test(text) && wordCount(text) <= 20;
}

/**
 * Part of a run of three or more short non-prose lines (a menu or a list of headlines). Menu
 * items (one to three words) and headlines (four or more) form separate runs, so a headline
 * right under the section menu is not mistaken for a menu item.
 */
function inLinkRun(units: Unit[], i: number): boolean {
  const menuItem = (units[i]?.words ?? 0) <= 3;
  const shortish = (u: Unit | undefined) =>
    u !== undefined &&
    !u.chrome &&
    (u.linkOnly || (isTitleCaseShort(u) && u.words <= 3 === menuItem && !bylineLike(u.text) && !dateOfLine(u.text)));
  if (!shortish(units[i])) return false;
  if (units[i]!.linkOnly) return true;
  let before = 0;
  for (let j = i - 1; j >= 0 && shortish(units[j]); j--) before++;
  let after = 0;
  for (let j = i + 1; j < units.length && shortish(units[j]); j++) after++;
  return before + after + 1 >= 3;
}

/**
 * A header line that is nothing but person names, as broadcasters and broadsheets print bylines
 * without "By": "Paul Kirby", "Jennifer Rankin in Brussels", "Jane Doe and John Roe".
 */
function namesOnlyLine(text: string): boolean {
  if (wordCount(text) > 10 || /[.:!?|]$/.test(text) || /\d/.test(text)) return false;
  const stripped = text.replace(/\s+in\s+\p{Lu}[\p{L}-]+(\s+(and|&)\s+\p{Lu}[\p{L}-]+(?![\p{L}-])(?!\s+\p{Lu}))?/gu, '');
  const parts = stripped.split(/\s*(?:,|&|\band\b)\s*/u).filter(Boolean);
  return (
    parts.length > 0 &&
    parts.every((part) => /^\p{Lu}[\p{Ll}'’-]+(\s+(\p{Lu}\.|\p{Lu}[\p{Ll}'’-]+)){1,3}$/u.test(part) && !NOT_A_PERSON.test(part) && !PHOTO_CREDIT.test(part))
  );
}

/** A date on a line of its own (a longer line that mentions a date is story text, not a dateline). */
function dateOfLine(line: string, language: string | null = null): PublishedDate | null {
  return line.length <= 200 ? parseWrittenDate(line, language) : null;
}

const AGENCY = /\((Reuters|AP|AFP|Bloomberg|Interfax|TASS|ТАСС|РИА Новости|Интерфакс|dpa|Ukrinform|CNN)\)/;

function outletFrom(units: Unit[]): string | null {
  for (const unit of units.slice(0, 80)) {
    const agency = AGENCY.exec(unit.text);
    if (agency) return agency[1]!;
  }
  for (const unit of [...units].reverse().slice(0, 40)) {
    const copyright =
      /^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?([^.,|©]{2,60}?)(?:\s*(?:ltd|limited|inc|llc|plc|gmbh)\.?)?\s*(?:[.,|]|\s(?:or|and) its\b|all rights|$)/i.exec(
        unit.text,
      );
    const owner = copyright?.[1]?.trim();
    if (owner && !/^(all rights|the authors?)|все права|права защищены/iu.test(owner)) return displayOutlet(owner);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

/** Read a plain-text or Markdown article (already decoded). */
export function readText(
  source: string,
  fileName: string,
  options: ExtractOptions & { markdown?: boolean; /** The headline, when known from elsewhere (a printed page's title). */ headline?: string | null } = {},
): ExtractedArticle {
  const markdownName = /\.(md|markdown)$/i.test(fileName);
  const normalised = source.normalize('NFC');
  const markdown = options.markdown ?? (markdownName || looksLikeMarkdown(normalised));
  const dump = analyseTextDump(normalised, markdown, options.headline ?? null);
  const text = joinParagraphs(dump.paragraphs);
  const language = detectLanguage(text);
  let published: PublishedDate | null = null;
  const ordered = [...dump.dateLines].sort((a, b) => Number(/^updated|обновлено/i.test(a)) - Number(/^updated|обновлено/i.test(b)));
  for (const line of ordered) {
    published = dateOfLine(line, language);
    if (published) break;
  }
  const format: SourceFormat = (options.markdown ?? markdownName) ? 'markdown' : 'text';
  return makeArticle({
    ...(dump.titleGuessed ? { titleGuessed: true } : {}),
    ...(dump.links.length ? { html: htmlWithLinks(text, dump.links) } : {}),
    // "Headline | Outlet" / "Headline – Outlet": a short capitalised tail after a bar or dash is the site.
    title: dump.title ? dump.title.replace(/\s+[|–—]\s+\p{Lu}[^|–—]{1,40}$/u, (tail) => (tail.trim().split(/\s+/).length <= 5 ? '' : tail)).trim() : null,
    byline: cleanByline(dump.bylineLine),
    outlet: dump.outletHint,
    publishedAt: published?.publishedAt ?? null,
    publishedPrecision: published?.precision ?? null,
    language,
    text,
    format,
    label: fileName,
  });
}

/** Display HTML for a Markdown body: escaped paragraphs, each link's text linked to its (http/https) address. */
function htmlWithLinks(text: string, links: TextLink[]): string | null {
  if (!text) return null;
  return text
    .split('\n\n')
    .map((paragraph) => {
      let html = escapeHtml(paragraph);
      for (const link of links) {
        const label = escapeHtml(link.text);
        const at = label ? html.indexOf(label) : -1;
        // Only outside an anchor already placed in this paragraph.
        if (at < 0 || html.lastIndexOf('<a ', at) > html.lastIndexOf('</a>', at)) continue;
        html = `${html.slice(0, at)}<a href="${escapeHtml(link.url)}">${label}</a>${html.slice(at + label.length)}`;
      }
      return `<p>${html}</p>`;
    })
    .join('\n');
}
