import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
let t0 = performance.now();
const nlp = winkNLP(model);
const its = nlp.its;
console.log('load', performance.now()-t0);
const text = `Russian President Vladimir Putin said on Thursday that Moscow would not accept "any foreign troops" in Ukraine. “We will never agree,” he told reporters in Bishkek. Kremlin spokesman Dmitry Peskov said the U.S. plan was "a basis". A senior U.S. official told CNN's Kylie Atwood that talks had stalled. Mr. Witkoff met Ukraine's Rustem Umerov in Geneva.`;
t0 = performance.now();
const doc = nlp.readDoc(text);
console.log('read', performance.now()-t0);
doc.sentences().each(s => console.log('S:', s.out()));
console.log(doc.tokens().out(its.pos).join(' '));
console.log(doc.tokens().out().join('|'));
console.log(doc.entities().out(its.detail));
const big = (text + ' ').repeat(35);
console.log(big.split(/\s+/).length);
for (let i=0;i<5;i++){ t0 = performance.now(); const d = nlp.readDoc(big); d.tokens().out(its.pos); d.sentences().out(its.span); console.log('big', performance.now()-t0);}
