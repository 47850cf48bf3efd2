/**
 * Hybrid logical clock (Kulkarni et al., 2014): physical time in milliseconds plus a counter, so
 * that timestamps follow the wall clock where clocks agree, and still order an edit after every
 * edit its author had seen when clocks do not.
 *
 * A timestamp is a fixed-width string that sorts as it orders, readable in the audit log:
 *   2025-11-20T10:00:00.000Z-000000
 * (ISO time of the logical wall component, then the counter in hex).
 */

export type Hlc = string;

const PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{6})$/;
const MAX_COUNTER = 0xffffff;
/** A remote clock this far ahead of ours is not followed (its operations still count). */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;
/** 9999-12-31: the last instant the fixed-width ISO form can hold. */
const MAX_WALL = 253402300799999;

export interface HlcParts {
  wall: number;
  counter: number;
}

export function isHlc(value: unknown): value is Hlc {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  return match !== null && !Number.isNaN(Date.parse(match[1]!));
}

export function parseHlc(value: Hlc): HlcParts {
  const match = PATTERN.exec(value);
  if (!match) throw new Error(`Not a hybrid logical clock timestamp: ${value.slice(0, 60)}`);
  return { wall: Date.parse(match[1]!), counter: Number.parseInt(match[2]!, 16) };
}

export function formatHlc({ wall, counter }: HlcParts): Hlc {
  return `${new Date(wall).toISOString()}-${counter.toString(16).padStart(6, '0')}`;
}

/** The physical part of a timestamp, for display. */
export function hlcTime(value: Hlc): string {
  return new Date(parseHlc(value).wall).toISOString();
}

export class HybridClock {
  private wall = 0;
  private counter = 0;

  /** `last`: the newest timestamp this replica has issued or seen, so a restart never goes back. */
  constructor(
    last: Hlc | null = null,
    private readonly physicalNow: () => number = Date.now,
  ) {
    if (last) this.observe(last);
  }

  /** A timestamp for a local change, later than every timestamp issued or observed so far. */
  tick(): Hlc {
    const physical = Math.min(this.physicalNow(), MAX_WALL);
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else if (this.counter < MAX_COUNTER) {
      this.counter++;
    } else {
      // 16 million changes within one millisecond: borrow the next millisecond.
      this.wall++;
      this.counter = 0;
    }
    return formatHlc({ wall: this.wall, counter: this.counter });
  }

  /**
   * Take a remote timestamp into account (every operation received), so local changes made after
   * seeing it sort after it. A clock running more than a day ahead is not followed: its operations
   * are kept, and a change made after seeing one still wins over it, because it names it as its base.
   */
  observe(remote: Hlc): void {
    const { wall, counter } = parseHlc(remote);
    if (wall > this.physicalNow() + MAX_DRIFT_MS) return;
    if (wall > this.wall || (wall === this.wall && counter > this.counter)) {
      this.wall = wall;
      this.counter = counter;
    }
  }

  /** The latest timestamp issued or observed (persisted by the store). */
  latest(): Hlc | null {
    return this.wall === 0 ? null : formatHlc({ wall: this.wall, counter: this.counter });
  }
}
