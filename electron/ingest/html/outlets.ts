/** Outlet names for hosts whose pages do not name themselves (no og:site_name, no publisher). */
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
};

/** The outlet for a page URL: a known name, else the bare host ("example.org"). */
export function outletFromUrl(url: string | null): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  host = host.replace(/^(www\d?|m|amp|mobile|edition|uk|us|eu)\./, '');
  const parts = host.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const known = OUTLETS_BY_DOMAIN[parts.slice(i).join('.')];
    if (known) return known;
  }
  return host || null;
}

/** Agencies and outlets whose names show up in byline slots ("By Reuters", "AP"). */
export const NOT_A_PERSON = /^(the )?(associated press|ap|reuters|afp|agence france-presse|bloomberg( news)?|dpa|ansa|efe|xinhua|tass|ria novosti|interfax|ukrinform|pti|ians|upi|cnn( wire)?|bbc( news)?|staff|staff writer|staff reporter|editorial (board|staff)|editors?|admin|administrator|news desk|newsdesk|web desk|wire services?|agencies|reuters staff|guest|correspondent|our correspondent|\w+ staff)$/i;
