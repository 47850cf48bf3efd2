import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = join(ROOT, 'test', 'fixtures', 'articles');

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'electron', 'cli', 'parley.mjs'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parley search', () => {
  const path = join(tempDir(), 'talks.parley');

  it('prints ranked hits as JSON lines, with where the match is in the text', () => {
    assert.equal(parley('init', path).code, 0);
    assert.equal(parley('import', path, join(FIXTURES, 'html', 'wire-jsonld.html')).code, 0);
    const found = parley('search', path, '"security guarantees" OR Witkoff', '--json', '--limit', '5');
    assert.equal(found.code, 0, found.stderr);
    const lines = found.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 1);
    assert.deepEqual(Object.keys(lines[0]!), ['documentId', 'title', 'outlet', 'publishedAt', 'snippet', 'start', 'end']);
    assert.equal(lines[0]!.outlet, 'Reuters');
    assert.match(String(lines[0]!.snippet), /security guarantees/);
    const text = parley('search', path, 'Witkoff');
    assert.equal(text.code, 0);
    assert.match(text.stdout, /\[Witkoff\]/);
    const none = parley('search', path, 'Zaporizhzhia', '--json');
    assert.equal(none.code, 0);
    assert.equal(none.stdout, '');
  });

  it('exits 2 with one line for a malformed query or a bad limit', () => {
    for (const args of [['"unclosed'], ['NOT Geneva'], ['Geneva', '--limit', 'ten']]) {
      const bad = parley('search', path, ...args);
      assert.equal(bad.code, 2, args.join(' '));
      assert.match(bad.stderr.split('\n')[0]!, /^parley: /);
    }
    assert.match(parley('search', path, '"unclosed').stderr, /quotation mark is not closed/);
  });
});
