/** Pages made of repeated item blocks (heading + image + text) keep every item: pages written for this test. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readHtml } from '../../../electron/ingest/html/index';

const ROUTES = ['Alpine traverse', 'Coastal ridge', 'Glacier loop', 'Lake circuit', 'Pine valley', 'Summit dash', 'Canyon rim', 'River gorge'];
const blurb = (name: string) =>
  `The ${name} route rewards a steady pace: a long approach through quiet woods, a short scramble near the top and views that make the early start worth it. Carry water, the huts close in October.`;

const layouts: Record<string, (name: string, i: number) => string> = {
  'text set as figure captions': (name, i) => `<div class="entry"><h2>${i + 1}. ${name}</h2><figure><img src="r${i}.jpg" alt=""><figcaption>${blurb(name)}</figcaption></figure></div>`,
  'text in caption-classed blocks': (name, i) => `<div class="slide"><div class="slide-title">${i + 1}. ${name}</div><img src="r${i}.jpg" alt=""><div class="slide-caption">${blurb(name)}</div></div>`,
  'heading, image and paragraph': (name, i) => `<section class="item"><h3>${name}</h3><img src="r${i}.jpg" alt=""><p>${blurb(name)}</p></section>`,
};

for (const [layout, item] of Object.entries(layouts)) {
  test(`a listicle with its ${layout} keeps every item`, () => {
    const html = `<html><head><title>Eight hikes for autumn</title></head><body><main><article><h1>Eight hikes for autumn</h1>
      <p>Autumn is the best season in the hills: cooler air, fewer people and colour everywhere. These are the eight routes we keep going back to.</p>
      ${ROUTES.map(item).join('\n')}</article></main></body></html>`;
    const article = readHtml(html, 'hikes.html');
    for (const name of ROUTES) assert.ok(article.text.includes(blurb(name)), `${name} missing from: ${article.text.slice(0, 300)}`);
  });
}

test('a news photo with a long caption is still not story text', () => {
  const story = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1} of the report says the delegations met for six hours and agreed to meet again next week in the same city.</p>`).join('');
  const caption = 'Delegates from both sides arrive at the conference centre on the shore of the lake on Sunday morning, ahead of the first session of talks.';
  const html = `<html><body><article><h1>Talks resume by the lake</h1><figure><img src="a.jpg"><figcaption>${caption}</figcaption></figure>${story}</article></body></html>`;
  assert.ok(!readHtml(html, 'news.html').text.includes(caption));
});
