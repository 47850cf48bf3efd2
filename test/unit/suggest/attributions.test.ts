import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggest, type AttributionSuggestion } from '../../../electron/suggest/index';

const attributions = (text: string) => suggest(text).attributions;
const only = (text: string): AttributionSuggestion => {
  const found = attributions(text);
  assert.equal(found.length, 1, JSON.stringify(found.map((item) => item.quote)));
  return found[0]!;
};

test('direct quote, speaker after: content, speaker span, rule', () => {
  const text = '“We will never agree,” Kremlin spokesman Dmitry Peskov told reporters.';
  const quote = only(text);
  assert.equal(quote.kind, 'direct');
  assert.equal(quote.quote, 'We will never agree,');
  assert.equal(text.slice(quote.start, quote.end), quote.quote);
  assert.equal(quote.speaker, 'Dmitry Peskov');
  assert.equal(text.slice(quote.speakerStart, quote.speakerEnd), 'Kremlin spokesman Dmitry Peskov');
  assert.equal(quote.channel, 'briefing');
  assert.equal(quote.anonymous, false);
});

test('speaker before, after "said", and between two halves of a quote', () => {
  assert.equal(only('Rubio said: "We have made a tremendous amount of progress."').speaker, 'Rubio');
  assert.equal(only('"It is over," said Marco Rubio.').speaker, 'Marco Rubio');
  const halves = attributions('Marco Rubio spoke. "We will," he said, "never give up on peace."');
  assert.deepEqual(halves.map((item) => [item.quote, item.speaker]), [['We will,', 'Marco Rubio'], ['never give up on peace.', 'Marco Rubio']]);
});

test('a pronoun speaker resolves to the last person named, across paragraphs', () => {
  const text = 'Finnish President Alexander Stubb met Keir Starmer on Monday.\n\nFinland was ready, officials said.\n\n“We are not naive about Russia,” she said. “Nobody here is.”';
  const found = attributions(text);
  const direct = found.filter((item) => item.kind === 'direct');
  assert.equal(direct.length, 2);
  // No woman is named, so "she" falls back to the nearest person; the continuation keeps that speaker.
  assert.equal(direct[0]!.speaker, direct[1]!.speaker);
  const text2 = 'Kaja Kallas spoke after Marco Rubio.\n\n“Russia has to pay,” she said.';
  assert.equal(attributions(text2)[0]!.speaker, 'Kaja Kallas');
});

test('a stand-alone quote continues the previous speaker', () => {
  const found = attributions('“We are ready to discuss a ceasefire,” Rustem Umerov said.\n\n“But we will not give up Donetsk.”');
  assert.deepEqual(found.map((item) => [item.speaker, item.rule]), [['Rustem Umerov', 'quote:speaker-after'], ['Rustem Umerov', 'quote:continued']]);
});

test('indirect speech: said (that), inverted, parenthetical, told X that', () => {
  const said = only('Keir Starmer said Ukraine could accept much of the proposal.');
  assert.deepEqual([said.kind, said.quote, said.speaker], ['indirect', 'Ukraine could accept much of the proposal', 'Keir Starmer']);
  assert.equal(only('Ukraine could accept much of the proposal, Starmer said.').quote, 'Ukraine could accept much of the proposal');
  const told = only('A senior U.S. official told CNN that the talks had stalled.');
  assert.deepEqual([told.quote, told.anonymous, told.outlet, told.channel], ['the talks had stalled', true, 'CNN', 'interview']);
  const parenthetical = only('The European text, diplomats said, calls for a ceasefire first.');
  assert.equal(parenthetical.speaker, 'diplomats');
  assert.equal(parenthetical.anonymous, true);
});

test('mixed speech: a partial quote inside reported speech is one indirect attribution', () => {
  const mixed = only('Peskov said the U.S. plan was "a basis" for talks.');
  assert.equal(mixed.kind, 'indirect');
  assert.equal(mixed.quote, 'the U.S. plan was "a basis" for talks');
  assert.equal(mixed.rule, 'indirect:mixed');
});

test('anonymous sources, with their channel', () => {
  const source = only('"Nobody signed anything about land," said a Ukrainian official familiar with the talks.');
  assert.equal(source.anonymous, true);
  assert.equal(source.speakerText, 'a Ukrainian official familiar with the talks');
  assert.equal(source.affiliation, 'Ukraine');
  const back = attributions('A Ukrainian official familiar with the talks said Kyiv had not agreed. "It is not on the table," the official said.');
  assert.ok(back.every((item) => item.anonymous), JSON.stringify(back));
  const post = only('Zelensky wrote on Telegram that Ukraine was ready to move forward.');
  assert.equal(post.channel, 'social_post');
});

test('"according to" and its chains; documents as sources', () => {
  const doc = only('According to a draft seen by Axios, Kyiv would cap its army at 600,000 troops.');
  assert.deepEqual([doc.quote, doc.document, doc.channel, doc.outlet], ['Kyiv would cap its army at 600,000 troops', true, 'leak', 'Axios']);
  const chain = only('Washington has offered to fund reconstruction, according to a report by Axios citing three U.S. officials.');
  assert.equal(chain.speakerText, 'three U.S. officials');
  assert.equal(chain.anonymous, true);
  const text = only('The new text says that territorial questions will be discussed by the leaders.');
  assert.equal(text.document, true);
});

test('scare quotes, titles and labels in quotation marks are not attributions', () => {
  assert.deepEqual(attributions('The so-called "coalition of the willing" met in Paris.'), []);
  assert.deepEqual(attributions('Critics call it the "Art of the Deal" approach, which has failed.'), []);
  assert.deepEqual(attributions('The word of the season in Washington is “realism”, and Ukraine must be “realistic”.'), []);
  assert.deepEqual(attributions('The mission was dubbed "Operation Rising Lion" by planners.'), []);
});

test('"said" that reports nothing', () => {
  assert.deepEqual(attributions('That said, the talks continue in Geneva.'), []);
  assert.deepEqual(attributions('The plan is said to be final, and the said agreement was signed.'), []);
  assert.deepEqual(attributions('Much has been said about the plan.'), []);
});

test('headlines: "Name: quote" and "X says …"', () => {
  const headline = attributions('Zelensky: "We will not give up our land"\n\nPresident Volodymyr Zelensky spoke in Kyiv.');
  assert.equal(headline[0]?.speaker, 'Volodymyr Zelensky');
  assert.equal(headline[0]?.kind, 'direct');
  assert.deepEqual(attributions('Peace plan: what we know so far\n\nThe plan has 28 points.'), []);
});

test('interview answers and transcript labels are the interviewee’s words', () => {
  const interview = 'An interview with Inna Sovsun, a Ukrainian lawmaker.\n\nWhat did you think of the plan?\n\nHonestly, I was angry. We cannot give up our land.\n\nAnd the new draft?\n\nMoved, not removed. We have had promises before.';
  const answers = attributions(interview).filter((item) => item.rule === 'interview:answer');
  assert.equal(answers.length, 2);
  assert.ok(answers.every((item) => item.speaker === 'Inna Sovsun'));
  const transcript = 'Kremlin spokesman Dmitry Peskov took questions.\n\nQuestion (TASS): Will the envoys come?\n\nPESKOV: Yes, we can confirm that. The visit is being prepared.';
  const [label] = attributions(transcript).filter((item) => item.rule === 'transcript:label');
  assert.equal(label?.speaker, 'Dmitry Peskov');
  assert.equal(label?.quote, 'Yes, we can confirm that. The visit is being prepared.');
});

test('"he said" after a reported statement is its speaker, even past a gender guess', () => {
  const text = 'President Vladimir Putin set out his terms in June.\n\nCamille Grand, a former NATO official, argues that the paper matters. “It changes the conversation,” he said.';
  const direct = attributions(text).find((item) => item.kind === 'direct');
  assert.equal(direct?.speaker, 'Camille Grand');
});

test('"the prime minister said" names the person, and is no one’s apposition', () => {
  const text = 'Sir Keir Starmer has said Britain is ready.\n\nSpeaking alongside Volodymyr Zelensky, the prime minister said: “We will be there to help secure it.”';
  const result = suggest(text);
  assert.equal(result.attributions.find((item) => item.kind === 'direct')?.speaker, 'Keir Starmer');
  assert.equal(result.parties.find((party) => party.name === 'Volodymyr Zelensky')?.role, undefined);
});

