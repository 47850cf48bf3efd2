import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { XSS_PAYLOADS } from '../fixtures/xss/payloads';
import { tempDir } from '../helpers/temp';
import { importFiles, openWorkbench, type Workbench } from './harness';

/**
 * Hostile text everywhere an analyst's data can appear: article bodies, titles and bylines (as
 * markup and as text), party and source names, notes. Nothing may ever run: no alert, no dialog,
 * no script element from the data, no request leaving the app.
 */
let bench: Workbench;
const dialogs: string[] = [];

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

before(async () => {
  bench = await openWorkbench('xss.parley');
  bench.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // A string, not a function: tsx's compiled helpers would not exist inside the page.
  await bench.page.addInitScript(`
    window.__xss = [];
    window.alert = (message) => window.__xss.push(String(message));
    window.confirm = (message) => (window.__xss.push(String(message)), false);
    window.prompt = (message) => (window.__xss.push(String(message)), null);
  `);
  await bench.page.reload();
});
after(async () => {
  await bench?.close();
});

async function ranPayloads(): Promise<string[]> {
  const recorded = await bench.page.evaluate(() => (window as unknown as { __xss?: string[] }).__xss ?? []);
  return [...recorded, ...dialogs].filter((message) => message.includes('xss-'));
}

describe('XSS corpus: nothing from the data ever runs', () => {
  it('imports articles carrying every payload in body markup, title and byline', async () => {
    const dir = tempDir();
    const files = XSS_PAYLOADS.map((payload, index) => {
      const path = join(dir, `hostile-${index + 1}.html`);
      writeFileSync(
        path,
        `<!doctype html><html><head><title>${escapeText(payload)} | Hostile Daily</title>
        <meta name="author" content="${payload.replace(/"/g, '&quot;')}">
        <meta property="og:site_name" content="${escapeText(payload).replace(/"/g, '&quot;')}"></head>
        <body onload="alert('xss-body-${index}')"><article><h1>${escapeText(payload)}</h1>
        <p>Negotiators in Geneva discussed the revised framework on Sunday, article ${index + 1} of the hostile set, with a long enough body to be an article.</p>
        ${payload}
        <p>Officials said the text would leave territory to the presidents. ${payload}</p>
        <p>A further round of talks could take place within days, according to two people familiar with the plans.</p>
        </article></body></html>`,
      );
      return path;
    });
    await importFiles(bench.page, files, { timeout: 120_000 });
    await bench.screenshot('30-xss-imported');
    assert.deepEqual(await ranPayloads(), []);
  });

  it('shows every document in the grid and the reader without running anything', async () => {
    const { page } = bench;
    await page.getByTestId('import-close').click();
    const documents = bench.service.session.current().documents.list();
    assert.ok(documents.length >= XSS_PAYLOADS.length - 2, 'the hostile articles were imported');
    for (const document of documents.slice(0, 12)) {
      await page.locator(`[data-testid="documents-grid"] .ag-row[row-id="${document.id}"] .ag-cell[col-id="title"]`).dblclick();
      await page.getByTestId('reader-text').waitFor();
      await page.getByTestId('reader-original').click();
      await page.getByTestId('reader-original-text').waitFor();
      await page.getByTestId('reader-cleaned').click();
    }
    await bench.screenshot('31-xss-reader');
    assert.deepEqual(await ranPayloads(), []);
    assert.equal(await page.locator('#root script, #root iframe, #root object, #root embed, #root img[onerror]').count(), 0);
  });

  it('stores display HTML with nothing executable', () => {
    const store = bench.service.session.current();
    for (const summary of store.documents.list()) {
      const html = store.documents.get(summary.id).html ?? '';
      // Parse it as a browser would; escaped payload text is fine, live markup is not.
      const { document } = new JSDOM(`<body>${html}</body>`).window;
      const dangerous = document.querySelectorAll('script, iframe, object, embed, svg, math, style, form, base, meta, link, template, img, video, audio');
      assert.equal(dangerous.length, 0, `${summary.label}: ${html.slice(0, 200)}`);
      for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
          assert.doesNotMatch(attribute.name, /^on/i, summary.label);
          if (/^(href|src|action|formaction|xlink:href|style)$/i.test(attribute.name)) {
            assert.doesNotMatch(attribute.value.replace(/[\s\u0000-\u001f]/g, ''), /^(javascript|data|vbscript):|expression\(/i, summary.label);
          }
        }
      }
    }
  });

  it('shows payloads typed as party and source names as plain text', async () => {
    const { page } = bench;
    for (const payload of XSS_PAYLOADS.slice(0, 12)) {
      const party = await bench.service.dispatch('party:create', { name: payload.slice(0, 300), kind: 'other', aliases: [] });
      assert.ok(party.ok || party.error.code === 'conflict' || party.error.code === 'invalid_input', JSON.stringify(party));
      await bench.service.dispatch('source:create', { name: payload.slice(0, 300), role: payload.slice(0, 300), notes: payload });
    }
    await page.getByTestId('nav-parties').click();
    await page.locator('[data-testid="parties-grid"] .ag-row').first().waitFor();
    await page.getByTestId('nav-sources').click();
    await page.locator('[data-testid="sources-grid"] .ag-row').first().waitFor();
    await bench.screenshot('32-xss-sources');
    assert.match(await page.locator('[data-testid="sources-grid"]').innerText(), /<script>alert\('xss-1'\)<\/script>/, 'shown literally, as text');
    assert.deepEqual(await ranPayloads(), []);
  });

  it('previews and exports reports and data without running anything', async () => {
    const { page } = bench;
    await bench.service.dispatch('concession:create', { title: XSS_PAYLOADS[1]!, status: 'proposed' });
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-panel').waitFor();
    await page.getByTestId('report-summary').fill(XSS_PAYLOADS[0]!);
    await page.getByTestId('report-preview').click();
    await page.getByTestId('report-preview-frame').getByText('Appendix: sources').first().waitFor({ timeout: 30_000 });
    await bench.screenshot('33-xss-report-preview');
    assert.deepEqual(await ranPayloads(), []);
    assert.equal(await page.locator('[data-testid="report-preview-frame"] script, [data-testid="report-preview-frame"] img').count(), 0);

    const report = await bench.service.dispatch('report:render', { format: 'html', scope: {}, summary: XSS_PAYLOADS[0]!, sections: ['title', 'concessions', 'parties', 'sources', 'documents', 'articles'] });
    assert.ok(report.ok);
    const html = Buffer.from((report.value as { dataBase64: string }).dataBase64, 'base64').toString('utf8');
    const { document } = new JSDOM(html).window;
    assert.equal(document.querySelectorAll('script, iframe, object, embed, img, svg, math, form, base').length, 0);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) assert.doesNotMatch(attribute.name, /^on/i);
      const href = element.getAttribute('href');
      if (href) assert.match(href, /^(#|https?:)/, `only anchors and http(s) citations, not ${href}`);
    }
    for (const format of ['md', 'docx', 'json', 'w3c', 'xlsx'] as const) {
      const channel = format === 'md' || format === 'docx' ? 'report:render' : 'export:data';
      const result = await bench.service.dispatch(channel, { format, scope: {} });
      assert.ok(result.ok, `${format}: ${JSON.stringify(result)}`);
    }
    await page.keyboard.press('Escape');
  });

  it('made no external request and raised no page error', () => {
    assert.deepEqual(bench.errors.filter((error) => !error.includes('favicon')), []);
  });
});
