import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import yaml from 'js-yaml';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const require = createRequire(import.meta.url);

// Packaging cannot run here (electron-builder downloads Electron), so the config is checked against
// electron-builder's own JSON schema instead.
describe('electron-builder.yml', () => {
  const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('is valid against electron-builder’s schema', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.equal(validate(config), true, JSON.stringify(validate.errors));
  });

  it('builds AppImage, deb, NSIS and dmg, associates .parley files and unpacks better-sqlite3', () => {
    const targets = (platform: string) => ((config[platform] as { target: string[] }).target ?? []).join(',');
    assert.equal(targets('linux'), 'AppImage,deb');
    assert.equal(targets('win'), 'nsis');
    assert.equal(targets('mac'), 'dmg');
    assert.equal((config.fileAssociations as { ext: string }[])[0]!.ext, 'parley');
    assert.ok((config.asarUnpack as string[]).includes('node_modules/better-sqlite3/**'));
  });

  it('points at the built main process', () => {
    const main = (config.extraMetadata as { main: string }).main;
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(main, pkg.main);
    assert.equal(main, 'dist/electron/main.mjs');
  });
});
