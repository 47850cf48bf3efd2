import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeText } from '../../../electron/ingest/decode';
import { parseIsoDate, parseWrittenDate } from '../../../electron/ingest/dates';
import { personNames, readHtml, stripSiteSuffix } from '../../../electron/ingest/html/index';
import { IngestError } from '../../../electron/ingest/types';

const FIXTURES = new URL('../../fixtures/articles/html/', import.meta.url);

function readFixture(name: string) {
  const bytes = readFileSync(new URL(name, FIXTURES));
  return readHtml(decodeText(bytes, { sniffHtmlMeta: true, fileName: name }), name);
}

describe('readHtml: wire-service page with JSON-LD', () => {
  const article = readFixture('wire-jsonld.html');

  it('reads the metadata an analyst files the article under', () => {
    assert.equal(article.title, 'Ukraine, U.S. negotiators narrow gaps on 28-point plan in Geneva');
    assert.equal(article.byline, 'Anna Kovalenko, Mark Whitfield');
    assert.equal(article.outlet, 'Reuters');
    assert.equal(article.publishedAt, '2025-11-23T18:42:00Z');
    assert.equal(article.publishedPrecision, 'minute');
    assert.equal(article.url, 'https://www.reuters.com/world/europe/ukraine-us-negotiators-narrow-gaps-28-point-plan-geneva-2025-11-23/');
    assert.equal(article.language, 'en');
    assert.equal(article.format, 'html');
    assert.equal(article.label, 'wire-jsonld.html');
  });

  it('keeps body paragraphs and headings, one blank line apart', () => {
    const paragraphs = article.text.split('\n\n');
    assert.match(paragraphs[0]!, /^GENEVA, Nov 23 \(Reuters\) - Ukrainian and U\.S\. negotiators/);
    assert.ok(paragraphs.includes('Territory remains the sticking point'));
    assert.equal(paragraphs.length, 6);
    assert.doesNotMatch(article.text, /\n{3,}|[ \t]\n|\n[ \t]/);
  });

  it('leaves out navigation, share bar, byline, credits line and footer', () => {
    assert.doesNotMatch(article.text, /Share on|Markets|By Anna|Reporting by|All rights reserved/);
  });
});

describe('readHtml: newspaper page with ads, share bar and "Most popular"', () => {
  const article = readFixture('newspaper-ads.html');

  it('drops in-article ad labels, newsletter prompts and "Read more" lines', () => {
    assert.doesNotMatch(article.text, /advertisement/i);
    assert.doesNotMatch(article.text, /Sign up|First Edition|inbox/);
    assert.doesNotMatch(article.text, /Read more/);
  });

  it('drops related and most-popular link lists, share bar and caption with photo credit', () => {
    for (const furniture of ['Most popular', 'Storm warnings', 'Leaked draft', 'Copy link', 'Facebook', 'Photograph', 'Getty']) {
      assert.ok(!article.text.includes(furniture), `"${furniture}" should not be in the body`);
    }
  });

  it('keeps the subheading and list items of the article as their own paragraphs', () => {
    const paragraphs = article.text.split('\n\n');
    assert.ok(paragraphs.includes('What comes next'));
    assert.ok(paragraphs.includes('A possible visit by the U.S. envoy to Moscow.'));
    assert.equal(paragraphs.at(-1), 'For now, the only firm outcome of Geneva is a shorter document and an agreement to keep talking.');
  });

  it('cleans "By" from the meta author and converts the publication time to UTC', () => {
    assert.equal(article.title, 'What the Geneva talks changed, and what they did not');
    assert.equal(article.byline, 'Helen Marsh');
    assert.equal(article.outlet, 'The Northern Ledger');
    assert.equal(article.publishedAt, '2025-11-24T06:30:00Z');
  });

  it('keeps the display HTML free of the same furniture', () => {
    assert.ok(article.html);
    assert.doesNotMatch(article.html, /advertisement|Most popular|figcaption|<img/i);
    assert.match(article.html, /<h2>What comes next<\/h2>/);
    assert.match(article.html, /<li>A possible visit by the U\.S\. envoy to Moscow\.<\/li>/);
  });
});

describe('readHtml: "Analysis by" byline and relative time', () => {
  const article = readFixture('analysis-relative-time.html');

  it('takes person names from the "Analysis by" line, without "and" or the outlet', () => {
    assert.equal(article.byline, 'Daniel Okafor, Maria Lindqvist');
  });

  it('does not turn "2 HR AGO" into a date', () => {
    assert.equal(article.publishedAt, null);
    assert.equal(article.publishedPrecision, null);
  });

  it('drops the "Up next" block and the byline from the text', () => {
    assert.doesNotMatch(article.text, /Up next|Video:|Analysis by|HR AGO/);
    assert.equal(article.text.split('\n\n').length, 4);
  });

  it('derives nothing it cannot see: no URL in the page means none in the article', () => {
    assert.equal(article.url, null);
    assert.equal(article.outlet, 'Global News Network');
  });
});

describe('readHtml: windows-1252 page with a meta charset', () => {
  const article = readFixture('windows-1252.html');

  it('decodes accents and typographic quotes', () => {
    assert.equal(article.title, 'Genève : les négociateurs s’accordent sur un texte révisé');
    assert.match(article.text, /Les délégations ukrainienne et américaine/);
    assert.match(article.text, /« cadre de paix actualisé »/);
    assert.match(article.text, /l’émissaire américain/);
  });

  it('reads a French "Par" byline and the declared language', () => {
    assert.equal(article.byline, 'Élodie Férier');
    assert.equal(article.language, 'fr');
    assert.doesNotMatch(article.text, /^Par /);
  });
});

describe('readHtml: hostile markup', () => {
  const article = readFixture('hostile.html');

  it('lets nothing executable through into the display HTML', () => {
    const html = article.html ?? '';
    assert.ok(html.length > 0);
    for (const pattern of [/<script/i, /onerror/i, /onclick/i, /onmouseover/i, /onload/i, /javascript:/i, /<iframe/i, /<form/i, /<input/i, /<svg/i, /<img/i, /style=/i, /data:/i, /<style/i]) {
      assert.doesNotMatch(html, pattern);
    }
  });

  it('keeps https links and the text of neutralised links', () => {
    assert.match(article.html ?? '', /<a href="https:\/\/www\.example\.org\/statement"[^>]*>full statement<\/a>/);
    assert.match(article.html ?? '', /weeks\. A statement released afterwards/);
    assert.match(article.text, /officials noted\.$/);
  });

  it('keeps script bodies out of the text', () => {
    assert.doesNotMatch(article.text, /alert|cookie|fetch|Log in/);
  });
});

describe('readHtml: Russian-language page without a lang attribute', () => {
  const article = readFixture('russian.html');

  it('detects the language from the text', () => {
    assert.equal(article.language, 'ru');
  });

  it('strips the site suffix and reads the byline and the written-out date', () => {
    assert.equal(article.title, 'В Женеве завершился первый раунд переговоров по мирному плану');
    assert.equal(article.outlet, 'Вечерние ведомости');
    assert.equal(article.byline, 'Ольга Смирнова');
    assert.equal(article.publishedAt, '2025-11-23T21:15:00');
    assert.equal(article.publishedPrecision, 'minute');
  });

  it('keeps the four body paragraphs', () => {
    const paragraphs = article.text.split('\n\n');
    assert.equal(paragraphs.length, 4);
    assert.match(paragraphs[0]!, /^В воскресенье в Женеве/);
  });
});

describe('readHtml: pages that are not articles', () => {
  it('throws no_article for a sign-in page', () => {
    assert.throws(
      () => readFixture('not-an-article.html'),
      (error: unknown) => error instanceof IngestError && error.code === 'no_article' && /not-an-article\.html/.test(error.message),
    );
  });

  it('throws no_article for an empty page', () => {
    assert.throws(() => readHtml('   ', 'blank.html'), (error: unknown) => error instanceof IngestError && error.code === 'no_article');
  });

  it('throws not_text for binary data handed over as HTML', () => {
    assert.throws(() => readHtml('\u0000\u0001\u0002PK\u0003\u0004 binary', 'archive.html'), (error: unknown) => error instanceof IngestError && error.code === 'not_text');
  });

  it('falls back to the largest text block when there is no article markup', () => {
    const sentence = 'Negotiators met again in Geneva to discuss the revised framework and the sequence of sanctions relief. ';
    const html = `<html><body><div><span>Menu</span></div><div>${sentence.repeat(2)}<br><br>${sentence}</div></body></html>`;
    const article = readHtml(html, 'bare.html');
    assert.match(article.text, /^Negotiators met again in Geneva/);
    assert.doesNotMatch(article.text, /Menu/);
  });

  it('returns NFC text with normalised whitespace', () => {
    const decomposed = 'Gene\u0300ve'; // "Genève" with a combining grave accent
    const html = `<html><body><article><p>Talks   in ${decomposed}\u00a0resumed on Monday after a pause of several days, officials said, with both delegations present.</p><p>A second\n round is expected later in the week, according to two people familiar with the plans.</p></article></body></html>`;
    const article = readHtml(html, 'nfc.html');
    assert.equal(article.text, 'Talks in Genève resumed on Monday after a pause of several days, officials said, with both delegations present.\n\nA second round is expected later in the week, according to two people familiar with the plans.');
    assert.ok(article.text.includes('Gen\u00e8ve'));
  });
});

describe('readHtml: shortcuts taken for speed keep the text', () => {
  const prose = (topic: string) =>
    `Negotiators in Geneva spent the day on ${topic}, according to two officials who asked not to be named because the talks were private. `;

  it('keeps words apart across inline tags and line breaks, while blank lines between blocks are dropped', () => {
    const html = `<html><body>
      <article>
        <h1>Talks resume in Geneva</h1>
        <p>First <a href="https://example.org/a">linked</a>
           <em>words</em>
<b>stay</b> apart. ${prose('sanctions')}</p>
        <div>
          <p>${prose('prisoner exchanges')}</p>
        </div>
      </article>
    </body></html>`;
    const article = readHtml(html, 'spacing.html');
    const paragraphs = article.text.split('\n\n');
    assert.equal(paragraphs.length, 3);
    assert.match(paragraphs[1]!, /^First linked words stay apart\. Negotiators/);
  });

  it('finds the story outside an <article> element that holds only its lede', () => {
    const html = `<html><body>
      <article><h1>Talks resume in Geneva</h1><p>${prose('the agenda')}</p></article>
      <div class="story-text">
        <p>${prose('energy infrastructure')}</p><p>${prose('the front line')}</p><p>${prose('security guarantees')}</p>
      </div>
    </body></html>`;
    const article = readHtml(html, 'lede-only.html');
    assert.match(article.text, /energy infrastructure/);
    assert.match(article.text, /security guarantees/);
  });

  it('reads only the article container when it holds nearly all the prose', () => {
    const html = `<html><body>
      <main><div itemprop="articleBody">${['energy infrastructure', 'the front line', 'security guarantees', 'the agenda', 'sanctions', 'elections', 'refugees', 'grain']
        .map((topic) => `<p>${prose(topic)}</p>`)
        .join('')}</div></main>
      <div><p>An unrelated note from the site about its print edition and subscriptions.</p></div>
    </body></html>`;
    const article = readHtml(html, 'container.html');
    assert.match(article.text, /^Negotiators in Geneva spent the day on energy infrastructure/);
    assert.match(article.text, /on grain,/);
    assert.doesNotMatch(article.text, /print edition/);
  });
});

describe('metadata helpers', () => {
  it('strips site suffixes and prefixes from titles', () => {
    assert.equal(stripSiteSuffix('Talks resume in Geneva | Reuters', 'Reuters'), 'Talks resume in Geneva');
    assert.equal(stripSiteSuffix('Ukraine war: Talks resume in Geneva - BBC News', 'BBC News'), 'Ukraine war: Talks resume in Geneva');
    assert.equal(stripSiteSuffix('Talks resume in Geneva – The Kyiv Independent', 'The Kyiv Independent'), 'Talks resume in Geneva');
    assert.equal(stripSiteSuffix('Ceasefire - what we know so far', null), 'Ceasefire - what we know so far');
  });

  it('keeps person names only', () => {
    assert.deepEqual(personNames(['By Jane Doe and John Roe'], null), ['Jane Doe', 'John Roe']);
    assert.deepEqual(personNames(['By Justine Coleman - 11/18/19 11:04 PM EST'], null), ['Justine Coleman']);
    assert.deepEqual(personNames(['Reuters', 'By Reuters Staff', 'Associated Press'], 'Reuters'), []);
    assert.deepEqual(personNames(['Analysis by Stephen Collinson, CNN'], 'CNN'), ['Stephen Collinson']);
    assert.deepEqual(personNames(['Jane Doe, Jane Doe'], null), ['Jane Doe']);
    assert.deepEqual(personNames(['https://www.facebook.com/janedoe'], null), []);
  });

  it('parses machine dates with their precision', () => {
    assert.deepEqual(parseIsoDate('2025-11-23'), { publishedAt: '2025-11-23', precision: 'day' });
    assert.deepEqual(parseIsoDate('2025-11-23T14:05:30+02:00'), { publishedAt: '2025-11-23T12:05:30Z', precision: 'second' });
    assert.deepEqual(parseIsoDate('2025-11'), { publishedAt: '2025-11', precision: 'month' });
    assert.equal(parseIsoDate('not a date'), null);
  });

  it('reads written-out datelines but never relative times or dates without a year', () => {
    assert.deepEqual(parseWrittenDate('KYIV, November 23, 2025 (Reuters) -'), { publishedAt: '2025-11-23', precision: 'day' });
    for (const relative of ['2 HR AGO', 'Updated 2 hours ago', 'yesterday', 'Published 1 day ago', 'Nov 23', '3 дня назад']) {
      assert.equal(parseWrittenDate(relative), null, relative);
    }
  });
});

describe('readHtml: hidden blocks inside the article (Readability visibility test, answered from attributes)', () => {
  const prose = (topic: string) =>
    `<p>Negotiators in Geneva spent the day on ${topic}, according to two officials briefed on the talks, who said the gaps were narrowing but that no text had been agreed yet.</p>`;
  const page = `<!doctype html><html lang="en"><head><title>Talks go on</title></head><body><main><article>
    <h1>Talks go on in Geneva</h1>
    ${prose('security guarantees')}
    <div style="color: red; display:none !important"><p>HIDDEN-BY-STYLE: a paragraph the page never shows its readers, left in the markup for a template.</p></div>
    <div aria-hidden="true"><p>HIDDEN-BY-ARIA: a paragraph hidden from readers and assistive technology alike by the page author.</p></div>
    <section hidden><p>HIDDEN-BY-ATTRIBUTE: a paragraph the page hides with the hidden attribute until a reader clicks.</p></section>
    <div style="visibility: visible"><p>SHOWN-WITH-STYLE: negotiators also discussed the sequencing of a ceasefire and the return of prisoners of war.</p></div>
    ${prose('territory')}
    ${prose('sanctions relief')}
  </article></main></body></html>`;
  const article = readHtml(page, 'hidden.html');

  it('drops what the page hides by style, aria-hidden or the hidden attribute, and keeps styled visible text', () => {
    assert.doesNotMatch(article.text, /HIDDEN-BY/);
    assert.match(article.text, /SHOWN-WITH-STYLE/);
    assert.match(article.text, /security guarantees[^]*territory[^]*sanctions relief/);
  });

  it('relies on a Readability method that still exists (an upgrade that renames it must update ParleyReadability)', async () => {
    const { Readability } = await import('@mozilla/readability');
    assert.equal(typeof (Readability.prototype as unknown as Record<string, unknown>)._isProbablyVisible, 'function');
  });
});

describe('readHtml: bylines real sites write awkwardly', () => {
  const body = Array.from(
    { length: 4 },
    (_, i) => `<p>Paragraph ${i + 1}: negotiators met again on Sunday to narrow the gaps in the revised framework, officials said, without giving details of the text.</p>`,
  ).join('');

  it('reads JSON-LD whose strings hold raw line breaks (invalid JSON that many sites publish)', () => {
    const jsonLd = '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Markets on a high","articleBody":"First line.\n\nSecond line.","author":"Nishant Kumar","datePublished":"2019-11-20T13:38:07+05:30"}';
    const article = readHtml(`<html><head><title>Markets on a high</title><script type="application/ld+json">${jsonLd}</script></head><body><article><h1>Markets on a high</h1>${body}</article></body></html>`, 'ld.html');
    assert.equal(article.byline, 'Nishant Kumar');
    assert.equal(article.publishedAt, '2019-11-20T08:08:07Z');
  });

  it("takes the article's author box, not the author names of the teasers beside it", () => {
    const page = `<html><head><title>Mourinho agrees deal</title></head><body><main><article><h1>Mourinho agrees deal</h1>
      <div class="sdc-article-author"><h3 class="sdc-article-author__name"><a href="/author/tom">Tom Gillespie</a></h3><p class="sdc-article-author__role">News reporter</p></div>
      ${body}</article>
      <aside><ul><li><a href="/other">Another story</a><div class="list-of-entities__item-author-name">Simon Briggs</div></li></ul></aside></main></body></html>`;
    assert.equal(readHtml(page, 'author-box.html').byline, 'Tom Gillespie');
    const teasersOnly = page.replace(/<div class="sdc-article-author">[^]*?<\/div>/, '');
    assert.equal(readHtml(teasersOnly, 'teasers.html').byline, null);
  });
});
