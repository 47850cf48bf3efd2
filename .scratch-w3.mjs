import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
const nlp = winkNLP(model, ['sbd','pos']);
const its = nlp.its;
const text = `The US-brokered deal fell through. That said, officials were upbeat. “We are ready,” Peskov said, adding that Moscow had “no illusions.” A source familiar with the talks told Axios the draft was “dead.” It is said to be final. The said agreement. Ukraine.  He said. "It's over," said a senior official. ‘We can’t,’ he said.`;
const doc = nlp.readDoc(text);
console.log(doc.tokens().out().map((t,i)=>t+'/'+doc.tokens().out(its.pos)[i]).join(' '));
console.log(doc.sentences().out());
