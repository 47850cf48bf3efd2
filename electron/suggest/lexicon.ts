/** Word lists the rules share: reporting verbs, locative prepositions, words that are never names. */

/** Verbs that report speech or writing, in every inflection the press uses. Lower-case. */
const REPORTING_BASES = [
  'say', 'tell', 'add', 'warn', 'insist', 'argue', 'claim', 'stress', 'note', 'announce', 'confirm', 'deny', 'suggest', 'acknowledge',
  'admit', 'explain', 'write', 'post', 'state', 'declare', 'reiterate', 'repeat', 'assert', 'maintain', 'contend', 'predict', 'promise',
  'pledge', 'vow', 'threaten', 'caution', 'complain', 'concede', 'reply', 'respond', 'answer', 'ask', 'urge', 'remark', 'observe',
  'comment', 'report', 'recall', 'emphasise', 'emphasize', 'underline', 'underscore', 'allege', 'boast', 'quip', 'joke', 'tweet',
  'signal', 'indicate', 'estimate', 'believe', 'think', 'mention', 'disclose', 'reveal', 'counter', 'retort', 'demand',
  'lament', 'describe', 'dismiss', 'reject', 'welcome', 'hint', 'forecast', 'propose', 'agree', 'accuse', 'charge',
  'told', 'wrote',
];

function inflect(base: string): string[] {
  const irregular: Record<string, string[]> = {
    say: ['say', 'says', 'said', 'saying'],
    tell: ['tell', 'tells', 'told', 'telling'],
    write: ['write', 'writes', 'wrote', 'writing', 'written'],
    think: ['think', 'thinks', 'thought', 'thinking'],
    told: ['told'],
    wrote: ['wrote'],
    forecast: ['forecast', 'forecasts', 'forecasting'],
  };
  if (irregular[base]) return irregular[base];
  const forms = [base];
  if (/(s|sh|ch|x)$/.test(base)) forms.push(`${base}es`);
  else if (/[^aeiou]y$/.test(base)) forms.push(`${base.slice(0, -1)}ies`);
  else forms.push(`${base}s`);
  if (base.endsWith('e')) forms.push(`${base}d`, `${base.slice(0, -1)}ing`);
  else if (/[^aeiou]y$/.test(base)) forms.push(`${base.slice(0, -1)}ied`, `${base}ing`);
  else if (/^(admit|quip|signal|counter|reply)$/.test(base)) forms.push(base === 'reply' ? 'replied' : base === 'counter' ? 'countered' : `${base}${base.at(-1)}ed`, `${base}${base === 'counter' ? '' : base.at(-1)}ing`, base === 'signal' ? 'signaled' : '');
  else forms.push(`${base}ed`, `${base}ing`);
  return forms.filter(Boolean);
}

export const REPORTING_VERBS = new Set(REPORTING_BASES.flatMap(inflect));
/** The plain ones: they introduce speech whatever their object. */
export const SPEECH_VERBS = new Set(
  ['say', 'tell', 'add', 'warn', 'insist', 'argue', 'claim', 'stress', 'note', 'announce', 'confirm', 'explain', 'write', 'post', 'state', 'declare',
    'reiterate', 'assert', 'maintain', 'contend', 'predict', 'caution', 'complain', 'reply', 'respond', 'remark', 'observe', 'comment', 'recall',
    'emphasise', 'emphasize', 'underline', 'underscore', 'allege', 'boast', 'quip', 'joke', 'tweet', 'acknowledge', 'admit', 'concede', 'suggest',
    'told', 'wrote', 'counter', 'retort', 'lament', 'conclude', 'ask', 'repeat', 'deny', 'disclose', 'reveal', 'mention', 'promise', 'pledge', 'vow',
    'threaten', 'forecast', 'hint', 'signal', 'indicate'].flatMap(inflect),
);

/** Nouns a reporting phrase can end in ("in a statement", "in an interview with"), with the channel they imply. */
export const CHANNEL_CUES: [RegExp, 'statement' | 'interview' | 'briefing' | 'leak' | 'transcript' | 'document' | 'social_post'][] = [
  [/\b(?:on|via) (?:X|Twitter|Telegram|Truth Social|Facebook|Instagram|social media|TikTok|Bluesky|Threads)\b|\b(?:in|on) a (?:social media )?post\b|\bposted\b|\btweet(?:ed)?\b|\bwrote on\b/i, 'social_post'],
  [/\bin (?:a|an|his|her|their|its) (?:written |joint |short |brief )?(?:statement|communiqu[eé]|press release|declaration)\b|\bsaid in a statement\b|\bstatement (?:said|read|issued)\b/i, 'statement'],
  [/\bin (?:a|an) (?:exclusive )?interview\b|\binterview with\b|\btold (?:the )?(?:CNN|Reuters|AP|AFP|BBC|Bloomberg|Axios|Politico|[A-Z][A-Za-z]+ (?:News|Times|Post|Journal))\b|\bspeaking to\b|\bin remarks to\b|\btold [A-Z][A-Za-z]+'s\b/, 'interview'],
  [/\b(?:told|briefed) (?:reporters|journalists|the press|a news conference|a press conference)\b|\b(?:at|during) (?:a|the|his|her) (?:news|press) (?:conference|briefing)\b|\bbriefing\b|\bnews conference\b|\bpress conference\b/i, 'briefing'],
  [/\b(?:seen|obtained|reviewed|viewed) by\b|\bleaked\b/i, 'leak'],
  [/\btranscript\b|\brecording\b/i, 'transcript'],
];

export const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'to', 'into', 'across', 'around', 'via', 'toward', 'towards', 'through', 'inside', 'from', 'throughout', 'within', 'visiting', 'visit', 'visited']);

/** Capitalised words that are never a party or person on their own. Lower-case. */
export const NEVER_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
  'nov', 'dec', 'i', 'god', 'christmas', 'easter', 'ramadan', 'eid', 'covid', 'internet', 'english', 'western', 'eastern', 'northern',
  'southern', 'soviet', 'west', 'east', 'north', 'south', 'cold', 'war', 'world', 'update', 'updated', 'live', 'breaking', 'analysis',
  'opinion', 'comment', 'editor', "editor's", 'note', 'read', 'more', 'related', 'watch', 'photo', 'video', 'image', 'getty', 'images',
  'file', 'reporting', 'additional', 'am', 'pm', 'gmt', 'utc', 'est', 'bst', 'cet', 'et', 'pt', 'ok', 'tv', 'gdp', 'ai', 'q', 'a', 'faq',
  'yes', 'no', 'but', 'and', 'or', 'the', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'we', 'they', 'you', 'his', 'her', 'our',
  'their', 'its', 'my', 'your', 'there', 'here', 'what', 'when', 'where', 'why', 'how', 'who', 'which', 'if', 'as', 'at', 'on', 'in', 'for',
  'with', 'after', 'before', 'while', 'since', 'until', 'though', 'although', 'even', 'still', 'yet', 'so', 'then', 'now', 'today', 'tonight',
  'yesterday', 'tomorrow', 'last', 'next', 'earlier', 'later', 'meanwhile', 'however', 'also', 'asked', 'according', 'speaking', 'mr', 'mrs',
  'ms', 'dr', 'sir', 'plan', 'peace', 'talks', 'ceasefire', 'point', 'points', 'article', 'chapter', 'section', 'annex', 'part', 'phase',
  'day', 'week', 'month', 'year', 'new', 'old', 'first', 'second', 'third', 'one', 'two', 'three', 'four', 'five', 'many', 'some', 'all',
  'both', 'each', 'every', 'any', 'no', 'not', 'never', 'only', 'just', 'former', 'acting', 'interim', 'senior', 'top', 'deputy', 'chief',
  'minister', 'president', 'prime', 'secretary', 'spokesman', 'spokeswoman', 'official', 'officials', 'ambassador', 'envoy', 'general',
  'sources', 'source', 'diplomats', 'diplomat', 'ukraine-russia', 'russia-ukraine', 'black', 'white', 'red', 'green', 'blue', 'christian',
  'muslim', 'jewish', 'arab', 'catholic', 'orthodox', 'sunni', 'shia', 'shiite', 'islamic', 'islamist', 'israeli-palestinian', 'thanksgiving',
  'olympics', 'nobel', 'oscar', 'advertisement', 'subscribe', 'sign', 'share', 'copyright', 'all rights reserved', 'contact', 'follow',
  'key', 'what we know', 'live updates', 'latest', 'newsletter', 'podcast', 'transcript', 'interview', 'statement', 'draft', 'document',
  'proposal', 'proposals', 'framework', 'agreement', 'deal', 'memorandum', 'treaty', 'accord', 'declaration', 'communique',
]);

/** Words before a quote that make it a name, title or label rather than reported words. */
export const LABEL_CUES = /\b(?:so-called|so called|dubbed|titled|entitled|named|known as|labelled|labeled|branded|termed|nicknamed|billed as|the phrase|the term|the word|the words|the slogan|the hashtag|the motto|the banner|headlined|called it the|the book|the film|the report|the article|the song|the show|the podcast|the programme|the program|the documentary|the series|the essay|the op-ed|the column|codenamed|code-named|operation|motto)\s*$/i;

/** Pronouns that can be a speaker, with the gender they point to. */
export const SPEAKER_PRONOUNS: Record<string, 'm' | 'f' | 'p' | 'n'> = { he: 'm', she: 'f', they: 'p', it: 'n', we: 'p', i: 'p' };

/** Anonymous-source nouns: the head of "a senior US official", "sources familiar with the talks". */
export const ANONYMOUS_HEADS = new Set([
  'official', 'officials', 'source', 'sources', 'diplomat', 'diplomats', 'person', 'people', 'aide', 'aides', 'adviser', 'advisers',
  'advisor', 'advisors', 'insider', 'insiders', 'negotiator', 'negotiators', 'officer', 'officers', 'staffer', 'staffers', 'figure',
  'figures', 'member', 'members', 'minister', 'ministers', 'lawmaker', 'lawmakers', 'envoy', 'envoys', 'analyst', 'analysts', 'commander',
  'commanders', 'spokesman', 'spokeswoman', 'spokesperson', 'representative', 'representatives', 'participant', 'participants', 'mediator',
  'mediators', 'western official', 'resident', 'residents', 'witness', 'witnesses', 'soldier', 'soldiers', 'expert', 'experts',
  'delegate', 'delegates', 'observer', 'observers', 'executive', 'executives', 'counterpart', 'counterparts', 'government', 'administration',
  'ministry', 'military', 'army', 'side', 'delegation', 'team', 'camp', 'leadership', 'authorities', 'statement', 'spokesperson',
  'media', 'press', 'broadcaster', 'agency', 'residents', 'driver', 'worker', 'workers', 'lawyer', 'lawyers', 'activist', 'activists',
  'groups', 'organisations', 'organizations', 'charities', 'ngos', 'monitors', 'critics', 'opponents', 'campaigners', 'legislators',
  'senators', 'mps', 'governments', 'capitals', 'outlets', 'planners', 'strategists', 'economists', 'traders', 'bankers', 'investigators',
  'inspectors', 'humanitarians', 'relief workers', 'aid workers', 'colleague', 'colleagues', 'confidant', 'confidants', 'ally', 'allies',
]);

/** Documents that can be a source ("the draft says", "according to the plan"). */
export const DOCUMENT_HEADS = new Set([
  'draft', 'plan', 'proposal', 'proposals', 'document', 'documents', 'text', 'memo', 'memorandum', 'letter', 'transcript', 'report',
  'framework', 'agreement', 'deal', 'communique', 'communiqué', 'statement', 'declaration', 'resolution', 'readout', 'summary', 'cable',
  'assessment', 'briefing', 'paper', 'copy', 'version', 'outline', 'list', 'annex', 'treaty', 'accord', 'term', 'terms', 'roadmap', 'blueprint',
  'survey', 'poll', 'data', 'figures', 'estimates', 'records', 'study', 'analysis', 'recording', 'video', 'footage', 'post', 'filing',
]);
