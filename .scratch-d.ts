import { readText } from './electron/suggest/text';
const r = readText(process.argv[2]!);
console.log(r.tokens.map(t=>`${t.text}/${t.pos}/${t.sentence}`).join(' '));
