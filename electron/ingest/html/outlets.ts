/**
 * The names analysts call common outlets by, as the outlets write them on their own pages: short
 * brands, not legal names (CNN, not Cable News Network), no taglines, no edition suffixes. They win
 * over what a page declares (og:site_name says "TheHill", "RT International", "U.S."). Keep it short
 * and keyed by registered domain; every other site is named by its own pages.
 */
const OUTLETS_BY_DOMAIN: Record<string, string> = {
  'reuters.com': 'Reuters',
  'apnews.com': 'Associated Press',
  'afp.com': 'AFP',
  'bbc.com': 'BBC News',
  'bbc.co.uk': 'BBC News',
  'theguardian.com': 'The Guardian',
  'nytimes.com': 'The New York Times',
  'washingtonpost.com': 'The Washington Post',
  'wsj.com': 'The Wall Street Journal',
  'ft.com': 'Financial Times',
  'bloomberg.com': 'Bloomberg',
  'economist.com': 'The Economist',
  'politico.com': 'Politico',
  'politico.eu': 'Politico Europe',
  'cnn.com': 'CNN',
  'aljazeera.com': 'Al Jazeera',
  'dw.com': 'Deutsche Welle',
  'france24.com': 'France 24',
  'lemonde.fr': 'Le Monde',
  'spiegel.de': 'Der Spiegel',
  'kyivindependent.com': 'The Kyiv Independent',
  'kyivpost.com': 'Kyiv Post',
  'pravda.com.ua': 'Ukrainska Pravda',
  'ukrinform.net': 'Ukrinform',
  'ukrinform.ua': 'Ukrinform',
  'tass.ru': 'TASS',
  'tass.com': 'TASS',
  'ria.ru': 'RIA Novosti',
  'interfax.ru': 'Interfax',
  'kommersant.ru': 'Kommersant',
  'meduza.io': 'Meduza',
  'rferl.org': 'Radio Free Europe/Radio Liberty',
  'axios.com': 'Axios',
  'thehill.com': 'The Hill',
  'foxnews.com': 'Fox News',
  'nbcnews.com': 'NBC News',
  'cbsnews.com': 'CBS News',
  'abcnews.go.com': 'ABC News',
  'npr.org': 'NPR',
  'telegraph.co.uk': 'The Telegraph',
  'thetimes.co.uk': 'The Times',
  'independent.co.uk': 'The Independent',
  'euronews.com': 'Euronews',
  'nzz.ch': 'Neue Zürcher Zeitung',
  'faz.net': 'Frankfurter Allgemeine Zeitung',
  'ap.org': 'Associated Press',
  'usatoday.com': 'USA Today',
  'latimes.com': 'Los Angeles Times',
  'nypost.com': 'New York Post',
  'businessinsider.com': 'Business Insider',
  'cnbc.com': 'CNBC',
  'newsweek.com': 'Newsweek',
  'time.com': 'Time',
  'theatlantic.com': 'The Atlantic',
  'huffpost.com': 'HuffPost',
  'vox.com': 'Vox',
  'slate.com': 'Slate',
  'theverge.com': 'The Verge',
  'wired.com': 'Wired',
  'forbes.com': 'Forbes',
  'dailymail.co.uk': 'Daily Mail',
  'express.co.uk': 'Express',
  'thesun.co.uk': 'The Sun',
  'mirror.co.uk': 'Daily Mirror',
  'sky.com': 'Sky News',
  'rt.com': 'RT',
  'sputniknews.com': 'Sputnik',
  'sputnikglobe.com': 'Sputnik',
  'jpost.com': 'The Jerusalem Post',
  'timesofisrael.com': 'The Times of Israel',
  'haaretz.com': 'Haaretz',
  'scmp.com': 'South China Morning Post',
  'cbc.ca': 'CBC News',
  'ctvnews.ca': 'CTV News',
  'theglobeandmail.com': 'The Globe and Mail',
  'abc.net.au': 'ABC News',
  'smh.com.au': 'The Sydney Morning Herald',
  'themoscowtimes.com': 'The Moscow Times',
  'novayagazeta.ru': 'Novaya Gazeta',
  'rbc.ru': 'RBC',
  'unian.net': 'UNIAN',
  'unian.ua': 'UNIAN',
  'interfax.com.ua': 'Interfax-Ukraine',
  'euractiv.com': 'Euractiv',
  'welt.de': 'Die Welt',
  'zeit.de': 'Die Zeit',
  'sueddeutsche.de': 'Süddeutsche Zeitung',
  'lefigaro.fr': 'Le Figaro',
  'elpais.com': 'El País',
  'livescience.com': 'Live Science',
  'space.com': 'Space.com',
  'spokesman.com': 'The Spokesman-Review',
  'therealdeal.com': 'The Real Deal',
  'nj.com': 'NJ.com',
  'cleveland.com': 'cleveland.com',
  'sfgate.com': 'SFGate',
  'chron.com': 'Houston Chronicle',
  'snopes.com': 'Snopes',
  'politifact.com': 'PolitiFact',
  'voanews.com': 'Voice of America',
  'foreignpolicy.com': 'Foreign Policy',
  'foreignaffairs.com': 'Foreign Affairs',
};

/** A registered host without www./m./amp. and edition prefixes, for a page URL. */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^(www\d?|m|amp|mobile|edition|uk|us|eu)\./, '') || null;
  } catch {
    return null;
  }
}

/** The maintained display name for a host (or any parent domain of it), if it is a common outlet. */
export function knownOutlet(host: string | null): string | null {
  if (!host) return null;
  const parts = host.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const known = OUTLETS_BY_DOMAIN[parts.slice(i).join('.')];
    if (known) return known;
  }
  return null;
}

/** The outlet for a page URL: a known name, else the bare host ("example.org"). */
export function outletFromUrl(url: string | null): string | null {
  const host = hostOf(url);
  return knownOutlet(host) ?? host;
}

/** Agencies and outlets whose names show up in byline slots ("By Reuters", "AP"). */
export const NOT_A_PERSON = /^(the )?(associated press|ap|reuters|afp|agence france-presse|bloomberg( news)?|dpa|ansa|efe|xinhua|tass|ria novosti|interfax|ukrinform|pti|ians|upi|cnn( wire)?|bbc( news)?|staff|staff writer|staff reporter|editorial (board|staff)|editors?|admin|administrator|news desk|newsdesk|web desk|wire services?|agencies|reuters staff|guest|correspondent|our correspondent|\w+ staff)$/i;

/** Legal and corporate names (copyright lines, publisher records) → the names the outlets go by. */
const DISPLAY_NAMES: Record<string, string> = {
  'cable news network': 'CNN',
  'british broadcasting corporation': 'BBC',
  'the new york times company': 'The New York Times',
  'new york times company': 'The New York Times',
  'thomson reuters': 'Reuters',
  'reuters news media': 'Reuters',
  'the associated press': 'Associated Press',
  'agence francepresse': 'AFP',
  'guardian news media': 'The Guardian',
  'guardian news and media': 'The Guardian',
  'the economist newspaper': 'The Economist',
  'bloomberg lp': 'Bloomberg',
  'fox news network': 'Fox News',
  'the financial times': 'Financial Times',
  'telegraph media group': 'The Telegraph',
  'associated newspapers': 'Daily Mail',
  'news group newspapers': 'The Sun',
  'al jazeera media network': 'Al Jazeera',
  'wp company': 'The Washington Post',
  'the washington post company': 'The Washington Post',
  'npr': 'NPR',
  'national public radio': 'NPR',
};

/** An outlet's display name for a legal name ("Cable News Network" → "CNN"); other names unchanged. */
export function displayOutlet(name: string | null): string | null {
  if (!name) return name;
  const key = name
    .toLowerCase()
    .replace(/[.,]/g, '')
    .replace(/\s*&\s*/g, ' ')
    .replace(/[-–]/g, '')
    .replace(/\s+(ltd|limited|inc|llc|plc|lp|company|co|gmbh|sa|ag)$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return DISPLAY_NAMES[key] ?? name;
}
