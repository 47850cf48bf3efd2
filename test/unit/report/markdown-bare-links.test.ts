import assert from 'node:assert/strict';
import { it } from 'node:test';
import { escapeMarkdown } from '../../../electron/report/markdown';

/** What GitHub's extended autolinks and markdown-it's linkify pick out of raw Markdown text. */
const AUTOLINK = /(?:^|[\s*_~(“"'])(?:(?:https?|ftp):\/\/|www\.)[^\s<]+|[\w.+-]+@[\w-]+\.[\w.-]+|\bmailto:[^\s]+/g;

/** Markdown backslash escapes removed: the text a reader sees. */
const rendered = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&amp;/g, '&');

it('bare URLs, www addresses and e-mail addresses in article text never become live links', () => {
  const quotes = [
    'Details at https://evil.example.com/phish?x=1&y=2 said the ministry.',
    'See www.evil-site.example/path for the full text.',
    'Write to press@ministry.example.gov.ua for comment.',
    '(http://evil.example/) and ftp://files.example.org/a and mailto:desk@example.org',
    'Посетите https://пример.рф/новости сегодня.',
    'A quote with no links stays as it was: 1. ceasefire, 2. prisoners.',
  ];
  for (const quote of quotes) {
    const markdown = escapeMarkdown(quote);
    assert.deepEqual(markdown.match(AUTOLINK), null, markdown);
    assert.equal(rendered(markdown), quote, 'the reader still sees the same characters');
  }
});
