import { gunzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { extractBuffer } from './electron/ingest/index';
import { suggest } from './electron/suggest/index';
const dir = '/work/shared/corpora/article-extraction-benchmark/html/';
const files = readdirSync(dir).sort();
const pick = process.argv[2] ? files.filter(f => f.startsWith(process.argv[2]!)) : files;
let totalMs = 0, totalWords = 0, n = 0;
const keywords = /\b(said|told|according to)\b/;
const out: string[] = [];
for (const f of pick) {
  const bytes = gunzipSync(readFileSync(dir + f));
  let text = '';
  try { const [a] = await extractBuffer(new Uint8Array(bytes), f.replace(/\.gz$/, '')); text = a?.text ?? ''; } catch { continue; }
  if (!text) continue;
  const t0 = performance.now(); const s = suggest(text); totalMs += performance.now() - t0;
  totalWords += text.split(/\s+/).length; n++;
  if (process.argv[2]) {
    console.log('TEXT WORDS', text.split(/\s+/).length);
    for (const p of s.parties) console.log('P', p.kind, p.name, p.confidence, '|', p.mentions.map(m=>m.text).join(', '), p.role ? 'role=' + p.role : '', p.affiliation ? 'aff=' + p.affiliation : '');
    for (const a of s.attributions) console.log('A', a.kind, a.rule, a.speaker, a.anonymous ? 'ANON' : '', '<' + (a.speakerText ?? '') + '>', '::', a.quote.slice(0, 120).replace(/\n/g, ' '));
    for (const c of s.concessions) console.log('C', c.stance, c.cue, c.by, c.demandedBy ?? '', c.issue, '::', c.text.slice(0, 120));
  } else if (keywords.test(text)) {
    out.push(`${f.slice(0, 8)} words=${text.split(/\s+/).length} parties=${s.parties.length} attr=${s.attributions.length} conc=${s.concessions.length} :: ${text.slice(0, 70).replace(/\n/g, ' ')}`);
  }
}
console.log(out.join('\n'));
console.log(`articles ${n}, words ${totalWords}, ms ${totalMs.toFixed(0)}, ms/2000w ${(totalMs / totalWords * 2000).toFixed(1)}`);
