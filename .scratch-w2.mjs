import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
const nlp = winkNLP(model, ['sbd','pos']);
const its = nlp.its;
const text = `Talks stall: Kyiv balks at plan\n\nThe U.S. said it won't budge. 'We can't,' he said.\n“Next para”`;
const doc = nlp.readDoc(text);
console.log(doc.tokens().out(), doc.tokens().out(its.type), doc.tokens().out(its.precedingSpaces));
console.log(doc.sentences().out(its.span));
