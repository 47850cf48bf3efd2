// Scratch: a tour of the workbench at 1440x760 with a small realistic case, screenshots to /tmp/rtour.
import { join } from 'node:path';
import { cell, importFiles, openWorkbench, selectInReader } from './test/e2e/harness';
const F = join(process.cwd(), 'test/fixtures/articles');
const shot = async (page: any, name: string) => page.screenshot({ path: `/tmp/rtour/${name}.png` });
const bench = await openWorkbench('tour.parley');
const { page, service } = bench;
try {
  const d = service.dispatch;
  const r = (await d('party:create', { name: 'Russia', kind: 'state', aliases: ['Moscow'] })) as any;
  await d('party:create', { name: 'Ukraine', kind: 'state', aliases: ['Kyiv'] });
  await d('party:create', { name: 'United States', kind: 'state', aliases: ['Washington'] });
  await d('party:create', { name: 'European Union', kind: 'bloc', aliases: ['EU', 'Brussels'] });
  await d('source:create', { name: 'Dmitry Peskov', role: 'Kremlin spokesman', defaultReliability: 'C', partyId: r.value.id });
  const area = (await d('issue-area:create', { name: 'Energy' })) as any; console.log(JSON.stringify(area));
  const c = (await d('concession:create', { title: 'Ukraine withdraws from the rest of Donetsk', issueAreaId: area.value.id })) as any; console.log(JSON.stringify(area), JSON.stringify(c));
  await d('concession:set-stance', { concessionId: c.value.id, partyId: r.value.id, stance: 'demands', asOf: '2025-11-21' });
  await d('concession:create', { title: "Cap on Ukraine's armed forces at 600,000" });
  await page.reload();
  await importFiles(page, [join(F, 'html', 'wire-jsonld.html'), join(F, 'html', 'newspaper-ads.html'), join(F, 'text-outlets', 'cnn.txt'), join(F, 'text-outlets', 'bbc.txt'), join(F, 'html', 'russian.html')]);
  await shot(page, '01-import-done');
  await page.getByTestId('import-close').click();
  await shot(page, '02-documents');
  await cell(page, 'documents-grid', 'narrow gaps', 'title').dblclick();
  await page.getByTestId('reader-text').waitFor();
  await shot(page, '03-reader-after-dblclick');
  console.log('editing after dblclick:', await page.locator('.ag-cell-inline-editing').count());
  await selectInReader(page, 'We have a document that is better than the one we arrived with,');
  await page.keyboard.press('a');
  await page.getByTestId('field-source').fill('Senior Ukrainian official');
  await shot(page, '04-attribution-form');
  await page.keyboard.press('Escape');
  await selectInReader(page, 'Kremlin');
  await page.keyboard.press('p');
  await shot(page, '05-party-picker');
  await page.keyboard.press('Escape');
  for (const v of ['annotations', 'parties', 'sources', 'concessions']) {
    await page.getByTestId(`nav-${v}`).click();
    await page.waitForTimeout(600);
    await shot(page, `06-${v}`);
  }
  await page.getByTestId('export-button').click();
  await page.getByTestId('report-preview').click();
  await page.getByTestId('report-preview-frame').getByText('Donetsk').first().waitFor();
  await shot(page, '07-export-preview');
} catch (e) { console.error(e); await shot(page, '99-error'); }
finally { console.log(bench.errors); await bench.close(); }
