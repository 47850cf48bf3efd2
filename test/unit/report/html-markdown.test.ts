import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { REPORT_SECTIONS, buildReportModel, renderReport, type ReportModel } from '../../../electron/report/index';
import { escapeHtml } from '../../../electron/report/html';
import { escapeMarkdown } from '../../../electron/report/markdown';
import { tempDir } from '../../helpers/temp';
import { CHINA_QUOTE, IMG_PAYLOAD, KREMLIN_TITLE, LAVROV_QUOTE, SCRIPT_PAYLOAD, buildReportCase, type ReportCase } from '../../fixtures/report/case';
import { reportData } from '../../../electron/service/exports';

let fixture: ReportCase;
let model: ReportModel;
let html: string;
let markdown: string;
before(async () => {
  fixture = buildReportCase(tempDir());
  model = buildReportModel(reportData(fixture.store), {
    sections: REPORT_SECTIONS.map((section) => section.id),
    analyst: `Analyst ${IMG_PAYLOAD}`,
    summary: `Summary with ${SCRIPT_PAYLOAD}`,
    date: '2025-11-30',
  });
  html = (await renderReport(model, 'html')).toString('utf8');
  markdown = (await renderReport(model, 'md')).toString('utf8');
});
after(() => fixture.store.close());

describe('the HTML report', () => {
  it('runs nothing and loads nothing: no script, no event handler, no external resource', () => {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<[^>]*\son\w+\s*=/i, 'no inline event handler attribute in any tag');
    assert.doesNotMatch(html, /javascript:(?!alert\(document\.cookie\))/i);
    const dom = new JSDOM(html);
    const document = dom.window.document;
    assert.equal(document.querySelectorAll('script, img, iframe, object, embed, link, base, form, video, audio, source').length, 0);
    // The stance-matrix picture is inline SVG made of shapes and text only: nothing that links, loads or embeds.
    for (const element of document.querySelectorAll('svg, svg *')) assert.ok(['svg', 'g', 'rect', 'line', 'text', 'title'].includes(element.tagName.toLowerCase()), `no <${element.tagName}> in a picture`);
    assert.ok(document.querySelector('figure.stance-matrix svg'), 'the report draws the stance matrix');
    assert.ok(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')?.includes("default-src 'none'"));
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) assert.doesNotMatch(attribute.name, /^on/i, `${element.tagName} has no ${attribute.name}`);
      const src = element.getAttribute('src');
      assert.equal(src, null, `${element.tagName} loads nothing`);
    }
    const hrefs = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    const external = hrefs.filter((href) => !href.startsWith('#'));
    assert.deepEqual([...new Set(external)].sort(), [
      'https://www.ft.com/content/kremlin-revised-plan?a=1&b=%222%22',
      'https://www.reuters.com/world/europe/us-ukraine-geneva-talks-2025-11-23/',
    ], 'only citation links, http(s) only');
    for (const anchor of document.querySelectorAll('a[href^="http"]')) assert.equal(anchor.getAttribute('rel'), 'noreferrer noopener');
    // The hostile address of the TASS article is shown as text, not as a link.
    assert.ok(document.body.textContent!.includes('javascript:alert(document.cookie)'));
  });

  it('shows the payloads as escaped text', () => {
    assert.ok(html.includes(escapeHtml(SCRIPT_PAYLOAD)), 'title payload escaped');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; Front'), 'party name payload escaped');
    assert.ok(html.includes(`Check against the Brussels readout ${escapeHtml(IMG_PAYLOAD)}`), 'note payload escaped');
    const text = new JSDOM(html).window.document.body.textContent!;
    assert.ok(text.includes(KREMLIN_TITLE), 'the reader sees the title as written');
    assert.ok(text.includes(`${IMG_PAYLOAD} Front`));
    assert.ok(text.includes(LAVROV_QUOTE) && text.includes(CHINA_QUOTE), 'Cyrillic and CJK kept');
  });

  it('has a table of contents whose links all land, and print CSS with page breaks', () => {
    const document = new JSDOM(html).window.document;
    const toc = document.querySelector('nav.toc');
    assert.ok(toc);
    const tocLinks = [...toc.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    assert.ok(tocLinks.includes('#section-concessions') && tocLinks.includes('#section-documents'));
    for (const a of document.querySelectorAll('a[href^="#"]')) {
      const id = a.getAttribute('href')!.slice(1);
      assert.ok(document.getElementById(id), `#${id} exists`);
    }
    assert.match(html, /@page \{ size: A4/);
    assert.match(html, /break-before: page/);
    assert.match(html, /Noto Sans CJK SC/);
    assert.equal(document.querySelectorAll('h1').length, REPORT_SECTIONS.length + 1, 'one h1 per section (the title page too) and one for the contents');
  });

  it('marks highlights in the articles with numbered margin notes', () => {
    const document = new JSDOM(html).window.document;
    const articles = document.querySelectorAll('.article');
    assert.equal(articles.length, 3);
    const marks = [...document.querySelectorAll('.article mark.t-concession_evidence')].map((mark) => mark.textContent);
    assert.ok(marks.includes(LAVROV_QUOTE));
    assert.match(articles[0]!.querySelector('aside')!.textContent!, /Attribution · Marco Rubio · A2/);
  });
});

describe('the Markdown report', () => {
  it('has the tables, quotes with footnote citations, and escaped payloads', () => {
    assert.match(markdown, /^# .*annotated report$/m);
    assert.match(markdown, /^\| Concession \| Issue area \| Status \| Conceding → beneficiary \| Latest stance of each party \|$/m);
    assert.match(markdown, /^\| Party \| Kind \| Also known as \| Stance per concession \|$/m);
    assert.match(markdown, /^\| Source \| Role \| Party \| Reliability \| Claims cited \|$/m);
    assert.match(markdown, /^\| <a id="doc-1"><\/a>D1 \| Humeyra Pamuk and Olena Harmash, “US and Ukraine revise peace framework in Geneva”, Reuters, 2025-11-23\. \[https:/m);
    assert.match(markdown, new RegExp(`^> “${LAVROV_QUOTE}”\\[\\^D3\\]$`, 'm'));
    assert.match(markdown, /^\[\^D3\]: \\\[D3\\\] “Лавров: Москва готова к переговорам”, ТАСС, 2025-11-27\. javascript:alert\(document\.cookie\)$/m);
    assert.doesNotMatch(markdown, /(?<!\\)<(script|img)/i, 'no raw HTML from the case');
    assert.ok(markdown.includes('\\<img src=x onerror=alert(1)\\> Front'));
    // Every table row has as many cells as its header (no pipe from the data splits a cell).
    const tableLines = markdown.split('\n').filter((line) => line.startsWith('| '));
    for (const line of tableLines) assert.ok(line.endsWith(' |'), line);
  });

  it('escapes what would become markup', () => {
    assert.equal(escapeMarkdown('a|b [x](javascript:y) *z* <b>'), 'a\\|b \\[x\\](javascript:y) \\*z\\* \\<b\\>');
    assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
    assert.equal(escapeMarkdown('1. not a list'), '1\\. not a list');
    assert.equal(escapeMarkdown('line\nbreak'), 'line break');
  });
});
