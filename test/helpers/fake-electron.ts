/**
 * Loads shell code that imports 'electron' in plain Node: a module hook answers `import … from
 * 'electron'` with whatever the test put in `globalThis.__fakeElectron` (Electron itself cannot be
 * loaded here). Each test file runs in its own process, so the hook stays within the file.
 */
import { register } from 'node:module';

const names = ['app', 'BrowserWindow', 'contextBridge', 'dialog', 'ipcMain', 'ipcRenderer', 'Menu', 'protocol', 'safeStorage', 'session', 'shell', 'webUtils'];
const source = names.map((name) => `export const ${name} = globalThis.__fakeElectron.${name};`).join('\n');
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(source)}`)}, shortCircuit: true };
  return next(specifier, context);
}`;

let registered = false;

/** Install the fakes (objects named like Electron's exports), then import the module under test. */
export function useFakeElectron(fakes: Record<string, unknown>): void {
  (globalThis as { __fakeElectron?: unknown }).__fakeElectron = fakes;
  if (!registered) register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  registered = true;
}
