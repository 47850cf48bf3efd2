import { suggest } from './electron/suggest/index';
import { readFileSync } from 'node:fs';
const text = process.argv[2] ? readFileSync(process.argv[2],'utf8') : `Putin rejects US plan: Kremlin says talks "premature"

MOSCOW (Reuters) - Russian President Vladimir Putin said on Thursday that Moscow would not accept "any foreign troops" in Ukraine. “We will never agree,” he told reporters in Bishkek. Kremlin spokesman Dmitry Peskov said the U.S. plan was "a basis". A senior U.S. official told CNN's Kylie Atwood that talks had stalled. Mr. Witkoff met Ukraine's Rustem Umerov in Geneva.

"We are ready to discuss a ceasefire," Umerov said. "But we will not give up Donetsk."

"The Europeans want a ceasefire first," he added, "and security guarantees."

Ukraine could accept much of the proposal, Starmer said. According to a draft seen by Axios, Kyiv would cap its army at 600,000 troops. The so-called "coalition of the willing" met in Paris. That said, the talks continue.`;
const s = suggest(text);
for (const a of s.attributions) console.log(`[${a.kind} ${a.rule} ${a.confidence}] ${a.speaker} ${a.anonymous?'(anon)':''} <${a.speakerText ?? ''}> ch=${a.channel ?? ''} out=${a.outlet ?? ''} :: ${a.quote}`);
for (const c of s.concessions) console.log(`{${c.stance} ${c.cue}} by=${c.by} dem=${c.demandedBy ?? ''} sp=${c.stanceParty??''} issue=${c.issue} :: ${c.text}`);
console.log(s.planRefs);
