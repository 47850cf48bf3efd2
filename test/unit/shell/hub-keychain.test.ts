/** Hub passwords in the OS keychain (a fake safeStorage): only ciphertext on disk, none without a real keychain. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { keychainCredentials } from '../../../electron/main/hub-keychain';
import { tempDir } from '../../helpers/temp';

function fakeSafeStorage(available = true, backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from([...Buffer.from(text)].map((byte) => byte ^ 0x5a)),
    decryptString: (sealed: Buffer) => Buffer.from([...sealed].map((byte) => byte ^ 0x5a)).toString(),
  };
}

describe('hub passwords in the keychain', () => {
  it('keeps a password sealed, per hub address, across restarts', () => {
    const dir = tempDir('parley-keychain-');
    const store = keychainCredentials(fakeSafeStorage(), dir);
    assert.equal(store.kind, 'keychain');
    assert.equal(store.set('postgres://anna@hub:5432/desk', 'pa55-word'), true);
    const onDisk = readFileSync(join(dir, 'hub-passwords.json'), 'utf8');
    assert.equal(onDisk.includes('pa55-word'), false, 'only ciphertext is written');
    const later = keychainCredentials(fakeSafeStorage(), dir);
    assert.equal(later.get('postgres://anna@hub:5432/desk'), 'pa55-word');
    assert.equal(later.get('postgres://ben@hub:5432/desk'), undefined);
  });

  it('keeps nothing on disk where the OS has no keychain (Linux plain-text backend), only for the session', () => {
    const dir = tempDir('parley-keychain-');
    for (const safe of [fakeSafeStorage(false), fakeSafeStorage(true, 'basic_text')]) {
      const store = keychainCredentials(safe, dir);
      const kept = store.set('postgres://anna@hub/desk', 'pw');
      assert.equal(store.get('postgres://anna@hub/desk'), 'pw');
      if (process.platform === 'linux' || !safe.isEncryptionAvailable()) assert.equal(kept, false);
    }
    if (process.platform === 'linux') assert.equal(existsSync(join(dir, 'hub-passwords.json')), false);
  });
});
