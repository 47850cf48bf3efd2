import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ParleyError } from '../../shared/errors';
import { Store } from '../../electron/store/index';
import { tempDir } from '../helpers/temp';
import { rawDatabase } from '../../electron/store/raw-database';

/**
 * Real file-system faults where the machine allows it: a tiny tmpfs that fills up, and the same
 * tmpfs remounted read-only. Skipped, with the reason, where mounting is not permitted.
 */
const mounts: string[] = [];
const unmount = (dir: string) => spawnSync('umount', ['-l', dir]);
after(() => mounts.forEach(unmount));

function smallDisk(sizeKb: number): string | null {
  const dir = join(tempDir('parley-disk-'), 'disk');
  mkdirSync(dir);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) return null;
  mounts.push(dir);
  return dir;
}

const canMount = (() => {
  const probe = smallDisk(64);
  if (probe) unmount(probe);
  return probe !== null;
})();
const skip = canMount ? false : 'mounting a tmpfs is not permitted on this machine';

const party = (store: Store, name: string, notes: string | null = null) =>
  store.parties.create({ name, kind: 'other', aliases: [], affiliationId: null, color: null, notes });

describe('file-system faults', () => {
  it('an export to a full disk says "the disk is full" and leaves no 0-byte or partial file, and the earlier export intact', { skip }, async () => {
    const disk = smallDisk(256)!;
    const { annotatedCase } = await import('../unit/exchange/helpers');
    const { exportCase } = await import('../../electron/exchange/index');
    const { writeFileAtomic } = await import('../../electron/exchange/atomic-write');
    const c = annotatedCase(tempDir(), 'export-source');
    const earlier = join(disk, 'case.xlsx');
    writeFileSync(earlier, 'the earlier export');
    // Fill the disk to the last block.
    try {
      writeFileSync(join(disk, 'filler'), Buffer.alloc(1024 * 1024));
    } catch {
      /* ENOSPC: full, as wanted */
    }
    for (const [format, target] of [['xlsx', earlier], ['json', join(disk, 'case.json')], ['csv', join(disk, 'annotations.csv')]] as const) {
      await assert.rejects(exportCase(c.store, format, target), (error: unknown) => {
        assert.ok(error instanceof ParleyError, String(error));
        assert.equal(error.code, 'io_error');
        assert.match(error.message, /The disk is full/);
        assert.doesNotMatch(error.message, /ENOSPC/);
        return true;
      });
    }
    await assert.rejects(writeFileAtomic(join(disk, 'report.pdf'), Buffer.alloc(200_000)), /The disk is full: report\.pdf was not written/);
    assert.equal(readFileSync(earlier, 'utf8'), 'the earlier export');
    assert.deepEqual(readdirSync(disk).sort(), ['case.xlsx', 'filler']);
    c.store.close();
    unmount(disk);
  });

  it('a full disk fails the change with a clear message, loses nothing saved before, and corrupts nothing', { skip }, () => {
    const disk = smallDisk(1200)!;
    const path = join(disk, 'full.parley');
    const store = Store.create(path);
    party(store, 'Russia');
    const bulky = 'x'.repeat(9_000);
    let failure: unknown = null;
    for (let index = 0; index < 400 && !failure; index++) {
      try {
        party(store, `Party ${index}`, bulky);
      } catch (error) {
        failure = error;
      }
    }
    assert.ok(failure instanceof ParleyError, `expected a ParleyError, got ${String(failure)}`);
    assert.equal(failure.code, 'io_error');
    assert.match(failure.message, /disk is full; nothing was saved/);
    store.close();
    const reopened = Store.open(path);
    assert.equal(reopened.check().integrity, 'ok');
    assert.ok(reopened.parties.list().some((entry) => entry.name === 'Russia'));
    reopened.close();
    unmount(disk);
  });

  it('a read-only case opens read-only and refuses changes with a clear message', { skip }, () => {
    const disk = smallDisk(4096)!;
    const path = join(disk, 'archive.parley');
    const store = Store.create(path);
    party(store, 'Ukraine');
    store.close();
    const remounted = spawnSync('mount', ['-o', 'remount,ro', disk]);
    assert.equal(remounted.status, 0);
    const readOnly = Store.open(path);
    assert.equal(readOnly.readOnly, true);
    assert.deepEqual(readOnly.parties.list().map((entry) => entry.name), ['Ukraine']);
    assert.throws(() => readOnly.assertWritable(), (error: ParleyError) => error.code === 'read_only' && /read-only/.test(error.message));
    readOnly.close();
    unmount(disk);
  });
});

describe('a case opened twice', () => {
  it('serialises writers and never corrupts the case', () => {
    const path = join(tempDir(), 'shared.parley');
    const first = Store.create(path);
    const second = Store.open(path);
    for (let index = 0; index < 20; index++) {
      party(index % 2 === 0 ? first : second, `Party ${index}`);
    }
    assert.equal(first.parties.list().length, 20);
    assert.equal(second.parties.list().length, 20);
    assert.equal(second.check().integrity, 'ok');
    second.close();
    first.close();
  });

  it('says the case is busy when another writer holds it too long, and saves nothing half-way', () => {
    const path = join(tempDir(), 'busy.parley');
    const holder = Store.create(path);
    const other = Store.open(path);
    rawDatabase(other).pragma('busy_timeout = 200');
    rawDatabase(holder).prepare('BEGIN IMMEDIATE').run();
    try {
      assert.throws(() => party(other, 'NATO'), (error: ParleyError) => error.code === 'conflict' && /busy/.test(error.message));
    } finally {
      rawDatabase(holder).prepare('ROLLBACK').run();
    }
    assert.equal(other.parties.list().length, 0);
    party(other, 'NATO');
    assert.equal(holder.parties.list().length, 1);
    other.close();
    holder.close();
  });
});
