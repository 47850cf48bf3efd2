// The timeline in Chromium: lanes of dated stances and statements, filters, undated aside, click → evidence → reader.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkbench, type Workbench } from './harness';
import { seedAnalysisCase, type AnalysisCase } from './analysis-case';

let bench: Workbench;
let seeded: AnalysisCase;

before(async () => {
  bench = await openWorkbench('timeline.parley');
  seeded = await seedAnalysisCase(bench.service);
  await bench.page.reload();
});
after(async () => {
  await bench?.close();
});

/** Where an event of `date` in lane `lane` sits on the chart (fixed margins, the range it publishes). */
async function pointOf(page: Page, date: string, lane: number) {
  const chart = page.getByTestId('timeline-chart');
  const [left, top, right, bottom] = (await chart.getAttribute('data-grid'))!.split(',').map(Number) as [number, number, number, number];
  const [min, max] = (await chart.getAttribute('data-range'))!.split(',').map(Number) as [number, number];
  const lanes = Number(await chart.getAttribute('data-lanes'));
  const box = (await chart.boundingBox())!;
  const width = box.width - left - right;
  const height = box.height - top - bottom;
  return { x: box.x + left + ((Date.parse(date) - min) / (max - min)) * width, y: box.y + top + (height / lanes) * (lane + 0.5) };
}

describe('the timeline', () => {
  it('draws stances and statements per party, with undated evidence aside', async () => {
    const { page } = bench;
    await page.getByTestId('nav-timeline').click();
    await page.getByTestId('timeline-count').filter({ hasText: /dated/ }).waitFor();
    const timeline = await bench.service.call('timeline:events', {});
    assert.match(await page.getByTestId('timeline-count').innerText(), new RegExp(`^${timeline.events.length} dated · 1 undated`));
    assert.match(await page.getByTestId('timeline-undated').innerText(), /security guarantees were still being discussed/);
    await page.waitForTimeout(300);
    await bench.screenshot('80-timeline');
  });

  it('hovers for the quote and clicks for the evidence, which opens the reader', async () => {
    const { page } = bench;
    const timeline = await bench.service.call('timeline:events', {});
    const lane = timeline.lanes.findIndex((entry) => entry.id === seeded.parties.ukraine);
    const point = await pointOf(page, '2025-12-02', lane);
    await page.mouse.move(point.x, point.y);
    await page.locator('.chart-tip', { hasText: 'rejected any withdrawal from the Donbas' }).waitFor();
    await bench.screenshot('81-timeline-hover');
    await page.mouse.click(point.x, point.y);
    const panel = page.getByTestId('timeline-evidence');
    await panel.waitFor();
    assert.match(await panel.innerText(), /2025-12-02 · Ukraine/i);
    assert.match(await panel.innerText(), /Rejects/);
    await page.getByTestId('timeline-evidence-span').click();
    await page.getByTestId('reader').filter({ hasText: 'Kyiv rejects withdrawal demand' }).waitFor();
    const selected = page.locator('[data-testid="annotation-entry"].selected');
    await selected.waitFor();
    assert.match(await selected.innerText(), /rejected any withdrawal/);
  });

  it('filters by party and by issue, and lays lanes out per concession', async () => {
    const { page } = bench;
    await page.getByTestId('nav-timeline').click();
    await page.getByTestId('timeline-parties').selectOption([seeded.parties.russia]);
    await page.getByTestId('timeline-count').filter({ hasText: /^4 dated · 0 undated/ }).waitFor(); // 3 stances + 1 statement
    await page.getByTestId('timeline-issues').selectOption({ label: 'Military limits' });
    await page.getByTestId('timeline-count').filter({ hasText: /^1 dated/ }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByTestId('timeline-lanes').selectOption('concession');
    await page.getByTestId('timeline-count').filter({ hasText: /^8 dated/ }).waitFor();
    await page.waitForTimeout(300);
    await bench.screenshot('82-timeline-per-concession');
    assert.deepEqual(bench.errors, []);
  });

  it('bins a crowded year per lane: hover counts a bin, click lists its events, one opens its evidence', async () => {
    const { page, service } = bench;
    // 2,040 stance entries of the United States over 340 days: more than one frame draws, so the whole year is binned.
    for (let day = 0; day < 340; day++) {
      const asOf = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      for (let n = 0; n < 6; n++) await service.call('concession:set-stance', { concessionId: seeded.concessions.guarantees, partyId: seeded.parties.us, stance: n % 3 === 0 ? 'demands' : 'offers', asOf });
    }
    await page.reload();
    await page.getByTestId('nav-timeline').click();
    await page.getByTestId('timeline-count').filter({ hasText: /^20\d\d dated/ }).waitFor();
    const timeline = await service.call('timeline:events', {});
    const lane = timeline.lanes.findIndex((entry) => entry.id === seeded.parties.us);
    const point = await pointOf(page, '2025-06-15T12:00:00Z', lane);
    await page.mouse.move(point.x, point.y - 4);
    const tip = page.locator('text=/\\d+ events: /').first();
    await tip.waitFor();
    // Bins are as wide as the zoom needs (a week when the whole year shows).
    const [, from, to, count] = /^(\S+) – (\S+) · United States\n(\d+) events: /.exec(await tip.innerText()) ?? [];
    assert.ok(from && to && Number(count) >= 6, await tip.innerText());
    await bench.screenshot('83-timeline-bin-hover');
    await page.mouse.click(point.x, point.y - 4);
    const bin = page.getByTestId('timeline-bin');
    await bin.waitFor();
    assert.ok((await bin.innerText()).toLowerCase().includes(`${from} – ${to} · united states`), `${await bin.innerText()} vs ${from} – ${to}`);
    assert.equal(await page.getByTestId('timeline-bin-entry').count(), Number(count));
    await bench.screenshot('84-timeline-bin-list');
    await page.getByTestId('timeline-bin-entry').first().click();
    const panel = page.getByTestId('timeline-evidence');
    await panel.waitFor();
    assert.match(await panel.innerText(), /2025-06-\d\d · United States/i);
    assert.match(await panel.innerText(), /Set by hand, without a span/);
    assert.deepEqual(bench.errors, []);
  });
});
