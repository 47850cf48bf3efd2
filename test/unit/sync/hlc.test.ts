import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HybridClock, MAX_DRIFT_MS, formatHlc, isHlc, parseHlc } from '../../../electron/sync/hlc';

describe('hybrid logical clock', () => {
  it('follows the wall clock and formats as a readable, sortable string', () => {
    const clock = new HybridClock(null, () => Date.UTC(2025, 10, 20, 10));
    assert.equal(clock.tick(), '2025-11-20T10:00:00.000Z-000000');
    assert.equal(clock.tick(), '2025-11-20T10:00:00.000Z-000001');
    assert.ok(isHlc(clock.latest()));
  });

  it('never goes back: every tick sorts after the last, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 200 }), (jumps) => {
        let physical = Date.UTC(2025, 0, 1);
        const clock = new HybridClock(null, () => physical);
        let last = '';
        for (const jump of jumps) {
          physical = Math.max(0, physical + jump);
          const next = clock.tick();
          assert.ok(next > last, `${next} after ${last}`);
          last = next;
        }
      }),
    );
  });

  it('sorts after every timestamp it observed, and resumes from the last one it persisted', () => {
    const clock = new HybridClock(null, () => Date.UTC(2025, 10, 20));
    clock.observe('2025-11-20T12:00:00.000Z-000005');
    assert.equal(clock.tick(), '2025-11-20T12:00:00.000Z-000006');
    const restarted = new HybridClock(clock.latest(), () => Date.UTC(2025, 10, 20));
    assert.ok(restarted.tick() > '2025-11-20T12:00:00.000Z-000006');
  });

  it('does not follow a clock more than a day ahead', () => {
    const now = Date.UTC(2025, 10, 20);
    const clock = new HybridClock(null, () => now);
    clock.observe(formatHlc({ wall: now + MAX_DRIFT_MS + 1, counter: 0 }));
    assert.equal(parseHlc(clock.tick()).wall, now);
  });

  it('rolls into the next millisecond when the counter is full', () => {
    const clock = new HybridClock('2025-11-20T10:00:00.000Z-fffffe', () => Date.UTC(2025, 10, 20, 10));
    assert.equal(clock.tick(), '2025-11-20T10:00:00.000Z-ffffff');
    assert.equal(clock.tick(), '2025-11-20T10:00:00.001Z-000000');
  });

  it('recognises only well-formed timestamps', () => {
    for (const bad of ['', '2025-11-20T10:00:00Z-000000', '2025-13-40T10:00:00.000Z-000000', '2025-11-20T10:00:00.000Z-00000g', 42]) assert.equal(isHlc(bad), false);
  });
});
