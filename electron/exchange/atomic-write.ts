/**
 * Export files are written beside their target under a temporary name and renamed into place, so
 * a full disk or a crash leaves the previous file (or none), never a 0-byte or half-written one.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, renameSync, writeFileSync } from 'node:fs';
import { rm, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ParleyError } from '../../shared/errors';

type Data = string | Uint8Array;

function temporaryBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
}

export function writeFileAtomicSync(target: string, data: Data): void {
  const temporary = temporaryBeside(target);
  try {
    writeFileSync(temporary, data, { flag: 'wx' });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw writeError(error, target);
  }
}

export async function writeFileAtomic(target: string, data: Data): Promise<void> {
  const temporary = temporaryBeside(target);
  try {
    await writeFile(temporary, data, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeError(error, target);
  }
}

/** What the analyst is told: the disk is full, the folder cannot be written; not a raw errno. */
export function writeError(error: unknown, target: string): unknown {
  if (error instanceof ParleyError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const name = basename(target);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new ParleyError('io_error', `The disk is full: ${name} was not written (free some space and export again)`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ParleyError('read_only', `Cannot write ${name}: the folder ${dirname(target)} is read-only or not yours`);
  if (code === 'ENOENT') return new ParleyError('io_error', `Cannot write ${name}: the folder ${dirname(target)} does not exist`);
  if (code === 'EISDIR') return new ParleyError('io_error', `Cannot write ${name}: it is a folder`);
  if (/^E[A-Z]+$/.test(code)) return new ParleyError('io_error', `Cannot write ${target}: ${(error as Error).message}`);
  return error;
}
