/**
 * Parties and people: finds name phrases, resolves them against the case (its parties, aliases and
 * confirmed sources) and then the built-in gazetteer, classifies the rest (person, organisation),
 * links a surname to the full name given earlier or later, and reads a person's role and affiliation
 * from the words around the name ("Russian President Vladimir Putin", "Rustem Umerov, Ukraine's
 * chief negotiator,").
 */
import type { PartyKind } from '../../shared/model/vocabulary';
import { gazetteer, normalise, ORGANISATION_HEADS, ROLE_NOUNS, type Gazetteer } from './gazetteer';
import { ANONYMOUS_HEADS, LOCATIVE, NEVER_NAMES, REPORTING_VERBS } from './lexicon';
import type { ReadText, Token } from './text';
import type { CaseKnowledge, PartySuggestion } from './types';

export interface Entity {
  id: number;
  name: string;
  kind: PartyKind;
  mentions: Mention[];
  partyId?: string;
  sourceId?: string;
  role?: string;
  affiliation?: string;
  affiliationPartyId?: string;
  gender?: 'm' | 'f' | '?';
  confidence: number;
  rule: string;
  /** Known from the case, so it resolves before the text names it in full. */
  known: boolean;
}

export interface Mention {
  start: number;
  end: number;
  text: string;
  entity: Entity;
  rule: string;
  first: number;
  /** Token index after the mention. */
  last: number;
  sentence: number;
}

export interface PartyReading {
  entities: Entity[];
  mentions: Mention[];
  /** Mention covering each token index, if any. */
  mentionAt: (Mention | undefined)[];
  /** News outlets named in the text (spans), not parties. */
  outlets: { start: number; end: number; text: string; first: number; last: number }[];
  entityByName(name: string): Entity | undefined;
}

/** A capitalised sentence start that is never part of a name ("The U.S.", "A Ukrainian official"). */
const LEADING_FUNCTION_WORDS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'some', 'many', 'both', 'all', 'each', 'every', 'any', 'no', 'but', 'and', 'or', 'if', 'as', 'when', 'while', 'after', 'before', 'so', 'yet', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'to', 'of', 'since', 'until', 'although', 'though', 'because', 'however', 'meanwhile', 'still', 'even', 'only', 'also', 'then', 'now', 'there', 'here', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'what', 'who', 'why', 'how', 'where', 'which', 'asked', 'speaking', 'according', 'under', 'over', 'between', 'among', 'during', 'without', 'within', 'despite', 'two', 'three', 'several', 'one', 'most', 'more', 'other', 'such', 'not', 'is', 'was', 'are', 'were', 'will', 'would', 'should', 'could', 'can', 'may', 'might', 'must', 'do', 'does', 'did', 'has', 'have', 'had', 'yes', 'no', 'well', 'sources', 'officials', 'senior', 'top', 'former']);
/** Heads of place and facility names: "South China Sea", "Hoa Lo Prison", "Red Square". */
const GEO_HEADS = new Set(['sea', 'ocean', 'river', 'strait', 'gulf', 'bay', 'island', 'islands', 'mountains', 'mountain', 'peninsula', 'valley', 'lake', 'desert', 'canal', 'coast', 'plain', 'plains', 'prison', 'palace', 'square', 'street', 'avenue', 'airport', 'bridge', 'hotel', 'stadium', 'hospital', 'base', 'port', 'station', 'tower', 'hall', 'plaza', 'park', 'road', 'index', 'composite', 'region', 'province', 'district', 'oblast', 'county', 'city', 'village', 'town', 'corridor', 'crossing', 'camp', 'field', 'plant', 'dam', 'mine', 'summit', 'forum', 'conference', 'games', 'cup', 'league', 'award', 'prize', 'day', 'week', 'act', 'bill', 'law', 'accord', 'agreement', 'treaty', 'plan', 'deal', 'protocol', 'doctrine', 'initiative', 'declaration', 'charter', 'memorandum', 'convention']);
/** Words that end a title before a name ("… Minister S. Jaishankar", "… Commissioner Maroš Šefčovič"). */
const TITLE_HEADS = new Set(['minister', 'president', 'secretary', 'chancellor', 'premier', 'envoy', 'ambassador', 'spokesman', 'spokeswoman', 'spokesperson', 'commissioner', 'governor', 'chairman', 'chairwoman', 'chair', 'negotiator', 'adviser', 'advisor', 'representative', 'director', 'general', 'commander', 'prosecutor', 'speaker', 'senator', 'mayor', 'ombudsman', 'ombudswoman']);

/** Nouns a capital names the venue of ("the Doha track"). */
const VENUE_NOUNS = new Set(['track', 'talks', 'process', 'format', 'ceremony', 'summit', 'meeting', 'meetings', 'round', 'rounds', 'agreement', 'agreements', 'accord', 'accords', 'declaration', 'communique', 'communiqué', 'conference', 'framework', 'protocol', 'memorandum', 'channel', 'negotiations', 'forum', 'session', 'gathering', 'visit', 'trip', 'understanding', 'understandings', 'commitments', 'roadmap', 'document', 'text', 'statement', 'plan', 'initiative', 'group', 'venue']);
const CONNECTORS = new Set(['of', 'for', 'de', 'al', 'bin', 'ibn', 'von', 'van', 'der', 'den', 'da', 'di', 'la', 'le', 'du', 'del', 'el', 'the', 'and', 'on']);
/** Transcript and interview turn labels that are no one's name ("Interviewer:", "Moderator:"). */
const TURN_LABELS = new Set(['interviewer', 'question', 'questions', 'answer', 'moderator', 'host', 'anchor', 'presenter', 'reporter', 'journalist', 'correspondent', 'audience', 'caller', 'narrator', 'participant', 'panellist', 'panelist', 'speaker', 'unidentified', 'voice', 'translator', 'interpreter', 'editor', 'chair', 'chairman', 'chairwoman', 'q', 'a']);
/** Honorifics before a surname ("MS BRUCE:", "Mr Lammy"). */
const HONORIFIC = /^(?:mr|mrs|ms|miss|dr|sir|dame)\.?$/i;
const DATE_WORDS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'today', 'yesterday', 'tonight', 'gmt', 'utc', 'est', 'edt', 'bst', 'cet', 'cest', 'et', 'pt', 'am', 'pm']);
const NAME_PARTICLES = new Set(['al', 'bin', 'ibn', 'von', 'van', 'der', 'den', 'da', 'di', 'de', 'la', 'le', 'du', 'del', 'el', 'abu', 'bint', 'dos', 'das']);

function isCapitalised(token: Token): boolean {
  const first = token.text.charAt(0);
  return first !== first.toLowerCase() && /\p{Lu}/u.test(first);
}

function isAcronym(text: string): boolean {
  return /^[A-Z][A-Z0-9&+]{1,5}$/.test(text) && !/^[A-Z]\d*$/.test(text);
}

const ACRONYM_STOP = new Set(['TV', 'OK', 'CEO', 'GDP', 'AM', 'PM', 'GMT', 'UTC', 'BST', 'EST', 'CET', 'AI', 'FAQ', 'PDF', 'URL', 'USD', 'EUR', 'LNG', 'UAV', 'UAVS', 'ID', 'II', 'III', 'IV', 'VI', 'VII', 'DC', 'PR', 'HQ', 'MW', 'KM', 'MP', 'MPS', 'Q', 'QA', 'CCTV', 'VIP', 'ATACMS', 'HIMARS', 'GPS', 'SOS', 'NB', 'PS', 'RIP', 'COVID', 'LIVE', 'UPDATE', 'WATCH', 'READ', 'BREAKING', 'EXCLUSIVE', 'ANALYSIS', 'OPINION', 'NEW', 'THE', 'AND', 'IN', 'ON', 'FOR']);

function knownGazetteer(knowledge: CaseKnowledge): { phrases: Map<string, Entity>; entities: Entity[] } {
  const phrases = new Map<string, Entity>();
  const entities: Entity[] = [];
  const byName = new Map<string, Entity>();
  for (const party of knowledge.parties) {
    const entity: Entity = {
      id: entities.length,
      name: party.name,
      kind: party.kind,
      mentions: [],
      partyId: party.id,
      confidence: 0.95,
      rule: 'case',
      known: true,
    };
    if (party.affiliation) entity.affiliation = party.affiliation;
    entities.push(entity);
    byName.set(normalise(party.name), entity);
    for (const phrase of [party.name, ...party.aliases]) phrases.set(normalise(phrase), entity);
  }
  for (const source of knowledge.sources) {
    if (source.anonymous) continue;
    let entity = byName.get(normalise(source.name));
    if (!entity) {
      entity = { id: entities.length, name: source.name, kind: 'person', mentions: [], confidence: 0.9, rule: 'case-source', known: true };
      entities.push(entity);
      byName.set(normalise(source.name), entity);
      phrases.set(normalise(source.name), entity);
    }
    entity.sourceId = source.id;
    if (source.role && !entity.role) entity.role = source.role;
    if (source.party && !entity.affiliation) entity.affiliation = source.party;
  }
  for (const entity of entities) {
    if (entity.affiliation) {
      const party = byName.get(normalise(entity.affiliation));
      if (party?.partyId) entity.affiliationPartyId = party.partyId;
    }
  }
  return { phrases, entities };
}

function surnameOf(name: string): string | null {
  const words = name.split(/\s+/);
  if (words.length < 2) return null;
  const last = words.at(-1)!;
  // "Mohammed bin Salman" → "bin Salman" is how the press shortens it; keep the last word as well.
  if (/^\p{Lu}/u.test(last)) return last;
  // "Abdel Fattah al-Burhan" → "Burhan" (and "al-Burhan", which the caller also tries).
  const particle = /^(?:al|el|ad|ash|as|at|az|ar|an|ul|ud)-(\p{Lu}[\p{L}'’-]*)$/u.exec(last);
  return particle ? particle[1]! : null;
}

/** Finds and resolves every party and person mention in the text. */
export function readParties(read: ReadText, knowledge: CaseKnowledge): PartyReading {
  const gaz = gazetteer();
  const { tokens, text } = read;
  const known = knownGazetteer(knowledge);
  const entities: Entity[] = [...known.entities];
  const entityByKey = new Map<string, Entity>();
  for (const entity of entities) entityByKey.set(`${entity.kind === 'person' ? 'p' : 'o'}:${normalise(entity.name)}`, entity);
  const mentions: Mention[] = [];
  const outlets: PartyReading['outlets'] = [];
  /** Single-word person candidates to resolve once every full name is known. */
  const pending: { first: number; last: number; evidence: 'title' | 'speech' | 'surname-lexicon' | 'weak' | 'place'; role?: string }[] = [];

  const entityFor = (name: string, kind: PartyKind, rule: string, confidence: number): Entity => {
    const key = `${kind === 'person' ? 'p' : 'o'}:${normalise(name)}`;
    let entity = entityByKey.get(key);
    if (!entity) {
      entity = { id: entities.length, name, kind, mentions: [], confidence, rule, known: false };
      entities.push(entity);
      entityByKey.set(key, entity);
    } else if (confidence > entity.confidence && !entity.known) entity.confidence = confidence;
    return entity;
  };
  const addMention = (entity: Entity, first: number, last: number, rule: string): Mention => {
    const start = tokens[first]!.start;
    let end = tokens[last - 1]!.end;
    // "NATO." at a sentence end: the full stop is not part of the name (it is in "U.S.").
    if (text[end - 1] === '.' && !/(?:^|[\s.])\p{Lu}\.$/u.test(text.slice(start, end))) end--;
    const mention: Mention = { start, end, text: text.slice(start, end), entity, rule, first, last, sentence: tokens[first]!.sentence };
    entity.mentions.push(mention);
    mentions.push(mention);
    return mention;
  };

  // Longest phrase (in tokens, roughly) by its first word, so most capitalised words need one lookup.
  const firstWords = new Map<string, number>(gaz.firstWordLimits);
  for (const key of known.phrases.keys()) {
    const first = key.split(/[\s'-]/)[0]!;
    firstWords.set(first, Math.max(firstWords.get(first) ?? 0, key.split(/[\s'-]/).length + 2));
  }
  const phraseAt = (i: number, _limit: number): { length: number; key: string; exact: string } | null => {
    // Longest match first, within the sentence.
    const limit = firstWords.get(normalise(tokens[i]!.text).split(/['-]/)[0]!);
    if (!limit) return null;
    const sentence = tokens[i]!.sentence;
    let end = i;
    while (end < tokens.length && end - i < limit && tokens[end]!.sentence === sentence) end++;
    for (let j = end; j > i; j--) {
      if (!/[\p{L}\p{N}]/u.test(tokens[j - 1]!.text)) continue;
      const exact = text.slice(tokens[i]!.start, tokens[j - 1]!.end);
      if (/\s{2,}|\n/.test(exact)) continue;
      yieldKey.key = normalise(exact);
      if (known.phrases.has(yieldKey.key) || gaz.phrases.has(yieldKey.key) || gaz.outlets.has(yieldKey.key)) return { length: j - i, key: yieldKey.key, exact };
    }
    return null;
  };
  const yieldKey = { key: '' };

  const isSentenceStart = (i: number): boolean => {
    const token = tokens[i]!;
    if (i === 0) return true;
    const previous = tokens[i - 1]!;
    return previous.sentence !== token.sentence || /^["“‘'«([—–-]$/.test(previous.text) && (i < 2 || tokens[i - 2]!.sentence !== token.sentence);
  };

  /** Token index after the last place skipped, so "in London, Paris and Berlin" stays a list of places. */
  const placeEnds = new Set<number>();
  const isPlaceUse = (first: number, last: number, rule: string): boolean => {
    if (rule !== 'capital' && rule !== 'region' && rule !== 'metonym') return false;
    if (tokens[last]?.text === "'s" || tokens[last]?.text === '’s') return false;
    // "the Doha track", "the Istanbul talks", "the Minsk agreements": a capital naming a venue, not its government.
    if (rule === 'capital' && tokens[first - 1]?.lower === 'the' && VENUE_NOUNS.has(tokens[last]?.lower ?? '')) return true;
    let p = first - 1;
    if (tokens[p]?.lower === 'the') p--;
    const previous = tokens[p];
    if (!previous || previous.sentence !== tokens[first]!.sentence) {
      // A dateline: "MOSCOW, Nov 27 (Reuters) -", "PARIS —".
      const word = text.slice(tokens[first]!.start, tokens[last - 1]!.end);
      return rule === 'capital' && word === word.toUpperCase() && /^[\s,(—–-]/.test(text.slice(tokens[last - 1]!.end, tokens[last - 1]!.end + 2));
    }
    if (LOCATIVE.has(previous.lower) && !(previous.lower === 'to' && tokens[p - 1]?.lower === 'according')) return true;
    const following = tokens[last];
    if (previous.text === ',') return placeEnds.has(p) && !!following && (following.text === ',' || following.lower === 'and' || following.lower === 'or');
    return (previous.lower === 'and' || previous.lower === 'or') && placeEnds.has(p);
  };

  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if ((!isCapitalised(token) && !/^\d+$/.test(token.text) && !/^al-/.test(token.text)) || LEADING_FUNCTION_WORDS.has(token.lower)) {
      i++;
      continue;
    }
    // Hyphenated forms: "US-brokered", "Russian-occupied", "Kremlin-backed".
    if (token.text.includes('-') && !gaz.phrases.has(normalise(token.text))) {
      const head = token.text.split('-')[0]!;
      const entry = gaz.phrases.get(normalise(head));
      const caseEntity = known.phrases.get(normalise(head));
      if ((entry && (!entry.caseSensitive || head === head.toUpperCase())) || caseEntity) {
        const entity = caseEntity ?? entityFor(entry!.name, entry!.kind, entry!.rule, 0.8);
        const start = token.start;
        const end = token.start + head.length;
        const mention: Mention = { start, end, text: head, entity, rule: caseEntity ? 'case' : entry!.rule, first: i, last: i + 1, sentence: token.sentence };
        entity.mentions.push(mention);
        mentions.push(mention);
        i++;
        continue;
      }
    }
    const match = phraseAt(i, Math.max(gaz.maxWords, 6));
    if (match) {
      const caseEntity = known.phrases.get(match.key);
      const entry = gaz.phrases.get(match.key);
      const outlet = gaz.outlets.has(match.key) && !caseEntity;
      const last = i + match.length;
      if (outlet) {
        outlets.push({ start: tokens[i]!.start, end: tokens[last - 1]!.end, text: match.exact, first: i, last });
        i = last;
        continue;
      }
      const entryOk = entry && (!entry.caseSensitive || match.exact.replace(/\./g, '') === match.exact.replace(/\./g, '').toUpperCase()) && /^[\p{Lu}\d]/u.test(match.exact);
      if (caseEntity || entryOk) {
        // A state's name that begins an organisation's name: "Ukrainian Armed Forces", "Russian Foreign Ministry".
        const run = tokens[last]?.sentence === token.sentence ? capitalisedRun(tokens, last, gaz) : last;
        const runHead = run > last ? tokens[run - 1]!.lower : '';
        if (!caseEntity && entry && entry.kind === 'state' && run > last && ORGANISATION_HEADS.has(runHead) && !gaz.phrases.has(normalise(text.slice(tokens[last]!.start, tokens[run - 1]!.end)))) {
          const orgName = text.slice(tokens[i]!.start, tokens[run - 1]!.end);
          const entity = entityFor(orgName, 'organisation', 'state-body', 0.8);
          entity.affiliation ??= entry.name;
          addMention(entity, i, run, 'state-body');
          i = run;
          continue;
        }
        // A capital or building is a place after "in", "at", … whether the gazetteer or the case names it.
        if (entry && isPlaceUse(i, last, entry.rule)) {
          placeEnds.add(last);
          i = last;
          continue;
        }
        // "Washington Post", "Moscow State University": a capital inside a longer name.
        if (!caseEntity && entry && entry.rule === 'capital' && run > last) {
          i = run;
          continue;
        }
        const entity = caseEntity ?? entityFor(entry!.name, entry!.kind, entry!.rule, entry!.rule === 'country' ? 0.9 : entry!.rule === 'capital' ? 0.75 : 0.85);
        if (!caseEntity && entry?.affiliation) entity.affiliation ??= entry.affiliation;
        addMention(entity, i, last, caseEntity ? 'case' : entry!.rule);
        i = last;
        continue;
      }
    }
    // An unknown capitalised phrase.
    const end = capitalisedRun(tokens, i, gaz);
    if (end <= i) {
      i++;
      continue;
    }
    classify(i, end);
    i = end;
  }

  function classify(first: number, end: number): void {
    const words = tokens.slice(first, end);
    const phrase = text.slice(words[0]!.start, words.at(-1)!.end);
    const key = normalise(phrase);
    if (gaz.outlets.has(key)) {
      outlets.push({ start: words[0]!.start, end: words.at(-1)!.end, text: phrase, first, last: end });
      return;
    }
    // Leading titles: "President", "Foreign Minister", "Lt. Gen.", "Mr".
    let nameFirst = first;
    let title = '';
    for (;;) {
      let matched = 0;
      for (let length = Math.min(gaz.maxTitleWords, end - nameFirst - 1); length >= 1; length--) {
        const candidate = normalise(text.slice(tokens[nameFirst]!.start, tokens[nameFirst + length - 1]!.end));
        // "Presidents Donald Trump and Xi Jinping", "Foreign Ministers …": a plural title.
        if (gaz.titles.has(candidate) || (candidate.endsWith('s') && gaz.titles.has(candidate.slice(0, -1)) && candidate.length > 4)) {
          matched = length;
          break;
        }
      }
      if (!matched) break;
      title = text.slice(tokens[first]!.start, tokens[nameFirst + matched - 1]!.end);
      nameFirst += matched;
      // Skip a full stop token left by "Lt." when the tokeniser split it.
      while (nameFirst < end && tokens[nameFirst]!.text === '.') nameFirst++;
    }
    if (!title) {
      // "External Affairs Minister S. Jaishankar": a title the gazetteer does not list, ending in a title word.
      for (let k = end - 2; k >= first; k--) {
        if (!TITLE_HEADS.has(tokens[k]!.lower)) continue;
        if (/^\p{Lu}/u.test(tokens[k + 1]!.text) && !ORGANISATION_HEADS.has(tokens[end - 1]!.lower)) {
          title = text.slice(tokens[first]!.start, tokens[k]!.end);
          nameFirst = k + 1;
        }
        break;
      }
    }
    // "In March Dagalo announced …": a month or weekday that opens the run is no part of the name.
    while (!title && nameFirst < end - 1 && DATE_WORDS.has(tokens[nameFirst]!.lower)) nameFirst++;
    if (nameFirst >= end) return;
    // Trailing possessive or connector never ends a name.
    let nameEnd = end;
    while (nameEnd > nameFirst && CONNECTORS.has(tokens[nameEnd - 1]!.lower)) nameEnd--;
    if (nameEnd <= nameFirst) return;
    const name = tokens.slice(nameFirst, nameEnd);
    const nameText = text.slice(name[0]!.start, name.at(-1)!.end);
    const lowerWords = name.map((word) => word.lower);
    if (name.length === 1 && NEVER_NAMES.has(lowerWords[0]!)) return;
    if (/^(i|we|you|they|he|she|it|that|there|here|what|who|let)['’]/i.test(name[0]!.text)) return;
    if (lowerWords.every((word) => NEVER_NAMES.has(word) || CONNECTORS.has(word))) return;
    if (gaz.places.has(normalise(nameText)) || (name.length === 1 && gaz.places.has(lowerWords[0]!))) {
      // A known place after "in" starts a list of places: "in Geneva and Doha".
      if (LOCATIVE.has(tokens[first - 1]?.lower ?? '') || placeEnds.has(first - 1)) placeEnds.add(end);
      return;
    }
    const head = lowerWords.at(-1)!;
    // "Jean-Pierre", "Marie-Agnès": a hyphenated given name is known by its first half.
    // …unless its first half is a name of its own in the text ("the Coty-Kylie Jenner deal": Coty is the company).
    const hyphenGiven = name[1]?.text === '-' && name.length > 3 && name[1]!.start === name[0]!.end &&
      !tokens.some((other) => other.text === name[0]!.text && other.start !== name[0]!.start && text[other.end] !== '-');
    const firstName = gaz.firstNames.get(lowerWords[0]!) ?? (hyphenGiven ? gaz.firstNames.get(lowerWords[2]!) : undefined);
    const startsSentence = isSentenceStart(nameFirst);
    const next = tokens[nameEnd];
    const afterNext = tokens[nameEnd + 1];
    const speechAfter = !!next && (REPORTING_VERBS.has(next.lower) || (next.text === ',' && !!afterNext && (afterNext.lower === 'who' || afterNext.lower === 'the' || afterNext.lower === 'a')));

    if (ORGANISATION_HEADS.has(head) || lowerWords.some((word, index) => index < lowerWords.length - 1 && (word === 'ministry' || word === 'department' || word === 'office' || word === 'council' || word === 'committee'))) {
      if (name.length === 1) return; // "the Council", "Parliament" alone: too vague to propose
      if (name.length === 2 && NEVER_NAMES.has(lowerWords[0]!) && !title) return;
      const entity = entityFor(nameText, 'organisation', 'organisation-head', 0.7);
      addMention(entity, nameFirst, nameEnd, 'organisation-head');
      return;
    }
    if (name.length === 1) {
      const word = name[0]!;
      if (isAcronym(word.text) || (/^\p{Lu}{2,}$/u.test(word.text) && title)) {
        // "MS BRUCE:", "MR LAMMY:": a transcript's speaker label, a surname in capitals after an honorific.
        if (title && HONORIFIC.test(title) && /^\p{Lu}[\p{Lu}'’-]+$/u.test(word.text) && text[word.end] === ':') {
          pending.push({ first: nameFirst, last: nameEnd, evidence: 'title' });
          return;
        }
        if (ACRONYM_STOP.has(word.text) || title) return;
        const entity = entityFor(word.text, 'organisation', 'acronym', 0.55);
        addMention(entity, nameFirst, nameEnd, 'acronym');
        return;
      }
      if (/^\d/.test(word.text)) return;
      // A sentence's first word the tagger reads as a common noun is one; "Critics", "Officials" always are.
      // "• Zelensky: …", "Peskov: …": a name opening a line before a colon labels what they said.
      const lineLabel = text[word.end] === ':' && /(?:^|\n)[\s•*·–—-]*$/.test(text.slice(Math.max(0, word.start - 6), word.start)) && !gaz.commonWords.has(word.lower) && !NEVER_NAMES.has(word.lower) && !TURN_LABELS.has(word.lower);
      if (lineLabel) {
        // Unless the lexicon knows it as a surname, only as the surname of someone the text names in full ("Disclaimer:" is not).
        pending.push({ first: nameFirst, last: nameEnd, evidence: gaz.lastNames.has(word.lower) ? 'speech' : 'place' });
        return;
      }
      if (startsSentence && !title && word.pos !== 'PROPN') return;
      if (!title && ANONYMOUS_HEADS.has(word.lower)) return;
      const previous = tokens[nameFirst - 1];
      // After a place and a comma it is another place ("in Ankara, Izmir"), unless it speaks ("in Ankara, Erdoğan said").
      if (!title && previous && (LOCATIVE.has(previous.lower) || ((previous.text === ',' && !(next && (next.pos === 'VERB' || next.pos === 'AUX') && !gaz.places.has(word.lower)) || previous.lower === 'and' || previous.lower === 'or') && placeEnds.has(nameFirst - 1)))) {
        placeEnds.add(nameEnd);
        // "speak to Trump", "met with Trump": a place unless it is the surname of someone the text names in full.
        if (!gaz.places.has(word.lower)) pending.push({ first: nameFirst, last: nameEnd, evidence: 'place' });
        return;
      }
      const evidence = title && isPersonTitle(title) ? 'title' : speechAfter ? 'speech' : gaz.lastNames.has(word.lower) && !startsSentence ? 'surname-lexicon' : 'weak';
      pending.push({ first: nameFirst, last: nameEnd, evidence, ...(title ? { role: title } : {}) });
      return;
    }
    if (/^\d/.test(name[0]!.text)) return;
    if (startsSentence && !title && name.length === 2 && name[0]!.pos !== 'PROPN' && !firstName) {
      // "Officials Said" never happens, but "Senior Ukrainian" at a headline's start does: classify the rest.
      classify(first + 1, end);
      return;
    }
    // Without a title or a known first name, a short proper-noun phrase is a person only if none of its
    // words is a common English word or a geographic head ("Hong Kong" is, "South China Sea" is not).
    const plainWords = lowerWords.filter((word) => !NAME_PARTICLES.has(word) && word !== '-');
    // The tokeniser splits "Jean-Pierre" at its hyphen: the halves count as one word.
    const nameWords = name.filter((word, index) => word.text !== '-' && name[index - 1]?.text !== '-');
    const bareName = name.length <= 3 && name.every((word) => word.pos === 'PROPN' || NAME_PARTICLES.has(word.lower)) &&
      !plainWords.some((word) => gaz.commonWords.has(word) || NEVER_NAMES.has(word) || GEO_HEADS.has(word));
    // "Marine Le Pen", "Charles De Gaulle": a capitalised particle between two names.
    const particleName = nameWords.length === 3 && name.length === 3 && NAME_PARTICLES.has(lowerWords[1]!) && /^\p{Lu}/u.test(name[1]!.text) && name.every((word) => word.pos === 'PROPN');
    if (!title && !firstName && nameWords.length <= 3 && !bareName && !particleName) return;
    const personLike = !!title || !!firstName || bareName || particleName || lowerWords.some((word) => NAME_PARTICLES.has(word));
    if (!personLike) {
      const entity = entityFor(nameText, 'organisation', 'capitalised-phrase', 0.4);
      addMention(entity, nameFirst, nameEnd, 'capitalised-phrase');
      return;
    }
    const confidence = title ? 0.9 : firstName ? 0.85 : speechAfter ? 0.75 : 0.55;
    const entity = entityFor(nameText, 'person', title ? 'title' : firstName ? 'first-name' : 'proper-noun', confidence);
    if (firstName && !entity.gender) entity.gender = firstName;
    if (title && !entity.role && isPersonTitle(title) && !/^(mr|mrs|ms|dr|sir|dame)\.?$/i.test(title)) entity.role = title;
    addMention(entity, nameFirst, nameEnd, entity.rule);
  }

  // Surnames: a single word resolves to a full name the text or the case gives, before or after it.
  const surnames = new Map<string, Entity | null>();
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    const surname = surnameOf(entity.name);
    if (!surname) continue;
    for (const key of new Set([normalise(surname), normalise(surname).replace(/^(al|el)-/, '')])) {
      const existing = surnames.get(key);
      surnames.set(key, existing && existing !== entity ? null : entity);
    }
  }
  // First names: "Sir Keir", "Rustem is calm" → the one person of that first name in the text or case.
  const firstNameOwners = new Map<string, Entity>();
  const firstNameCount = new Map<string, number>();
  for (const entity of entities) {
    if (entity.kind !== 'person' || !entity.name.includes(' ')) continue;
    const given = normalise(entity.name.split(/\s+/)[0]!);
    if (!gaz.firstNames.has(given)) continue;
    firstNameCount.set(given, (firstNameCount.get(given) ?? 0) + 1);
    firstNameOwners.set(given, entity);
  }
  for (const [given, count] of firstNameCount) if (count > 1) firstNameOwners.delete(given);
  const lowerCaseWords = new Set<string>();
  for (const token of tokens) if (/^\p{Ll}/u.test(token.text)) lowerCaseWords.add(token.lower);
  for (const candidate of pending) {
    // "Mohamed Hamdan Dagalo, known as Hemedti": another name for the person just named.
    if (tokens[candidate.first - 1]?.lower === 'as' && tokens[candidate.first - 2]?.lower === 'known') {
      const named = mentions.filter((mention) => mention.entity.kind === 'person' && mention.last <= candidate.first - 2 && candidate.first - mention.last <= 5).at(-1);
      if (named) {
        addMention(named.entity, candidate.first, candidate.last, 'known-as');
        continue;
      }
    }
    const word = text.slice(tokens[candidate.first]!.start, tokens[candidate.last - 1]!.end);
    const owner = surnames.get(normalise(word)) ?? surnames.get(normalise(word).replace(/^(?:al|el|ad|as|ash|az|ar|an)-/, ''));
    if (owner) {
      addMention(owner, candidate.first, candidate.last, 'surname');
      continue;
    }
    const firstOwner = firstNameOwners.get(normalise(word));
    if (firstOwner) {
      addMention(firstOwner, candidate.first, candidate.last, 'first-name-ref');
      continue;
    }
    if (candidate.evidence === 'place') continue;
    if (candidate.evidence === 'weak') {
      // A lone proper noun in mid-sentence, not after a preposition (a place) or in a list of places:
      // in news copy it is mostly a person named by surname ("a demand that Zelensky has refused").
      const token = tokens[candidate.first]!;
      const previous = tokens[candidate.first - 1];
      const next = tokens[candidate.last];
      const subjectAfterPlace = previous?.text === ',' && !!next && (next.pos === 'VERB' || next.pos === 'AUX');
      // "Merz, Macron and Starmer", "by Witkoff and Dmitriev": names listed together.
      const capitalised = (t: Token | undefined) => !!t && /^\p{Lu}/u.test(t.text);
      const placeNeighbour = placeEnds.has(candidate.first - 1) || gaz.places.has(tokens[candidate.first - 2]?.lower ?? '') || gaz.places.has(tokens[candidate.last + 1]?.lower ?? '');
      const inList = !placeNeighbour && ((/^(and|or)$/.test(next?.lower ?? '') && capitalised(tokens[candidate.last + 1])) || (!!previous && (previous.text === ',' || previous.lower === 'and') && capitalised(tokens[candidate.first - 2]) && (!next || /^[,.;]$/.test(next.text) || /^(and|or)$/.test(next.lower) || next.pos === 'ADP')));
      const startActs = !!next && (next.pos === 'VERB' || (next.pos === 'ADV' && tokens[candidate.last + 1]?.pos === 'VERB') || (next.text === ',' && capitalised(tokens[candidate.last + 1])));
      const placeLike = previous ? LOCATIVE.has(previous.lower) || /^(of|on|for|with|near|the|a|an)$/.test(previous.lower) || (placeEnds.has(candidate.first - 1) && !subjectAfterPlace) : !startActs;
      const nextOk = !!next && (next.pos === 'VERB' || next.pos === 'AUX' || next.text === "'s" || next.text === '’s' || next.text === ',' || inList || next.pos === 'NOUN' && /^(administration|government|team|camp|side|aides?|allies|officials)$/.test(next.lower));
      const namedBody = !!next && /^(administration|government|team|camp|side|aides?|allies|officials)$/.test(next.lower);
      if (gaz.commonWords.has(token.lower) && !gaz.lastNames.has(token.lower)) continue;
      // "Delegations met …": the plural of a common word, or a word with a common noun's ending, opening a sentence.
      if (isSentenceStart(candidate.first) && /(?:tions|sions|ments|nces|ities|ships|ness|isms|ists|ings|ers|ors|ians|ants|ents)$/.test(token.lower)) continue;
      if (/s$/.test(token.lower) && [token.lower.slice(0, -1), token.lower.replace(/es$/, ''), token.lower.replace(/ies$/, 'y')].some((single) => gaz.commonWords.has(single))) continue;
      // A word the text also writes in lower case is a common word capitalised by its place ("Sequencing sounds …").
      if (lowerCaseWords.has(token.lower)) continue;
      if (token.pos !== 'PROPN' || (placeLike && !(namedBody && previous?.lower === 'the')) || !nextOk || (isSentenceStart(candidate.first) && !startActs) || gaz.firstNames.has(token.lower) && !gaz.lastNames.has(token.lower)) continue;
      const entity = entityFor(word, 'person', 'proper-noun', 0.45);
      addMention(entity, candidate.first, candidate.last, 'proper-noun');
      continue;
    }
    // A surname in capitals (a transcript label) is proposed as the press writes it: "BRUCE" → "Bruce".
    const display = /^\p{Lu}[\p{Lu}'’-]+$/u.test(word) ? word.charAt(0) + word.slice(1).toLowerCase() : word;
    const entity = entityFor(display, 'person', candidate.evidence === 'title' ? 'title' : 'proper-noun', candidate.evidence === 'title' ? 0.75 : 0.6);
    if (candidate.role && !entity.role && !/^(mr|mrs|ms|dr|sir|dame)\.?$/i.test(candidate.role)) entity.role = candidate.role;
    addMention(entity, candidate.first, candidate.last, entity.rule);
  }
  // A single-word person that is the surname of a full name elsewhere in the text is that person.
  for (const entity of entities) {
    if (entity.kind !== 'person' || entity.name.includes(' ') || entity.mentions.length === 0) continue;
    const owner = surnames.get(normalise(entity.name));
    if (owner && owner !== entity) {
      for (const mention of entity.mentions) {
        mention.entity = owner;
        mention.rule = 'surname';
        owner.mentions.push(mention);
      }
      entity.mentions = [];
    }
  }

  mentions.sort((a, b) => a.start - b.start);
  const mentionAt: (Mention | undefined)[] = new Array(tokens.length);
  for (const mention of mentions) for (let t = mention.first; t < mention.last; t++) mentionAt[t] = mention;
  for (const entity of entities) entity.mentions.sort((a, b) => a.start - b.start);

  readRolesAndAffiliations(read, mentions, mentionAt, gaz, entities);

  const byName = new Map<string, Entity>();
  for (const entity of entities) byName.set(normalise(entity.name), entity);
  return {
    entities: entities.filter((entity) => entity.mentions.length > 0),
    mentions,
    mentionAt,
    outlets,
    entityByName: (name) => byName.get(normalise(name)),
  };
}

function isPersonTitle(title: string): boolean {
  return !/^(official|head|chief|leader|director|expert|analyst|counterpart)$/i.test(title.trim());
}

/** Index after the capitalised phrase starting at `start` (connectors allowed inside, not at either end). */
const PARTICLE_PAIR = /^(?:von der|van der|van den|van de|de la|de los|de las|del la|da la|bin al|ibn al|bin abdul)$/;

function capitalisedRun(tokens: Token[], start: number, gaz: Gazetteer): number {
  let end = start;
  const sentence = tokens[start]?.sentence;
  while (end < tokens.length) {
    const token = tokens[end]!;
    if (token.sentence !== sentence) break;
    if (end > start && tokens[end - 1]!.end !== token.start && /^[.']/.test(token.text) === false && token.start - tokens[end - 1]!.end > 1) break;
    if (isCapitalised(token) || (end > start && /^\d+$/.test(token.text) && false)) {
      end++;
      continue;
    }
    if (token.text === '.' && end > start && /^[A-Z][a-z]?$/.test(tokens[end - 1]!.text) && token.start === tokens[end - 1]!.end) {
      end++; // an initial: "Mohammed J. Ahmed"
      continue;
    }
    if (end > start && /^al-\p{Lu}/u.test(token.text)) {
      end++;
      continue;
    }
    // "al-Burhan", "Jean-Noël": the tokeniser splits at the hyphen.
    const next = tokens[end + 1];
    const afterHyphen = tokens[end + 2];
    if (end > start && /^(al|el|bin|ibn|abu|bint)$/.test(token.lower) && next?.text === '-' && afterHyphen && isCapitalised(afterHyphen) && next.start === token.end) {
      end += 3;
      continue;
    }
    if (end > start && token.text === '-' && token.start === tokens[end - 1]!.end && next && next.start === token.end && isCapitalised(next)) {
      end += 2;
      continue;
    }
    if (end > start && CONNECTORS.has(token.lower) && token.lower !== 'and' && token.lower !== 'the' && token.lower !== 'on') {
      const following = tokens[end + 1];
      // Two particles: "Ursula von der Leyen", "Hans van den Broek", "Luis de la Fuente".
      const third = tokens[end + 2];
      if (PARTICLE_PAIR.test(`${token.lower} ${following?.lower ?? ''}`) && third && third.sentence === sentence && isCapitalised(third)) {
        end += 2;
        continue;
      }
      if (following && following.sentence === sentence && isCapitalised(following) && !gaz.phrases.has(following.lower)) {
        end += 1;
        continue;
      }
      if (following && following.lower === 'the' && tokens[end + 2] && isCapitalised(tokens[end + 2]!)) {
        end += 2;
        continue;
      }
    }
    break;
  }
  // A quote mark or possessive cannot be part of a name.
  while (end > start && /^['’"“”]|^'s$/.test(tokens[end - 1]!.text)) end--;
  return end;
}

const ROLE_MODIFIERS = new Set(['top', 'senior', 'former', 'chief', 'deputy', 'acting', 'interim', 'special', 'foreign', 'defence', 'defense', 'national', 'security', 'policy', 'presidential', 'military', 'lead', 'veteran', 'longtime', 'long-time', 'first', 'vice', 'prime', 'peace', 'economic', 'communications', 'press', 'presidential', 'de', 'facto', 'de-facto', 'self-styled', 'exiled', 'opposition', 'hardline', 'influential', 'powerful', 'outgoing', 'incoming', 'newly', 'appointed', 'elected', 'sitting', 'current', 'then', 'main', 'assistant', 'general', 'executive', 'foreign-policy', 'affairs', 'intelligence', 'public', 'political', 'government', 'state', 'media', 'office', 'staff', 'of', 'and', 'the']);

/** Reads "Russian President Vladimir Putin", "Kremlin aide Yuri Ushakov", "Umerov, Ukraine's chief negotiator,". */
function readRolesAndAffiliations(read: ReadText, mentions: Mention[], mentionAt: (Mention | undefined)[], gaz: Gazetteer, entities: Entity[]): void {
  const { tokens, text } = read;
  for (const mention of mentions) {
    const entity = mention.entity;
    if (entity.kind !== 'person' && entity.kind !== 'organisation') continue;
    // Leftwards: role words, then a party.
    let t = mention.first - 1;
    let roleEnd = -1;
    let roleStart = -1;
    while (t >= 0 && tokens[t]!.sentence === mention.sentence) {
      const token = tokens[t]!;
      if (mentionAt[t]) break;
      const lower = token.lower;
      if (ROLE_NOUNS.has(lower) || ROLE_MODIFIERS.has(lower) || gaz.titles.has(lower) || gaz.actorNouns.has(lower) || (isCapitalised(token) && (gaz.titles.has(lower) || ORGANISATION_HEADS.has(lower)))) {
        if (roleEnd < 0) roleEnd = t;
        roleStart = t;
        t--;
        continue;
      }
      break;
    }
    // Strip leading connectors from the role.
    while (roleStart >= 0 && roleStart <= roleEnd && (tokens[roleStart]!.lower === 'of' || tokens[roleStart]!.lower === 'and' || tokens[roleStart]!.lower === 'the')) roleStart++;
    let affiliationMention: Mention | undefined;
    const before = t >= 0 ? tokens[t] : undefined;
    if (before && /^['’]s$/.test(before.text) && mentionAt[t - 1]) affiliationMention = mentionAt[t - 1];
    else if (before && mentionAt[t] && mentionAt[t]!.last === t + 1) affiliationMention = mentionAt[t];
    const hasRole = roleStart >= 0 && roleStart <= roleEnd;
    if (hasRole && entity.kind === 'person') {
      while (roleStart <= roleEnd && /^(mr|mrs|ms|dr|sir|dame|lord|lady|mme|m)\.?$/i.test(tokens[roleStart]!.text)) roleStart++;
    }
    if (hasRole && entity.kind === 'person' && roleStart <= roleEnd) {
      const role = text.slice(tokens[roleStart]!.start, tokens[roleEnd]!.end);
      if (!entity.role || role.length > entity.role.length) entity.role = role;
    }
    const topical = !!affiliationMention && affiliationMention.rule === 'country' && !/^['’]s$/.test(before?.text ?? '') && !/^[A-Z.]+$/.test(affiliationMention.text) && gaz.demonymOf.has(affiliationMention.entity.name);
    if (affiliationMention && !topical && (hasRole || entity.kind === 'organisation' || affiliationMention.entity.kind !== 'person') && affiliationMention.entity !== entity && affiliationMention.entity.kind !== 'person') {
      if (!entity.affiliation) {
        entity.affiliation = affiliationMention.entity.name;
        if (affiliationMention.entity.partyId) entity.affiliationPartyId = affiliationMention.entity.partyId;
      }
    }
    // Rightwards appositive: "Rustem Umerov, Ukraine's chief negotiator," / "Peskov, the Kremlin spokesman,".
    if (entity.kind === 'person' && tokens[mention.last]?.text === ',') {
      let r = mention.last + 1;
      if (tokens[r] && /^(the|a|an)$/.test(tokens[r]!.lower)) r++;
      let party: Mention | undefined;
      if (tokens[r] && mentionAt[r] && mentionAt[r]!.entity.kind !== 'person') {
        party = mentionAt[r];
        r = party!.last;
        if (/^['’]s$/.test(tokens[r]?.text ?? '')) r++;
      }
      const roleFrom = r;
      while (tokens[r] && tokens[r]!.sentence === mention.sentence && (ROLE_NOUNS.has(tokens[r]!.lower) || ROLE_MODIFIERS.has(tokens[r]!.lower) || gaz.titles.has(tokens[r]!.lower))) r++;
      // Closed by a comma ("Peskov, the Kremlin spokesman, said"); ", the prime minister said" is the next clause's subject.
      const closes = tokens[r] && /^[,.;]$|^who$/.test(tokens[r]!.text);
      if (r > roleFrom && closes && ROLE_NOUNS.has(tokens[r - 1]!.lower)) {
        const role = text.slice(tokens[roleFrom]!.start, tokens[r - 1]!.end);
        if (!entity.role || role.length > entity.role.length) entity.role = role;
        if (party && !entity.affiliation) {
          entity.affiliation = party.entity.name;
          if (party.entity.partyId) entity.affiliationPartyId = party.entity.partyId;
        }
      }
    }
  }
  void entities;
}

/** The parties part of the output, one suggestion per resolved party or person. */
export function partySuggestions(reading: PartyReading): PartySuggestion[] {
  const suggestions: PartySuggestion[] = [];
  for (const entity of reading.entities) {
    if (entity.mentions.length === 0) continue;
    const aliases = new Set<string>();
    const seen = new Set<string>([normalise(entity.name)]);
    for (const mention of entity.mentions) {
      const key = normalise(mention.text);
      if (seen.has(key)) continue;
      seen.add(key);
      aliases.add(mention.text);
    }
    const many = entity.mentions.length > 1 ? 0.05 : 0;
    const suggestion: PartySuggestion = {
      name: entity.name,
      kind: entity.kind,
      aliases: [...aliases],
      mentions: entity.mentions.map((mention) => ({ start: mention.start, end: mention.end, text: mention.text, rule: mention.rule })),
      confidence: Math.min(0.99, Math.round((entity.confidence + many) * 100) / 100),
      key: `party:${normalise(entity.name)}`,
    };
    if (entity.partyId) suggestion.partyId = entity.partyId;
    if (entity.sourceId) suggestion.sourceId = entity.sourceId;
    if (entity.role) suggestion.role = entity.role;
    if (entity.affiliation) suggestion.affiliation = entity.affiliation;
    if (entity.affiliationPartyId) suggestion.affiliationPartyId = entity.affiliationPartyId;
    suggestions.push(suggestion);
  }
  return suggestions.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}
