/**
 * The built-in gazetteer: states, their names, capitals and demonyms from world-countries (ODbL) and
 * i18n-iso-countries; first names, surnames, places and role nouns from compromise's lexicon; and
 * Parley's own tables of metonyms, blocs and organisations, news outlets and titles. Built once per
 * process (a few ms), then read-only.
 */
import countries from 'world-countries';
import isoCountries from 'i18n-iso-countries';
import nlp from 'compromise';
import type { PartyKind } from '../../shared/model/vocabulary';

export interface GazetteerEntry {
  /** Canonical name of the party the phrase refers to. */
  name: string;
  kind: PartyKind;
  /** country, capital, demonym, metonym, bloc, organisation, armed-group. */
  rule: string;
  /** For an organisation that belongs to a state ("Kremlin" is not one: it stands for Russia). */
  affiliation?: string;
  /** The phrase only counts with this exact capitalisation (US, UN, EU vs "us", "un"). */
  caseSensitive?: boolean;
}

/** Lower-case, no diacritics, no full stops, one kind of apostrophe and space. */
export function normalise(phrase: string): string {
  // Fast path for plain ASCII words (most calls): no diacritics or typographic marks to fold.
  if (/^[A-Za-z0-9 '-]*$/.test(phrase)) return phrase.toLowerCase();
  return phrase
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\./g, '')
    .replace(/[‐‑–—-]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

// Names the data packages spell differently from how the press does.
const CANONICAL_OVERRIDES: Record<string, string> = {
  CZ: 'Czech Republic',
  TR: 'Turkey',
  KP: 'North Korea',
  KR: 'South Korea',
  PS: 'Palestine',
  CD: 'Democratic Republic of the Congo',
  CG: 'Republic of the Congo',
  VA: 'Vatican',
  SY: 'Syria',
  IR: 'Iran',
  CI: 'Ivory Coast',
  MM: 'Myanmar',
};

const EXTRA_STATE_NAMES: Record<string, string[]> = {
  US: ['U.S.', 'US', 'USA', 'U.S.A.', 'America', 'United States of America', 'the United States'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain'],
  RU: ['Russian Federation'],
  AE: ['UAE', 'U.A.E.', 'Emirates'],
  CD: ['DRC', 'DR Congo', 'Congo-Kinshasa'],
  TR: ['Türkiye', 'Turkiye'],
  KP: ['DPRK'],
  NL: ['Holland'],
  CZ: ['Czechia'],
  VA: ['Holy See'],
  MM: ['Burma'],
  PS: ['Palestinian territories'],
};

/** Demonyms the data gives for a few states only in another form. */
const EXTRA_DEMONYMS: Record<string, string[]> = {
  US: ['American', 'Americans', 'US-led'],
  GB: ['British', 'Briton', 'Britons'],
  PS: ['Palestinian', 'Palestinians'],
  IL: ['Israeli', 'Israelis'],
  UA: ['Ukrainian', 'Ukrainians'],
  RU: ['Russian', 'Russians', 'Russia-backed'],
  SA: ['Saudi', 'Saudis'],
  AE: ['Emirati', 'Emiratis'],
  CN: ['Chinese'],
  FR: ['French'],
  DE: ['German', 'Germans'],
  NL: ['Dutch'],
  CH: ['Swiss'],
  TR: ['Turkish', 'Turks'],
  QA: ['Qatari', 'Qataris'],
  EG: ['Egyptian', 'Egyptians'],
  SD: ['Sudanese'],
  IR: ['Iranian', 'Iranians'],
  KP: ['North Korean', 'North Koreans'],
  KR: ['South Korean', 'South Koreans'],
  BY: ['Belarusian', 'Belarusians'],
  PH: ['Filipino', 'Filipinos'],
};

/** Parley's own: places and buildings the press uses for a government. */
const METONYMS: Record<string, string[]> = {
  Russia: ['Kremlin', 'the Kremlin'],
  'United States': ['White House', 'Oval Office', 'Pentagon', 'State Department', 'Foggy Bottom', 'Capitol Hill'],
  'United Kingdom': ['Downing Street', 'No 10', 'Number 10', 'Whitehall', 'Foreign Office'],
  France: ['Élysée', 'Elysee', 'Élysée Palace', 'Elysee Palace', "Quai d'Orsay"],
  Ukraine: ['Bankova', 'Kiev'],
  'European Union': ['Brussels'],
  China: ['Zhongnanhai'],
  Germany: ['Chancellery', 'Berlin'],
  Turkey: ['Ankara'],
};

/** Capitals that are mostly a place in the press, not a government speaking (or are shared with a state's name). */
const CAPITALS_NOT_METONYMS = new Set(['Washington, D.C.', 'City of Victoria', 'Kuwait City', 'Singapore', 'Monaco', 'Luxembourg', 'Vatican City', 'Panama City', 'Guatemala City', 'Mexico City', 'San Marino', 'Andorra la Vella', 'Djibouti', 'Brussels']);
const CAPITAL_ALIASES: Record<string, string[]> = { 'United States': ['Washington'] };

interface BlocEntry {
  name: string;
  kind: PartyKind;
  aliases: string[];
  affiliation?: string;
}

/** Parley's own: blocs, international bodies, armed groups and state bodies the press names as actors. */
const BODIES: BlocEntry[] = [
  { name: 'European Union', kind: 'bloc', aliases: ['EU', 'E.U.'] },
  { name: 'Europe', kind: 'bloc', aliases: [] },
  { name: 'European Commission', kind: 'organisation', aliases: ['the Commission'], affiliation: 'European Union' },
  { name: 'European Council', kind: 'organisation', aliases: [], affiliation: 'European Union' },
  { name: 'European Parliament', kind: 'organisation', aliases: [], affiliation: 'European Union' },
  { name: 'NATO', kind: 'bloc', aliases: ['Nato', 'North Atlantic Treaty Organization', 'North Atlantic Treaty Organisation', 'the alliance'] },
  { name: 'United Nations', kind: 'organisation', aliases: ['UN', 'U.N.'] },
  { name: 'UN Security Council', kind: 'organisation', aliases: ['U.N. Security Council', 'United Nations Security Council', 'Security Council'], affiliation: 'United Nations' },
  { name: 'UN General Assembly', kind: 'organisation', aliases: ['United Nations General Assembly', 'General Assembly'], affiliation: 'United Nations' },
  { name: 'G7', kind: 'bloc', aliases: ['G-7', 'Group of Seven'] },
  { name: 'G20', kind: 'bloc', aliases: ['G-20', 'Group of 20', 'Group of Twenty'] },
  { name: 'BRICS', kind: 'bloc', aliases: [] },
  { name: 'African Union', kind: 'bloc', aliases: ['AU'] },
  { name: 'Arab League', kind: 'bloc', aliases: ['League of Arab States'] },
  { name: 'ASEAN', kind: 'bloc', aliases: ['Association of Southeast Asian Nations'] },
  { name: 'Gulf Cooperation Council', kind: 'bloc', aliases: ['GCC'] },
  { name: 'OPEC', kind: 'bloc', aliases: ['OPEC+'] },
  { name: 'OSCE', kind: 'organisation', aliases: ['Organization for Security and Co-operation in Europe'] },
  { name: 'IAEA', kind: 'organisation', aliases: ['International Atomic Energy Agency'] },
  { name: 'International Criminal Court', kind: 'organisation', aliases: ['ICC'] },
  { name: 'International Court of Justice', kind: 'organisation', aliases: ['ICJ', 'World Court'] },
  { name: 'International Monetary Fund', kind: 'organisation', aliases: ['IMF'] },
  { name: 'World Bank', kind: 'organisation', aliases: [] },
  { name: 'World Trade Organization', kind: 'organisation', aliases: ['WTO', 'World Trade Organisation'] },
  { name: 'World Health Organization', kind: 'organisation', aliases: ['WHO', 'World Health Organisation'] },
  { name: 'World Food Programme', kind: 'organisation', aliases: ['WFP', 'World Food Program'] },
  { name: 'International Committee of the Red Cross', kind: 'organisation', aliases: ['ICRC', 'Red Cross'] },
  { name: 'UNRWA', kind: 'organisation', aliases: [] },
  { name: 'UNICEF', kind: 'organisation', aliases: [] },
  { name: 'UNHCR', kind: 'organisation', aliases: [] },
  { name: 'Hamas', kind: 'armed_group', aliases: [] },
  { name: 'Hezbollah', kind: 'armed_group', aliases: ['Hizbollah'] },
  { name: 'Houthis', kind: 'armed_group', aliases: ['Houthi', 'Ansar Allah'] },
  { name: 'Islamic Jihad', kind: 'armed_group', aliases: ['Palestinian Islamic Jihad'] },
  { name: 'Islamic State', kind: 'armed_group', aliases: ['ISIS', 'ISIL', 'Daesh'] },
  { name: 'Taliban', kind: 'armed_group', aliases: [] },
  { name: 'al-Qaeda', kind: 'armed_group', aliases: ['al Qaeda', 'Al-Qaeda', 'al-Qaida'] },
  { name: 'Wagner', kind: 'armed_group', aliases: ['Wagner Group', 'Africa Corps'] },
  { name: 'M23', kind: 'armed_group', aliases: [] },
  { name: 'Rapid Support Forces', kind: 'armed_group', aliases: ['RSF'] },
  { name: 'Sudanese Armed Forces', kind: 'armed_group', aliases: ['SAF'], affiliation: 'Sudan' },
  { name: 'Israel Defense Forces', kind: 'organisation', aliases: ['IDF', 'Israeli Defense Forces', 'Israel Defence Forces'], affiliation: 'Israel' },
  { name: 'Palestinian Authority', kind: 'organisation', aliases: ['PA'] },
  { name: 'Fatah', kind: 'organisation', aliases: [] },
  { name: 'PLO', kind: 'organisation', aliases: ['Palestine Liberation Organization'] },
  { name: 'Verkhovna Rada', kind: 'organisation', aliases: ['Rada'], affiliation: 'Ukraine' },
  { name: 'State Duma', kind: 'organisation', aliases: ['Duma'], affiliation: 'Russia' },
  { name: 'US Congress', kind: 'organisation', aliases: ['Congress'], affiliation: 'United States' },
  { name: 'US Senate', kind: 'organisation', aliases: ['Senate'], affiliation: 'United States' },
  { name: 'Quad', kind: 'bloc', aliases: [] },
  { name: 'Republican Party', kind: 'organisation', aliases: ['Republicans', 'GOP'], affiliation: 'United States' },
  { name: 'Democratic Party', kind: 'organisation', aliases: ['Democrats'], affiliation: 'United States' },
  { name: 'Conservative Party', kind: 'organisation', aliases: ['Conservatives', 'Tories'], affiliation: 'United Kingdom' },
  { name: 'Labour Party', kind: 'organisation', aliases: ['Labour'], affiliation: 'United Kingdom' },
  { name: 'Soviet Union', kind: 'state', aliases: ['USSR', 'U.S.S.R.'] },
  { name: 'Knesset', kind: 'organisation', aliases: [], affiliation: 'Israel' },
  { name: 'Bundestag', kind: 'organisation', aliases: [], affiliation: 'Germany' },
  { name: 'Sejm', kind: 'organisation', aliases: [], affiliation: 'Poland' },
  { name: 'House of Commons', kind: 'organisation', aliases: ['the Commons'], affiliation: 'United Kingdom' },
  { name: 'Federation Council', kind: 'organisation', aliases: [], affiliation: 'Russia' },
  { name: 'Security Service of Ukraine', kind: 'organisation', aliases: ['SBU'], affiliation: 'Ukraine' },
  { name: 'FSB', kind: 'organisation', aliases: ['Federal Security Service'], affiliation: 'Russia' },
  { name: 'CIA', kind: 'organisation', aliases: ['Central Intelligence Agency'], affiliation: 'United States' },
  { name: 'Revolutionary Guards', kind: 'armed_group', aliases: ['IRGC', 'Islamic Revolutionary Guard Corps', 'Revolutionary Guard'], affiliation: 'Iran' },
  { name: 'E3', kind: 'bloc', aliases: [] },
  { name: 'Coalition of the Willing', kind: 'bloc', aliases: ['coalition of the willing'] },
  { name: 'SCO', kind: 'bloc', aliases: ['Shanghai Cooperation Organisation', 'Shanghai Cooperation Organization'] },
  { name: 'CSTO', kind: 'bloc', aliases: ['Collective Security Treaty Organization'] },
  { name: 'ECOWAS', kind: 'bloc', aliases: ['Economic Community of West African States'] },
  { name: 'IGAD', kind: 'bloc', aliases: [] },
  { name: 'Mercosur', kind: 'bloc', aliases: [] },
];

/** News outlets and agencies: they carry words (a channel), they are not parties to a negotiation. */
const OUTLET_NAMES = [
  'CNN', 'Reuters', 'AP', 'Associated Press', 'AFP', 'Agence France-Presse', 'BBC', 'Bloomberg', 'Axios', 'Politico',
  'New York Times', 'The New York Times', 'NYT', 'Washington Post', 'The Washington Post', 'Wall Street Journal', 'The Wall Street Journal', 'WSJ',
  'Financial Times', 'FT', 'Guardian', 'The Guardian', 'Economist', 'The Economist', 'Al Jazeera', 'Sky News', 'Fox News', 'NBC', 'NBC News',
  'CBS', 'CBS News', 'ABC', 'ABC News', 'NPR', 'TASS', 'Tass', 'RIA Novosti', 'RIA', 'Interfax', 'Ukrainska Pravda', 'Kyiv Independent',
  'The Times', 'Le Monde', 'Der Spiegel', 'Spiegel', 'Bild', 'Haaretz', 'Times of Israel', 'Semafor', 'Telegraph', 'The Telegraph',
  'Kommersant', 'Izvestia', 'Xinhua', 'Yonhap', 'NHK', 'Al Arabiya', 'Deutsche Welle', 'DW', 'Euronews', 'The Atlantic', 'New Yorker',
  'Punchbowl News', 'Channel 12', 'Kan', 'Ynet', 'Sudan Tribune', 'RT', 'Newsweek', 'Time', 'Le Figaro', 'El País', 'Corriere della Sera',
  'Frankfurter Allgemeine', 'Süddeutsche Zeitung', 'Ukrinform', 'Suspilne', 'Meduza', 'Novaya Gazeta', 'Dawn', 'The Hindu', 'Asharq Al-Awsat',
  'Middle East Eye', 'Daily Mail', 'The Independent', 'Independent', 'Sky', 'Radio Free Europe', 'RFE/RL', 'Voice of America', 'VOA',
  'CNBC', 'MSNBC', 'CNN Business', 'USA Today', 'Los Angeles Times', 'Chicago Tribune', 'The Hill', 'Vox', 'BuzzFeed News', 'HuffPost',
];

/** Title words that stand before a name ("President", "Sen.", "Foreign Minister"). Lower-case. */
const TITLES = [
  'president', 'vice president', 'vice-president', 'prime minister', 'deputy prime minister', 'foreign minister', 'defence minister',
  'defense minister', 'interior minister', 'finance minister', 'economy minister', 'minister', 'deputy minister', 'secretary of state',
  'secretary of defense', 'defense secretary', 'defence secretary', 'foreign secretary', 'home secretary', 'treasury secretary',
  'secretary', 'secretary-general', 'secretary general', 'chancellor', 'king', 'queen', 'crown prince', 'prince', 'emir', 'sheikh',
  'sultan', 'ayatollah', 'supreme leader', 'pope', 'patriarch', 'sen', 'senator', 'rep', 'representative', 'congressman',
  'congresswoman', 'gen', 'general', 'lt gen', 'lieutenant general', 'maj gen', 'major general', 'brig gen', 'col', 'colonel',
  'lt col', 'adm', 'admiral', 'field marshal', 'marshal', 'commander', 'commander-in-chief', 'ambassador', 'envoy', 'special envoy',
  'spokesman', 'spokeswoman', 'spokesperson', 'press secretary', 'adviser', 'advisor', 'aide', 'chief of staff', 'negotiator',
  'chief negotiator', 'lawmaker', 'mp', 'speaker', 'mr', 'mrs', 'ms', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'commissioner', 'high representative', 'governor', 'gov', 'mayor', 'prosecutor', 'judge', 'justice', 'chairman', 'chairwoman',
  'chair', 'ceo', 'director', 'director general', 'head', 'chief', 'leader', 'official', 'premier', 'deputy', 'national security adviser',
  'national security advisor', 'foreign policy chief', 'military chief', 'army chief', 'intelligence chief', 'spy chief', 'counterpart',
  'mediator', 'diplomat', 'analyst', 'expert', 'researcher', 'journalist', 'correspondent', 'editor', 'columnist', 'activist',
  'rabbi', 'imam', 'bishop', 'archbishop', 'cardinal', 'father', 'president-elect', 'secretary of the security council', 'delegation head',
  'first lady', 'attorney general', 'lt', 'capt', 'captain', 'sgt', 'sergeant', 'rev', 'reverend', 'hon', 'mme', 'm',
];

/** Words that start a person's role phrase when written in lower case ("top Putin adviser", "communications director"). */
export const ROLE_NOUNS = new Set([
  'president', 'minister', 'secretary', 'chancellor', 'spokesman', 'spokeswoman', 'spokesperson', 'adviser', 'advisor', 'aide',
  'envoy', 'negotiator', 'lawmaker', 'senator', 'ambassador', 'diplomat', 'official', 'officials', 'commander', 'general', 'leader',
  'chief', 'head', 'director', 'chairman', 'chairwoman', 'chair', 'governor', 'mayor', 'prosecutor', 'judge', 'analyst', 'expert',
  'researcher', 'journalist', 'correspondent', 'editor', 'columnist', 'activist', 'deputy', 'premier', 'mp', 'mediator', 'member',
  'representative', 'strongman', 'king', 'emir', 'prince', 'sheikh', 'monarch', 'dictator', 'counterpart', 'ruler', 'politician',
  'legislator', 'congressman', 'congresswoman', 'staffer', 'strategist', 'economist', 'professor', 'fellow', 'scholar', 'veteran',
  'founder', 'ceo', 'executive', 'captain', 'colonel', 'admiral', 'marshal', 'commissioner', 'coordinator', 'delegate', 'emissary',
  'intermediary', 'interlocutor', 'secretary-general', 'speaker', 'whip', 'candidate', 'nominee', 'insider', 'source', 'sources',
  'lieutenant', 'sergeant', 'soldier', 'fighter', 'commentator', 'blogger', 'writer', 'author', 'lawyer', 'attorney', 'banker',
  'businessman', 'businesswoman', 'tycoon', 'billionaire', 'oligarch', 'patriarch', 'cleric', 'ayatollah', 'president-elect',
]);

/** Generic head words that make a capitalised phrase an organisation ("Defence Ministry", "Rapid Support Forces"). */
export const ORGANISATION_HEADS = new Set([
  'ministry', 'council', 'forces', 'force', 'party', 'front', 'union', 'agency', 'commission', 'committee', 'office', 'department',
  'bank', 'fund', 'organisation', 'organization', 'authority', 'army', 'guard', 'guards', 'corps', 'movement', 'parliament', 'assembly',
  'court', 'group', 'institute', 'foundation', 'alliance', 'coalition', 'brigade', 'brigades', 'service', 'services', 'government',
  'administration', 'cabinet', 'senate', 'congress', 'duma', 'rada', 'knesset', 'association', 'university', 'center', 'centre',
  'company', 'corporation', 'inc', 'ltd', 'plc', 'network', 'board', 'secretariat', 'directorate', 'bureau', 'tribunal', 'mission',
  'initiative', 'programme', 'program', 'federation', 'confederation', 'league', 'militia', 'regiment', 'battalion', 'navy', 'police',
  'command', 'staff', 'intelligence', 'watch', 'international', 'crisis', 'project', 'trust', 'society', 'club', 'academy', 'chamber',
  'institution', 'commissariat', 'presidency', 'junta', 'legion', 'battalions', 'division', 'unit',
]);

export interface Gazetteer {
  /** Normalised phrase → entry. */
  phrases: Map<string, GazetteerEntry>;
  /** Longest phrase, in words. */
  maxWords: number;
  /** Normalised first word of a phrase → most tokens a phrase starting with it may span. */
  firstWordLimits: Map<string, number>;
  outlets: Set<string>;
  titles: Set<string>;
  maxTitleWords: number;
  /** Lower-case first name → 'm' | 'f' | '?'. */
  firstNames: Map<string, 'm' | 'f' | '?'>;
  lastNames: Set<string>;
  /** Lower-case places that are not parties (cities, regions, seas), from compromise plus conflict geography. */
  places: Set<string>;
  /** Lower-case role nouns from compromise (actor nouns). */
  actorNouns: Set<string>;
  /** Lower-case common words (adjectives, nouns, verbs, adverbs) from compromise's lexicon. */
  commonWords: Set<string>;
  /** State name → demonym adjective ("Russia" → "Russian"), for naming affiliated bodies. */
  demonymOf: Map<string, string>;
}

/** Conflict geography the press names as places, not actors (compromise knows few of them). */
const PLACES = [
  'Donetsk', 'Luhansk', 'Lugansk', 'Donbas', 'Donbass', 'Crimea', 'Zaporizhzhia', 'Zaporizhia', 'Kherson', 'Kharkiv', 'Pokrovsk', 'Bakhmut',
  'Avdiivka', 'Mariupol', 'Odesa', 'Odessa', 'Dnipro', 'Sumy', 'Kursk', 'Belgorod', 'Huliaipole', 'Kupiansk', 'Kramatorsk', 'Sloviansk',
  'Kostiantynivka', 'Myrnohrad', 'Siversk', 'Lyman', 'Gaza', 'Gaza Strip', 'Gaza City', 'Rafah', 'Khan Younis', 'Khan Yunis', 'West Bank', 'Jerusalem',
  'East Jerusalem', 'Sinai', 'Golan', 'Golan Heights', 'Darfur', 'El Fasher', 'El-Fasher', 'Port Sudan', 'Kordofan', 'Omdurman', 'Jeddah',
  'Sharm el-Sheikh', 'Alaska', 'Anchorage', 'Geneva', 'Istanbul', 'Miami', 'Florida', 'Mar-a-Lago', 'Palm Beach', 'Davos', 'Munich', 'Black Sea',
  'Red Sea', 'Taiwan Strait', 'Strait of Hormuz', 'Middle East', 'Asia', 'Africa', 'Latin America', 'Gulf', 'Persian Gulf', 'Balkans',
  'Baltic', 'Baltics', 'Arctic', 'Sahel', 'Horn of Africa', 'Eastern Europe', 'Western Europe', 'Central Asia', 'Caucasus', 'Kashmir', 'Tigray',
  'Nagorno-Karabakh', 'Karabakh', 'Transnistria', 'Abkhazia', 'South Ossetia', 'Idlib', 'Aleppo', 'Mosul', 'Hodeidah', 'Sanaa', 'Aden',
  'Goma', 'Kivu', 'North Kivu', 'Dnipropetrovsk', 'Chernihiv', 'Lviv', 'Bucha', 'Irpin', 'Novorossiya', 'Zaporizhzhia Nuclear Power Plant',
  'Camp David', 'Sochi', 'St Petersburg', 'Saint Petersburg', 'Tel Aviv', 'Dubai', 'Versailles', 'Normandy', 'Strasbourg',
  'Pacific', 'Atlantic', 'Indian Ocean', 'Mediterranean', 'Philadelphi Corridor', 'Netzarim Corridor', 'Dnipro River', 'Dnieper',
];

const COMMON_TAGS = new Set(['Adjective', 'Singular', 'Plural', 'Noun', 'Uncountable', 'Infinitive', 'PresentTense', 'PastTense', 'Gerund', 'Adverb', 'Comparative', 'Superlative', 'Participle', 'Expression', 'Preposition', 'Conjunction', 'Determiner', 'Pronoun', 'Unit', 'Currency', 'Modal']);

let built: Gazetteer | null = null;

function addPhrase(phrases: Map<string, GazetteerEntry>, phrase: string, entry: GazetteerEntry): void {
  const key = normalise(phrase);
  if (!key || key.length < 2) return;
  const existing = phrases.get(key);
  const allCaps = /^[A-Z0-9.+\-/]{2,6}$/.test(phrase.replace(/\s/g, ''));
  // Keep the first, more specific source (a state's own name beats a capital that is also a state, etc.);
  // "Nato" as well as "NATO" lifts the capitalisation rule.
  if (existing) {
    if (existing.caseSensitive && !allCaps && existing.name === entry.name) phrases.set(key, { ...existing, caseSensitive: false });
    return;
  }
  phrases.set(key, allCaps ? { ...entry, caseSensitive: true } : entry);
}

export function gazetteer(): Gazetteer {
  if (built) return built;
  const phrases = new Map<string, GazetteerEntry>();
  const demonymOf = new Map<string, string>();
  const englishNames = isoCountries.getNames('en', { select: 'all' }) as Record<string, string[]>;

  const states = countries.filter((country) => country.independent || ['PS', 'TW', 'XK', 'EH'].includes(country.cca2));
  const nameOf = new Map<string, string>();
  for (const country of states) nameOf.set(country.cca2, CANONICAL_OVERRIDES[country.cca2] ?? country.name.common);

  // States' names first (they win over a capital or demonym spelled the same).
  for (const country of states) {
    const name = nameOf.get(country.cca2)!;
    const entry: GazetteerEntry = { name, kind: 'state', rule: 'country' };
    const variants = [name, country.name.common, country.name.official, ...(englishNames[country.cca2] ?? []), ...(EXTRA_STATE_NAMES[country.cca2] ?? [])];
    for (const alt of country.altSpellings) if (alt.length > 3 && /^[A-Z][a-z]/.test(alt)) variants.push(alt);
    for (const variant of variants) addPhrase(phrases, variant.replace(/^the /i, ''), entry);
  }
  for (const [name, aliases] of Object.entries(METONYMS)) {
    const state = states.find((country) => nameOf.get(country.cca2) === name);
    const kind: PartyKind = state ? 'state' : 'bloc';
    for (const alias of aliases) addPhrase(phrases, alias.replace(/^the /i, ''), { name, kind, rule: 'metonym' });
  }
  for (const [name, aliases] of Object.entries(CAPITAL_ALIASES)) for (const alias of aliases) addPhrase(phrases, alias, { name, kind: 'state', rule: 'capital' });
  for (const body of BODIES) {
    const entry: GazetteerEntry = { name: body.name, kind: body.kind, rule: body.name === 'Europe' ? 'region' : body.kind === 'state' ? 'country' : body.kind === 'armed_group' ? 'armed-group' : body.kind === 'bloc' ? 'bloc' : 'organisation' };
    if (body.affiliation) entry.affiliation = body.affiliation;
    for (const alias of [body.name, ...body.aliases]) if (!/^the /.test(alias)) addPhrase(phrases, alias, entry);
  }
  for (const country of states) {
    const name = nameOf.get(country.cca2)!;
    for (const capital of country.capital ?? []) {
      if (CAPITALS_NOT_METONYMS.has(capital)) continue;
      addPhrase(phrases, capital, { name, kind: 'state', rule: 'capital' });
    }
    const demonyms = new Set<string>(EXTRA_DEMONYMS[country.cca2] ?? []);
    const eng = country.demonyms?.eng;
    if (eng) {
      demonyms.add(eng.m);
      demonyms.add(eng.f);
      if (!/(ese|ish|ch|sh|ss)$/.test(eng.m)) demonyms.add(`${eng.m}s`);
    }
    for (const demonym of demonyms) if (demonym) addPhrase(phrases, demonym, { name, kind: 'state', rule: 'demonym' });
    const adjective = [...demonyms].find((demonym) => !/s$/.test(demonym) || /ese$|Swiss$/.test(demonym)) ?? eng?.m;
    if (adjective) demonymOf.set(name, adjective);
  }
  demonymOf.set('European Union', 'EU');
  demonymOf.set('United States', 'US');
  demonymOf.set('United Kingdom', 'UK');
  addPhrase(phrases, 'European', { name: 'European Union', kind: 'bloc', rule: 'demonym' });
  addPhrase(phrases, 'Europeans', { name: 'European Union', kind: 'bloc', rule: 'demonym' });

  let maxWords = 1;
  for (const key of phrases.keys()) maxWords = Math.max(maxWords, key.split(/[ ]/).length);
  // Tokens a phrase may span (the tokeniser splits at hyphens and apostrophes too), by its first word.
  const firstWordLimits = new Map<string, number>();
  for (const key of [...phrases.keys(), ...OUTLET_NAMES.map(normalise)]) {
    const pieces = key.split(/[\s'-]/);
    firstWordLimits.set(pieces[0]!, Math.max(firstWordLimits.get(pieces[0]!) ?? 0, key.split(/[\s'-]/).length * 2 + 1));
  }

  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const firstNames = new Map<string, 'm' | 'f' | '?'>();
  const lastNames = new Set<string>();
  const places = new Set<string>(PLACES.map((place) => place.toLowerCase()));
  const actorNouns = new Set<string>();
  const commonWords = new Set<string>();
  for (const [word, tagValue] of Object.entries(lexicon)) {
    const tags = Array.isArray(tagValue) ? tagValue : String(tagValue).split(',');
    for (const tag of tags) {
      if (tag === 'MaleName') firstNames.set(word, firstNames.get(word) === 'f' ? '?' : 'm');
      else if (tag === 'FemaleName') firstNames.set(word, firstNames.get(word) === 'm' ? '?' : 'f');
      else if (tag === 'FirstName') firstNames.set(word, firstNames.get(word) ?? '?');
      else if (tag === 'LastName') lastNames.add(word);
      else if (tag === 'City' || tag === 'Region' || tag === 'Place') places.add(word);
      else if (tag === 'Actor') actorNouns.add(word);
      else if (COMMON_TAGS.has(tag) && !word.includes(' ')) commonWords.add(word);
    }
  }
  // Territories that are not states ("Hong Kong", "Puerto Rico"): places here, unless the case makes them parties.
  for (const country of countries) if (!country.independent && !['PS', 'TW', 'XK', 'EH'].includes(country.cca2)) places.add(country.name.common.toLowerCase());
  // Names common in this domain that compromise's English lexicon lacks.
  for (const name of ['rustem', 'inna', 'andriy', 'andrii', 'oleksandr', 'mykhailo', 'mykola', 'kaja', 'giorgia', 'olena', 'yulia', 'oleksiy',
    'kyrylo', 'denys', 'taras', 'volodymyr', 'yuri', 'yury', 'kirill', 'sergey', 'dmitri', 'dmitriy', 'maria', 'ursula', 'antonio', 'abdel',
    'abdul', 'abdullah', 'mohamed', 'mohammed', 'muhammad', 'khalil', 'basem', 'ismail', 'yahya', 'benjamin', 'bezalel', 'itamar', 'gideon',
    'recep', 'hakan', 'emmanuel', 'keir', 'friedrich', 'olaf', 'pedro', 'kyriakos', 'viktor', 'robert', 'xi', 'wang', 'narendra', 'jd', 'marco', 'pete',
    'tulsi', 'steve', 'jared', 'dan', 'hamdan', 'fattah', 'jibril', 'mahmoud', 'ahmed', 'ali', 'hassan', 'hussein', 'majed', 'sheikh', 'tamim', 'faisal',
    'badr', 'sergiy', 'serhiy', 'ihor', 'petro', 'arseniy', 'alexei', 'alexey', 'vasily', 'nikolai', 'valery', 'valerii', 'ruslan', 'ramzan',
    'kostiantyn', 'yermak', 'umerov', 'alar', 'kristen', 'mette', 'ulf', 'alexander', 'annalena', 'johann', 'radoslaw', 'andrzej', 'donald']) {
    if (!firstNames.has(name)) firstNames.set(name, name === 'inna' || name === 'kaja' || name === 'giorgia' || name === 'olena' || name === 'yulia' || name === 'maria' || name === 'ursula' || name === 'tulsi' || name === 'mette' || name === 'annalena' || name === 'kristen' ? 'f' : 'm');
  }
  firstNames.delete('yermak');
  firstNames.delete('umerov');
  // Capitals and states are parties, not places.
  for (const key of phrases.keys()) places.delete(key);
  for (const place of PLACES) phrases.delete(normalise(place));

  const titles = new Set(TITLES);
  let maxTitleWords = 1;
  for (const title of titles) maxTitleWords = Math.max(maxTitleWords, title.split(' ').length);
  built = {
    phrases,
    maxWords,
    firstWordLimits,
    outlets: new Set(OUTLET_NAMES.map(normalise)),
    titles,
    maxTitleWords,
    firstNames,
    lastNames,
    places,
    actorNouns,
    commonWords,
    demonymOf,
  };
  return built;
}
