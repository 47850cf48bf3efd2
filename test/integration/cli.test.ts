import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadMigrations } from '../../electron/store/migrations';
import { fileHash, tempDir } from '../helpers/temp';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = join(ROOT, 'test', 'fixtures', 'articles');

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'electron', 'cli', 'parley.mjs'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parley CLI', () => {
  it('prints usage, and a one-line error with a non-zero exit for bad usage', () => {
    const help = parley('help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /parley init <case\.parley>/);
    const bad = parley('frobnicate');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^parley: unknown command "frobnicate"/);
    const missing = parley('init');
    assert.equal(missing.code, 2);
  });

  it('creates a case and reports its schema version and counts', () => {
    const path = join(tempDir(), 'talks.parley');
    assert.equal(parley('init', path).code, 0);
    const info = parley('info', path, '--json');
    assert.equal(info.code, 0, info.stderr);
    const parsed = JSON.parse(info.stdout);
    assert.equal(parsed.schemaVersion, loadMigrations().length);
    assert.equal(parsed.counts.issue_areas, 9);
    const again = parley('init', path);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
  });

  it('refuses a file that is not a case, in one line, and leaves it alone', () => {
    const path = join(tempDir(), 'report.parley');
    writeFileSync(path, '%PDF-1.4\n' + 'stream '.repeat(100));
    const before = fileHash(path);
    const info = parley('info', path);
    assert.equal(info.code, 1);
    assert.equal(info.stderr.trim().split('\n').length, 1);
    assert.match(info.stderr, /not a Parley case \(it looks like a PDF document\)/);
    assert.equal(fileHash(path), before);
  });

  it('imports a mixed folder with one JSON line per article, failures included, and exits 0', () => {
    const dir = tempDir();
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    copyFileSync(join(FIXTURES, 'html', 'wire-jsonld.html'), join(inbox, 'reuters.html'));
    copyFileSync(join(FIXTURES, 'text', 'broadsheet.txt'), join(inbox, 'broadsheet.txt'));
    copyFileSync(join(FIXTURES, 'html', 'wire-jsonld.html'), join(inbox, 'reuters-copy.html'));
    writeFileSync(join(inbox, 'empty.html'), '');
    writeFileSync(join(inbox, 'binary.html'), Buffer.from([0, 1, 2, 3, 0, 255, 0, 0, 7, 8]));
    writeFileSync(join(inbox, 'notes.xyz'), 'what is this');
    const path = join(dir, 'case.parley');
    parley('init', path);
    const run = parley('import', path, inbox, join(dir, 'missing.html'), '--json');
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { file: string; status: string; documentId?: string; error?: string });
    const byName = new Map(lines.map((line) => [line.file.split('/').at(-1)!, line]));
    assert.equal(byName.get('broadsheet.txt')?.status, 'imported');
    assert.ok(byName.get('broadsheet.txt')?.documentId);
    const reuters = [byName.get('reuters.html')!, byName.get('reuters-copy.html')!].map((line) => line.status).sort();
    assert.deepEqual(reuters, ['duplicate', 'imported']);
    assert.match(byName.get('empty.html')?.error ?? '', /empty/);
    assert.match(byName.get('binary.html')?.error ?? '', /binary/);
    assert.equal(byName.get('missing.html')?.status, 'error');
    // Unsupported files inside a folder are not read, but the report says so.
    assert.equal(byName.get('notes.xyz')?.status, 'skipped');
    assert.match(byName.get('notes.xyz')?.error ?? '', /not a file type Parley imports/);
    const counts = JSON.parse(parley('info', path, '--json').stdout).counts;
    assert.equal(counts.documents, 2);
  });

  it('exits non-zero only when the batch cannot run', () => {
    const run = parley('import', join(tempDir(), 'nope.parley'), FIXTURES, '--json');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /does not exist/);
  });

  it('extracts one file without a case', () => {
    const run = parley('extract', join(FIXTURES, 'html', 'wire-jsonld.html'), '--json');
    assert.equal(run.code, 0, run.stderr);
    const article = JSON.parse(run.stdout.trim().split('\n')[0]!);
    assert.deepEqual(Object.keys(article), ['title', 'byline', 'outlet', 'publishedAt', 'url', 'language', 'text', 'suggestions']);
    assert.equal(article.title, 'Ukraine, U.S. negotiators narrow gaps on 28-point plan in Geneva');
    assert.equal(article.outlet, 'Reuters');
    assert.match(article.text, /\n\n/);
    // What Parley suggests, in the documented shape, with UTF-16 offsets into the text.
    const { parties, attributions, concessions } = article.suggestions;
    assert.ok(parties.length > 0 && attributions.length > 0, 'parties and attributions proposed');
    for (const party of parties) {
      assert.deepEqual(Object.keys(party), ['name', 'kind', 'aliases', 'mentions']);
      for (const mention of party.mentions) assert.deepEqual(Object.keys(mention), ['start', 'end']);
    }
    for (const item of attributions) {
      assert.equal(article.text.slice(item.start, item.end), item.quote, 'start/end are the content');
      assert.ok(['direct', 'indirect'].includes(item.kind));
      assert.equal(typeof item.anonymous, 'boolean');
      assert.ok(item.confidence > 0 && item.confidence <= 1);
      for (const key of Object.keys(item)) assert.ok(['speaker', 'anonymous', 'quote', 'kind', 'start', 'end', 'speakerStart', 'speakerEnd', 'channel', 'confidence'].includes(key), key);
    }
    for (const item of concessions) {
      assert.equal(article.text.slice(item.start, item.end), item.text);
      for (const key of Object.keys(item)) assert.ok(['text', 'by', 'demandedBy', 'issue', 'stance', 'start', 'end', 'confidence'].includes(key), key);
    }
    // Without --json, only the article.
    const plain = parley('extract', join(FIXTURES, 'html', 'wire-jsonld.html'));
    assert.doesNotMatch(plain.stdout, /"suggestions"/);
  });

  it('suggests for a case: pending suggestions after import, and again on demand for one document', () => {
    const dir = tempDir();
    const path = join(dir, 'case.parley');
    parley('init', path);
    const imported = parley('import', path, join(FIXTURES, 'html', 'wire-jsonld.html'), '--json');
    const documentId = JSON.parse(imported.stdout.trim().split('\n')[0]!).documentId as string;
    const all = parley('suggest', path, '--json');
    assert.equal(all.code, 0, all.stderr);
    const summary = JSON.parse(all.stdout);
    assert.equal(summary.state, 'done');
    assert.equal(summary.documents, 1);
    assert.ok(summary.pending > 0, 'suggestions pending review');
    const one = parley('suggest', path, '--document', documentId);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /^1 documents read, \d+ suggestions proposed, \d+ pending review/);
    const unknown = parley('suggest', path, '--document', '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a01');
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /no longer exists/);
  });

  it('exports reports and data, refusing bad flags as usage errors', () => {
    const dir = tempDir();
    const path = join(dir, 'case.parley');
    parley('init', path);
    parley('import', path, join(FIXTURES, 'html', 'wire-jsonld.html'));
    const md = join(dir, 'report.md');
    const report = parley('export', path, '--format', 'md', '--out', md, '--title', 'Geneva round');
    assert.equal(report.code, 0, report.stderr);
    assert.match(readFileSync(md, 'utf8'), /^# Geneva round/m);
    const json = join(dir, 'case.json');
    assert.equal(parley('export', path, '--format', 'json', '--out', json).code, 0);
    assert.equal(JSON.parse(readFileSync(json, 'utf8')).documents.length, 1);
    const badFormat = parley('export', path, '--format', 'pptx', '--out', join(dir, 'x'));
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /unknown format "pptx"/);
    const badDate = parley('export', path, '--format', 'md', '--out', md, '--from', 'last week');
    assert.equal(badDate.code, 2);
    assert.match(badDate.stderr, /scope\.from: must be an ISO date/);
    const badTable = parley('export', path, '--format', 'csv', '--out', join(dir, 'x.csv'), '--table', 'planets');
    assert.equal(badTable.code, 2);
  });

  it('merges a bundle from another copy of the case', () => {
    const dir = tempDir();
    const colleague = join(dir, 'colleague.parley');
    parley('init', colleague);
    parley('import', colleague, join(FIXTURES, 'text', 'broadsheet.txt'));
    const bundle = join(dir, 'colleague.parley-bundle');
    assert.equal(parley('export', colleague, '--format', 'bundle', '--out', bundle).code, 0);
    const mine = join(dir, 'mine.parley');
    parley('init', mine);
    const merged = parley('merge', mine, bundle);
    assert.equal(merged.code, 0, merged.stderr);
    assert.match(merged.stdout, /Merged colleague\.parley-bundle: \d+ added/);
    assert.equal(JSON.parse(parley('info', mine, '--json').stdout).counts.documents, 1);
    const again = parley('merge', mine, bundle);
    assert.match(again.stdout, /: 0 added, 0 updated/);
    const foreign = join(dir, 'not-a-bundle.parley-bundle');
    writeFileSync(foreign, 'hello');
    const refused = parley('merge', mine, foreign);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /is not a Parley bundle/);
  });

  it('checks, backs up and restores a case', () => {
    const dir = tempDir();
    const path = join(dir, 'case.parley');
    parley('init', path);
    const healthy = parley('check', path, '--json');
    assert.equal(healthy.code, 0, healthy.stderr);
    assert.deepEqual(JSON.parse(healthy.stdout).problems, []);
    assert.equal(parley('restore', path).code, 1, 'nothing to restore yet');
    const backup = parley('backup', path);
    assert.equal(backup.code, 0, backup.stderr);
    const backupPath = /Backed up to (.+)$/m.exec(backup.stdout)?.[1];
    assert.ok(backupPath && existsSync(backupPath));
    assert.match(parley('restore', path, '--list').stdout, new RegExp(basename(backupPath)));
    parley('import', path, join(FIXTURES, 'text', 'broadsheet.txt'));
    assert.equal(JSON.parse(parley('info', path, '--json').stdout).counts.documents, 1);
    const restored = parley('restore', path, '--from', backupPath);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /The previous version is kept as /);
    assert.equal(JSON.parse(parley('info', path, '--json').stdout).counts.documents, 0, 'the backup is back');
    // A damaged case can still be restored: that is what backups are for.
    writeFileSync(path, 'SQLite format 3\u0000 but not really');
    assert.equal(parley('check', path).code, 1);
    assert.equal(parley('restore', path, '--from', backupPath).code, 0);
    assert.equal(parley('check', path).code, 0);
  });

  it('refuses a tampered case by name, check names each object Parley did not create, and --repair drops them after a backup', async () => {
    const { default: Database } = await import('better-sqlite3');
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
