import { readText } from './electron/suggest/text';
import { readParties } from './electron/suggest/parties';
import { EMPTY_KNOWLEDGE } from './electron/suggest/types';
const p = readParties(readText(process.argv[2]!), EMPTY_KNOWLEDGE);
for (const m of p.mentions) console.log(m.text, '->', m.entity.name, m.rule);
