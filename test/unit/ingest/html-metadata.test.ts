/**
 * Metadata of saved pages, one test per class of problem, on pages written for these tests:
 * which date is the publication date, where bylines are found, outlet display names, entities,
 * titles and canonical addresses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHtml } from '../../../electron/ingest/html/index';
import { displayOutlet } from '../../../electron/ingest/html/outlets';

const STORY = Array.from(
  { length: 6 },
  (_, i) => `<p>Negotiators met for the ${i + 1}th round in Geneva on Sunday, and both delegations said the talks on the ceasefire line had moved forward, though no text was agreed.</p>`,
).join('\n');

function page({ head = '', header = '', after = '', body = STORY }: { head?: string; header?: string; after?: string; body?: string }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>
<nav><a href="/">Home</a><a href="/world">World</a></nav>
<main><article>
<h1>Envoys narrow gaps on the ceasefire line in Geneva</h1>
${header}
${body}
</article>
${after}
</main></body></html>`;
}

const read = (html: string) => readHtml(html, 'page.html');

describe('saved pages: the publication date', () => {
  it("takes the main entity's JSON-LD datePublished over related cards, captions and comments", () => {
    const html = page({
      head: `<script type="application/ld+json">[{"@type":"NewsArticle","headline":"Other story","url":"https://example.org/other"},
        {"@type":"NewsArticle","headline":"Envoys narrow gaps on the ceasefire line in Geneva","datePublished":"2025-11-23T09:00:00Z","dateModified":"2025-11-25T10:00:00Z"}]</script>`,
      header: '<figure><img src="a.jpg"><figcaption>Delegates arrive, 12 March 2024</figcaption></figure>',
      after: '<aside class="related"><time datetime="2026-01-02">2 January 2026</time><a href="/x">Older talks</a></aside><section class="comments"><p>Posted 3 February 2026</p></section>',
    });
    assert.equal(read(html).publishedAt, '2025-11-23T09:00:00Z');
  });

  it('prefers itemprop=datePublished to a related-article card dated later', () => {
    const html = page({
      header: '<div class="meta">Published <span itemprop="datePublished" content="2018-05-14">May 14, 2018</span></div>',
      after: '<div class="related-stories"><div class="card"><h3><a href="/n">Campus news</a></h3><span class="date">March 3, 2026</span></div></div>',
    });
    assert.equal(read(html).publishedAt, '2018-05-14');
  });

  it('reads a published_on meta tag before any date printed under a photo', () => {
    const html = page({
      head: '<meta name="published_on" content="2024-06-30">',
      header: '<figure><img src="b.jpg"><figcaption class="caption">The summit hall, photographed on 1 May 2019</figcaption></figure>',
    });
    assert.equal(read(html).publishedAt, '2024-06-30');
  });

  it('never takes an "Updated" stamp as the publication date', () => {
    const html = page({ header: '<div class="byline">By Jane Doe</div><p class="stamp">Updated 25 November 2025</p><p class="stamp">Published 23 November 2025</p>' });
    assert.equal(read(html).publishedAt, '2025-11-23');
  });

  it('reads the date written in the article header when nothing is machine-readable', () => {
    const html = page({ header: '<div><span>Jane Doe</span> <span>|</span> <span>18 NOV 2025</span></div>' });
    assert.equal(read(html).publishedAt, '2025-11-18');
  });
});

describe('saved pages: bylines', () => {
  it('finds the author box under the headline', () => {
    const html = page({ header: '<div class="author-box"><img src="p.jpg"><span class="author-box__name">Marta Kowalska</span><span>Senior correspondent</span></div>' });
    assert.equal(read(html).byline, 'Marta Kowalska');
  });

  it('follows rel=author links', () => {
    const html = page({ header: '<p class="meta">Words: <a rel="author" href="/people/ol">Olena Hrytsenko</a></p>' });
    assert.equal(read(html).byline, 'Olena Hrytsenko');
  });

  it('keeps every name of a JSON-LD author array, and resolves authors given by @id', () => {
    const array = page({ head: '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Anna Berg"},{"@type":"Person","name":"Tomás Ruiz"}]}</script>' });
    assert.equal(read(array).byline, 'Anna Berg, Tomás Ruiz');
    const graph = page({
      head: '<script type="application/ld+json">{"@graph":[{"@type":"Article","author":{"@id":"#/schema/person/1"}},{"@type":"Person","@id":"#/schema/person/1","name":"Ivo Petrov"}]}</script>',
    });
    assert.equal(read(graph).byline, 'Ivo Petrov');
  });

  it('reads "By A, B and C" above the story, all three names', () => {
    const html = page({
      head: '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Lena Fischer"}}</script>',
      header: '<p>By LENA FISCHER, JAMES O’NEILL and SARAH E. NEEDHAM</p><div>Associated Press</div>',
    });
    assert.equal(read(html).byline, 'Lena Fischer, James O’Neill, Sarah E. Needham');
  });

  it('drops job titles, desks and the outlet after a name', () => {
    const html = page({
      head: '<meta property="og:site_name" content="Example Wire"><meta name="author" content="By TOM KESTREL, Example Wire Auto Writer">',
    });
    assert.equal(read(html).byline, 'Tom Kestrel');
    const sputnik = page({ head: '<meta name="author" content="Finn Callaghan. Example International">' });
    assert.equal(read(sputnik).byline, 'Finn Callaghan');
  });

  it('prefers the byline printed under the headline to a CMS account in the structured data', () => {
    const html = page({
      head: '<script type="application/ld+json">{"@graph":[{"@type":"Article","author":{"@id":"#p"}},{"@type":"Person","@id":"#p","name":"Web Producer Account"},{"@type":"Person","@id":"#q","name":"Kevin Poster"}]}</script><meta itemprop="author" content="Kevin Poster">',
      header: '<p class="byline-line">By <a href="/a/dj">Dana Jeans</a></p>',
    });
    assert.equal(read(html).byline, 'Dana Jeans');
  });

  it("ignores the bylines of teaser cards and comments", () => {
    const html = page({
      after: '<div class="card"><h3><a href="/x">Other story</a></h3><span class="byline">By Lisa Other</span></div><div class="comments"><p class="author">By Carl Commenter</p></div>',
    });
    assert.equal(read(html).byline, null);
  });
});

describe('saved pages: outlet names, entities, titles and addresses', () => {
  it("uses outlets' display names, not legal names or what a template says", () => {
    assert.equal(displayOutlet('Cable News Network'), 'CNN');
    const cnn = page({ head: '<link rel="canonical" href="https://edition.cnn.com/2025/11/23/politics/talks"><meta property="og:site_name" content="Cable News Network">' });
    assert.equal(read(cnn).outlet, 'CNN');
    const hill = page({ head: '<link rel="canonical" href="https://thehill.com/policy/1"><meta property="og:site_name" content="TheHill">' });
    assert.equal(read(hill).outlet, 'The Hill');
  });

  it('drops a tagline from the site name and reads the brand in the title when there is no site name', () => {
    const tagline = page({ head: '<link rel="canonical" href="https://dailyledger.example/a/1"><meta property="og:site_name" content="Daily Ledger | News you can trust since 1901">' });
    assert.equal(read(tagline).outlet, 'Daily Ledger');
    const brand = page({ head: '<title>Envoys narrow gaps | Harbor Science</title><link rel="canonical" href="https://www.harborscience.example/a/2">' });
    assert.equal(read(brand).outlet, 'Harbor Science');
  });

  it('decodes entities left in every metadata field, once', () => {
    const html = page({
      head: '<meta property="og:title" content="Mountaineering&amp;#39;s new route &amp;amp; old risks"><meta name="author" content="Zo&amp;euml; Martin"><meta property="og:site_name" content="Peaks &amp;amp; Valleys">',
    }).replace('<h1>Envoys narrow gaps on the ceasefire line in Geneva</h1>', '<h1>A climb</h1>');
    const article = read(html);
    assert.equal(article.title, "Mountaineering's new route &amp; old risks".replace('&amp;', '&'));
    assert.equal(article.byline, 'Zoë Martin');
    assert.equal(article.outlet, 'Peaks & Valleys');
  });

  it('takes the visible headline over a rewritten social title, but not a logo h1', () => {
    const rewritten = page({ head: '<meta property="og:title" content="Ceasefire line: envoys narrow gaps in Geneva talks - Example News"><meta property="og:site_name" content="Example News">' });
    assert.equal(read(rewritten).title, 'Envoys narrow gaps on the ceasefire line in Geneva');
    const logo = page({ head: '<meta property="og:title" content="Harvest festival draws record crowds">' }).replace('<h1>Envoys narrow gaps on the ceasefire line in Geneva</h1>', '<h1>Valley Post</h1>');
    assert.equal(read(logo).title, 'Harvest festival draws record crowds');
    const view = page({ head: '<title>The Guardian view on the talks: a fragile start | Editorial | The Guardian</title><meta property="og:site_name" content="The Guardian">' }).replace('<h1>Envoys narrow gaps on the ceasefire line in Geneva</h1>', '');
    assert.equal(read(view).title, 'The Guardian view on the talks: a fragile start');
  });

  it('does not collapse the address to the site root', () => {
    const html = page({ head: '<link rel="canonical" href="https://example.org/"><meta property="og:url" content="https://example.org/2025/11/23/envoys-geneva">' });
    assert.equal(read(html).url, 'https://example.org/2025/11/23/envoys-geneva');
  });
});
