// Corroboration in Chromium: independent outlets with a syndicated copy counted once, grades, the anonymous-source flag.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openWorkbench, type Workbench } from './harness';
import { seedAnalysisCase, type AnalysisCase } from './analysis-case';

let bench: Workbench;
let seeded: AnalysisCase;

before(async () => {
  bench = await openWorkbench('corroboration.parley');
  seeded = await seedAnalysisCase(bench.service);
  // A second claim by the same anonymous source, in another outlet (copies counting once is unit-tested).
  const { text } = await bench.service.call('document:get', { id: seeded.documents.kyiv });
  const quote = 'rejected any withdrawal from the Donbas';
  const start = text.indexOf(quote);
  const source = (await bench.service.call('source:list', {})).find((entry) => entry.name === 'Senior Russian diplomat')!;
  await bench.service.call('annotation:create', { documentId: seeded.documents.kyiv, type: 'attribution', selector: { exact: quote, start, end: start + quote.length }, sourceId: source.id, credibility: 2 });
  await bench.page.reload();
});
after(async () => {
  await bench?.close();
});

describe('corroboration', () => {
  it('counts outlets per claim and per concession, shows grades, flags a single anonymous source, opens a span', async () => {
    const { page } = bench;
    await page.getByTestId('nav-corroboration').click();
    const first = page.getByTestId('corroboration-entry').first();
    await first.waitFor();
    assert.match(await page.getByTestId('corroboration-view').innerText(), /resting on a single anonymous source/);
    assert.match(await first.innerText(), /rests on a single anonymous source/);
    assert.ok(await first.getByTestId('grade-matrix').isVisible());
    await bench.screenshot('90-corroboration-claims');

    await page.getByTestId('corroboration-tab-concessions').click();
    const donbas = page.getByTestId('corroboration-entry').filter({ hasText: 'Ukraine withdraws from the Donbas' });
    assert.match(await donbas.getByTestId('corroboration-outlets').innerText(), /^2 independent outlets · 2 articles/);
    await page.getByTestId('corroboration-tab-sources').click();
    assert.match(await page.getByTestId('source-profile').first().innerText(), /Senior Russian diplomat · anonymous · 2 claims · 2 outlets/);
    await bench.screenshot('91-corroboration-sources');

    await page.getByTestId('corroboration-tab-claims').click();
    await page.getByTestId('corroboration-span').first().click();
    await page.getByTestId('reader-text').waitFor();
    await page.locator('[data-testid="annotation-entry"].selected').waitFor();
    assert.deepEqual(bench.errors, []);
  });
});
