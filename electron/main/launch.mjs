#!/usr/bin/env node
// `npm start`: build, make sure Electron and an Electron build of better-sqlite3 exist, then open
// the app. Plain Node (it spawns Electron; it does not import it). Where Electron cannot be
// downloaded it says so in one line and points to browser mode, instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const BROWSER_HINT = 'use browser mode instead: npm run web -- <case.parley>';

function fail(message) {
  process.stderr.write(`parley: ${message}\n`);
  process.exit(1);
}

// Electron 41+ downloads its binary on first start, with a tool that needs Node >= 22.12.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  fail(`the desktop app needs Node >= 22.12 to fetch Electron (this is Node ${process.versions.node}); ${BROWSER_HINT}`);
}

const electronPackage = join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronPackage, 'package.json'), 'utf8')).version;

// 1. The Electron binary: fetched once by electron's own installer, quietly.
if (!existsSync(join(electronPackage, 'path.txt')) || !existsSync(join(electronPackage, 'dist'))) {
  process.stdout.write(`Fetching Electron ${electronVersion} (first start only)…\n`);
  const fetched = spawnSync(process.execPath, [join(electronPackage, 'install.js')], { cwd: electronPackage, encoding: 'utf8' });
  if (fetched.status !== 0) {
    fail(`the Electron binary could not be downloaded (no internet access?); ${BROWSER_HINT}`);
  }
}
let electronBinary;
try {
  electronBinary = require('electron');
} catch {
  fail(`the Electron binary is not installed; ${BROWSER_HINT}`);
}

// 2. better-sqlite3 for Electron's ABI, built into .cache/ so node_modules keeps the Node build
//    that `npm test` and the CLI use.
const nativeDir = join(root, '.cache', `electron-${electronVersion}`, 'better-sqlite3');
const binding = join(nativeDir, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(binding)) {
  process.stdout.write(`Building better-sqlite3 for Electron ${electronVersion} (first start only)…\n`);
  rmSync(nativeDir, { recursive: true, force: true });
  mkdirSync(dirname(nativeDir), { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), nativeDir, {
    recursive: true,
    filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
  });
  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
    npm_config_build_from_source: process.env.npm_config_build_from_source ?? '',
  };
  // better-sqlite3's own install script: a prebuilt Electron binary if one exists, else node-gyp.
  const built = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'install'], {
    cwd: nativeDir,
    env,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (built.status !== 0 || !existsSync(binding)) {
    process.stderr.write(built.stderr?.split('\n').slice(-15).join('\n') ?? '');
    fail(`could not build better-sqlite3 for Electron ${electronVersion} (see above); ${BROWSER_HINT}`);
  }
}

// 3. Build the app, then run it.
const build = spawnSync(process.execPath, [join(root, 'electron', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed (see above)');

// Electron runs the project folder, so package.json (name, productName, main) defines the app and
// its user-data folder (~/.config/Parley, %APPDATA%\\Parley, ~/Library/Application Support/Parley).
const child = spawn(electronBinary, [root, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PARLEY_SQLITE_BINDING: binding, PARLEY_MIGRATIONS_DIR: join(root, 'dist', 'electron', 'migrations') },
});
child.on('error', (error) => fail(`Electron could not start (${error.message}); ${BROWSER_HINT}`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
