/**
 * The timeline with 10,000 events, panned in Chromium: the built renderer over the bridge, the
 * chart zoomed to a month, then dragged across; frame times from requestAnimationFrame while it
 * pans, beside the same page's idle frame times (the floor) measured in the same run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    // A frame that took longer than 1.5 × 16.7 ms missed at least one vsync.
    dropped: frames.filter((frame) => frame > 25).length,
  };
}

interface FrameTimes {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  dropped: number;
}
export type TimelineBenchmark = { skipped: string } | { events: number; firstDrawMs: number; pan: FrameTimes; idleFloor: FrameTimes };

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
    // 20 parties × 100 concessions, 10,000 dated stance entries over a year.
    const db = rawDatabase(service.session.current());
    const next = random(7);
    const at = new Date().toISOString();
    const parties = Array.from({ length: 20 }, () => uuidv7());
    const concessions = Array.from({ length: 100 }, () => uuidv7());
    db.transaction(() => {
      parties.forEach((id, index) => db.prepare("INSERT INTO parties (id, name, kind, created_at, updated_at) VALUES (?, ?, 'state', ?, ?)").run(id, `Party ${index}`, at, at));
      concessions.forEach((id, index) => db.prepare('INSERT INTO concessions (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, `Concession ${index}`, at, at));
      const stance = db.prepare('INSERT INTO concession_stances (id, concession_id, party_id, stance, as_of, created_at) VALUES (?, ?, ?, ?, ?, ?)');
      for (let index = 0; index < events; index++) {
        const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * 365) * 86_400_000).toISOString().slice(0, 10);
        stance.run(uuidv7(), concessions[Math.floor(next() * concessions.length)]!, parties[Math.floor(next() * parties.length)]!, STANCES[Math.floor(next() * STANCES.length)]!, day, at);
      }
      db.prepare('DELETE FROM sync_touched').run();
    })();

    const page = await browser.newPage({ viewport: { width: 1440, height: 800 } });
    await page.goto(bridge.launchUrl);
    const loadStarted = Date.now();
    await page.getByTestId('nav-timeline').click();
    await page.getByTestId('timeline-count').filter({ hasText: `${events} dated` }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const firstDrawMs = Date.now() - loadStarted;
    const box = (await page.getByTestId('timeline-chart').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // Zoom to about a month with the wheel, so a drag pans.
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
    for (let step = 0; step < 120; step++) {
      await page.mouse.move(centre.x + 300 - step * 5, centre.y + (step % 2));
    }
    for (let step = 0; step < 120; step++) {
      await page.mouse.move(centre.x - 300 + step * 5, centre.y + (step % 2));
    }
    await page.mouse.up();
    const pan = await stop();
    return { events, firstDrawMs, pan: summarise(pan), idleFloor: summarise(idle) };
  } finally {
    await browser.close();
    await bridge.close();
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
