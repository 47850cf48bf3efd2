/**
 * Concessions, demands and stances: a sentence where a party demands, offers, concedes, accepts,
 * rejects or conditions something, with the parties on each side, the issue area from the case's
 * codebook, the case concession it is about (when one matches), and references to plan points.
 */
import type { Stance } from '../../shared/model/vocabulary';
import { normalise } from './gazetteer';
import type { Entity, Mention, PartyReading } from './parties';
import type { ReadText } from './text';
import type { AttributionSuggestion, CaseKnowledge, ConcessionSuggestion, KnownConcession, KnownPlan, PlanReference } from './types';

interface Cue {
  pattern: RegExp;
  stance: Stance;
  label: string;
  /** Strong cues make a sentence a candidate without a negotiation topic word. */
  strong?: boolean;
}

// Order matters: the first cue found in a sentence sets its stance (rejection before acceptance: "refused to accept").
const CUES: Cue[] = [
  { pattern: /\b(?:reject(?:s|ed|ing)?|refus(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?(?! (?:the |these |those |such |as )?(?:claims?|reports?|suggestions?|speculation|allegations?|accusations?|stor(?:y|ies)|rumou?rs?|criticism|concerns?|fears?|idea that)\b)|(?:is|are|am|was|were)(?:n['’]t| not) going to (?:reopen|renegotiate|accept|agree|give (?:up|away|in)|cede|sign|allow|change|hand|withdraw|budge|compromise|trade|recogni[sz]e|pay|lift|ease|drop|move|leave|surrender|negotiate)|(?:has|have|had) (?:shown|signalled|signaled|expressed) (?:little|no) (?:interest|appetite|willingness)|no (?:third-party|outside|foreign|external|international) (?:mediation|involvement|interference|role)|declin(?:e|es|ed|ing) to (?:sign|accept|endorse|join|commit|back|support|recogni[sz]e|attend|lift|extend|ratify)|rul(?:e|es|ed|ing) out|turn(?:s|ed)? down|spurn(?:s|ed)?|balk(?:s|ed)? at|veto(?:es|ed)?|non-starter|unacceptable|(?:will|would|could|can)(?:\s+never|\s+not|n['’]t)\s+(?:accept|agree|give|cede|recognise|recognize|allow|tolerate|sign|withdraw)|never (?:accept|agree|cede|give up|recognise|recognize)|(?:cannot|can['’]t|won['’]t|will not|would not|does not|do not|doesn['’]t|don['’]t) (?:accept|agree|support|cede|give up|recognise|recognize)|opposes|opposed|oppose|out of the question|not on the table|not negotiable|not acceptable|no (?:legal )?(?:authority|right|mandate) to|(?:(?:will|would|can|could|must)(?: never| not|n['’]t)|cannot) (?:leave|hand over|give away|give up|surrender|stop|withdraw|move|budge|allow|sign|change (?:it|our|its|their|this|that)|compromise|trade|sacrifice|pay|discuss|negotiate)|no (?:[A-Z][\w-]+ )?(?:money|funds|troops|soldiers|boots)\b|(?:has|have) yet to (?:say|agree|accept|decide)|criticis(?:e|es|ed)|criticiz(?:e|es|ed)|condemn(?:s|ed)?|denounc(?:e|es|ed)|no (?:truce|ceasefire|deal|peace|talks) (?:while|until|without)|there (?:will|would|can|could) be no|no return to|not part of (?:any|the) (?:[\w-]+ )?(?:negotiations?|talks|deal)|(?:will|would) not be (?:deployed|sent|bound|part of)|tear up|walk(?:s|ed)? away from|scrap(?:s|ped)?|legitimate targets?|never be (?:agreed|accepted|allowed|signed))\b/i, stance: 'rejects', label: 'reject', strong: true },
  { pattern: /\b(?:red lines?|non-negotiable|ultimatum|precondition|pre-condition)\b/i, stance: 'demands', label: 'red line', strong: true },
  { pattern: /\b(?:ceasefire first|first a ceasefire|before any (?:talks|negotiations|deal)|only (?:if|once|after|when)|only\s+(?:\w+\s+){1,3}?(?:if|once|after|when|until)|unless|on (?:the )?condition(?! of anonymity)|no (?:[\w-]+ ){1,3}?(?:until|unless)|conditional on|conditioned on|in (?:exchange|return) for|provided (?:that)?|as long as|subject to|depend(?:s|ed|ing)? on|tied to|linked to|(?:would|will|must) need|needs (?:a|an|the)|require[sd]?|\w+ first(?=[,.;]|\s+(?:then|and then|before))|first (?:step|phase)|in step with|in stages|as a condition|conditions? (?:for|of)(?! anonymity)|(?:as )?the price (?:for|of)|not (?:one |a )?day before|before (?:answering|responding|replying|deciding|signing|agreeing|committing)|threaten(?:s|ed|ing)? to)\b/iu, stance: 'conditional', label: 'condition' },
  // "if", "until", "once" make a condition only beside a commitment: "would accept … if", "will not leave until".
  { pattern: /\b(?:would|will|could|is ready to|are ready to|would only|will only)\b[^.;]{0,80}\b(?:if|until|once)\b|\b(?:if|until|once)\b[^.;]{0,80}\b(?:would|will)\b(?! be (?:a|an|the)\b)/i, stance: 'conditional', label: 'condition' },
  { pattern: /\b(?:demand(?:s|ed|ing)?|insist(?:s|ed|ing)? (?:on|that|there)|call(?:s|ed|ing)? for|press(?:es|ed|ing)? for|push(?:es|ed|ing)? for|seek(?:s|ing)?|sought|want(?:s|ed)?|requir(?:e|es|ed|ing)|must (?:withdraw|give|cede|accept|leave|hand|recognise|recognize|limit|cap|reduce|abandon|renounce|stop|end|agree|pull|drop|release|return|allow|hold)|is asking for|are asking for|asked for|(?:is|are|was|were) pressing|pressed [\w\s]{0,30}? to|pressur(?:e|es|ed|ing) [\w\s]{0,30}? to|call(?:s|ed|ing)? on|expects? [\w\s]{0,20}? to|maximalist|must|should|has to|have to|had to|need(?:s|ed)? to|need(?:s|ed)? (?:at least|more|guarantees|access)|hop(?:e|es|ed) (?:that )?[\w.\s]{0,40}? (?:would|will)|(?:the|our|its|their|his|her) (?:top |first |main )?priority (?:is|was|remains)|urg(?:e|es|ed|ing))\b/i, stance: 'demands', label: 'demand' },
  { pattern: /\b(?:concede(?:s|d)?|conceding|concession|give(?:s)? up|gave up|giving up|cede(?:s|d)?|ceding|renounc(?:e|es|ed|ing)|relinquish(?:es|ed|ing)?|(?<!\b(?:our|your|my|their|not) )surrender(?:s|ed|ing)?|withdr(?:aw|aws|awing|awn|ew)|withdrawal|pull(?:s|ed|ing)? (?:back|out)|back(?:s|ed)? down|climb(?:s|ed)? down|drop(?:s|ped|ping)? (?:its|their|his|her|the) (?:demand|insistence|objection|claim)|soften(?:s|ed|ing)?|compromis(?:e|es|ed|ing)|yield(?:s|ed|ing)?|abandon(?:s|ed|ing)?|trade[- ]offs?|(?:land|territorial|territory) swaps?|drops?|dropped|scal(?:e|es|ed) back|(?:is|are|was|were) not on the agenda|raised to|no longer (?:demand|insist|require|seek|want)s?|retreat(?:s|ed)? from|backtrack(?:s|ed)?|hand(?:s|ed|ing)? over)\b/i, stance: 'offers', label: 'concede' },
  { pattern: /\b(?:offer(?:s|ed|ing)?|propos(?:e|es|ed|ing)|proposal|put(?:s|ting)? forward|float(?:s|ed|ing)?|(?:is|are|was|were|be) (?:ready|willing|prepared|open) to|would consider|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|envisag(?:e|es|ed)|would (?:provide|allow|give|grant|lift|ease|cap|limit|freeze|recognise|recognize|include|offer|open|help|fund|train|host|send|contribute|deploy)|(?:is|are) ready|prefer(?:s|red)?|cap(?:s|ped)?|place(?:s|d)? [\w\s]{0,40}? under|counter-proposal|step-by-step|put on the table|(?:would|will|could) (?:observe|respect|abide by|honou?r|halt|suspend|pause|stop)|commit(?:s|ted)? (?:itself |themselves |the parties )?to|(?:remain(?:s|ed)?|is|are|was|were|be|stays?) (?:still )?["“]?on the table)\b/i, stance: 'offers', label: 'offer' },
  { pattern: /\b(?:accept(?:s|ed|ing)?|agree(?:s|d)? (?:to|on|that|in principle)|agreeing to|sign(?:s|ed)? (?:off on|up to|on to)|endors(?:e|es|ed|ing)|approv(?:e|es|ed|ing)|embrac(?:e|es|ed|ing)|back(?:s|ed)? the|agreement on|consented|support(?:s|ed)? the|in principle|yes|(?:has|have|had) (?:each |both |now |finally |already )?agreed)\b/i, stance: 'accepts', label: 'accept' },
];

/** Negotiation topics: a cue only counts when the sentence is about one (or the cue is strong). */
const TOPIC = /\b(?:ceasefire|cease-fire|truce|armistice|security guarantees?|guarantees?|sanctions?|territor(?:y|ies|ial)|land|lands|Donbas|Donbass|Donetsk|Luhansk|Crimea|Zaporizhzhia|Kherson|regions?|NATO|membership|alliance|army|armed forces|troops|forces|military|soldiers|cap|limit|peacekeep(?:ers|ing)|elections?|frozen assets|assets|hostages?|prisoners?|detainees|aid|tariffs?|withdrawal|demilitari[sz]ed|buffer zone|referendum|reparations|corridor|borders?|annex(?:ation|ed)?|recogni[sz]e|recognition|neutral(?:ity)?|nuclear|enrichment|plan|deal|agreement|accord|framework|proposal|proposals|points?|talks|negotiations|humanitarian|crossings?|constitution|language|church|minerals|energy|reconstruction|investment|trade|exchange|release|return|amnesty|governance|government|control|occupation|occupied|disarm(?:ament)?|weapons|missiles|reforms?|concessions?|terms|demands?|compromise|settlement|peace|sovereignty|independence|autonomy|status|zones?|lines?|front|frontline|front line|export controls?|rare earths?|chips|purchases|duties|quotas|subsidies|market access|licen[cs]es?|missiles?|drones?|strikes|attacks|shipping|navigation|ports?|grain|blockade|access|visas?|fishing|fisheries|uranium|inspect(?:ions?|ors)|stockpile|salaries|deploy(?:ment|ed|ing)?|monitor(?:s|ing)?|steel|digital rules|force|police|treat(?:y|ies)|mediation|mediators?|single market|customs union|free movement|mobility|conscription|waters|deadline|observers|mission)\b/i;

/** A sentence with no named party still has a side when one of these acts in it ("the cabinet was willing to …"). */
const SUBJECT_WORDS = /\b(?:both sides|the two sides|each side|either side|the parties|negotiators|mediators|we|he|she|they|it|the (?:government|cabinet|administration|ministers?|prime minister|president|chancellor|delegation|leadership|junta|coalition|kingdom|council|commission|bloc|alliance|rebels|militia|movement|group)|ministers)\b/i;

interface IssueRule {
  area: string;
  pattern: RegExp;
}
/** Keywords for the default codebook's areas (shared/model/vocabulary DEFAULT_ISSUE_AREAS). */
const ISSUE_RULES: IssueRule[] = [
  { area: 'Security guarantees', pattern: /\b(?:security guarantees?|guarantees?|Article 5|reassurance force|peacekeep(?:ers|ing)|backstop|protection force|deterrence)\b/i },
  { area: 'Alliances', pattern: /\b(?:NATO|membership|alliance|join(?:ing)? the (?:EU|European Union)|EU accession|accession|neutral(?:ity)?|non-aligned|bloc)\b/i },
  { area: 'Military limits', pattern: /\b(?:cap(?:ped)? on|cap (?:its|the)|limit(?:s|ed)? on|army (?:size|of)|size of (?:its|the) (?:army|armed forces|military)|\d{3},000|troop (?:numbers|levels|cap)|demilitari[sz]\w*|disarm\w*|long-range (?:missiles|weapons)|weapons|missiles|armed forces)\b/i },
  { area: 'Territory', pattern: /\b(?:territor(?:y|ies|ial)|land|lands|Donbas|Donbass|Donetsk|Luhansk|Crimea|Zaporizhzhia|Kherson|regions?|borders?|annex\w*|occupied|occupation|cede|ceding|withdraw\w* (?:from|its|their) (?:troops |forces )?(?:from )?|buffer zone|demarcation|line of contact|front ?line|Gaza Strip|Rafah|El Fasher|Darfur|Philadelphi|sovereignty|control of)\b/i },
  { area: 'Sanctions', pattern: /\b(?:sanctions?|frozen assets|asset freeze|embargo|tariffs?|export controls)\b/i },
  { area: 'Ceasefire and sequencing', pattern: /\b(?:ceasefire|cease-fire|truce|armistice|halt (?:to )?(?:the )?fighting|first|sequenc\w*|before|phase|phased|timeline|pause|hostilities|fighting)\b/i },
  { area: 'Humanitarian', pattern: /\b(?:humanitarian|hostages?|prisoners?|detainees|aid|civilians|children|famine|food|crossings?|evacuat\w*|exchange of|refugees|displaced|medical)\b/i },
  { area: 'Governance', pattern: /\b(?:elections?|constitution\w*|language|church|government|governance|administration of|technocrat\w*|transitional|referendum|amnesty|martial law|legitima\w*|Palestinian Authority|civilian rule|power-sharing|reforms?)\b/i },
  { area: 'Economy', pattern: /\b(?:econom\w*|reconstruction|investment|trade|minerals|energy|gas|oil|nuclear plant|power plant|reparations|fund|business|exports?|imports?|revenue|debt|rare earths?|export controls?|soybeans|chips)\b/i },
];

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'or', 'in', 'on', 'for', 'with', 'by', 'at', 'from', 'its', 'their', 'his', 'her', 'be', 'is', 'are', 'was', 'were', 'that', 'this', 'as', 'it', 'would', 'will', 'could', 'should', 'not', 'no', 'any', 'all', 'has', 'have', 'had', 'which', 'who', 'said', 'says']);

function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of normalise(text).split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP.has(raw)) continue;
    words.add(raw.replace(/(?:ing|ed|es|s)$/, ''));
  }
  return words;
}

function issueFor(sentence: string, codebook: string[]): string | null {
  const book = codebook.length > 0 ? codebook : ISSUE_RULES.map((rule) => rule.area);
  let best: { area: string; index: number } | null = null;
  // Earliest keyword in the sentence after the cue area wins less often than the most specific rule; keep rule order.
  for (const rule of ISSUE_RULES) {
    const match = rule.pattern.exec(sentence);
    if (!match) continue;
    const area = book.find((name) => normalise(name) === normalise(rule.area)) ?? book.find((name) => contentWords(name).size > 0 && [...contentWords(name)].some((word) => contentWords(rule.area).has(word)));
    if (area) {
      best = { area, index: match.index };
      break;
    }
  }
  if (best) return best.area;
  // A codebook of the case's own: the area whose words the sentence uses.
  const words = contentWords(sentence);
  for (const name of book) if ([...contentWords(name)].some((word) => words.has(word))) return name;
  return null;
}

function matchConcession(sentence: string, concessions: KnownConcession[], issue: string | null): KnownConcession | undefined {
  const words = contentWords(sentence);
  let best: { concession: KnownConcession; score: number } | undefined;
  for (const concession of concessions) {
    const title = contentWords(concession.title);
    if (title.size === 0) continue;
    let shared = 0;
    for (const word of title) if (words.has(word)) shared++;
    let score = shared / title.size;
    if (issue && concession.issueArea && normalise(issue) === normalise(concession.issueArea)) score += 0.15;
    if (shared >= Math.min(2, title.size) && score >= 0.5 && (!best || score > best.score)) best = { concession, score };
  }
  return best?.concession;
}

const NUMBER_WORDS: Record<string, number> = { twelve: 12, fifteen: 15, twenty: 20, 'twenty-eight': 28, nineteen: 19, ten: 10, six: 6, five: 5, seven: 7, eight: 8, nine: 9, four: 4, three: 3, twenty_point: 20 };

/** The latest of several versions that fit (by date, else the last the case lists). */
function latest(plans: KnownPlan[]): KnownPlan | undefined {
  return [...plans].sort((a, b) => (a.dated ?? '').localeCompare(b.dated ?? '')).at(-1);
}

const PLAN_WORDS = 'plan|proposal|framework|blueprint|draft|document|list|roadmap|deal|agreement|memorandum|text|initiative';
/** "of the draft", "in the US plan", "under the revised framework": the point belongs to a plan, not to a treaty article. */
const OF_A_PLAN = new RegExp(`^\\s*(?:of|in|under|from)\\s+(?:the|its|this|that|their|his|her|[A-Z][\\w.]*['’]s)\\s+(?:[\\w-]+\\s+){0,3}?(?:${PLAN_WORDS})\\b`, 'i');

/**
 * "the 28-point plan", "point 7", "points 5 and 7", "clause 12 of the draft": plan references,
 * linked to the case's plans. A plan by its number of points (the version that has that many); a
 * point to the plan named right after it ("point 7 of the 28-point plan"), else the plan named
 * before it in the text, else the case's only plan. "Article 5" alone is a treaty's, not a plan's.
 */
export function findPlanReferences(text: string, knowledge: CaseKnowledge): PlanReference[] {
  const references: PlanReference[] = [];
  const place = (reference: PlanReference, plan: KnownPlan | undefined) => {
    if (!plan) return;
    reference.planId = plan.id;
    if (plan.versionId) reference.versionId = plan.versionId;
  };
  const planPattern = new RegExp(`\\b(\\d{1,3}|[a-z]+(?:-[a-z]+)?)[- ]point\\s+(?:[a-z]+\\s+){0,2}?(?:peace\\s+)?(?:${PLAN_WORDS})\\b`, 'gi');
  for (let match = planPattern.exec(text); match; match = planPattern.exec(text)) {
    const count = /^\d+$/.test(match[1]!) ? Number(match[1]) : NUMBER_WORDS[match[1]!.toLowerCase()];
    if (!count) continue;
    const reference: PlanReference = { start: match.index, end: match.index + match[0].length, text: match[0], pointCount: count };
    const bySize = knowledge.plans.filter((item) => item.points.length === count);
    place(reference, latest(bySize.length > 0 ? bySize : knowledge.plans.filter((item) => new RegExp(`\\b${count}\\b`).test(item.title))));
    references.push(reference);
  }
  const planOnly = [...references];
  const onlyPlan = new Set(knowledge.plans.map((item) => item.id)).size === 1 ? latest(knowledge.plans) : undefined;
  const point = /\b(points?|clauses?|articles?|paragraphs?|sections?|items?)\s+(?:No\.?\s*)?(\d{1,3})(?:\s*(?:,|and|or|&)\s*\d{1,3})*/gi;
  for (let match = point.exec(text); match; match = point.exec(text)) {
    const end = match.index + match[0].length;
    const after = text.slice(end, end + 80);
    const named = planOnly.find((ref) => ref.start >= end && ref.start - end <= 40 && /^\s*(?:of|in|under|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$/i.test(text.slice(end, ref.start)));
    const ofPlan = !!named || OF_A_PLAN.test(after);
    if (!/^points?$/i.test(match[1]!) && !ofPlan) continue;
    const labels = match[0].slice(match[1]!.length).match(/\d{1,3}/g) ?? [];
    for (const label of labels) {
      const reference: PlanReference = { start: match.index, end, text: match[0], point: label };
      // The plan named nearest before it in the text (a plan or another point's).
      const previous = references.filter((item) => item.planId && item.start < match!.index).sort((a, b) => b.start - a.start)[0];
      const plan = named?.planId
        ? knowledge.plans.find((item) => item.id === named.planId && item.versionId === named.versionId)
        : previous?.planId
          ? knowledge.plans.find((item) => item.id === previous.planId && item.versionId === previous.versionId)
          : onlyPlan;
      place(reference, plan);
      const pointRecord = plan?.points.find((item) => item.label === label);
      if (pointRecord) reference.pointId = pointRecord.id;
      references.push(reference);
    }
  }
  return references.sort((a, b) => a.start - b.start);
}

/** The sentence with its quotation marks taken out, and where each of its offsets was in the sentence. */
function withoutQuoteMarks(body: string): { plain: string; offsetOf: (index: number) => number } {
  if (!/[“”"«»]/.test(body)) return { plain: body, offsetOf: (index) => index };
  const kept: number[] = [];
  let plain = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (/[“”"«»]/.test(char)) {
      // « guillemets » carry a space inside: drop it with them.
      if ((char === '«' && body[i + 1] === ' ') || char === '»' && plain.endsWith(' ')) {
        if (char === '«') i++;
        else {
          plain = plain.slice(0, -1);
          kept.pop();
        }
      }
      continue;
    }
    plain += char;
    kept.push(i);
  }
  return { plain, offsetOf: (index) => kept[index] ?? body.length };
}

function partyName(entity: Entity): string {
  // A person speaks for their party when the text or the case says which.
  return entity.kind === 'person' && entity.affiliation ? entity.affiliation : entity.name;
}

export function readConcessions(read: ReadText, parties: PartyReading, knowledge: CaseKnowledge, planRefs: PlanReference[], attributions: AttributionSuggestion[] = []): ConcessionSuggestion[] {
  const { text, sentences } = read;
  const suggestions: ConcessionSuggestion[] = [];
  const partyIds = new Map<string, string>();
  for (const party of knowledge.parties) partyIds.set(normalise(party.name), party.id);
  // A headline (a first line with no full stop, the article's body after it) restates a sentence of the body.
  const first = read.paragraphs[0];
  const headline = !!first && read.paragraphs.length > 2 && !/[.!?"”’»]\s*$/.test(text.slice(first.start, first.end)) && text.slice(first.start, first.end).split(/\s+/).length <= 25 ? first : undefined;
  for (const sentence of sentences) {
    const body = text.slice(sentence.start, sentence.end);
    if (body.length < 10) continue;
    if (headline && sentence.start < headline.end) continue;
    let cue: Cue | undefined;
    let cueMatch: RegExpExecArray | null = null;
    let earliest = Infinity;
    const { plain, offsetOf } = withoutQuoteMarks(body);
    for (const candidate of CUES) {
      const match = candidate.pattern.exec(plain);
      if (!match) continue;
      // Rejections and red lines win over what they reject; otherwise the first cue in the sentence.
      if (candidate.stance === 'rejects' || candidate.label === 'red line') {
        cue = candidate;
        cueMatch = match;
        break;
      }
      if (match.index < earliest) {
        earliest = match.index;
        cue = candidate;
        cueMatch = match;
      }
    }
    if (!cue || !cueMatch) continue;
    if (body.length < 25 && !cue.strong) continue;
    // "failed to agree on", "could not agree": no one accepted anything.
    if (cue.stance === 'accepts' && /\b(?:fail(?:s|ed)?(?: [\w-]+){0,3} to|could not|couldn['’]t|did not|didn['’]t|without) (?:agree|accept|sign|reach)/i.test(body)) continue;
    // Not a stance: "refused to say", "agreed to meet again".
    // (Only when that is the cue: "was prepared to resume purchases, though he declined to give figures" stands.)
    const notStance = /\brefus\w* to (?:say|comment|elaborate|disclose|give details|confirm|answer|speculate|discuss details)|\bagree[sd]? to (?:meet|continue|talk|hold|resume|keep|speak)|\bdeclined to (?:comment|say|elaborate|discuss|give|confirm|answer|speculate|be drawn|name|specify|respond)\b/i.exec(plain);
    if (notStance && notStance.index <= cueMatch.index + cueMatch[0].length && cue.stance !== 'demands') continue;
    const topic = TOPIC.test(body);
    // Someone's reported offer, acceptance or concession is a stance whatever its topic ("they are ready to allow it");
    // "must", "should" and "if" are too common to count without one.
    const reported = attributions.some((item) => item.start < sentence.end && sentence.start < item.end && item.speaker);
    if (!topic && !cue.strong && !(reported && cue.label !== 'demand' && cue.label !== 'condition')) continue;
    const cueOffset = sentence.start + offsetOf(cueMatch.index);
    const sentenceMentions: Mention[] = [];
    for (let t = sentence.first; t < sentence.last; t++) {
      const mention = parties.mentionAt[t];
      if (mention && mention.first === t) sentenceMentions.push(mention);
    }
    const actors = sentenceMentions;
    // Who speaks in the sentence: "we will not give away our land," he said → the speaker's side.
    const report = attributions.find((item) => item.start < sentence.end && sentence.start < item.end && item.speaker);
    const speakerEntity = report?.speaker ? parties.entityByName(report.speaker) : undefined;
    const speakerParty = speakerEntity ? partyName(speakerEntity) : report?.affiliation;
    // A cue that is a noun ("demands", "proposal") needs a party named in the sentence.
    const cueToken = read.tokens[read.tokenAt(cueOffset)];
    if (cueToken && cueToken.pos === 'NOUN' && actors.length === 0) continue;
    // Someone's reported words are a side's position even when the side is unnamed ("…," the official said).
    const anyReport = (cue.strong || cue.stance === 'conditional' || cue.stance === 'demands') && (report ?? attributions.find((item) => item.start < sentence.end && sentence.start < item.end));
    if (actors.length === 0 && !speakerParty && !anyReport && !SUBJECT_WORDS.test(body)) continue;
    // A cue inside reported words takes its party from those words, else from whoever said them:
    // "Zelensky told CNN's Jake Tapper that he would not cede the Donbas" is Zelensky's stance, not Tapper's.
    const carrier = attributions.find((item) => item.start <= cueOffset && cueOffset < item.end && item.speaker);
    const before = actors.filter((mention) => mention.start < cueOffset && (!carrier || mention.start >= carrier.start || (carrier.speakerStart !== undefined && mention.start >= carrier.speakerStart && mention.end <= carrier.speakerEnd!)));
    const after = actors.filter((mention) => mention.start > cueOffset);
    const subject = before.at(-1) ?? before[0];
    const firstPerson = /\b(?:we|our|us|I)\b/.test(body.slice(0, Math.max(0, cueOffset - sentence.start)));
    const stanceParty = (firstPerson || !subject) && speakerParty ? speakerParty : subject ? partyName(subject.entity) : speakerParty;
    const other = after.map((mention) => partyName(mention.entity)).find((name) => name !== stanceParty);
    let by: string | null;
    let demandedBy: string | undefined;
    if (cue.stance === 'demands') {
      demandedBy = stanceParty;
      by = other ?? null;
    } else {
      by = stanceParty ?? other ?? null;
      if (cue.stance !== 'rejects' && other && other !== by) demandedBy = undefined;
      // "rejected Russia's demand", "accepted the US proposal": the other side proposed it.
      const proposer = after.find((mention) => /^(?:'s|’s)?\s*(?:demand|proposal|plan|offer|terms|request|call)/i.test(text.slice(mention.end, mention.end + 14)) || /(?:demand|proposal|plan|offer|terms)s?\b/.test(text.slice(mention.end, mention.end + 20)));
      if (proposer) demandedBy = partyName(proposer.entity);
    }
    const issue = issueFor(body, knowledge.issueAreas);
    const known = matchConcession(body, knowledge.concessions, issue);
    const refs = planRefs.filter((ref) => ref.start >= sentence.start && ref.end <= sentence.end);
    const confidence = Math.min(0.95, (cue.strong ? 0.55 : 0.4) + (topic ? 0.15 : 0) + (subject || speakerParty ? 0.1 : 0) + (known ? 0.1 : 0));
    const suggestion: ConcessionSuggestion = {
      start: sentence.start,
      end: sentence.end,
      text: body,
      by,
      issue,
      stance: cue.stance,
      cue: cueMatch[0],
      rule: `concession:${cue.label}`,
      confidence: Math.round(confidence * 100) / 100,
      key: `concession:${normalise(body).slice(0, 200)}`,
    };
    if (demandedBy && demandedBy !== by) suggestion.demandedBy = demandedBy;
    if (stanceParty) suggestion.stanceParty = stanceParty;
    if (by && partyIds.has(normalise(by))) suggestion.byPartyId = partyIds.get(normalise(by))!;
    if (suggestion.demandedBy && partyIds.has(normalise(suggestion.demandedBy))) suggestion.demandedByPartyId = partyIds.get(normalise(suggestion.demandedBy))!;
    if (known) {
      suggestion.concessionId = known.id;
      suggestion.concessionTitle = known.title;
    }
    if (refs.length > 0) {
      suggestion.planRefs = refs;
      // The point named in the sentence, else the plan: accepting links the concession to it.
      const linked = refs.find((ref) => ref.pointId) ?? refs.find((ref) => ref.planId);
      if (linked?.planId) {
        suggestion.planId = linked.planId;
        const plan = knowledge.plans.find((item) => item.id === linked.planId && item.versionId === linked.versionId);
        if (linked.pointId) {
          suggestion.planPointId = linked.pointId;
          suggestion.planPointLabel = `point ${linked.point} of ${plan?.title ?? 'the plan'}`;
        } else if (plan) suggestion.planPointLabel = plan.title;
      }
    }
    suggestions.push(suggestion);
  }
  return suggestions;
}
