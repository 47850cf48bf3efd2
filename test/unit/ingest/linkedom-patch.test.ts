/**
 * patches/linkedom+0.18.15.patch: linkedom creates a node's event-listener map on first use
 * instead of in every node's constructor, upper-cases tag names once, and parses class attributes
 * without building a classList per element. These tests fail if an upgrade drops the patch, and
 * prove linkedom still answers as before with it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';

const require = createRequire(import.meta.url);

test('the installed linkedom has the lazy event-listener patch (ESM and CommonJS builds)', () => {
  const esm = readFileSync(require.resolve('linkedom').replace(/cjs[\\/]index\.js$/, 'esm/interface/event-target.js'), 'utf8');
  const cjs = readFileSync(require.resolve('linkedom').replace(/index\.js$/, 'interface/event-target.js'), 'utf8');
  for (const source of [esm, cjs]) {
    const constructorBody = /constructor\(\) \{([^}]*)\}/.exec(source)?.[1] ?? '';
    assert.doesNotMatch(constructorBody, /wm\.set/, 'run `npm install` so that patch-package applies patches/');
    assert.match(source, /if \(!map\) wm\.set\(this, map = new Map\)/);
  }
});

test('the installed linkedom upper-cases tag names once per name, and still answers as before', () => {
  for (const build of ['esm', 'cjs']) {
    const utils = readFileSync(require.resolve('linkedom').replace(/cjs[\\/]index\.js$/, `${build}/shared/utils.js`), 'utf8');
    assert.match(utils, /upperCaseNames\.size < 4096/, 'run `npm install` so that patch-package applies patches/');
  }
  const { document } = parseHTML('<html><body><section><my-widget>x</my-widget><P>y</P></section></body></html>');
  const section = document.querySelector('section')!;
  assert.deepEqual(Array.from(section.children).map((element) => element.tagName), ['MY-WIDGET', 'P']);
  assert.equal(document.getElementsByTagName('p').length, 1);
  assert.equal(document.getElementsByTagName('P').length, 1);
  // More distinct names than the table holds still come out right.
  const many = Array.from({ length: 5000 }, (_, i) => `<x-tag-${i}></x-tag-${i}>`).join('');
  const { document: crowded } = parseHTML(`<html><body>${many}</body></html>`);
  assert.equal(crowded.body.lastElementChild!.tagName, 'X-TAG-4999');
});

test('the installed linkedom parses class attributes without building each classList, and answers as before', () => {
  for (const build of ['esm', 'cjs']) {
    const parser = readFileSync(require.resolve('linkedom').replace(/cjs[\\/]index\.js$/, `${build}/shared/parse-from-string.js`), 'utf8');
    assert.match(parser, /attribute\[VALUE\] = classValue\(value\)/, 'run `npm install` so that patch-package applies patches/');
  }
  const { document } = parseHTML('<html><body><p class="  lead  story lead\tnews ">a</p><p class="">b</p><p>c</p></body></html>');
  const [first, empty, none] = Array.from(document.querySelectorAll('p'));
  // As `className = value` left it: each token once, one space apart.
  assert.equal(first!.getAttribute('class'), 'lead story news');
  assert.equal(first!.className, 'lead story news');
  assert.deepEqual(Array.from(first!.classList), ['lead', 'story', 'news']);
  assert.equal(first!.outerHTML, '<p class="lead story news">a</p>');
  assert.equal(empty!.getAttribute('class'), '');
  assert.equal(none!.className, '');
  assert.equal(document.querySelectorAll('.story').length, 1);
  first!.classList.remove('story');
  first!.classList.add('wire');
  assert.equal(first!.getAttribute('class'), 'lead news wire');
  empty!.className = 'x  y';
  assert.equal(empty!.getAttribute('class'), 'x y');
});

test('listeners still receive, bubble, stop and come off on patched nodes', () => {
  const { document, Event } = parseHTML('<html><body><div id="outer"><p id="inner">text</p></div></body></html>');
  const outer = document.getElementById('outer')!;
  const inner = document.getElementById('inner')!;
  const calls: string[] = [];
  const onInner = () => calls.push('inner');
  inner.addEventListener('ping', onInner);
  outer.addEventListener('ping', () => calls.push('outer'));
  inner.dispatchEvent(new Event('ping', { bubbles: true }));
  assert.deepEqual(calls, ['inner', 'outer']);

  inner.removeEventListener('ping', onInner);
  // A node that never had a listener: removing one and dispatching to it are both harmless.
  const stranger = document.createElement('span');
  stranger.removeEventListener('ping', onInner);
  assert.equal(stranger.dispatchEvent(new Event('ping')), true);
  calls.length = 0;
  inner.dispatchEvent(new Event('ping', { bubbles: true }));
  assert.deepEqual(calls, ['outer']);

  const once: string[] = [];
  stranger.addEventListener('ping', () => once.push('once'), { once: true });
  stranger.dispatchEvent(new Event('ping'));
  stranger.dispatchEvent(new Event('ping'));
  assert.deepEqual(once, ['once']);
});
