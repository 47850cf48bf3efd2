/**
 * Hub passwords in the OS keychain: Electron's safeStorage encrypts each with a key the OS keeps
 * (Keychain on macOS, DPAPI on Windows, the Secret Service / KWallet on Linux); only the
 * ciphertext is written, to hub-passwords.json in the app's user-data folder, never into a case
 * file. Where the OS offers no keychain (safeStorage unavailable, or Linux falling back to its
 * plain-text backend) nothing is kept: the analyst types the password per session, or uses
 * ~/.pgpass / PGPASSWORD. Takes safeStorage as an argument (types only), so it is unit-tested.
 */
import type { SafeStorage } from 'electron';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HubCredentialStore } from '../service/hub';

type Keychain = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export function keychainCredentials(keychain: Keychain, userDataDir: string): HubCredentialStore {
  const path = join(userDataDir, 'hub-passwords.json');
  // A password typed this session still works for the next sync even where it cannot be kept.
  const session = new Map<string, string>();
  const usable = () => {
    if (!keychain.isEncryptionAvailable()) return false;
    const backend = process.platform === 'linux' ? keychain.getSelectedStorageBackend?.() : undefined;
    return backend !== 'basic_text' && backend !== 'unknown';
  };
  const load = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  return {
    kind: 'keychain',
    get(hub) {
      const known = session.get(hub);
      if (known !== undefined) return known;
      const sealed = load()[hub];
      if (!sealed || !usable()) return undefined;
      try {
        return keychain.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return undefined; // sealed by another user or machine: ask again
      }
    },
    set(hub, password) {
      session.set(hub, password);
      if (!usable()) return false;
      const all = load();
      all[hub] = keychain.encryptString(password).toString('base64');
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.tmp`, JSON.stringify(all, null, 2), { mode: 0o600 });
      renameSync(`${path}.tmp`, path);
      return true;
    },
  };
}
