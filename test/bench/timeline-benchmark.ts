/**
 * The timeline with 10,000 events, panned in Chromium: the built renderer over the bridge, the
 * chart zoomed to a month, then dragged across; frame times from requestAnimationFrame while it
 * pans. Two references from the same run and page: the idle page's frames (the floor), and the
 * same chart with one event per lane (an empty chart, with the same axes, lanes and legend)
 * zoomed and panned the same way, which shows what the machine's load costs without the events.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { startBridge } from '../../electron/bridge/server';
import { createService } from '../../electron/service/service';
import { rawDatabase } from '../../electron/store/raw-database';
import { STANCES } from '../../shared/model/vocabulary';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.max(0, Math.ceil(values.length * p) - 1))] ?? 0;
const round = (value: number) => Math.round(value * 10) / 10;

function summarise(frames: number[]): FrameTimes {
  return {
    frames: frames.length,
    medianMs: round(percentile(frames, 0.5)),
    p95Ms: round(percentile(frames, 0.95)),
    maxMs: round(Math.max(...frames)),
    // rAF deltas jitter by a few tenths of a millisecond around the 16.7 ms vsync.
    overOneFrame: frames.filter((frame) => frame > FRAME_MS + 0.5).length,
    // A frame that took longer than 1.5 × 16.7 ms missed at least one vsync.
    dropped: frames.filter((frame) => frame > 25).length,
  };
}

interface FrameTimes {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Frames longer than one vsync (16.7 ms). */
  overOneFrame: number;
  /** Frames longer than 25 ms (a vsync missed). */
  dropped: number;
}
const FRAME_MS = 1000 / 60;
export type TimelineBenchmark =
  | { skipped: string }
  | { events: number; firstDrawMs: number; pan: FrameTimes; emptyChartPan: FrameTimes; idleFloor: FrameTimes; targetP95Ms: number; loadAverage: number };

export async function runTimelineBenchmark(events = 10_000): Promise<TimelineBenchmark> {
  const staticDir = join(ROOT, 'dist', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) return { skipped: 'dist/renderer is missing: run `npm run build` first' };
  if (!existsSync(CHROMIUM)) return { skipped: `Chromium not found at ${CHROMIUM}` };
  const dir = mkdtempSync(join(tmpdir(), 'parley-timeline-bench-'));
  const service = createService({ importWorkers: 1, log: () => {} });
  service.session.create(join(dir, 'timeline.parley'));
  const bridge = await startBridge({ service, staticDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    // 20 parties × 100 concessions; first one stance per party (the empty chart), then 10,000 dated entries over a year.
    const db = rawDatabase(service.session.current());
    const next = random(7);
    const at = new Date().toISOString();
    const parties = Array.from({ length: 20 }, () => uuidv7());
    const concessions = Array.from({ length: 100 }, () => uuidv7());
    const stance = db.prepare('INSERT INTO concession_stances (id, concession_id, party_id, stance, as_of, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const dayOf = (offset: number) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    db.transaction(() => {
      parties.forEach((id, index) => db.prepare("INSERT INTO parties (id, name, kind, created_at, updated_at) VALUES (?, ?, 'state', ?, ?)").run(id, `Party ${index}`, at, at));
      concessions.forEach((id, index) => db.prepare('INSERT INTO concessions (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, `Concession ${index}`, at, at));
      // The same first and last day as the full case, so both charts have the same axis.
      parties.forEach((id, index) => stance.run(uuidv7(), concessions[index]!, id, STANCES[index % STANCES.length]!, dayOf(index === 0 ? 0 : index === 1 ? 364 : index * 18), at));
      db.prepare('DELETE FROM sync_touched').run();
    })();

    const page = await browser.newPage({ viewport: { width: 1440, height: 800 } });
    await page.goto(bridge.launchUrl);

    /** Open the timeline, zoom to about a month with the wheel, and drag the chart across and back. */
    const openAndPan = async (count: number): Promise<{ firstDrawMs: number; pan: number[]; idle: number[] }> => {
      const loadStarted = Date.now();
      await page.getByTestId('nav-timeline').click();
      await page.getByTestId('timeline-count').filter({ hasText: `${count} dated` }).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(500);
      const firstDrawMs = Date.now() - loadStarted;
      const box = (await page.getByTestId('timeline-chart').boundingBox())!;
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      await page.mouse.move(centre.x, centre.y);
      for (let step = 0; step < 12; step++) {
        await page.mouse.wheel(0, -240);
        await page.waitForTimeout(30);
      }
      await page.waitForTimeout(300);

      // As source text: the bundler's helpers (keepNames) do not exist in the page.
      const record = () =>
        page.evaluate(`(() => {
          window.__frames = [];
          window.__recording = true;
          let last = performance.now();
          const tick = (now) => {
            window.__frames.push(now - last);
            last = now;
            if (window.__recording) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        })()`);
      const stop = () => page.evaluate(`(() => { window.__recording = false; return window.__frames.slice(1); })()`) as Promise<number[]>;

      await record();
      await page.waitForTimeout(1000);
      const idle = await stop();

      await record();
      await page.mouse.move(centre.x + 300, centre.y);
      await page.mouse.down();
      for (let step = 0; step < 120; step++) await page.mouse.move(centre.x + 300 - step * 5, centre.y + (step % 2));
      for (let step = 0; step < 120; step++) await page.mouse.move(centre.x - 300 + step * 5, centre.y + (step % 2));
      await page.mouse.up();
      const pan = await stop();
      return { firstDrawMs, pan, idle };
    };

    const empty = await openAndPan(parties.length);
    db.transaction(() => {
      for (let index = parties.length; index < events; index++) {
        stance.run(uuidv7(), concessions[Math.floor(next() * concessions.length)]!, parties[Math.floor(next() * parties.length)]!, STANCES[Math.floor(next() * STANCES.length)]!, dayOf(Math.floor(next() * 365)), at);
      }
      db.prepare('DELETE FROM sync_touched').run();
    })();
    await page.reload();
    const full = await openAndPan(events);
    return {
      events,
      firstDrawMs: full.firstDrawMs,
      pan: summarise(full.pan),
      emptyChartPan: summarise(empty.pan),
      idleFloor: summarise([...empty.idle, ...full.idle]),
      targetP95Ms: round(FRAME_MS),
      loadAverage: round(loadavg()[0]!),
    };
  } finally {
    await browser.close();
    await bridge.close();
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
