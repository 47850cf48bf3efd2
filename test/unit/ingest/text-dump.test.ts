import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanByline } from '../../../electron/ingest/byline';
import { parseWrittenDate } from '../../../electron/ingest/dates';
import { detectLanguage } from '../../../electron/ingest/language';
import { readText } from '../../../electron/ingest/text-dump';

const dir = join(import.meta.dirname, '../../fixtures/articles/text');

interface Expectation {
  title: string | null;
  byline: string | null;
  outlet: string | null;
  publishedAt: string | null;
  language: string | null;
  paragraphs: string[];
  chrome: string[];
}

for (const file of readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f))) {
  test(`text dump ${file}: every story paragraph kept, page chrome gone`, () => {
    const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.(txt|md)$/, '.expect.json')), 'utf8')) as Expectation;
    const article = readText(readFileSync(join(dir, file), 'utf8'), file);
    assert.deepEqual(article.text.split('\n\n'), expected.paragraphs);
    for (const chrome of expected.chrome) assert.ok(!article.text.includes(chrome), `chrome left in: ${chrome}`);
    assert.equal(article.title, expected.title);
    assert.equal(article.byline, expected.byline);
    assert.equal(article.outlet, expected.outlet);
    assert.equal(article.publishedAt, expected.publishedAt);
    assert.equal(article.language, expected.language);
    assert.equal(article.format, file.endsWith('.md') ? 'markdown' : 'text');
    assert.equal(article.label, file);
  });
}

test('a clean text file keeps all its paragraphs and takes the first line as title', () => {
  const source = [
    'Kremlin rejects European ceasefire-first proposal',
    '',
    'Moscow on Monday dismissed the European counter-proposal to the US peace plan.',
    '',
    'Yuri Ushakov, a Kremlin aide, said the text "does not suit us at all".',
    '',
    'Talks continue.',
  ].join('\n');
  const article = readText(source, 'note.txt');
  assert.equal(article.title, 'Kremlin rejects European ceasefire-first proposal');
  assert.deepEqual(article.text.split('\n\n'), [
    'Moscow on Monday dismissed the European counter-proposal to the US peace plan.',
    'Yuri Ushakov, a Kremlin aide, said the text "does not suit us at all".',
    'Talks continue.',
  ]);
});

test('a site name after a bar is dropped from the title, a dash inside the headline is kept', () => {
  const body = '\n\nEuropean leaders said the ceasefire must come first, before any talks on territory.';
  assert.equal(readText(`Geneva talks: what we know | Example Times${body}`, 'a.txt').title, 'Geneva talks: what we know');
  assert.equal(readText(`Ukraine peace talks - what we know so far${body}`, 'b.txt').title, 'Ukraine peace talks - what we know so far');
});

test('a file with no headline above the story keeps its first paragraph as body; its first sentence stands in as a guessed title', () => {
  const article = readText('Kyiv said on Tuesday that it had agreed the core of the framework. Talks go on.\n\nDetails were not released.', 'a.txt');
  assert.equal(article.title, 'Kyiv said on Tuesday that it had agreed the core of the framework.');
  assert.equal(article.titleGuessed, true);
  assert.match(article.text, /^Kyiv said on Tuesday/);
});

test('hard-wrapped text is joined back into paragraphs', () => {
  const source = `Witkoff and Kushner meet Putin in Moscow

The US special envoy Steve Witkoff and Jared Kushner held five hours of
talks with Vladimir Putin in the Kremlin on Tuesday, discussing a revised
version of the American plan that was reworked after the Geneva meeting.

Kremlin aide Yuri Ushakov said no compromise had yet been found on the
territorial question, in particular Russia's demand that Ukraine leave the
parts of Donetsk it still controls.
`;
  const article = readText(source, 'wrapped.txt');
  assert.equal(article.title, 'Witkoff and Kushner meet Putin in Moscow');
  const paragraphs = article.text.split('\n\n');
  assert.equal(paragraphs.length, 2);
  assert.match(paragraphs[0]!, /in the Kremlin on Tuesday, discussing a revised version/);
  assert.match(paragraphs[1]!, /leave the parts of Donetsk/);
});

test('relative dates are never used as the publication date', () => {
  const article = readText('Talks resume in Abu Dhabi\n2 hours ago\n\nUS Army Secretary Dan Driscoll met a Russian delegation in Abu Dhabi, officials said.', 'x.txt');
  assert.equal(article.publishedAt, null);
  assert.equal(parseWrittenDate('Updated 3 hours ago'), null);
  assert.equal(parseWrittenDate('yesterday at 14:00'), null);
  assert.equal(parseWrittenDate('Nov 23'), null, 'no year: no guess');
  assert.deepEqual(parseWrittenDate('Sun 23 Nov 2025 18.40 CET'), { publishedAt: '2025-11-23T17:40:00Z', precision: 'minute' });
  // Without a zone, the local time as written (the HTML reader's rule, now every reader's).
  assert.deepEqual(parseWrittenDate('24 ноября 2025, 14:20'), { publishedAt: '2025-11-24T14:20:00', precision: 'minute' });
});

test('bylines keep person names only', () => {
  assert.equal(cleanByline('By Humeyra Pamuk and Dan Peleschuk'), 'Humeyra Pamuk, Dan Peleschuk');
  assert.equal(cleanByline('By Jane Doe in Kyiv, Reuters'), 'Jane Doe');
  assert.equal(cleanByline('By **Maria Lopez** | November 21, 2025'.replace(/\*/g, '')), 'Maria Lopez');
  assert.equal(cleanByline('Автор: Анна Смирнова'), 'Анна Смирнова');
  assert.equal(cleanByline('By staff'), null);
  assert.equal(cleanByline('Jennifer Rankin in Brussels and Pjotr Sauer'), 'Jennifer Rankin, Pjotr Sauer');
  assert.equal(cleanByline('By ILLIA NOVIKOV and JAMEY KEATEN'), 'Illia Novikov, Jamey Keaten');
  assert.equal(cleanByline('By Al Jazeera Staff'), null);
  // Roles and desks after a name go; names that look like months or roles stay.
  assert.equal(cleanByline('By TOM KESTREL, AP Auto Writer'), 'Tom Kestrel');
  assert.equal(cleanByline('Meg JanesStaff Writer'), 'Meg Janes');
  assert.equal(cleanByline('By Sofia Marchetti and Debbie White Nov 19, 2025'), 'Sofia Marchetti, Debbie White');
  assert.equal(cleanByline('Par Philippe Roux (Bruxelles, correspondant) et Anne Marin'), 'Philippe Roux, Anne Marin');
  assert.deepEqual(parseWrittenDate('24 ноября 2025, 14:20 МСК'), { publishedAt: '2025-11-24T11:20:00Z', precision: 'minute' });
  assert.deepEqual(parseWrittenDate('Updated 3:14 PM EST, Mon November 24, 2025'), { publishedAt: '2025-11-24T20:14:00Z', precision: 'minute' });
});

test('language detection tells Russian from Ukrainian', () => {
  assert.equal(detectLanguage('Переговоры в Женеве продолжились в воскресенье, заявил представитель Кремля журналистам после встречи.'), 'ru');
  assert.equal(detectLanguage('Переговори в Женеві тривали в неділю, заявив представник Офісу президента журналістам після зустрічі.'), 'uk');
  assert.equal(detectLanguage('short'), null);
});

test("readers' comments after the story are not part of it", () => {
  const dump = [
    'Home World Politics',
    'Talks resume in Geneva as envoys trade drafts',
    'By Jane Doe',
    'November 23, 2025',
    'Negotiators from both delegations met behind closed doors in Geneva on Sunday to trade drafts of a revised plan, officials said.',
    'The revised framework cut the original 28 points to 19, according to a person familiar with the text, who asked not to be named.',
    'Comments (2)',
    'I have followed these talks for months and I do not believe anything will change before the spring, whatever is said this week.',
    'Another round of statements from everyone involved, and another week in which nothing at all is signed by anybody at the table.',
  ].join('\n\n');
  const article = readText(dump, 'comments.txt');
  assert.deepEqual(article.text.split('\n\n').map((p) => p.slice(0, 20)), ['Negotiators from bot', 'The revised framewor']);
});

test('a known headline anchors the story even when a longer stretch of prose follows it', () => {
  const teaser = (n: number) => `Post number ${n} from a reader goes on at length about something else entirely, as threads below short items often do.`;
  const dump = [
    'Menu Search',
    'Short story under its headline here',
    'The only paragraph of the actual story is this one, which reports the news in a few dozen words, as short items do on many news sites.',
    'A second and last paragraph adds one detail that the officials gave to reporters at the end of the meeting on Sunday evening.',
    'Apple Watch',
    'AirPods Pro',
    'Mac Studio',
    'Vision Pro',
    'Home Pod',
    ...Array.from({ length: 8 }, (_, n) => teaser(n)),
  ].join('\n\n');
  const anchored = readText(dump, 'x.txt', { headline: 'Short story under its headline here' }).text;
  assert.deepEqual(anchored.split('\n\n').map((p) => p.slice(0, 16)), ['The only paragra', 'A second and las']);
  // Without the headline, the longer stretch (the posts) would be taken for the story.
  assert.match(readText(dump, 'x.txt').text, /Post number 7/);
});
