/**
 * Automatic backups: SQLite's online backup API copies a consistent snapshot of the open case into
 * `<case>.backups/` beside it, keeping the newest few. Restoring replaces the case with a backup
 * after keeping the current file as one more backup, so a restore can itself be undone.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import type { BackupInfo } from '../../shared/model/case';
import { assertLooksLikeParleyStore } from './connection';

export type { BackupInfo } from '../../shared/model/case';

export const DEFAULT_BACKUPS_KEPT = 10;

export function backupDirFor(casePath: string): string {
  return join(dirname(casePath), `${basename(casePath)}.backups`);
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Snapshot the open case (safe while it is being written) and drop backups beyond `keep`. */
export async function backupCase(db: Database.Database, casePath: string, options: { keep?: number; reason?: string } = {}): Promise<BackupInfo> {
  const dir = backupDirFor(casePath);
  mkdirSync(dir, { recursive: true });
  const name = `${basename(casePath, '.parley')}-${stamp(new Date())}${options.reason ? `-${options.reason}` : ''}.parley`;
  const target = join(dir, name);
  const partial = `${target}.partial`;
  await db.backup(partial);
  renameSync(partial, target); // a backup cut short by a crash never looks complete
  pruneBackups(casePath, options.keep ?? DEFAULT_BACKUPS_KEPT);
  return { path: target, createdAt: new Date().toISOString(), size: statSync(target).size };
}

export function listBackups(casePath: string): BackupInfo[] {
  const dir = backupDirFor(casePath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.parley'))
    .map((file) => {
      const path = join(dir, file);
      const stat = statSync(path);
      return { path, createdAt: stat.mtime.toISOString(), size: stat.size };
    })
    .sort((a, b) => b.path.localeCompare(a.path));
}

function pruneBackups(casePath: string, keep: number): void {
  const dir = backupDirFor(casePath);
  for (const backup of listBackups(casePath).slice(keep)) rmSync(backup.path, { force: true });
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.partial')) rmSync(join(dir, file), { force: true });
  }
}

/**
 * Replace a (closed) case with one of its backups. The backup must itself be a sound Parley case;
 * the current file is kept in the backups folder first.
 */
export function restoreCase(casePath: string, backupPath: string): { keptCurrentAs: string | null } {
  assertLooksLikeParleyStore(backupPath);
  let keptCurrentAs: string | null = null;
  if (existsSync(casePath)) {
    const dir = backupDirFor(casePath);
    mkdirSync(dir, { recursive: true });
    keptCurrentAs = join(dir, `${basename(casePath, '.parley')}-${stamp(new Date())}-before-restore.parley`);
    copyFileSync(casePath, keptCurrentAs);
  }
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${casePath}${suffix}`)) {
      if (keptCurrentAs) copyFileSync(`${casePath}${suffix}`, `${keptCurrentAs}${suffix}`);
      rmSync(`${casePath}${suffix}`);
    }
  }
  const temporary = `${casePath}.restoring`;
  copyFileSync(backupPath, temporary);
  renameSync(temporary, casePath);
  if (!existsSync(backupPath)) throw new ParleyError('io_error', 'The backup vanished during restore');
  return { keptCurrentAs };
}
