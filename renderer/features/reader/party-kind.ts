/**
 * The kind a new party most likely is, from its name: a capitalised country name is a state
 * (English names and their common short forms, from i18n-iso-countries), a few well-known blocs
 * and organisations are those; anything else is left for the analyst ('other'). Pure.
 */
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import type { PartyKind } from '../../../shared/model/vocabulary';
import { normalise } from './name-match';

countries.registerLocale(english);

/** Short forms the ISO list spells only officially ("Syrian Arab Republic"). */
const MORE_STATES = ['Syria', 'Laos', 'Brunei', 'Vatican', 'Vatican City', 'Micronesia', 'DRC', 'DR Congo', 'Britain', 'America', 'Korea'];

const BLOCS = ['European Union', 'EU', 'African Union', 'ASEAN', 'BRICS', 'G7', 'G20', 'Arab League', 'Mercosur', 'Eurasian Economic Union', 'Gulf Cooperation Council', 'GCC', 'CIS', 'Commonwealth of Independent States', 'Quad'];
const ORGANISATIONS = ['NATO', 'United Nations', 'UN', 'UN Security Council', 'Security Council', 'OSCE', 'IAEA', 'ICRC', 'Red Cross', 'IMF', 'World Bank', 'WHO', 'ICC', 'International Criminal Court', 'OPEC', 'Council of Europe', 'European Commission', 'CSTO', 'UNHCR', 'UNICEF', 'WTO'];

function namesOf(): Set<string> {
  const names = new Set<string>();
  for (const variants of Object.values(countries.getNames('en', { select: 'all' }))) {
    for (const name of variants) {
      names.add(normalise(name));
      // "Moldova, Republic of" → "Moldova"; "Holy See (Vatican City State)" → "Holy See".
      names.add(normalise(name.replace(/,.*$/, '').replace(/\s*\(.*\)$/, '')));
    }
  }
  for (const name of MORE_STATES) names.add(normalise(name));
  return names;
}

let states: Set<string> | null = null;
const blocs = new Set(BLOCS.map(normalise));
const organisations = new Set(ORGANISATIONS.map(normalise));

export function guessPartyKind(name: string): PartyKind {
  const trimmed = name.trim().replace(/^the\s+/i, '');
  if (!/^\p{Lu}/u.test(trimmed)) return 'other';
  const key = normalise(trimmed);
  states ??= namesOf();
  if (states.has(key)) return 'state';
  if (blocs.has(key)) return 'bloc';
  if (organisations.has(key)) return 'organisation';
  return 'other';
}
