/**
 * Rules that carry over to copy never seen: names beyond Latin-1, speakers after a place, pronouns to
 * the subject rather than the object, role references with a side ("Iran's foreign minister"),
 * inverted reports with a channel, transcript labels with honorifics, headlines, stances inside reports.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggest } from '../../../electron/suggest/index';
import { readText } from '../../../electron/suggest/text';

test('names with letters beyond Latin-1 are one token and one person (Šefčovič, Erdoğan, Vučić)', () => {
  const read = readText('Maroš Šefčovič met Erdoğan and Aleksandar Vučić.');
  assert.deepEqual(read.tokens.map((token) => token.text), ['Maroš', 'Šefčovič', 'met', 'Erdoğan', 'and', 'Aleksandar', 'Vučić', '.']);
  const text = 'The EU trade chief, Maroš Šefčovič, flew in on Monday. Šefčovič said the tariff deal was fair.';
  const found = suggest(text);
  const person = found.parties.find((party) => party.name === 'Maroš Šefčovič');
  assert.ok(person, JSON.stringify(found.parties.map((party) => party.name)));
  assert.deepEqual(person.mentions.map((mention) => mention.text), ['Maroš Šefčovič', 'Šefčovič']);
  assert.equal(found.attributions[0]!.speaker, 'Maroš Šefčovič');
});

test('a name after a place and a comma is a speaker when it speaks, a place when listed', () => {
  const spoken = suggest('Speaking to reporters in Ankara, Erdoğan said Turkey was ready to host the talks.');
  assert.equal(spoken.attributions[0]?.speaker, 'Erdoğan');
  const listed = suggest('Delegations met in Ankara, Izmir and Antalya over the summer to discuss grain.');
  assert.ok(!listed.parties.some((party) => party.kind === 'person'), JSON.stringify(listed.parties.map((party) => party.name)));
});

test('a pronoun in the next sentence goes to the subject of the last sentence, not its object', () => {
  const found = suggest('Viktor Orbán met Vladimir Putin in Moscow on Friday.\n\nHe said Hungary would veto the sanctions package.');
  assert.equal(found.attributions[0]!.speaker, 'Viktor Orbán');
  // An object named after a speaker who is quoted still leaves the quote with its speaker.
  const quoted = suggest('“We are ready,” Kaja Kallas said after meeting Marco Rubio. “Russia has to pay,” she added.');
  assert.deepEqual(quoted.attributions.map((item) => item.speaker), ['Kaja Kallas', 'Kaja Kallas']);
});

test('"the Russian minister", "Iran\'s foreign minister" resolve to the person just named or quoted', () => {
  const lavrov = suggest('Foreign Minister Sergei Lavrov met his counterpart. “There will be no ceasefire,” the Russian minister said.');
  assert.equal(lavrov.attributions[0]!.speaker, 'Sergei Lavrov');
  assert.equal(lavrov.attributions[0]!.anonymous, false);
  const araghchi = suggest('“We have nothing to hide,” Araghchi told state TV. Iran’s foreign minister added that inspectors were welcome.');
  assert.deepEqual(araghchi.attributions.map((item) => item.speaker), ['Araghchi', 'Araghchi']);
  // With no one to point to, the role stays an unnamed source of that side.
  const unnamed = suggest('Iran’s foreign minister said inspectors were welcome at every site.');
  assert.equal(unnamed.attributions[0]!.anonymous, true);
});

test('an inverted report whose verb has an object and a tail: "…, a senior official told Reuters on condition of anonymity"', () => {
  const found = suggest('Israel will not withdraw from the corridor, a senior Israeli official told Reuters on condition of anonymity.');
  assert.equal(found.attributions.length, 1);
  const report = found.attributions[0]!;
  assert.equal(report.quote, 'Israel will not withdraw from the corridor');
  assert.equal(report.kind, 'indirect');
  assert.equal(report.anonymous, true);
  assert.equal(report.speakerText, 'a senior Israeli official');
  assert.equal(report.outlet, 'Reuters');
});

test('transcript labels with an honorific or in capitals name the speaker; "Interviewer:" does not', () => {
  const text = 'MS BRUCE: Good afternoon. I have nothing to announce at the top today.\n\nQUESTION: Will there be another round?\n\nMS BRUCE: I am not going to get ahead of that process.';
  const found = suggest(text).attributions;
  assert.deepEqual(found.map((item) => [item.speaker, item.rule]), [['Bruce', 'transcript:label'], ['Bruce', 'transcript:label']]);
  assert.equal(text.slice(found[0]!.speakerStart, found[0]!.speakerEnd), 'MS BRUCE');
  const interview = suggest('Interviewer: Will Washington move on steel this year, do you think?\n\nInterviewer: And if they say no to you?');
  assert.equal(interview.attributions.length, 0);
});

test('a headline restates the body: its cue is not a concession of its own', () => {
  const text = 'Brussels demands fishing access in price for youth mobility deal\n\nLONDON — The EU is pressing Britain to guarantee access to its waters until 2038, diplomats said.\n\nBritain rejected the demand on Monday, saying the fisheries deal of May stands.';
  const concessions = suggest(text).concessions;
  assert.ok(concessions.every((item) => item.start > text.indexOf('\n')), JSON.stringify(concessions.map((item) => item.text)));
  assert.ok(concessions.some((item) => item.stance === 'rejects'));
});

test('a stance inside reported words belongs to the speaker, not to someone named in the reporting clause', () => {
  const found = suggest('Zelensky told CNN’s Jake Tapper that he would never cede the Donbas to Russia.');
  assert.equal(found.concessions[0]!.stance, 'rejects');
  assert.equal(found.concessions[0]!.by, 'Zelensky');
});

test('anonymous sources: "officials on both sides", "a source close to the Russian delegation", "one of them", "aid groups", "media report that"', () => {
  const both = suggest('Ukraine and Russia swapped 300 prisoners of war on Friday, officials on both sides said.').attributions[0]!;
  assert.equal(both.speakerText, 'officials on both sides');
  assert.equal(both.anonymous, true);
  const close = suggest('A source close to the Russian delegation told the state news agency that Moscow was ready for an exchange.').attributions[0]!;
  assert.equal(close.anonymous, true);
  assert.equal(close.speakerText, 'A source close to the Russian delegation');
  const group = suggest('Two people familiar with the talks said the lists were agreed. Russia had insisted on including civilians, one of them said.').attributions;
  assert.equal(group.length, 2);
  assert.equal(group[1]!.anonymous, true);
  assert.equal(group[1]!.speakerText, 'one of them');
  assert.equal(suggest('Aid groups said the most urgent step was reopening the airport to relief flights.').attributions[0]?.anonymous, true);
  assert.equal(suggest('American media report that part of the assets could go to a reconstruction fund.').attributions[0]?.speakerText, 'American media');
});

test('"said ROLE, NAME, who …": the name after the role is the speaker, the role its role', () => {
  const quote = suggest('“This is the beginning of the end,” said Qatar’s minister of state, Mohammed Al-Khulaifi, who has mediated the talks since April.').attributions[0]!;
  assert.equal(quote.speaker, 'Mohammed Al-Khulaifi');
  assert.equal(quote.role, 'Qatar’s minister of state');
});

test('a capital the gazetteer knows stands for its state; a pronoun never resolves to it', () => {
  const found = suggest('Government spokesman Patrick Muyaya said Kinshasa would insist on a full withdrawal. “There will be no partition of our country,” he told reporters.');
  assert.ok(found.parties.some((party) => party.name === 'Democratic Republic of the Congo' && party.mentions[0]!.text === 'Kinshasa'));
  assert.deepEqual(found.attributions.map((item) => item.speaker), ['Patrick Muyaya', 'Patrick Muyaya']);
});

test('concession cues: "there will be no", "cannot give away", a negation inside quotation marks, "only works if", failed agreements', () => {
  const stance = (text: string) => suggest(text).concessions.map((item) => item.stance);
  assert.deepEqual(stance('“There will be no American boots on the ground in Ukraine,” the president said.'), ['rejects']);
  assert.deepEqual(stance('“We cannot give away what the Russians have not been able to take,” Zelensky said.'), ['rejects']);
  assert.deepEqual(stance('Slovakia would “not compromise” on the gas pipeline, Fico said on Sunday.'), ['rejects']);
  assert.deepEqual(stance('But a ceasefire only works if it is backed by troops that Russia fears, Kallas argued.'), ['conditional']);
  assert.deepEqual(stance('European Union foreign ministers failed on Monday to agree on a new package of sanctions against Russia.'), []);
  assert.deepEqual(stance('The ICRC welcomed the prisoner exchange between Russia and Ukraine on Tuesday.'), []);
});

test('plural titles, subjects after a place, and capitals that name a venue', () => {
  const names = (text: string) => suggest(text).parties.map((party) => `${party.kind}:${party.name}`);
  assert.deepEqual(names('The truce followed a meeting between Presidents Donald Trump and Xi Jinping in Busan.'), ['person:Donald Trump', 'person:Xi Jinping']);
  assert.deepEqual(names('At a stop near Zhytomyr, Zelensky met the families of soldiers.'), ['person:Zelensky']);
  assert.deepEqual(names('Boulos, who attended the Doha ceremony, said the Doha track was alive.'), ['person:Boulos']);
  assert.deepEqual(names('Doha said it would host the next round.'), ['state:Qatar']);
});

test('surnames opening a sentence, names in lists and after "by", "al-" surnames, capitalised common words', () => {
  const people = (text: string) => suggest(text).parties.filter((party) => party.kind === 'person').map((party) => `${party.name}[${party.mentions.map((mention) => mention.text).join('|')}]`);
  assert.deepEqual(people('Witkoff met Putin for five hours on Thursday.'), ['Witkoff[Witkoff]', 'Putin[Putin]']);
  assert.deepEqual(people('Merz, Macron and Starmer issued a joint statement.'), ['Merz[Merz]', 'Macron[Macron]', 'Starmer[Starmer]']);
  assert.deepEqual(people('The plan was drafted by Witkoff and Dmitriev over a weekend.'), ['Witkoff[Witkoff]', 'Dmitriev[Dmitriev]']);
  assert.deepEqual(people('Gen. Abdel Fattah al-Burhan rejected the plan. Burhan later softened.'), ['Abdel Fattah al-Burhan[Abdel Fattah al-Burhan|Burhan]']);
  assert.deepEqual(people('Donald Trump arrived on Friday. Zelensky said he would speak to Trump before the weekend.'), ['Donald Trump[Donald Trump|Trump]', 'Zelensky[Zelensky]']);
  assert.deepEqual(people('“Sequencing sounds technical,” the envoy said, but sequencing is everything. Delegations met again.'), []);
  assert.deepEqual(people('The strikes hit Odesa, Izmail and the other Danube ports.'), []);
});

test('"Al-Hayya" opening a sentence is the al-Hayya the text named; more stance cues', () => {
  const found = suggest('Khalil al-Hayya arrived in Cairo overnight. Al-Hayya told reporters the group was ready for the second phase.');
  assert.deepEqual(found.parties.map((party) => `${party.name}[${party.mentions.map((mention) => mention.text).join('|')}]`), ['Khalil al-Hayya[Khalil al-Hayya|Al-Hayya]']);
  assert.equal(found.attributions[0]!.speaker, 'Khalil al-Hayya');
  const stance = (text: string) => suggest(text).concessions.map((item) => item.stance);
  assert.deepEqual(stance('Moscow warned that it would regard foreign troops in Ukraine as legitimate targets.'), ['rejects']);
  assert.deepEqual(stance('Lin Jian said China hoped the U.S. would lift the new export controls.'), ['demands']);
});

test('titles the gazetteer lacks end in a title word; "the group", "the kingdom" speak for the body named before', () => {
  const jaishankar = suggest('External Affairs Minister S. Jaishankar said the issue was bilateral.');
  assert.deepEqual(jaishankar.parties.map((party) => `${party.kind}:${party.name}`), ['person:S. Jaishankar']);
  assert.equal(jaishankar.attributions[0]!.role, 'External Affairs Minister');
  const group = suggest('A Hamas delegation arrived in Cairo overnight, the group said in a brief statement.').attributions[0]!;
  assert.deepEqual([group.speaker, group.speakerText, group.anonymous], ['Hamas', 'the group', false]);
  assert.equal(suggest('Saudi Arabia hosted the talks. The kingdom said it wanted a clear end to the attacks.').attributions[0]!.speaker, 'Saudi Arabia');
});
