import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAY, POINT_BUDGET, chooseBinDays, detailLevel, marginAround, needsRebuild, type TimelinePoints } from '../../../renderer/features/timeline/lod';

const origin = Date.UTC(2025, 0, 1);
/** `perDay` events on each of `days` days, spread over `lanes` lanes, alternating kinds. */
function events(days: number, perDay: number, lanes: number): TimelinePoints {
  const count = days * perDay;
  const times = new Float64Array(count);
  const laneOf = new Int32Array(count);
  const kinds: string[] = [];
  for (let index = 0; index < count; index++) {
    times[index] = origin + Math.floor(index / perDay) * DAY;
    laneOf[index] = index % lanes;
    kinds.push(index % 3 === 0 ? 'demands' : 'offers');
  }
  return { times, lanes: laneOf, kinds };
}

describe('the timeline’s level of detail', () => {
  it('draws every event when the window holds few enough', () => {
    const small = events(30, 3, 4);
    const level = detailLevel(small, 4, marginAround(origin, origin + 29 * DAY), origin);
    assert.equal(level.binDays, 0);
    assert.equal([...level.points.values()].reduce((sum, list) => sum + list.length, 0), 90);
    assert.ok([...level.points.values()].flat().every(([, , ref]) => ref >= 0), 'each point is an event');
  });

  it('bins a crowded window per lane, each bin in its most frequent kind, every event in one bin', () => {
    const year = events(365, 28, 20); // 10,220 events
    const level = detailLevel(year, 20, marginAround(origin, origin + 364 * DAY), origin);
    assert.ok(level.binDays > 0);
    const drawn = [...level.points.values()].reduce((sum, list) => sum + list.length, 0);
    assert.ok(drawn <= POINT_BUDGET, `${drawn} points`);
    assert.equal(level.bins.reduce((sum, bin) => sum + bin.events.length, 0), year.times.length);
    for (const bin of level.bins) {
      assert.ok(bin.events.every((index) => year.lanes[index] === bin.lane && year.times[index]! >= bin.start && year.times[index]! <= bin.end));
      const top = Math.max(...bin.counts.values());
      assert.equal(bin.counts.get(bin.kind), top);
    }
    const [time, lane, ref] = level.points.get(level.bins[0]!.kind)!.find(([, , r]) => r < 0)!;
    const bin = level.bins[-ref - 1]!;
    assert.equal(lane, bin.lane);
    assert.ok(time >= bin.start && time <= bin.end, 'drawn inside its days');
  });

  it('zoomed in to a fortnight, the same case draws single events again', () => {
    const year = events(365, 28, 20);
    const month = { from: origin + 100 * DAY, to: origin + 114 * DAY };
    assert.equal(chooseBinDays(year, 20, month.from, month.to), 0);
    const level = detailLevel(year, 20, marginAround(month.from, month.to), origin);
    assert.equal(level.binDays, 0);
    // Only the window and its margin are given to the chart, not the whole year.
    const drawn = [...level.points.values()].reduce((sum, list) => sum + list.length, 0);
    assert.ok(drawn <= 28 * 30, `${drawn} points`);
  });

  it('rebuilds only when the pan leaves the margin or the zoom wants another level', () => {
    const year = events(365, 28, 20);
    const visible = { from: origin + 100 * DAY, to: origin + 110 * DAY };
    const level = detailLevel(year, 20, marginAround(visible.from, visible.to), origin);
    assert.equal(needsRebuild(level, year, 20, { from: visible.from + 3 * DAY, to: visible.to + 3 * DAY }), false, 'a short pan');
    assert.equal(needsRebuild(level, year, 20, { from: visible.from + 8 * DAY, to: visible.to + 8 * DAY }), true, 'past the margin');
    assert.equal(needsRebuild(level, year, 20, { from: origin, to: origin + 364 * DAY }), true, 'zoomed out');
  });
});
