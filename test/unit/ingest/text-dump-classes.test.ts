/**
 * Text copied out of a browser and plain-text wire copy, one test per class of problem, on
 * articles written for these tests (test/fixtures/articles/text-classes, text-scripts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readText } from '../../../electron/ingest/text-dump';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/articles/${path}`, import.meta.url), 'utf8');

describe('an analysis copied as text from a news page', () => {
  const article = readText(fixture('text-classes/analysis-copied.txt'), 'analysis-copied.txt');
  const paragraphs = article.text.split('\n\n');

  it('takes the headline, not the section label with its reading time', () => {
    assert.equal(article.title, 'Why the ceasefire plan keeps slipping out of reach');
    assert.equal(article.titleGuessed, undefined);
  });

  it('reads the names two lines under "Analysis by"', () => {
    assert.equal(article.byline, 'Jane Marlow, Peter Quill');
  });

  it('names the outlet as analysts do, not by its legal name', () => {
    assert.equal(article.outlet, 'CNN');
  });

  it('reads the Markdown-flavoured .txt as Markdown: no emphasis marks, links kept as addresses', () => {
    assert.ok(!article.text.includes('**'), article.text);
    assert.ok(!/\*cannot\*/.test(article.text));
    assert.match(article.text, /a deal on the war in Ukraine was days away/);
    assert.match(article.text, /"Nobody signs a map they cannot sell at home,"/);
    assert.ok(!article.text.includes('](https://'));
    assert.match(article.html ?? '', /<a href="https:\/\/example.org\/plan">Read the full plan<\/a>/);
    assert.equal(article.format, 'text');
  });

  it('drops the menu line, the cut caption, the photo credit and the repeated headline', () => {
    for (const chrome of ['☰ Politics', 'on his way back from the summit in...', '(Alex Brandon/AP)', 'Sign in to continue reading', 'Advertisement']) {
      assert.ok(!article.text.includes(chrome), `left in: ${chrome}`);
    }
    assert.match(paragraphs[0]!, /^For weeks the White House/);
    assert.equal(paragraphs.length, 5);
  });

  it('rejoins the sentence an ad slot cut in two', () => {
    assert.ok(paragraphs.includes(
      'The envoy told allies on Sunday that the revised text would be presented to both delegations before the end of the month, a timeline that European diplomats privately called optimistic.',
    ));
  });

  it('never takes "Updated …" or "2 HR AGO" lines as the title', () => {
    const source = 'World • 4 min read\n\n2 HR AGO\n\nUpdated 9:02 AM GMT, Tue November 25, 2025\n\nEnvoys return to Geneva with a shorter draft\n\nBy Ana Silva\n\nThe delegations arrived in Geneva on Tuesday with a draft cut from 28 points to 19, officials said, and talks resumed within the hour.\n\nBoth sides described the first session as businesslike.';
    const short = readText(source, 'short.txt');
    assert.equal(short.title, 'Envoys return to Geneva with a shorter draft');
    assert.equal(short.byline, 'Ana Silva');
    assert.equal(short.publishedAt, '2025-11-25T09:02:00Z');
  });

  it('reads "Opinion by", "Written by" and several names on one line', () => {
    const body = '\n\nThe delegations arrived in Geneva on Tuesday with a draft cut from 28 points to 19, officials said, and talks resumed.';
    assert.equal(readText(`A fragile start in Geneva\n\nOpinion by Maya Ortiz${body}`, 'o.txt').byline, 'Maya Ortiz');
    assert.equal(readText(`A fragile start in Geneva\n\nWritten by\nLeo Brandt${body}`, 'w.txt').byline, 'Leo Brandt');
    assert.equal(readText(`A fragile start in Geneva\n\nBy Ana Silva, Tom Reyes and Iris Novak${body}`, 'b.txt').byline, 'Ana Silva, Tom Reyes, Iris Novak');
  });
});

describe('plain-text wire articles', () => {
  const body = 'MOSCOW, Nov 24 (Reuters) - The Kremlin on Monday rejected a European counter-proposal to the U.S. peace plan, saying it ignored Russia\'s concerns.\n\nKremlin aide Yuri Ushakov said the text was "completely unconstructive".';

  it('takes a short first line set apart by a blank line as the title, even a quotation', () => {
    const article = readText(`Kremlin says European plan "does not suit us"\n\n${body}`, 'wire.txt');
    assert.equal(article.title, 'Kremlin says European plan "does not suit us"');
    assert.match(article.text, /^MOSCOW, Nov 24 \(Reuters\)/);
    assert.equal(article.outlet, 'Reuters');
  });

  it('reads Title: and Headline: fields', () => {
    assert.equal(readText(`Title: Prisoner talks resume in Istanbul\nDate: 24 November 2025\n\n${body}`, 't.txt').title, 'Prisoner talks resume in Istanbul');
    const headline = readText(`Headline: Prisoner talks resume in Istanbul\nDate: 24 November 2025\n\n${body}`, 'h.txt');
    assert.equal(headline.title, 'Prisoner talks resume in Istanbul');
    assert.equal(headline.publishedAt, '2025-11-24');
    assert.ok(!headline.text.includes('Headline:'));
  });

  it('falls back to the first sentence, marked as a guess, without the dateline', () => {
    const article = readText(body, 'nohead.txt');
    assert.equal(article.title, "The Kremlin on Monday rejected a European counter-proposal to the U.S. peace plan, saying it ignored Russia's concerns.");
    assert.equal(article.titleGuessed, true);
    assert.match(article.text, /^MOSCOW/);
  });
});

describe('text dumps in scripts without spaces or case', () => {
  const cases: Array<[string, string, string | null]> = [
    ['japanese.txt', '停戦交渉、ジュネーブで再開へ 双方が草案の修正に合意', '2025-11-24T14:05:00'],
    ['chinese.txt', '日内瓦会谈将于本周恢复', '2025-11-24'],
    ['thai.txt', 'เจรจาหยุดยิงที่เจนีวาจะกลับมาเริ่มใหม่สัปดาห์นี้', null],
    ['arabic.txt', 'استئناف محادثات وقف إطلاق النار في جنيف هذا الأسبوع', null],
    ['hebrew.txt', "השיחות על הפסקת האש בז'נבה יתחדשו השבוע", null],
    ['ukrainian.txt', 'Переговори про припинення вогню в Женеві відновляться цього тижня', '2025-11-24T14:05:00'],
  ];
  for (const [file, title, date] of cases) {
    it(`${file}: the story is read as prose, its headline and date found`, () => {
      const article = readText(fixture(`text-scripts/${file}`), file);
      assert.equal(article.title, title);
      assert.equal(article.titleGuessed, undefined);
      assert.equal(article.publishedAt, date);
      const paragraphs = article.text.split('\n\n');
      assert.equal(paragraphs.length, 3, article.text);
      assert.ok(!paragraphs.includes(title));
    });
  }
});
