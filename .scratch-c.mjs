import nlp from 'compromise';
const m = nlp.model();
const lex = m.one.lexicon;
const entries = Object.entries(lex);
console.log(entries.length);
const tags = {};
for (const [w,t] of entries) { const k = Array.isArray(t)?t.join(','):t; tags[k]=(tags[k]||0)+1; }
console.log(Object.entries(tags).sort((a,b)=>b[1]-a[1]).slice(0,60));
console.log(['kylie','rustem','dmitry','keir','volodymyr','inna','marco','steve','sergei','andriy','kaja','emmanuel','friedrich','giorgia','abdel','mohammed','benjamin','yulia','olena'].map(w=>[w,lex[w]]));
console.log(Object.keys(m.one).slice(0,30));
