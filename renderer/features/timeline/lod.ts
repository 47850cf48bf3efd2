/**
 * Level of detail for the timeline: echarts lays out and draws every point it is given on every
 * pan frame, so the chart is given only what is near the visible window (the window and half of it
 * on each side), and, when even that is more than a frame can draw, the events binned per lane into
 * days, weeks, months or quarters. A bin is drawn in the colour of its most frequent kind; hovering
 * it counts its events, clicking it lists them. Pure (no DOM), so it is unit-tested.
 */

export const DAY = 86_400_000;
/** Points echarts can lay out and draw within a frame on a modest machine, panning included. */
export const POINT_BUDGET = 1500;
/** Bin widths in days, finest first. */
export const BIN_DAYS = [1, 7, 30, 91] as const;

/** What an event is drawn as: a statement, a change of position, or a stance. */
export type EventKind = string;

export interface TimelinePoints {
  /** Event times (ms), ascending, and each event's lane and kind. */
  times: Float64Array;
  lanes: Int32Array;
  kinds: EventKind[];
}

export interface TimelineBin {
  lane: number;
  /** First and last instant the bin covers (ms). */
  start: number;
  end: number;
  /** Indexes of its events, in date order. */
  events: number[];
  /** Events per kind, and the most frequent kind (ties: the first met). */
  counts: Map<EventKind, number>;
  kind: EventKind;
}

export interface DetailLevel {
  /** 0: every event its own point; else the bin width in days. */
  binDays: number;
  /** The stretch of time the points cover (the visible window with a margin). */
  from: number;
  to: number;
  /** Per kind, the points: [time, lane, ref] where ref ≥ 0 is an event index and ref < 0 is bin -ref-1. */
  points: Map<EventKind, [number, number, number][]>;
  bins: TimelineBin[];
}

/** The first index whose time is ≥ `time`. */
export function lowerBound(times: Float64Array, time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (times[middle]! < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The visible window widened by half its span on each side, so a pan stays within it for a while. */
export function marginAround(from: number, to: number): { from: number; to: number } {
  const span = Math.max(DAY, to - from);
  return { from: from - span / 2, to: to + span / 2 };
}

/** The finest level whose points over [from, to] stay within the budget. */
export function chooseBinDays(events: TimelinePoints, laneCount: number, from: number, to: number, budget = POINT_BUDGET): number {
  const count = lowerBound(events.times, to + 1) - lowerBound(events.times, from);
  if (count <= budget) return 0;
  for (const days of BIN_DAYS) {
    const bins = Math.max(1, laneCount) * Math.ceil((to - from) / (days * DAY) + 1);
    if (Math.min(count, bins) <= budget) return days;
  }
  return BIN_DAYS.at(-1)!;
}

/**
 * The points for the window [from, to] (already widened) at the level that fits the budget. Bins
 * are aligned on `origin` (the chart's first day), so a bin keeps its place while the chart pans.
 */
export function detailLevel(events: TimelinePoints, laneCount: number, window: { from: number; to: number }, origin: number, budget = POINT_BUDGET): DetailLevel {
  const { from, to } = window;
  const binDays = chooseBinDays(events, laneCount, from, to, budget);
  const first = lowerBound(events.times, from);
  const last = lowerBound(events.times, to + 1);
  const points = new Map<EventKind, [number, number, number][]>();
  const add = (kind: EventKind, point: [number, number, number]) => {
    const list = points.get(kind);
    if (list) list.push(point);
    else points.set(kind, [point]);
  };
  const bins: TimelineBin[] = [];
  if (binDays === 0) {
    for (let index = first; index < last; index++) add(events.kinds[index]!, [events.times[index]!, events.lanes[index]!, index]);
    return { binDays, from, to, points, bins };
  }
  const width = binDays * DAY;
  const byKey = new Map<string, TimelineBin>();
  for (let index = first; index < last; index++) {
    const lane = events.lanes[index]!;
    const slot = Math.floor((events.times[index]! - origin) / width);
    const key = `${lane}|${slot}`;
    let bin = byKey.get(key);
    if (!bin) {
      const start = origin + slot * width;
      byKey.set(key, (bin = { lane, start, end: start + width - 1, events: [], counts: new Map(), kind: events.kinds[index]! }));
      bins.push(bin);
    }
    bin.events.push(index);
    const kind = events.kinds[index]!;
    const count = (bin.counts.get(kind) ?? 0) + 1;
    bin.counts.set(kind, count);
    if (count > (bin.counts.get(bin.kind) ?? 0)) bin.kind = kind;
  }
  bins.forEach((bin, index) => {
    // A bin of one event is that event: hover shows its quote, click its evidence.
    if (bin.events.length === 1) add(bin.kind, [events.times[bin.events[0]!]!, bin.lane, bin.events[0]!]);
    else add(bin.kind, [(bin.start + bin.end) / 2, bin.lane, -index - 1]);
  });
  return { binDays, from, to, points, bins };
}

/** Whether the points drawn still serve this visible window, or must be rebuilt (panned past the margin, or zoomed to another level). */
export function needsRebuild(current: DetailLevel, events: TimelinePoints, laneCount: number, visible: { from: number; to: number }, budget = POINT_BUDGET): boolean {
  if (visible.from < current.from || visible.to > current.to) return true;
  const wanted = marginAround(visible.from, visible.to);
  return chooseBinDays(events, laneCount, wanted.from, wanted.to, budget) !== current.binDays;
}
