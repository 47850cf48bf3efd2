import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { fileHash, tempDir } from '../helpers/temp';

/** `parley check` on a tampered case (its own file: the CLI suite is long on a loaded machine). */
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = join(ROOT, 'test', 'fixtures', 'articles');

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'electron', 'cli', 'parley.mjs'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parley check on a tampered case', () => {
  it('refuses a tampered case by name, check names each object Parley did not create, and --repair drops them after a backup', () => {
    const dir = tempDir();
    const path = join(dir, 'case.parley');
    parley('init', path);
    const db = new Database(path);
    db.exec(`CREATE TABLE _copy (t TEXT);
      CREATE TRIGGER _grab AFTER INSERT ON documents BEGIN INSERT INTO _copy VALUES (new.text); END;
      CREATE VIEW _all AS SELECT text FROM documents;`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = fileHash(path);
    const imported = parley('import', path, join(FIXTURES, 'text', 'broadsheet.txt'));
    assert.equal(imported.code, 1);
    assert.match(imported.stderr, /altered outside Parley.*trigger "_grab" on documents/);
    assert.equal(fileHash(path), before);
    const checked = parley('check', path);
    assert.equal(checked.code, 3, checked.stderr);
    assert.match(checked.stdout, /schema: ALTERED \(3 unexpected/);
    for (const name of ['table "_copy"', 'trigger "_grab" on documents', 'view "_all"']) assert.match(checked.stdout, new RegExp(`problem: unexpected ${name}`));
    assert.equal(fileHash(path), before, 'check alone writes nothing');
    const repaired = parley('check', path, '--repair');
    assert.equal(repaired.code, 0, repaired.stdout + repaired.stderr);
    assert.match(repaired.stdout, /repaired: backed up the case to .*before-repair/);
    assert.match(repaired.stdout, /repaired: removed trigger "_grab" on documents/);
    assert.equal(parley('import', path, join(FIXTURES, 'text', 'broadsheet.txt')).code, 0);
  });
});
