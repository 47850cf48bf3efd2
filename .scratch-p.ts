import { readText } from './electron/suggest/text';
import { readParties, partySuggestions } from './electron/suggest/parties';
import { EMPTY_KNOWLEDGE } from './electron/suggest/types';
const text = `Putin rejects US plan: Kremlin says talks "premature"

MOSCOW (Reuters) - Russian President Vladimir Putin said on Thursday that Moscow would not accept "any foreign troops" in Ukraine. “We will never agree,” he told reporters in Bishkek. Kremlin spokesman Dmitry Peskov said the U.S. plan was "a basis". A senior U.S. official told CNN's Kylie Atwood that talks had stalled. Mr. Witkoff met Ukraine's Rustem Umerov in Geneva. Umerov, Ukraine's chief negotiator, said the Ukrainian Armed Forces would not withdraw from Donetsk. Ukrainian lawmaker Inna Sovsun criticised the US-brokered deal. The Russian Foreign Ministry and NATO Secretary General Mark Rutte disagreed. Peskov added that Washington had been told. Secretary of State Marco Rubio spoke to the EU's Kaja Kallas and Hamas official Basem Naim. Officials in Kyiv were not convinced. The Kremlin's position, Zelensky said, was clear.`;
const r = readText(text);
const p = readParties(r, EMPTY_KNOWLEDGE);
for (const s of partySuggestions(p)) console.log(s.name, s.kind, s.confidence, JSON.stringify(s.aliases), s.role ?? '', s.affiliation ?? '', s.mentions.map(m=>m.text+'/'+m.rule).join(', '));
console.log(p.outlets.map(o=>o.text));
