import { readFileSync } from 'node:fs';
import { readText } from './electron/suggest/text';
import { readParties } from './electron/suggest/parties';
import { readAttributions } from './electron/suggest/attributions';
import { readConcessions, findPlanReferences } from './electron/suggest/concessions';
import { EMPTY_KNOWLEDGE } from './electron/suggest/types';
const ids = readFileSync('test/fixtures/suggest/INDEX','utf8').split('\n').filter(Boolean);
const paras = ids.flatMap(id => readFileSync(`test/fixtures/suggest/${id}.txt`,'utf8').split('\n').filter(l=>l.trim()));
let out=[], w=0; for (let i=0; w<2000; i++){ out.push(paras[i%paras.length]); w+=paras[i%paras.length].split(/\s+/).length; }
const text = out.join('\n\n');
const t = {read:0, parties:0, attr:0, conc:0};
for (let k=0;k<25;k++){
  const cpu=()=>{const u=process.cpuUsage();return (u.user+u.system)/1000;}; let a=cpu(); const r=readText(text); let b=cpu(); t.read+=b-a;
  const p=readParties(r, EMPTY_KNOWLEDGE); let c=cpu(); t.parties+=c-b;
  const at=readAttributions(r,p,EMPTY_KNOWLEDGE); let d=cpu(); t.attr+=d-c;
  readConcessions(r,p,EMPTY_KNOWLEDGE,findPlanReferences(text,EMPTY_KNOWLEDGE),at); let e=cpu(); t.conc+=e-d;
}
for (const k in t) console.log(k, (t[k]/25).toFixed(1));
