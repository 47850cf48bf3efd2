/**
 * Grid speed, side by side in one Chromium: Parley's Annotations grid over N annotations (paged
 * through the contract) against a bare AG Grid handed the same rows, and an inline edit from Enter
 * to the stored value showing in the cell.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startBridge } from '../../electron/bridge/server';
import { createService } from '../../electron/service/service';
import { syntheticArticle } from './search-benchmark';
import { rawDatabase } from '../../electron/store/raw-database';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TYPES = ['attribution', 'party_mention', 'concession_evidence', 'note'] as const;

function seedAnnotations(service: ReturnType<typeof createService>, count: number): void {
  const store = service.session.current();
  const party = store.parties.create({ name: 'Russia', kind: 'state', aliases: ['Kremlin'], affiliationId: null, color: null, notes: null });
  const source = store.sources.create({ name: 'Dmitry Peskov', role: 'Kremlin spokesman', partyId: party.id, anonymous: false, defaultReliability: 'B', notes: null });
  const documents = Array.from({ length: 100 }, (_, index) => {
    const [outcome] = store.documents.insertImported({ fileName: `d${index}.txt`, sha256: `g${index}`, bytes: new Uint8Array([1]) }, [syntheticArticle(index)]);
    return { id: (outcome as { documentId: string }).documentId, text: syntheticArticle(index).text };
  });
  // Bulk seeding straight into the table: the benchmark measures reading, not 100k audited creates.
  const insert = rawDatabase(store).prepare(
    `INSERT INTO annotations (id, document_id, type, exact, prefix, suffix, start_offset, end_offset, note, source_id, credibility, party_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, '', '', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  rawDatabase(store).transaction(() => {
    for (let index = 0; index < count; index++) {
      const document = documents[index % documents.length]!;
      const start = (index * 37) % (document.text.length - 80);
      const type = TYPES[index % TYPES.length]!;
      const at = new Date(Date.UTC(2025, 10, 1) + index * 1000).toISOString();
      insert.run(
        `01900000-0000-7000-8000-${String(index).padStart(12, '0')}`,
        document.id,
        type,
        document.text.slice(start, start + 60),
        start,
        start + 60,
        index % 7 === 0 ? `note ${index}` : null,
        type === 'attribution' ? source.id : null,
        type === 'attribution' ? 1 + (index % 6) : null,
        type === 'party_mention' ? party.id : null,
        at,
        at,
      );
    }
  })();
}

async function bareGridPage(dir: string, rowsJson: string): Promise<{ server: Server; url: string }> {
  await build({
    stdin: {
      contents: `
        import { AllCommunityModule, ModuleRegistry, createGrid } from 'ag-grid-community';
        ModuleRegistry.registerModules([AllCommunityModule]);
        window.showGrid = async () => {
          const started = performance.now();
          const rows = await (await fetch('/rows.json')).json();
          const columnDefs = ['documentTitle', 'type', 'exact', 'sourceName', 'partyName', 'credibility', 'note'].map((field) => ({ field }));
          createGrid(document.getElementById('grid'), { rowData: rows, columnDefs, theme: 'legacy' });
          await new Promise((resolve) => {
            const check = () => (document.querySelector('.ag-row .ag-cell') ? resolve(null) : requestAnimationFrame(check));
            check();
          });
          return performance.now() - started;
        };`,
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    minify: true,
    outfile: join(dir, 'bare.js'),
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><link rel="stylesheet" href="/ag.css"></head><body><div id="grid" class="ag-theme-quartz" style="height:700px"></div><script src="/bare.js"></script></body></html>`);
  const css = (await import('node:fs')).readFileSync(join(ROOT, 'node_modules/ag-grid-community/styles/ag-grid.css'), 'utf8');
  const theme = (await import('node:fs')).readFileSync(join(ROOT, 'node_modules/ag-grid-community/styles/ag-theme-quartz.css'), 'utf8');
  const files: Record<string, [string, string]> = {
    '/': ['text/html', (await import('node:fs')).readFileSync(join(dir, 'index.html'), 'utf8')],
    '/bare.js': ['text/javascript', (await import('node:fs')).readFileSync(join(dir, 'bare.js'), 'utf8')],
    '/ag.css': ['text/css', `${css}\n${theme}`],
    '/rows.json': ['application/json', rowsJson],
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? '/'];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': file[0] }).end(file[1]);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

export async function runGridBenchmark(size: number) {
  const staticDir = join(ROOT, 'dist', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first');
  if (!existsSync('/usr/bin/chromium')) throw new Error('Chromium not found at /usr/bin/chromium');
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-grid-'));
  const service = createService({ log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  let bare: { server: Server; url: string } | null = null;
  try {
    service.session.create(join(dir, 'grid.parley'));
    const seedStarted = performance.now();
    seedAnnotations(service, size);
    const seedMs = performance.now() - seedStarted;

    // The same rows, as the contract returns them, for the bare grid.
    const rows: unknown[] = [];
    for (let offset = 0; offset < size; offset += 5000) {
      const page = await service.dispatch('annotation:list', { offset, limit: 5000 });
      if (!page.ok) throw new Error(page.error.message);
      rows.push(...(page.value as { rows: unknown[] }).rows);
    }
    mkdirSync(join(dir, 'bare'));
    bare = await bareGridPage(join(dir, 'bare'), JSON.stringify(rows));

    const bridge = await startBridge({ service, staticDir });
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    page.on('crash', () => console.error('[grid-benchmark] the Parley page crashed'));
    page.on('pageerror', (error) => console.error('[grid-benchmark] page error', error.message));
    const parleyRuns: number[] = [];
    const bareRuns: number[] = [];
    const editRuns: number[] = [];
    for (let round = 0; round < 3; round++) {
      // Parley: from choosing the Annotations view to its first rows on screen.
      await page.goto(bridge.launchUrl);
      await page.getByTestId('nav-documents').waitFor();
      // The app reopens the last view: start from Documents, or rounds after the first would time
      // an Annotations grid that is already on screen (they read 0 ms).
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('documents-grid').waitFor();
      if ((await page.locator('[data-testid="annotations-grid"]').count()) > 0) throw new Error('the Annotations grid is on screen before it was chosen');
      // Strings, not functions: tsx's compiled helpers (__name) do not exist inside the page.
      const parleyMs = (await page.evaluate(`(async () => {
        const started = performance.now();
        document.querySelector('[data-testid="nav-annotations"]').click();
        await new Promise((resolve) => {
          const check = () => (document.querySelector('[data-testid="annotations-grid"] .ag-row .ag-cell[col-id="exact"]')?.textContent ? resolve(null) : requestAnimationFrame(check));
          check();
        });
        return performance.now() - started;
      })()`)) as number;
      parleyRuns.push(parleyMs);
      if (process.env.PARLEY_BENCH_DEBUG) console.error("[grid-benchmark] parley first rows", parleyMs);

      // Inline edit: Enter → stored through the contract → the grid shows the stored value.
      const value = `edited ${round}`;
      const cell = page.locator('[data-testid="annotations-grid"] .ag-row[row-index="0"] .ag-cell[col-id="note"]').first();
      await cell.dblclick();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(value);
      // Timed inside the page: from the Enter keydown to the stored value showing in a settled cell.
      await page.evaluate(`(() => {
        const expected = ${JSON.stringify(value)};
        window.__editStart = 0;
        window.__editDone = new Promise((resolve) => {
          document.addEventListener('keydown', (event) => { if (event.key === 'Enter' && !window.__editStart) window.__editStart = performance.now(); }, true);
          const check = () => {
            const shown = document.querySelector('[data-testid="annotations-grid"] .ag-row[row-index="0"] .ag-cell[col-id="note"]')?.textContent;
            if (window.__editStart && shown === expected && !document.querySelector('.ag-cell-inline-editing')) resolve(performance.now() - window.__editStart);
            else requestAnimationFrame(check);
          };
          check();
        });
      })()`);
      await page.keyboard.press('Enter');
      if (process.env.PARLEY_BENCH_DEBUG) console.error('[grid-benchmark] pressed Enter');
      const editMs = (await page.evaluate('window.__editDone')) as number;
      editRuns.push(editMs);

      const barePage = await browser.newPage({ viewport: { width: 1360, height: 820 } });
      await barePage.goto(bare.url);
      bareRuns.push((await barePage.evaluate('window.showGrid()')) as number);
      await barePage.close();
    }
    const stored = rawDatabase(service.session.current()).prepare("SELECT count(*) AS n FROM annotations WHERE note LIKE 'edited %'").get() as { n: number };
    await bridge.close();
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const parleyFirstRowsMs = Math.round(median(parleyRuns));
    const bareFirstRowsMs = Math.round(median(bareRuns));
    const inlineEditMs = Math.round(median(editRuns) * 10) / 10;
    return {
      annotations: size,
      seedMs: Math.round(seedMs),
      parleyFirstRowsMs,
      bareGridFirstRowsMs: bareFirstRowsMs,
      ratio: Math.round((parleyFirstRowsMs / bareFirstRowsMs) * 100) / 100,
      inlineEditMs,
      editsStored: stored.n,
      summary: `grid over ${size} annotations: first rows ${parleyFirstRowsMs} ms vs bare AG Grid ${bareFirstRowsMs} ms (×${(parleyFirstRowsMs / bareFirstRowsMs).toFixed(2)}); inline edit ${inlineEditMs} ms`,
    };
  } finally {
    await browser.close();
    bare?.server.close();
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const size = Number(process.argv[2] ?? 100_000);
  console.log(JSON.stringify(await runGridBenchmark(size), null, 2));
}
