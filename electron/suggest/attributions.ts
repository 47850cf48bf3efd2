/**
 * Attributions: who said what. Direct quotes get their speaker from the words around them (after,
 * before, or between two halves of the quote), from the quote before them when they continue it, or
 * from a pronoun resolved to the last person named. Indirect speech comes from reporting verbs
 * ("Starmer said Ukraine could accept…", "…, the official said") and "according to". Speakers
 * without a name ("a senior US official", "sources familiar with the talks") are anonymous; documents
 * ("the draft", "a transcript") can be sources. Scare quotes, titles and idioms are left alone.
 */
import type { SourceChannel } from '../../shared/model/vocabulary';
import { gazetteer, normalise } from './gazetteer';

const gazTitle = (word: string): boolean => gazetteer().titles.has(normalise(word)) || /^(the|a|an)$/i.test(word);
import { ANONYMOUS_HEADS, CHANNEL_CUES, DOCUMENT_HEADS, LABEL_CUES, REPORTING_VERBS, SPEAKER_PRONOUNS, SPEECH_VERBS } from './lexicon';
import type { Entity, Mention, PartyReading } from './parties';
import { findQuotes, type QuoteSpan } from './quotes';
import type { ReadText, Token } from './text';
import type { AttributionSuggestion, CaseKnowledge } from './types';

interface Speaker {
  start: number;
  end: number;
  /** Token range of the speaker phrase. */
  first: number;
  last: number;
  name: string | null;
  anonymous: boolean;
  entity?: Entity;
  document?: boolean;
  pronoun?: boolean;
  role?: string;
  affiliation?: string;
}

/** Institutional heads: "Ukraine's foreign ministry said" speaks for Ukraine, not anonymously. */
const INSTITUTIONAL = new Set(['government', 'administration', 'ministry', 'military', 'army', 'side', 'delegation', 'team', 'camp', 'leadership', 'authorities', 'presidency', 'cabinet', 'office', 'embassy', 'mission', 'foreign ministry', 'defence ministry', 'defense ministry']);
const NP_INNER = new Set(['DET', 'NUM', 'ADJ', 'NOUN', 'PROPN', 'PART']);
/** Role words that, after "the", name someone the text has introduced ("the prime minister said"). */
const ROLE_REFERENCE = new Set(['president', 'minister', 'chancellor', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'envoy', 'ambassador', 'commissioner', 'governor', 'mayor', 'leader', 'king', 'emir', 'premier', 'chief', 'general', 'commander', 'negotiator', 'adviser', 'advisor', 'senator', 'lawmaker', 'ombudsman', 'ombudswoman', 'prosecutor', 'chairman', 'chairwoman', 'director', 'head']);
const ANONYMITY_TAIL = /^(?:,?\s*(?:who|speaking|familiar|with|close|briefed|involved|knowledgeable|aware|on condition|granted|not authori[sz]ed|requesting|asking|in|at|from|of|on (?:both|either|each|all|the(?: \w+)?) sides?|on the (?:ground|team|delegation|council|committee|staff))\b[^.;:"“”]*?)$/i;
/** Anonymous heads that keep the phrase anonymous whatever body follows: "a source close to the Russian delegation". */
const PERSON_HEADS = new Set(['official', 'officials', 'source', 'sources', 'diplomat', 'diplomats', 'person', 'people', 'aide', 'aides', 'adviser', 'advisers', 'advisor', 'advisors', 'insider', 'insiders', 'negotiator', 'negotiators', 'member', 'members', 'officer', 'officers', 'staffer', 'staffers', 'figure', 'figures', 'participant', 'participants', 'spokesman', 'spokeswoman', 'spokesperson', 'representative', 'representatives', 'colleague', 'colleagues', 'ally', 'allies', 'confidant', 'confidants']);
const SUBJECT_SKIP = new Set(['also', 'later', 'previously', 'earlier', 'then', 'has', 'have', 'had', 'was', 'were', 'is', 'reportedly', 'separately', 'repeatedly', 'publicly', 'privately', 'once', 'again', 'recently', 'already', 'further', 'quickly', 'bluntly', 'flatly', 'firmly', 'simply', 'both', 'all', 'himself', 'herself', 'would', 'will', 'did', 'does', 'told', 'only', 'openly', 'angrily', 'sharply', 'explicitly', 'clearly', 'categorically', 'has', 'not']);
const TOLD_OBJECTS = /^(?:reporters|journalists|the press|lawmakers|parliament|the (?:[A-Z][\w.]*\s?){1,3}|[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}|him|her|them|us|me|an? [\w\s-]{0,40}?(?:audience|conference|briefing|forum|gathering|meeting|crowd|rally|summit|interviewer|newspaper|broadcaster|outlet|channel|station|podcast|programme|program|reporter|journalist)s?|state (?:media|television|TV)|(?:his|her|their) (?:supporters|followers|audience|cabinet|counterpart|colleagues)|the (?:meeting|summit|conference|gathering|council|cabinet|assembly|chamber|house|committee|audience|crowd|forum|session|parliament|nation|country|troops|soldiers|delegates|leaders|ministers)|(?:the )?(?:state )?(?:news agency|television|media|broadcaster)(?: [A-Z][\w-]*)?|(?:the )?[A-Z][\w-]* (?:news agency|television|broadcaster|newspaper|radio))(?:'s? [A-Z][\w-]*(?: [A-Z][\w-]*)?)?(?:\s(?:on|in) [A-Z]?[\w-]+(?: [\w-]+)?)?/;

export function readAttributions(read: ReadText, parties: PartyReading, knowledge: CaseKnowledge): AttributionSuggestion[] {
  const { text, tokens, sentences } = read;
  const quotes = findQuotes(read);
  const quoteOfToken = new Int32Array(tokens.length).fill(-1);
  for (let q = 0; q < quotes.length; q++) {
    const quote = quotes[q]!;
    for (let t = read.tokenAt(quote.open); t < tokens.length && tokens[t]!.start < quote.close; t++) quoteOfToken[t] = q;
  }
  const usedVerb = new Set<number>();
  const results: AttributionSuggestion[] = [];
  const sentenceOfResult = new Map<AttributionSuggestion, number>();
  const knownSources = new Map(knowledge.sources.map((source) => [normalise(source.name), source]));

  const isVerb = (t: number): boolean => {
    const token = tokens[t];
    if (!token || quoteOfToken[t]! >= 0) return false;
    // "as one diplomat put it:", "put it bluntly".
    if (token.lower === 'put' && tokens[t + 1]?.lower === 'it') return true;
    if (!REPORTING_VERBS.has(token.lower)) return false;
    if (token.pos === 'ADJ' || token.pos === 'NOUN') {
      // "American media report that …": a verb the tagger read as a noun, between a subject and "that".
      if (/^(report|reports|say|says|claim|claims|note|notes|warn|warns)$/.test(token.lower) && tokens[t + 1]?.lower === 'that' && /^(NOUN|PROPN|PRON)$/.test(tokens[t - 1]?.pos ?? '')) return true;
      return token.lower === 'said' && tokens[t - 1]?.pos !== 'DET' && tokens[t - 1]?.lower !== 'the';
    }
    return true;
  };
  const isSpeechVerb = (t: number): boolean => isVerb(t) && (SPEECH_VERBS.has(tokens[t]!.lower) || tokens[t]!.lower === 'put');

  /** "That said,", "is said to be", "the said agreement": "said" that reports nothing. */
  const notSpeech = (t: number): boolean => {
    const token = tokens[t]!;
    const before = tokens[t - 1];
    const after = tokens[t + 1];
    if (token.lower === 'said' || token.lower === 'says') {
      if (before && /^(that|having|it)$/.test(before.lower) && after?.text === ',') return true;
      if (before && /^(is|are|was|were|be|been|being)$/.test(before.lower) && after?.lower === 'to') return true;
      if (before?.lower === 'the') return true;
      if (before && /^(much|more|little|nothing|enough|everything)$/.test(before.lower) && tokens[t - 2]?.lower.match(/^(has|have|had|was|is|been)$/)) return true;
    }
    if (token.lower === 'say' && before && /^(a|the|any|no|final|more|greater|bigger|real)$/.test(before.lower)) return true;
    if (/^(asked|ask|asking|call|calls|called|calling)$/.test(token.lower)) {
      // "asked about", "called for", "called on": not reporting what someone said.
      if (after && /^(for|on|off|in|up|out|about|whether|if|why|to)$/.test(after.lower) && token.lower.startsWith('call')) return true;
      if (token.lower.startsWith('ask') && after && /^(for|to)$/.test(after.lower)) return true;
    }
    return false;
  };

  const entityName = (mention: Mention): string => mention.entity.name;

  const personBefore = (offset: number, gender: 'm' | 'f' | 'p' | 'n'): Mention | undefined => {
    // The last person named before the pronoun, of a compatible gender, outside quotes.
    let index = parties.mentions.length - 1;
    while (index >= 0 && parties.mentions[index]!.start >= offset) index--;
    let fallback: Mention | undefined;
    for (let count = 0; index >= 0 && count < 60; index--, count++) {
      const mention = parties.mentions[index]!;
      if (quoteOfToken[mention.first]! >= 0) continue;
      const entity = mention.entity;
      if (gender === 'n' || gender === 'p') {
        if (entity.kind !== 'person') return mention;
        continue;
      }
      if (entity.kind !== 'person') continue;
      if (entity.gender && entity.gender !== '?' && entity.gender !== gender) {
        fallback ??= mention;
        continue;
      }
      return subjectOf(mention, offset, gender);
    }
    return fallback;
  };

  /** "Orbán met Putin. He said …": the subject of the sentence the last person was named in, not its object. */
  const subjectOf = (mention: Mention, offset: number, gender: 'm' | 'f' | 'p' | 'n'): Mention => {
    const sentence = sentences[mention.sentence]!;
    if (sentence.end > offset) return mention;
    for (let t = sentence.first; t < mention.first; t++) {
      const token = tokens[t]!;
      const earlier = parties.mentionAt[t];
      if (earlier && earlier.entity.kind === 'person' && quoteOfToken[t]! < 0) {
        const fits = !earlier.entity.gender || earlier.entity.gender === '?' || earlier.entity.gender === gender;
        return fits && earlier.entity !== mention.entity ? earlier : mention;
      }
      // Only titles, names and determiners before a subject; a verb or a clause means the first person is not one.
      if (earlier || token.pos === 'PROPN' || token.pos === 'DET' || token.pos === 'ADJ' || token.pos === 'NOUN' || token.pos === 'PUNCT' && token.text !== ',') continue;
      break;
    }
    return mention;
  };

  /** The speaker of the latest attribution before `offset`, if within `sentencesBack` sentences. */
  const lastSpeaker = (offset: number, sentencesBack: number): AttributionSuggestion | undefined => {
    const sentence = tokens[read.tokenAt(offset)]?.sentence ?? 0;
    for (let r = results.length - 1; r >= 0; r--) {
      const result = results[r]!;
      if (result.start >= offset || !result.speaker) continue;
      const resultSentence = sentenceOfResult.get(result) ?? 0;
      return sentence - resultSentence <= sentencesBack ? result : undefined;
    }
    return undefined;
  };

  const speakerFromResult = (result: AttributionSuggestion, start: number, end: number, first: number, last: number): Speaker => {
    const entity = result.speaker ? parties.entityByName(result.speaker) : undefined;
    const speaker: Speaker = { start, end, first, last, name: result.speaker, anonymous: result.anonymous };
    if (entity) speaker.entity = entity;
    if (result.document) speaker.document = true;
    return speaker;
  };

  /** The named person who was the subject of a verb of saying in the `maxBack` sentences before, after sentence `floor`. */
  function speechSubjectBefore(sentenceIndex: number, maxBack: number, floor: number): Entity | undefined {
    for (let back = sentenceIndex - 1; back >= Math.max(0, sentenceIndex - maxBack) && back > floor; back--) {
      const previous = sentences[back]!;
      let subject: Entity | undefined;
      for (let v = previous.first + 1; v < previous.last; v++) {
        if (quoteOfToken[v]! >= 0 || !isSpeechVerb(v)) continue;
        let k = v - 1;
        while (k > previous.first && SUBJECT_SKIP.has(tokens[k]!.lower)) k--;
        if (SPEAKER_PRONOUNS[tokens[k]!.lower]) continue;
        let named = parties.mentionAt[k];
        if (!named && tokens[k]!.text === ',') {
          // "Grand, a former NATO official, argues": the person before the apposition.
          let comma = k - 1;
          while (comma > previous.first && tokens[comma]!.text !== ',') comma--;
          const candidate = parties.mentionAt[comma - 1];
          if (tokens[comma]!.text === ',' && candidate?.entity.kind === 'person') named = candidate;
        }
        if (named && named.entity.kind === 'person') subject = named.entity;
      }
      if (subject) return subject;
    }
    return undefined;
  }

  /** "the prime minister", "the president": the person the text named with that role, else its last named speaker. */
  const roleReference = (headWords: string, offset: number): Entity | undefined => {
    const roleMatch = parties.entities.find((entity) => entity.kind === 'person' && entity.role && normalise(entity.role).includes(headWords) && entity.mentions.some((mention) => mention.start < offset));
    if (roleMatch) return roleMatch;
    const sentenceIndex = tokens[read.tokenAt(offset)]?.sentence ?? 0;
    const lastResult = [...results].reverse().find((result) => result.start < offset && !result.anonymous && result.speaker && parties.entityByName(result.speaker)?.kind === 'person');
    const subject = speechSubjectBefore(sentenceIndex, 3, lastResult ? (sentenceOfResult.get(lastResult) ?? -1) : -1);
    if (subject) return subject;
    for (let r = results.length - 1; r >= 0; r--) {
      const result = results[r]!;
      if (result.start >= offset || result.anonymous || !result.speaker) continue;
      const entity = parties.entityByName(result.speaker);
      if (entity?.kind === 'person') return entity;
    }
    return personBefore(offset, 'm')?.entity ?? personBefore(offset, 'f')?.entity;
  };

  /** Speaker phrase ending just before token `end` (exclusive), within the sentence. */
  const speakerEndingAt = (end: number, floor: number): Speaker | null => {
    let t = end - 1;
    while (t >= floor && SUBJECT_SKIP.has(tokens[t]!.lower) && quoteOfToken[t]! < 0) t--;
    if (t < floor) return null;
    const last = t + 1;
    const token = tokens[t]!;
    if (quoteOfToken[t]! >= 0) return null;
    const pronoun = SPEAKER_PRONOUNS[token.lower];
    if (pronoun && token.pos === 'PRON') return pronounSpeaker(t, pronoun);
    // "one of them said", "two of those present": part of the group just quoted.
    if (/^(them|those|these)$/.test(token.lower) && tokens[t - 1]?.lower === 'of' && t - 2 >= floor && /^(one|two|three|some|several|another|both|all|none|each|most|either|neither)$/.test(tokens[t - 2]!.lower)) {
      const group = [...results].reverse().find((result) => result.anonymous && result.start < token.start);
      return { start: tokens[t - 2]!.start, end: token.end, first: t - 2, last, name: group?.speaker ?? text.slice(tokens[t - 2]!.start, token.end), anonymous: true };
    }
    // "one said", "another added": one of the group just quoted.
    if (/^(one|another)$/.test(token.lower) && (t === floor || !NP_INNER.has(tokens[t - 1]!.pos) || tokens[t - 1]!.text === ',')) {
      return { start: token.start, end: token.end, first: t, last, name: token.text, anonymous: true };
    }
    // Appositive: "Peskov, the Kremlin's spokesman, said" / "The group's leader, Naim Qassem, said".
    if (token.text === ',' && t - 1 >= floor) {
      let comma = t - 1;
      while (comma >= floor && tokens[comma]!.text !== ',' && quoteOfToken[comma]! < 0 && !/^[.;:]$/.test(tokens[comma]!.text)) comma--;
      if (comma >= floor && tokens[comma]!.text === ',' && comma > floor) {
        const appositive = text.slice(tokens[comma + 1]!.start, tokens[t - 1]!.end);
        if (!/\b(said|says|told|is|was|are|were|has|have|had)\b/.test(appositive)) {
          const inner = speakerEndingAt(comma, floor);
          const named = parties.mentionAt[t - 1];
          const participle = /^(led|headed|chaired|backed|joined|accompanied|flanked|supported|who|which|whose|speaking|standing|asked)\b/i.test(appositive);
          const onlyName = !!named && text.slice(tokens[comma + 1]!.start, named.start).trim().split(/\s+/).filter(Boolean).every((word) => gazTitle(word));
          if (named && named.entity.kind === 'person' && named.first > comma && onlyName && !participle) {
            // ROLE, NAME,: the name is the speaker; the phrase starts at the role.
            const start = inner ? inner.start : tokens[comma + 1]!.start;
            const first = inner ? inner.first : comma + 1;
            return { start, end: tokens[t - 1]!.end, first, last: t, name: named.entity.name, anonymous: false, entity: named.entity, role: inner ? text.slice(inner.start, inner.end).replace(/^(the|a|an)\s+/i, '') : undefined };
          }
          if (inner && (inner.entity || inner.name)) {
            return { ...inner, end: tokens[t - 1]!.end, last: t, role: inner.role ?? appositive.replace(/^(the|a|an)\s+/i, '') };
          }
        }
      }
      return null;
    }
    // The head noun: the last word, or an earlier one with a tail ("a senior official who spoke on condition of anonymity").
    let headAt = t;
    for (let back = t; back >= floor && t - back < 14; back--) {
      if (quoteOfToken[back]! >= 0 || /^[;:"“”]$/.test(tokens[back]!.text)) break;
      const lower = tokens[back]!.lower;
      if (ANONYMOUS_HEADS.has(lower) || DOCUMENT_HEADS.has(lower) || INSTITUTIONAL.has(lower) || parties.mentionAt[back]) {
        const tail = back < t ? text.slice(tokens[back + 1]!.start, tokens[t]!.end) : '';
        if (back === t || ANONYMITY_TAIL.test(tail)) {
          headAt = back;
          // "A source close to the Russian delegation": the person before the body they are close to.
          if (back === t && !(parties.mentionAt[t]?.entity.kind === 'person')) {
            for (let earlier = t - 1; earlier >= floor && t - earlier < 12; earlier--) {
              if (quoteOfToken[earlier]! >= 0 || /^[,;:"“”]$/.test(tokens[earlier]!.text) || REPORTING_VERBS.has(tokens[earlier]!.lower) && tokens[earlier]!.pos === 'VERB') break;
              if (PERSON_HEADS.has(tokens[earlier]!.lower) && /^(?:close|familiar|with|briefed|involved|in|at|from|on|knowledgeable|aware)\b/i.test(text.slice(tokens[earlier + 1]!.start, tokens[t]!.end)) && !parties.mentionAt[earlier]) {
                headAt = earlier;
                break;
              }
            }
          }
          break;
        }
      }
    }
    const head = tokens[headAt]!;
    const mention = parties.mentionAt[headAt];
    let first = headAt;
    if (mention) first = mention.first;
    // Left over the noun phrase: determiners, numbers, adjectives, role words, party names, possessives, "one of".
    while (first - 1 >= floor) {
      const previous = tokens[first - 1]!;
      if (quoteOfToken[first - 1]! >= 0) break;
      const previousMention = parties.mentionAt[first - 1];
      if (previousMention) {
        first = previousMention.first;
        continue;
      }
      if (previous.lower === 'of' && tokens[first - 2] && /^(one|two|three|four|some|several|many|most|none|each|all|both|any|either|neither|members?)$/.test(tokens[first - 2]!.lower)) {
        first -= 2;
        continue;
      }
      if (previous.text === "'s" || previous.text === '’s' || previous.text === '-' || NP_INNER.has(previous.pos) && !REPORTING_VERBS.has(previous.lower) && !/^(that|which|this|these|those|who|what|when|while|as|but|and|or|if|because)$/.test(previous.lower)) {
        first--;
        continue;
      }
      break;
    }
    if (first > headAt) return null;
    const phraseTokens = tokens.slice(first, last);
    const phrase = text.slice(tokens[first]!.start, tokens[t]!.end);
    const lower = head.lower;
    const speakerStart = tokens[first]!.start;
    const speakerEnd = tokens[t]!.end;
    if (mention && (mention.entity.kind === 'person' || mention.last === headAt + 1)) {
      // A named person or body, with the role words before it.
      const entity = mention.entity;
      const rolePhrase = first < mention.first ? text.slice(tokens[first]!.start, tokens[mention.first - 1]!.end).replace(/^(the|a|an)\s+/i, '') : undefined;
      const speaker: Speaker = { start: speakerStart, end: speakerEnd, first, last, name: entityName(mention), anonymous: false, entity };
      if (rolePhrase && entity.kind === 'person') speaker.role = rolePhrase;
      return speaker;
    }
    const partyMention = phraseTokens.map((_, k) => parties.mentionAt[first + k]).find((found) => found && found.entity.kind !== 'person');
    const personMention = phraseTokens.map((_, k) => parties.mentionAt[first + k]).find((found) => found && found.entity.kind === 'person');
    if (personMention) return { start: speakerStart, end: speakerEnd, first, last, name: personMention.entity.name, anonymous: false, entity: personMention.entity };
    const determiner = tokens[first]!.lower;
    if (INSTITUTIONAL.has(lower) && partyMention) {
      return { start: speakerStart, end: speakerEnd, first, last, name: partyMention.entity.name, anonymous: false, entity: partyMention.entity, role: lower };
    }
    const possessiveParty = !!partyMention && partyMention.first === first && /^['’]s$/.test(tokens[partyMention.last]?.text ?? '');
    if (ROLE_REFERENCE.has(lower) && (determiner === 'the' || determiner === 'his' || determiner === 'her' || possessiveParty)) {
      // "the prime minister said", "the Kremlin spokesman said", "Iran's foreign minister added": someone the text has named.
      if (partyMention) {
        const party = partyMention.entity.name;
        const named = (item: Entity) => item.kind === 'person' && item.mentions.some((m) => m.start < speakerStart);
        const entity = parties.entities.find((item) => named(item) && item.affiliation === party && item.role && normalise(item.role).includes(lower)) ??
          parties.entities.find((item) => named(item) && item.affiliation === party && /^(leader|head|chief)$/.test(lower)) ??
          [...parties.entities].reverse().find((item) => named(item) && !item.affiliation && item.role && normalise(item.role).includes(lower) && item.mentions.some((m) => m.start < speakerStart && speakerStart - m.start < 600)) ??
          // The person just quoted or named, when nothing ties them to another side: "Araghchi told state TV. Iran's foreign minister added".
          [lastSpeaker(speakerStart, 2)].map((result) => (result && !result.anonymous && result.speaker ? parties.entityByName(result.speaker) : undefined)).find((item) => item?.kind === 'person' && (!item.affiliation || item.affiliation === party));
        if (entity) return { start: speakerStart, end: speakerEnd, first, last, name: entity.name, anonymous: false, entity };
      } else {
        const words = normalise(text.slice(tokens[first + 1]!.start, tokens[t]!.end));
        const entity = roleReference(words, speakerStart);
        if (entity) return { start: speakerStart, end: speakerEnd, first, last, name: entity.name, anonymous: false, entity };
      }
    }
    const bodyKinds = BODY_REFERENCES[lower];
    if (bodyKinds && determiner === 'the' && first + 1 === headAt && !partyMention) {
      // "the group said", "the kingdom said": the last body of that kind the text named.
      const body = [...parties.mentions].reverse().find((item) => item.end <= speakerStart && bodyKinds.includes(item.entity.kind) && quoteOfToken[item.first]! < 0);
      if (body) return { start: speakerStart, end: speakerEnd, first, last, name: body.entity.name, anonymous: false, entity: body.entity };
    }
    if (ANONYMOUS_HEADS.has(lower) || INSTITUTIONAL.has(lower)) {
      // "the official" / "the people" point back to an anonymous source already described.
      if (determiner === 'the' && !partyMention) {
        const previous = [...results].reverse().find((result) => result.anonymous && result.start < speakerStart && result.speakerText && normalise(result.speakerText).includes(lower.replace(/s$/, '')));
        if (previous) return { start: speakerStart, end: speakerEnd, first, last, name: previous.speaker, anonymous: true };
      }
      const speaker: Speaker = { start: speakerStart, end: speakerEnd, first, last, name: phrase, anonymous: true };
      if (partyMention) speaker.affiliation = partyMention.entity.name;
      return speaker;
    }
    if (DOCUMENT_HEADS.has(lower)) {
      return { start: speakerStart, end: speakerEnd, first, last, name: phrase, anonymous: false, document: true };
    }
    return null;
  };

  const pronounSpeaker = (t: number, gender: 'm' | 'f' | 'p' | 'n'): Speaker | null => {
    const token = tokens[t]!;
    const span = { start: token.start, end: token.end, first: t, last: t + 1 };
    if (token.lower === 'i' || token.lower === 'we') return null;
    const recent = gender === 'n' ? [...results].reverse().find((result) => result.start < token.start && (result.document || (result.speaker && parties.entityByName(result.speaker)?.kind !== 'person' && !result.anonymous))) ?? lastSpeaker(token.start, 2) : lastSpeaker(token.start, 2);
    if (gender === 'n' || gender === 'p') {
      // "it says" (a document or body), "they said" (a group): the last such speaker.
      if (recent && (gender === 'p' ? recent.anonymous || !parties.entityByName(recent.speaker ?? '') || parties.entityByName(recent.speaker ?? '')!.kind !== 'person' : recent.document || parties.entityByName(recent.speaker ?? '')?.kind !== 'person')) {
        return { ...speakerFromResult(recent, span.start, span.end, span.first, span.last), pronoun: true };
      }
      if (gender === 'p') return null;
      const body = personBefore(token.start, 'n');
      return body ? { ...span, name: body.entity.name, anonymous: false, entity: body.entity, pronoun: true } : null;
    }
    // He/she: whoever spoke last — the speaker just quoted, or the named subject of a verb of saying in
    // the two sentences before ("Grand argues that …. “…,” he said") — else the last person named.
    const subject = speechSubjectBefore(token.sentence, 2, recent ? (sentenceOfResult.get(recent) ?? -1) : -1);
    if (subject) return { ...span, name: subject.name, anonymous: false, entity: subject, pronoun: true };
    const recentEntity = recent?.speaker ? parties.entityByName(recent.speaker) : undefined;
    if (recent && recentEntity?.kind === 'person' && !recent.anonymous) {
      const mention = personBefore(token.start, gender);
      // Someone else named after the last quote, of the right gender, is the likelier antecedent.
      if (!mention || mention.entity === recentEntity || mention.start < (recent.speakerStart ?? recent.start) || (mention.entity.gender && mention.entity.gender !== gender && mention.entity.gender !== '?')) {
        return { ...span, name: recentEntity.name, anonymous: false, entity: recentEntity, pronoun: true };
      }
      return { ...span, name: mention.entity.name, anonymous: false, entity: mention.entity, pronoun: true };
    }
    if (recent && recent.anonymous && recent.speakerText && /^(an?|the|one) /i.test(recent.speakerText)) {
      const mention = personBefore(token.start, gender);
      if (!mention || mention.start < (recent.speakerStart ?? recent.start)) return { ...span, name: recent.speaker, anonymous: true, pronoun: true };
    }
    const mention = personBefore(token.start, gender);
    if (!mention) return null;
    return { ...span, name: mention.entity.name, anonymous: false, entity: mention.entity, pronoun: true };
  };

  /** Speaker phrase starting at token `start` ("said a senior official", "according to Peskov"). */
  const speakerStartingAt = (start: number, ceiling: number): Speaker | null => {
    let end = start;
    while (end < ceiling && quoteOfToken[end]! < 0) {
      const token = tokens[end]!;
      if (/^[.;:!?]$/.test(token.text) || (token.text === ',' && end > start) || /^(that|and|but|as|because|while|when|after|before|adding|saying)$/.test(token.lower) && end > start) break;
      if (REPORTING_VERBS.has(token.lower) && end > start && token.pos === 'VERB') break;
      end++;
    }
    if (end <= start) return null;
    // Trim trailing prepositional context that is not part of the source ("on Thursday", "in a statement").
    const candidate = speakerEndingAt(end, start);
    // `said Qatar's minister of state, Mohammed Al-Khulaifi, who …`: the name after the role is the speaker.
    if (candidate && !candidate.entity?.kind?.startsWith('person') && tokens[end]?.text === ',') {
      const named = parties.mentionAt[end + 1];
      if (named && named.first === end + 1 && named.entity.kind === 'person' && (!tokens[named.last] || /^[,.;]$/.test(tokens[named.last]!.text))) {
        return { start: candidate.start, end: named.end, first: candidate.first, last: named.last, name: named.entity.name, anonymous: false, entity: named.entity, role: text.slice(candidate.start, candidate.end).replace(/^(the|a|an)\s+/i, '') };
      }
    }
    if (candidate) return candidate;
    // Walk back to the last noun-phrase head inside.
    for (let stop = end - 1; stop > start; stop--) {
      const shorter = speakerEndingAt(stop, start);
      if (shorter && shorter.first === start) return shorter;
    }
    return null;
  };

  const channelOf = (from: number, to: number, exclude: [number, number]): { channel?: SourceChannel; outlet?: string } => {
    const context = text.slice(from, exclude[0]) + ' ' + text.slice(exclude[1], to);
    const found: { channel?: SourceChannel; outlet?: string } = {};
    for (const [pattern, channel] of CHANNEL_CUES) {
      if (pattern.test(context)) {
        found.channel = channel;
        break;
      }
    }
    const outlet = parties.outlets.find((item) => item.start >= from && item.end <= to && !(item.start >= exclude[0] && item.end <= exclude[1]));
    if (outlet) found.outlet = outlet.text;
    return found;
  };

  const emit = (start: number, end: number, speaker: Speaker | null, kind: 'direct' | 'indirect', rule: string, confidence: number, context: [number, number]): AttributionSuggestion => {
    const quote = text.slice(start, end);
    const result: AttributionSuggestion = {
      start,
      end,
      speaker: speaker?.name ?? null,
      anonymous: speaker?.anonymous ?? false,
      quote,
      kind,
      rule,
      confidence: Math.round(confidence * 100) / 100,
      key: `attribution:${normalise(quote).slice(0, 200)}`,
    };
    if (speaker && speaker.end > speaker.start) {
      result.speakerStart = speaker.start;
      result.speakerEnd = speaker.end;
      result.speakerText = text.slice(speaker.start, speaker.end);
    }
    const entity = speaker?.entity;
    if (entity) {
      if (entity.partyId) result.partyId = entity.partyId;
      if (entity.sourceId) result.sourceId = entity.sourceId;
      const role = speaker?.role ?? entity.role;
      if (role) result.role = role;
      if (entity.affiliation) result.affiliation = entity.affiliation;
    } else if (speaker?.role) result.role = speaker.role;
    if (speaker?.affiliation) result.affiliation = speaker.affiliation;
    if (speaker?.name && !result.sourceId) {
      const known = knownSources.get(normalise(speaker.name));
      if (known) result.sourceId = known.id;
    }
    if (speaker?.document) result.document = true;
    const { channel, outlet } = channelOf(context[0], context[1], [start, end]);
    if (channel) result.channel = channel;
    else if (speaker?.document) result.channel = 'document';
    if (outlet) result.outlet = outlet;
    results.push(result);
    sentenceOfResult.set(result, tokens[read.tokenAt(start)]?.sentence ?? 0);
    return result;
  };

  // ---- direct quotes ----------------------------------------------------------------------------
  let previousSpeaker: { speaker: Speaker | null; paragraph: number; quoteEnd: number } | null = null;
  const partials: number[] = [];
  const quoteResults = new Map<number, AttributionSuggestion>();
  for (let q = 0; q < quotes.length; q++) {
    const quote = quotes[q]!;
    const content = text.slice(quote.start, quote.end);
    const words = content.split(/\s+/).filter(Boolean).length;
    const openToken = read.tokenAt(quote.open);
    const closeToken = read.tokenAt(quote.close);
    const sentence = sentences[tokens[openToken]?.sentence ?? 0]!;
    const endSentence = sentences[tokens[Math.max(openToken, closeToken - 1)]?.sentence ?? 0]!;
    const beforeText = text.slice(sentence.start, quote.open);
    const afterToken = tokens[closeToken];
    const afterText = text.slice(quote.close, endSentence.end);
    if (!quote.closed && words < 6) continue;
    if (LABEL_CUES.test(beforeText)) continue;
    if (isTitleCase(content) && words <= 8) continue;
    const endsWithPunctuation = /[.,!?…:;—–-]$/.test(content);
    const wholeSentence = beforeText.trim() === '' && (/^[\s.,!?)]*$/.test(afterText) || endsWithPunctuation);
    const partial = !endsWithPunctuation && !wholeSentence && words <= 10;
    let speaker: Speaker | null = null;
    let rule = '';
    let confidence = 0.9;
    // After: `"…," Peskov said` / `"…," said Peskov` / `"…," according to X`.
    if (afterToken && afterToken.sentence === endSentence.index || (afterToken && /^[,—–-]$/.test(afterToken.text))) {
      let t = closeToken;
      while (tokens[t] && /^[,—–-]$/.test(tokens[t]!.text)) t++;
      const limit = Math.min(tokens.length, t + 16);
      for (let v = t; v < limit && quoteOfToken[v]! < 0 && !/^[.;!?]$/.test(tokens[v]!.text); v++) {
        if (tokens[v]!.lower === 'according' && tokens[v + 1]?.lower === 'to') {
          speaker = speakerStartingAt(v + 2, Math.min(tokens.length, v + 20));
          rule = 'quote:according-to';
          break;
        }
        if (isSpeechVerb(v) && !notSpeech(v) && !(partial && !endsWithPunctuation)) {
          speaker = v > t ? speakerEndingAt(v, t) : null;
          if (!speaker) speaker = speakerStartingAt(v + 1, Math.min(tokens.length, v + 16));
          if (speaker) {
            usedVerb.add(v);
            rule = v > t ? 'quote:speaker-after' : 'quote:said-speaker';
          }
          break;
        }
      }
    }
    // Before: `Peskov said: "…"` / `X told reporters, "…"` / `According to X, "…"`.
    if (!speaker) {
      const floor = sentence.first;
      for (let v = openToken - 1; v >= floor && openToken - v < 30; v--) {
        if (quoteOfToken[v]! >= 0) break;
        if (tokens[v]!.lower === 'according' && tokens[v + 1]?.lower === 'to') {
          speaker = speakerStartingAt(v + 2, openToken);
          rule = 'quote:according-to';
          break;
        }
        if (PARTIAL_VERBS.has(tokens[v]!.lower) && !isVerb(v) && quoteOfToken[v]! < 0) {
          // "refers only to "…"", "described it as "…"": the subject owns the quoted words.
          const between = text.slice(tokens[v]!.end, quote.open);
          if (/[.;]/.test(between) || between.length > 60) break;
          speaker = speakerEndingAt(v, floor);
          if (speaker) {
            rule = 'quote:partial';
            confidence = 0.6;
          }
          break;
        }
        if (isVerb(v) && !notSpeech(v)) {
          const between = text.slice(tokens[v]!.end, quote.open);
          // The quote must be what the verb reports, not a later clause: `said: "`, `told X, "`, `said that "`.
          if (/[.;]/.test(between) || between.length > 80) break;
          speaker = speakerEndingAt(v, floor);
          if (speaker) {
            usedVerb.add(v);
            rule = 'quote:speaker-before';
            if (/\bthat\s*$/.test(between) || !/[:,]\s*$/.test(between) && between.trim().length > 0) {
              // "said the plan was "a basis"": mixed speech, reported by the indirect pass.
              if (partial || !wholeSentence) {
                speaker = null;
                usedVerb.delete(v);
                rule = '';
                break;
              }
            }
          }
          break;
        }
      }
      // Headline or lead-in: `Zelensky: "We will not give up land"`.
      if (!speaker && /^\s*[^\s].{0,60}:\s*$/.test(beforeText)) {
        const colon = read.tokenAt(sentence.start + beforeText.lastIndexOf(':'));
        const named = speakerEndingAt(colon, sentence.first);
        if (named && named.first === sentence.first) {
          speaker = named;
          rule = 'quote:headline-colon';
          confidence = 0.7;
        }
      }
    }
    // Between two halves: `"We will," he said, "never agree."` — the second half shares the speaker.
    if (!speaker && q > 0 && previousSpeaker && quoteResults.has(q - 1)) {
      const previous = quotes[q - 1]!;
      const gap = text.slice(previous.close, quote.open);
      const previousContent = text.slice(previous.start, previous.end);
      if (gap.length < 90 && /[,—–-]$/.test(previousContent) && /^[\s,]*[^.!?\n]{0,70}\b(said|says|added|told|asked|continued|went on|insisted|warned|argued|wrote)\b[^.!?\n]{0,40}[,:;—–-]\s*$/.test(gap)) {
        speaker = previousSpeaker.speaker;
        rule = 'quote:resumed';
        confidence = 0.85;
      }
    }
    if (!speaker && partial) {
      // A scare quote or a phrase, unless the indirect pass claims it or a verb of saying owns it (below).
      partials.push(q);
      continue;
    }
    // Continuation: a stand-alone quote right after an attributed one.
    if (!speaker && previousSpeaker && previousSpeaker.speaker && wholeSentence) {
      const paragraph = sentence.paragraph;
      const gapText = text.slice(previousSpeaker.quoteEnd, quote.open);
      if (paragraph - previousSpeaker.paragraph <= 1 && gapText.length < 400) {
        speaker = { ...(previousSpeaker.speaker as Speaker), start: 0, end: 0 };
        rule = 'quote:continued';
        confidence = 0.65;
      }
    }
    // A quote paragraph after a sentence ending in a colon: `Peskov put it bluntly:`.
    if (!speaker && wholeSentence && sentence.index > 0) {
      const previousSentence = sentences[sentence.index - 1]!;
      if (/:\s*$/.test(text.slice(previousSentence.start, previousSentence.end))) {
        for (let t = previousSentence.first; t < previousSentence.last; t++) {
          const mention = parties.mentionAt[t];
          if (mention && quoteOfToken[t]! < 0) {
            speaker = { start: mention.start, end: mention.end, first: mention.first, last: mention.last, name: mention.entity.name, anonymous: false, entity: mention.entity };
            rule = 'quote:colon-lead';
            confidence = 0.6;
            break;
          }
        }
      }
    }
    if (!speaker) {
      if (words < 8 || !wholeSentence) continue;
      rule = 'quote:no-speaker';
      confidence = 0.3;
    }
    if (speaker?.pronoun) confidence = Math.min(confidence, 0.8);
    if (speaker && !speaker.name) confidence = Math.min(confidence, 0.5);
    let contentStart = quote.start;
    let kind: 'direct' | 'indirect' = 'direct';
    if (speaker && (rule === 'quote:speaker-after' || rule === 'quote:said-speaker') && beforeText.trim().split(/\s+/).length >= 2 && /[\p{L}\p{N}]\s*$/u.test(beforeText)) {
      // `Sanctions relief "will be considered in stages," it says.`: the writer's words and the quote are one report.
      contentStart = sentence.start;
      kind = 'indirect';
      rule = 'quote:mixed';
    }
    const result = emit(contentStart, quote.end, speaker, kind, rule, confidence, [sentence.start, endSentence.end]);
    quoteResults.set(q, result);
    if (speaker && speaker.name) previousSpeaker = { speaker, paragraph: endSentence.paragraph, quoteEnd: quote.close };
  }

  // ---- indirect speech ------------------------------------------------------------------------------
  const covered = (start: number, end: number): boolean => results.some((result) => result.kind === 'direct' && result.start < end && start < result.end && (Math.min(end, result.end) - Math.max(start, result.start)) > 0.5 * (end - start));
  for (const sentence of sentences) {
    const from = sentence.first;
    const to = sentence.last;
    for (let v = from; v < to; v++) {
      const token = tokens[v]!;
      if (quoteOfToken[v]! >= 0) continue;
      if (token.lower === 'according' && tokens[v + 1]?.lower === 'to') {
        handleAccordingTo(v, sentence.index);
        continue;
      }
      if (usedVerb.has(v) || !isVerb(v) || notSpeech(v)) continue;
      handleReportingVerb(v, sentence.index);
    }
  }

  function contentBounds(first: number, last: number): [number, number] | null {
    // Trim punctuation and conjunction tails from a token range.
    while (first < last && /^[,:;—–-]$|^(that|and|but)$/.test(tokens[first]!.text)) first++;
    while (last > first && /^[.,:;!?—–-]$/.test(tokens[last - 1]!.text)) last--;
    if (last <= first) return null;
    let start = tokens[first]!.start;
    let end = tokens[last - 1]!.end;
    // Keep a quote's closing mark inside when the content ends with a quoted phrase.
    if (/^["“”'’]$/.test(tokens[last - 1]!.text) && last - 2 >= first && /^[.,]$/.test(tokens[last - 2]!.text)) end = tokens[last - 3]?.end ?? end;
    if (/^["“‘']$/.test(text[start]!) && quoteOfToken[first]! >= 0) {
      const quote = quotes[quoteOfToken[first]!]!;
      if (quote.close >= end) start = quote.start;
    }
    return [start, end];
  }

  /** "said Ukraine could accept …" reports a clause; "claimed victory as …" does not: a verb soon, no preposition first. */
  function startsClause(first: number, last: number, within: number): boolean {
    if (tokens[first]?.pos === 'ADP' || tokens[first]?.pos === 'SCONJ') return false;
    for (let t = first; t < last && t < first + within; t++) {
      const token = tokens[t]!;
      if (token.pos === 'VERB' || token.pos === 'AUX') return t > first;
      if (token.pos === 'SCONJ' || token.text === ',') return false;
    }
    return false;
  }

  function hasClause(first: number, last: number): boolean {
    let verbs = 0;
    for (let t = first; t < last; t++) if (tokens[t]!.pos === 'VERB' || tokens[t]!.pos === 'AUX') verbs++;
    return verbs > 0 && last - first >= 3;
  }

  function handleReportingVerb(v: number, sentenceIndex: number): void {
    const sentence = sentences[sentenceIndex]!;
    const token = tokens[v]!;
    const speechOnly = SPEECH_VERBS.has(token.lower);
    // Subject before the verb: `Starmer said …`, `…, the official said.`
    let subject = speakerEndingAt(v, sentence.first);
    // "what it says", "who wrote it": a relative clause, not a report.
    if (subject && /^(what|which|whatever|how|who|whom)$/.test(tokens[subject.first - 1]?.lower ?? '')) return;
    if (subject && token.lower === 'written' || (/^(said|written|told)$/.test(token.lower) && /^(is|was|were|are|been|be|being)$/.test(tokens[v - 1]?.lower ?? ''))) return;
    if (!subject && token.lower === 'saying' && tokens[v - 1]?.lower === 'as') {
      // "One official was quoted last week as saying …"
      for (let k = v - 2; k > sentence.first && k > v - 8; k--) {
        if (/^(quoted|cited|heard|recorded|reported)$/.test(tokens[k]!.lower)) {
          let be = k - 1;
          if (/^(was|were|is|are|been|being|has|have)$/.test(tokens[be]?.lower ?? '')) be--;
          if (/^(was|were|is|are|been|has|have)$/.test(tokens[be]?.lower ?? '')) be--;
          subject = speakerEndingAt(be + 1, sentence.first);
          break;
        }
      }
    }
    if (!subject && /^(and|but)$/.test(tokens[v - 1]?.lower ?? '')) {
      // "Yermak described the meeting as … and said …": the sentence's subject.
      for (let k = sentence.first + 1; k < v - 1; k++) {
        if (quoteOfToken[k]! >= 0 || (tokens[k]!.pos !== 'VERB' && tokens[k]!.pos !== 'AUX')) continue;
        subject = speakerEndingAt(k, sentence.first);
        if (subject) break;
      }
    }
    let after = v + 1;
    // `told reporters`, `told CNN`, `said on Thursday`, `said in a statement`.
    if (/^(told|tell|tells|telling|briefed|assured|reminded|informed|warned|urged|asked)$/.test(token.lower)) {
      const rest = text.slice(tokens[after]?.start ?? sentence.end, sentence.end);
      const object = TOLD_OBJECTS.exec(rest);
      if (object && object[0].length > 0) after = read.tokenAt((tokens[after]?.start ?? 0) + object[0].length);
    }
    for (;;) {
      const rest = text.slice(tokens[after]?.start ?? sentence.end, sentence.end);
      const adjunct = /^(?:on (?:\w+day|[A-Z]\w+ \d+)|(?:late |early )?(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:night|morning|evening|afternoon))?|in (?:a|an|his|her|their|its) [\w\s-]{0,30}?(?:statement|interview|post|speech|address|briefing|remarks|message|video|call|letter|op-ed|article|appearance)(?: (?:with|to|on) [\w\s'’.-]{0,40}?(?=,|\s+that\b))?|at (?:a|an|the) [\w\s-]{0,30}?(?:conference|briefing|summit|meeting|forum|rally|event|session|hearing)|(?:last|this|next) (?:week|month|year|night)|(?:yesterday|today|earlier|later|recently|afterwards|privately|publicly|repeatedly|again|also|separately|bluntly|flatly|firmly|openly|explicitly)|(?:on|via) (?:X|Twitter|Telegram|Truth Social|Facebook|social media|television|state TV|state television)|(?:to|before) (?:reporters|journalists|lawmakers|parliament))\b,?\s*/.exec(rest);
      if (!adjunct || adjunct[0].length === 0) {
        // ", repeatedly and in public, that …"
        const parenthetical = /^,[^,.;:"“”]{1,60},\s*(?=that\b)/.exec(rest) ?? /^only\s+(?=that\b)/.exec(rest);
        if (!parenthetical) break;
        after = read.tokenAt((tokens[after]?.start ?? 0) + parenthetical[0].length);
        continue;
      }
      after = read.tokenAt((tokens[after]?.start ?? 0) + adjunct[0].length);
    }
    // An adjunct of any shape before "that": "told reporters after six hours of talks that …", "wrote in 2014 that …".
    if (tokens[after]?.lower !== 'that' && (tokens[after]?.pos === 'ADP' || /^(last|this|next|on|in|at|after|before|during|earlier|later)$/.test(tokens[after]?.lower ?? ''))) {
      for (let t = after + 1; t < Math.min(sentence.last, after + 12); t++) {
        if (quoteOfToken[t]! >= 0 || /^[.;:!?"“”]$/.test(tokens[t]!.text) || tokens[t]!.pos === 'VERB') break;
        if (tokens[t]!.lower === 'that') {
          after = t;
          break;
        }
      }
    }
    const thatClause = tokens[after]?.lower === 'that';
    if (!speechOnly && !thatClause) {
      // "warned of", "denied the report": reported only with a that-clause or a quote.
      if (!(subject && tokens[after] && quoteOfToken[after]! >= 0)) {
        if (!inverted()) return;
        return;
      }
    }
    if (tokens[after]?.text === ':' || tokens[after]?.text === ',' && quoteOfToken[after + 1]! >= 0) return; // a direct quote follows, handled above
    if (subject && after < sentence.last && !/^[.,;!?]$/.test(tokens[after]!.text) && !(token.lower === 'said' && tokens[after]?.lower === 'to')) {
      const contentFirst = thatClause ? after + 1 : after;
      // Content runs to the sentence end, or to "…, adding that" / "…, he said".
      let contentLast = sentence.last;
      for (let t = contentFirst + 1; t < sentence.last; t++) {
        // "announced a truce and said he accepted …": the second report is its own.
        if (tokens[t]!.lower === 'and' && quoteOfToken[t]! < 0 && isVerb(t + 1) && SPEECH_VERBS.has(tokens[t + 1]!.lower)) {
          contentLast = tokens[t - 1]?.text === ',' ? t - 1 : t;
          break;
        }
        if (tokens[t]!.text !== ',' || quoteOfToken[t]! >= 0) continue;
        if (tokens[t + 1] && /^(adding|saying|noting|warning|insisting|arguing|stressing|according)$/.test(tokens[t + 1]!.lower)) {
          contentLast = t;
          break;
        }
        // "…, a person briefed on the talks said.": another source's report ends the content.
        for (let w = t + 2; w < Math.min(sentence.last, t + 14); w++) {
          if (isVerb(w) && SPEECH_VERBS.has(tokens[w]!.lower) && /^[.,;!?]$/.test(tokens[w + 1]?.text ?? '.') && speakerEndingAt(w, t + 1)) {
            contentLast = t;
            break;
          }
        }
        if (contentLast !== sentence.last) break;
      }
      if (tokens[contentFirst]?.lower === 'to' || tokens[contentFirst]?.lower === 'for' || tokens[contentFirst]?.lower === 'of') return;
      // "…, a senior official told Reuters on condition of anonymity.": what follows is no clause; the report is before the comma.
      if (!hasClause(contentFirst, contentLast) || (!thatClause && !startsClause(contentFirst, contentLast, /^(said|says|say|saying|told|tells|tell|added|adds|wrote|writes)$/.test(token.lower) ? 10 : 6))) {
        inverted();
        return;
      }
      const bounds = contentBounds(contentFirst, contentLast);
      if (!bounds || covered(bounds[0], bounds[1])) return;
      usedVerb.add(v);
      const confidence = subject.name ? (subject.pronoun ? 0.7 : 0.75) : 0.4;
      // "said that A and that B" is one report, as PARC marks it.
      const mixed = quotes.some((quote) => quote.start >= bounds[0] && quote.end <= bounds[1]);
      emit(bounds[0], bounds[1], subject, 'indirect', mixed ? 'indirect:mixed' : thatClause ? 'indirect:said-that' : 'indirect:said', confidence, [sentence.start, sentence.end]);
      return;
    }
    inverted();

    function inverted(): boolean {
      // `Ukraine could accept much of it, Starmer said.` / `…, said a senior official.`
      const comma = v - 1 >= sentence.first && tokens[v - 1]!.text === ',' ? v - 1 : -1;
      let speaker: Speaker | null = null;
      let contentLast = -1;
      if (comma >= 0) {
        speaker = speakerStartingAt(v + 1, sentence.last);
        contentLast = comma;
      } else if (subject && subject.first - 1 >= sentence.first && tokens[subject.first - 1]!.text === ',') {
        speaker = subject;
        contentLast = subject.first - 1;
      }
      if (!speaker || contentLast <= sentence.first) return false;
      // Parenthetical: `Russia, Peskov said, would not…` — content is the whole sentence around it.
      const speakerEnd = speaker.last;
      let tailFirst = -1;
      if (comma < 0 && tokens[v + 1]?.text === ',' && v + 2 < sentence.last) tailFirst = v + 2;
      else if (comma >= 0 && tokens[speakerEnd]?.text === ',' && speakerEnd + 1 < sentence.last) tailFirst = speakerEnd + 1;
      let contentFirst = sentence.first;
      // Only the clause before the comma: skip a lead-in that ends in a comma or colon.
      for (let t = contentLast - 1; t > sentence.first; t--) {
        if (quoteOfToken[t]! >= 0) continue;
        if (/^[;:]$/.test(tokens[t]!.text)) {
          contentFirst = t + 1;
          break;
        }
      }
      const lastContentToken = tailFirst >= 0 ? sentence.last : contentLast;
      if (!hasClause(contentFirst, lastContentToken)) return false;
      const bounds = contentBounds(contentFirst, lastContentToken);
      if (!bounds || covered(bounds[0], bounds[1])) return false;
      usedVerb.add(v);
      const mixed = quotes.some((quote) => quote.start >= bounds[0] && quote.end <= bounds[1]);
      emit(bounds[0], bounds[1], speaker, 'indirect', mixed ? 'indirect:mixed' : tailFirst >= 0 ? 'indirect:parenthetical' : 'indirect:inverted', speaker.name ? 0.75 : 0.4, [sentence.start, sentence.end]);
      return true;
    }
  }

  function handleAccordingTo(v: number, sentenceIndex: number): void {
    const sentence = sentences[sentenceIndex]!;
    let speaker = speakerStartingAt(v + 2, sentence.last);
    if (!speaker) return;
    let speakerLast = speaker.last;
    // Chains: "according to a report by Axios citing two officials", "according to a draft seen by CNN".
    const tail = text.slice(tokens[speakerLast]?.start ?? sentence.end, sentence.end);
    const citing = /^(?:,?\s*(?:which|who)?\s*(?:cited|citing|quoting|quoted)\s+)/.exec(tail) ?? /^\s*(?:by|from|in|of|at)\s+[^,]{0,40}?\s+(?:citing|quoting)\s+/.exec(tail);
    if (citing) {
      const cited = speakerStartingAt(read.tokenAt((tokens[speakerLast]?.start ?? 0) + citing[0].length), sentence.last);
      if (cited) {
        speaker = cited;
        speakerLast = cited.last;
      }
    }
    // Skip the rest of the source phrase: "seen by CNN", "familiar with the talks", "published on Friday".
    let phraseEnd = speakerLast;
    while (phraseEnd < sentence.last && tokens[phraseEnd]!.text !== ',' && !/^[.;:!?]$/.test(tokens[phraseEnd]!.text)) phraseEnd++;
    const beforeFirst = sentence.first;
    const beforeLast = v - 1 >= beforeFirst && tokens[v - 1]!.text === ',' ? v - 1 : v;
    let bounds: [number, number] | null = null;
    if (beforeLast - beforeFirst >= 3 && hasClause(beforeFirst, beforeLast)) bounds = contentBounds(beforeFirst, beforeLast);
    else if (phraseEnd < sentence.last && hasClause(phraseEnd + 1, sentence.last)) bounds = contentBounds(phraseEnd + 1, sentence.last);
    if (!bounds || covered(bounds[0], bounds[1])) return;
    // "X told the meeting that …, according to a readout": the readout is how the words reached us, not their source.
    if (results.some((result) => result.kind === 'indirect' && result.start < bounds![1] && bounds![0] < result.end)) return;
    emit(bounds[0], bounds[1], speaker, 'indirect', 'according-to', speaker.name ? 0.7 : 0.4, [sentence.start, sentence.end]);
  }

  // ---- documents that frame a sentence: "Under proposals seen by CNN, Ukraine would cap its army" --------
  for (const sentence of sentences) {
    const body = text.slice(sentence.start, sentence.end);
    const frame = /^(?:But |And )?(?:Under|In) ((?:the|a|an|its|their|his|her|this|that|these)\s+(?:[\w'’-]+\s+){0,4}?([\w-]+)(?:\s+(?:seen|obtained|reviewed|circulated|published|drafted|put forward|presented|sent|shared)\s+(?:by|to|with)\s+[^,]{1,50})?|(?:[\w'’-]+\s+){0,3}?(proposals|plans|drafts|terms)\s+(?:seen|obtained|reviewed|circulated|published|drafted)\s+by\s+[^,]{1,50}),\s+/.exec(body);
    if (!frame) continue;
    const head = (frame[2] ?? frame[3] ?? '').toLowerCase();
    if (!DOCUMENT_HEADS.has(head) || /^(terms|deal|agreement|text|version|list|data|figures|post|video|footage|analysis|summary)$/.test(head) && !/\b(?:seen|obtained|reviewed)\b/.test(frame[1]!)) continue;
    const rest = body.slice(frame[0].length).replace(/[.!?]+\s*$/, '');
    if (!/\b(?:would|will|must|should|could|can|may|is to|are to|shall)\b/.test(rest) || rest.split(/\s+/).length < 4) continue;
    const start = sentence.start + frame[0].length;
    if (results.some((result) => result.start < start + rest.length && start < result.end)) continue;
    const sourceStart = sentence.start + frame[0].indexOf(frame[1]!);
    const first = read.tokenAt(sourceStart);
    const speaker: Speaker = { start: sourceStart, end: sourceStart + frame[1]!.length, first, last: read.tokenAt(sourceStart + frame[1]!.length), name: frame[1]!, anonymous: false, document: true };
    emit(start, start + rest.length, speaker, 'indirect', 'document:under', 0.55, [sentence.start, sentence.end]);
  }

  // ---- partial quotes a verb of saying owns: `described the meeting as "productive"` -----------------
  for (const q of partials) {
    const quote = quotes[q]!;
    if (results.some((result) => result.start <= quote.start && result.end >= quote.end)) continue;
    const openToken = read.tokenAt(quote.open);
    const sentence = sentences[tokens[openToken]?.sentence ?? 0]!;
    if (LABEL_CUES.test(text.slice(sentence.start, quote.open)) || /\bwhat\b[^.,;]{0,40}\bcalls?\s+(?:it\s+)?(?:the\s+|an?\s+)?$/i.test(text.slice(sentence.start, quote.open))) continue;
    for (let v = openToken - 1; v >= sentence.first && openToken - v < 14; v--) {
      if (quoteOfToken[v]! >= 0 || /^[.;:]$/.test(tokens[v]!.text)) break;
      if (!PARTIAL_VERBS.has(tokens[v]!.lower) && !isSpeechVerb(v)) continue;
      let speaker = speakerEndingAt(v, sentence.first);
      if (!speaker && v > sentence.first) {
        for (let k = sentence.first + 1; k < v && !speaker; k++) if (tokens[k]!.pos === 'VERB' || tokens[k]!.pos === 'AUX') speaker = speakerEndingAt(k, sentence.first);
      }
      if (speaker?.name) emit(quote.start, quote.end, speaker, 'direct', 'quote:partial', 0.55, [sentence.start, sentence.end]);
      break;
    }
  }

  // ---- interviews and transcripts: answers without quote marks --------------------------------------
  readAnswers();

  function readAnswers(): void {
    const paragraphs = read.paragraphs;
    const paragraphText = (index: number) => text.slice(paragraphs[index]!.start, paragraphs[index]!.end);
    const hasQuote = (start: number, end: number) => results.some((result) => result.start < end && start < result.end);
    // Transcript labels: "PESKOV: …", "Lavrov: …".
    const labelled = /^(\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,2}):\s+\S/u;
    const labelOf = (index: number) => labelled.exec(paragraphText(index))?.[1];
    const labelCount = new Map<string, number>();
    for (let index = 0; index < paragraphs.length; index++) {
      const found = labelOf(index);
      if (found) labelCount.set(found, (labelCount.get(found) ?? 0) + 1);
    }
    for (let index = 0; index < paragraphs.length; index++) {
      const body = paragraphText(index);
      const label = labelled.exec(body);
      if (!label || /^(question|questions|q|answer|a|interviewer|host|moderator|presenter|anchor|reporter|journalist|audience|editor'?s note|note|update|updated|read more|watch|key events?|key points|analysis|opinion|comment|background|context|reporting|source|sources|photo|video)$/i.test(label[1]!)) continue;
      const labelStart = paragraphs[index]!.start;
      const labelToken = read.tokenAt(labelStart);
      // "MS BRUCE:", "Mr Peskov:": the honorific is not the name.
      const bare = label[1]!.replace(/^(?:mr|ms|mrs|dr|sir|dame|gen|president|minister|secretary)\.?\s+/i, '');
      let mentionToken = labelToken;
      while (mentionToken < tokens.length && tokens[mentionToken]!.end <= labelStart + label[1]!.length && !parties.mentionAt[mentionToken]) mentionToken++;
      const mention = tokens[mentionToken] && tokens[mentionToken]!.end <= labelStart + label[1]!.length ? parties.mentionAt[mentionToken] : undefined;
      const byName = parties.entities.find((entity) => entity.kind === 'person' && entity.mentions.length > 0 && (normalise(entity.name) === normalise(bare) || normalise(entity.name).split(' ').includes(normalise(bare))));
      let entity = mention?.entity.kind === 'person' ? mention.entity : byName;
      let name = entity?.name;
      // A speaker label the text repeats, in capitals or as one name, though it names no one else: "BRUCE:" thrice.
      if (!entity && (labelCount.get(label[1]!) ?? 0) >= 2 && !bare.includes(' ') && !NEVER_LABELS.has(bare.toLowerCase())) {
        name = bare.charAt(0) + bare.slice(1).toLowerCase();
        entity = undefined;
      }
      if (!name) continue;
      const contentStart = labelStart + label[0].length - 1;
      const contentEnd = paragraphs[index]!.end;
      if (hasQuote(contentStart, contentEnd) || contentEnd - contentStart < 20) continue;
      const speaker: Speaker = { start: labelStart, end: labelStart + label[1]!.length, first: labelToken, last: read.tokenAt(labelStart + label[1]!.length), name, anonymous: false };
      if (entity) speaker.entity = entity;
      emit(contentStart, contentEnd, speaker, 'direct', 'transcript:label', entity ? 0.8 : 0.6, [contentStart, contentEnd]);
    }
    // Q&A interviews: a short question paragraph, then the interviewee's answer in the first person.
    const isQuestion = (index: number) => {
      const body = paragraphText(index).trim();
      return /\?$/.test(body) && body.split(/\s+/).length <= 45 && !/^["“‘'«]/.test(body);
    };
    let questions = 0;
    for (let index = 0; index + 1 < paragraphs.length; index++) if (isQuestion(index) && !isQuestion(index + 1)) questions++;
    if (questions < 2) return;
    const intro = text.slice(0, paragraphs[Math.min(3, paragraphs.length - 1)]!.end);
    const named = /\b(?:interview with|spoke (?:to|with)|talked (?:to|with)|sat down with|conversation with)\s+(?:[a-z]+\s+){0,3}?((?:\p{Lu}[\p{L}'’.-]+\s?){1,4})/u.exec(intro);
    let interviewee: Entity | undefined;
    if (named) interviewee = parties.entities.find((entity) => entity.kind === 'person' && normalise(named[1]!.trim()).includes(normalise(entity.name.split(' ').at(-1)!)));
    if (!interviewee) {
      // The person the article names most.
      interviewee = [...parties.entities].filter((entity) => entity.kind === 'person').sort((a, b) => b.mentions.length - a.mentions.length)[0];
    }
    if (!interviewee) return;
    for (let index = 1; index < paragraphs.length; index++) {
      if (isQuestion(index)) continue;
      let q = index - 1;
      while (q >= 0 && !isQuestion(q)) q--;
      if (q < 0 || index - q > 4) continue;
      const { start, end } = paragraphs[index]!;
      const body = paragraphText(index);
      if (!/\b(I|we|We|my|My|our|Our|us|me|I'm|I’m|we're|we’re)\b/.test(body) || hasQuote(start, end) || /^["“‘'«]/.test(body)) continue;
      const speaker: Speaker = { start: 0, end: 0, first: 0, last: 0, name: interviewee.name, anonymous: false, entity: interviewee };
      emit(start, end, speaker, 'direct', 'interview:answer', 0.7, [start, end]);
    }
  }

  return results.sort((a, b) => a.start - b.start);
}

/** "the group", "the kingdom": a body the text has named, by the kinds of party the word can refer to. */
const BODY_REFERENCES: Record<string, string[]> = {
  group: ['armed_group', 'organisation'], movement: ['armed_group', 'organisation'], militia: ['armed_group'], rebels: ['armed_group'],
  paramilitaries: ['armed_group'], militants: ['armed_group'], organisation: ['organisation'], organization: ['organisation'],
  agency: ['organisation'], bloc: ['bloc'], alliance: ['bloc'], union: ['bloc'], kingdom: ['state'], country: ['state'], emirate: ['state'],
};

/** One-word paragraph labels that are never a speaker. */
const NEVER_LABELS = new Set(['breaking', 'exclusive', 'correction', 'clarification', 'disclaimer', 'warning', 'summary', 'verdict', 'timeline', 'why', 'what', 'how', 'who', 'when', 'where', 'tags', 'topics', 'related', 'share', 'published', 'posted', 'updated', 'by', 'image', 'caption', 'credit', 'listen', 'pictured', 'location', 'date']);

/** Verbs that own a short quoted phrase: `dismissed the ideas as "not constructive"`. */
const PARTIAL_VERBS = new Set(['described', 'describes', 'describing', 'called', 'calls', 'calling', 'dismissed', 'dismisses', 'accused', 'accuses', 'accusing',
  'promised', 'promising', 'promises', 'termed', 'branded', 'labelled', 'labeled', 'praised', 'condemned', 'criticised', 'criticized', 'hailed',
  'denounced', 'slammed', 'blasted', 'warned', 'urged', 'vowed', 'rejected', 'welcomed', 'insisted', 'characterised', 'characterized',
  'decried', 'lambasted', 'mocked', 'derided', 'pledged', 'demanded', 'promise', 'called for', 'referred', 'refers', 'likened', 'compared']);

/** "Coalition of the Willing", "Operation Gideon's Chariots": a name in quotes, not someone's words. */
function isTitleCase(content: string): boolean {
  const words = content.replace(/[.,!?;:]+$/, '').split(/\s+/).filter(Boolean);
  if (words.length < 2) return false;
  const small = /^(of|the|and|for|in|on|a|an|to|at|by|with|or|de|la|al)$/i;
  return words.every((word, index) => (index > 0 && small.test(word)) || /^[\p{Lu}\d]/u.test(word));
}

export type { QuoteSpan, Token };
