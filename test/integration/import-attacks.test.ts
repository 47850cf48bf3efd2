/**
 * The outside attack on imports (issue 12), replayed: a folder holding a FIFO, a socket, a device
 * link, a symlink loop, dot-files and a link to a secret outside it; upload names that climb out
 * of the temporary folder; server paths sent over the browser-mode bridge; control characters in
 * file names printed by the CLI.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { safeUploadName } from '../../electron/service/import-jobs';
import { createService, type ParleyService } from '../../electron/service/service';
import { printable } from '../../electron/cli/terminal';
import { tempDir } from '../helpers/temp';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ARTICLE = (title: string) =>
  `${title}\n\nOn the story "${title}": negotiators from both delegations met in Geneva on Tuesday for six hours of talks on a ceasefire. ` +
  `Officials said the sides exchanged written proposals on prisoner swaps and the withdrawal of heavy weapons.\n\n` +
  `A further round is planned for next month, according to a senior diplomat who asked not to be named.\n`;

let service: ParleyService;
const dir = tempDir('parley-attack-');

before(() => {
  service = createService({ importWorkers: 1, log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
  service.session.create(join(dir, 'attack.parley'));
});
after(() => service.dispose());

describe('folder import under attack', () => {
  it('reports every skipped entry with its reason and opens nothing but regular files inside the folder', async () => {
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'passwd.txt'), ARTICLE('root:x:0:0 secret outside the folder'));
    const inbox = join(dir, 'inbox');
    mkdirSync(join(inbox, 'sub'), { recursive: true });
    writeFileSync(join(inbox, 'talks.txt'), ARTICLE('Talks resume in Geneva'));
    writeFileSync(join(inbox, '.hidden.txt'), ARTICLE('Hidden'));
    execFileSync('mkfifo', [join(inbox, 'pipe.txt')]);
    const socket = createServer();
    await new Promise<void>((done) => socket.listen(join(inbox, 'socket.txt'), done));
    symlinkSync('/dev/zero', join(inbox, 'device.txt'));
    symlinkSync(join(outside, 'passwd.txt'), join(inbox, 'secret.txt'));
    symlinkSync(outside, join(inbox, 'outside-folder'));
    symlinkSync(inbox, join(inbox, 'sub', 'loop'));
    symlinkSync('self-a.txt', join(inbox, 'self-b.txt'));
    symlinkSync('self-b.txt', join(inbox, 'self-a.txt'));
    symlinkSync(join(inbox, 'nothing.txt'), join(inbox, 'dangling.txt'));
    try {
      const results = await service.importFiles([inbox]);
      const byName = new Map(results.map((result) => [result.label, result]));
      assert.equal(byName.get('talks.txt')?.status, 'imported');
      const expect: Record<string, RegExp> = {
        '.hidden.txt': /hidden file/,
        'pipe.txt': /named pipe \(FIFO\), not a regular file/,
        'socket.txt': /socket, not a regular file/,
        'device.txt': /outside the imported folder/,
        'secret.txt': /outside the imported folder, not followed/,
        'outside-folder': /outside the imported folder/,
        loop: /folder already imported/,
        'self-a.txt': /link loop/,
        'self-b.txt': /link loop/,
        'dangling.txt': /link to nothing/,
      };
      for (const [name, reason] of Object.entries(expect)) {
        const result = byName.get(name);
        assert.equal(result?.status, 'skipped', name);
        assert.match(result!.error!.message, reason, name);
      }
      const documents = await service.call('document:list', {});
      assert.deepEqual(documents.map((document) => document.title), ['Talks resume in Geneva']);
      // The user named the outside file: then it is theirs to import.
      const named = await service.importFiles([join(inbox, 'secret.txt')]);
      assert.equal(named[0]?.status, 'imported');
    } finally {
      socket.close();
    }
  });

  it('a FIFO named explicitly is refused at once, not waited on', async () => {
    const fifo = join(dir, 'named.html');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const [result] = await service.importFiles([fifo]);
    assert.equal(result?.status, 'error');
    assert.match(result!.error!.message, /not a regular file/);
    assert.ok(Date.now() - started < 20_000, 'the reader did not block on the pipe');
  });
});

describe('browser-mode uploads and paths', () => {
  it('reduces upload names to a safe base name', () => {
    assert.equal(safeUploadName('..'), 'upload');
    assert.equal(safeUploadName('x/..'), 'x');
    assert.equal(safeUploadName('../../etc/cron.d/job.txt'), 'job.txt');
    assert.equal(safeUploadName('..\\..\\boot.ini'), 'boot.ini');
    assert.equal(safeUploadName('.bashrc'), 'bashrc');
    assert.equal(safeUploadName('talks\u001b[2J\r\n.html'), 'talks_2J_.html');
    assert.equal(safeUploadName('Переговоры в Женеве.txt'), 'Переговоры в Женеве.txt');
    assert.equal(safeUploadName(`${'a'.repeat(300)}.docx`).length, 200);
    assert.ok(safeUploadName(`${'a'.repeat(300)}.docx`).endsWith('.docx'));
  });

  it('an upload named .. or x/.. is imported from inside its temporary folder', async () => {
    const before = new Set(readdirSync(tmpdir()));
    for (const name of ['..', 'x/..', '../../escape.txt']) {
      const [result] = await service.call('import:upload', { name, dataBase64: Buffer.from(ARTICLE(`Upload ${name}`)).toString('base64') });
      assert.equal(result?.status, 'imported', name);
    }
    assert.ok(!existsSync(join(tmpdir(), 'escape.txt')));
    const left = readdirSync(tmpdir()).filter((entry) => !before.has(entry) && entry.startsWith('parley-upload-'));
    assert.deepEqual(left, [], 'temporary folders are removed');
  });

  describe('over the loopback bridge', () => {
    let bridge: Bridge;
    before(async () => {
      const staticDir = join(dir, 'renderer');
      mkdirSync(staticDir, { recursive: true });
      writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Parley</title>');
      bridge = await startBridge({ service, staticDir });
    });
    after(() => bridge.close());
    const call = (channel: string, input: unknown) =>
      new Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string } } }>((done, fail) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: bridge.port,
            path: `/api/${channel}`,
            method: 'POST',
            headers: { host: `127.0.0.1:${bridge.port}`, 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` },
          },
          (res) => {
            let body = '';
            res.on('data', (chunk) => (body += chunk));
            res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
          },
        );
        req.on('error', fail);
        req.end(JSON.stringify(input));
      });

    it('refuses import:start with server paths, and bundle merges by path', async () => {
      const secret = join(dir, 'shadow.txt');
      writeFileSync(secret, ARTICLE('Shadow file that a token holder wants'));
      const before = (await service.call('document:list', {})).length;
      const started = await call('import:start', { paths: [secret] });
      assert.equal(started.status, 403);
      assert.equal(started.body.ok, false);
      assert.match(started.body.error!.message, /desktop and command-line feature.*upload/);
      const merged = await call('bundle:merge', { path: secret });
      assert.equal(merged.status, 403);
      await new Promise((wait) => setTimeout(wait, 300));
      assert.equal((await service.call('document:list', {})).length, before, 'nothing was imported');
      // Uploads still work.
      const uploaded = await call('import:upload', { name: 'ok.txt', dataBase64: Buffer.from(ARTICLE('Uploaded over the bridge')).toString('base64') });
      assert.equal(uploaded.status, 200);
      assert.equal(uploaded.body.ok, true);
    });
  });
});

describe('the CLI and control characters', () => {
  it('printable escapes ESC, CR, LF and other controls, and bidi overrides', () => {
    assert.equal(printable('a\u001b[31mred\u001b[0m'), 'a\\e[31mred\\e[0m');
    assert.equal(printable('line\r\nforged: imported'), 'line\\r\\nforged: imported');
    assert.equal(printable('bell\u0007 nul\u0000 del\u007f csi\u009b'), 'bell\\x07 nul\\x00 del\\x7f csi\\x9b');
    assert.equal(printable('evil\u202egnp.exe'), 'evil\\u202egnp.exe');
    assert.equal(printable('para one\n\npara two', { keepNewlines: true }), 'para one\n\npara two');
    assert.equal(printable('Переговоры 交渉'), 'Переговоры 交渉');
  });

  it('parley import prints file names with control characters escaped', () => {
    const folder = join(dir, 'cli-inbox');
    mkdirSync(folder);
    const nasty = 'talks\u001b]0;pwned\u0007\u001b[2J\rimported  fake.txt';
    writeFileSync(join(folder, nasty), ARTICLE('Talks with a nasty file name'));
    const casePath = join(dir, 'cli.parley');
    const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'electron', 'cli', 'parley.mjs'), ...args], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(run('init', casePath).status, 0);
    const imported = run('import', casePath, folder);
    assert.equal(imported.status, 0, imported.stderr);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f]/.test(imported.stdout + imported.stderr), JSON.stringify(imported.stdout));
    assert.match(imported.stdout, /talks\\e\]0;pwned\\x07\\e\[2J\\rimported {2}fake\.txt/);
    const extracted = run('extract', join(folder, nasty));
    assert.equal(extracted.status, 0, extracted.stderr);
    assert.ok(!/\u001b|\r/.test(extracted.stdout));
  });
});
