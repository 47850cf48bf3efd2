/**
 * End-to-end harness: the real built renderer, served by the real bridge over a real case file,
 * driven in Debian's Chromium through playwright-core (never a downloaded browser).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { createService, type ParleyService } from '../../electron/service/service';
import { tempDir } from '../helpers/temp';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

export interface Workbench {
  service: ParleyService;
  bridge: Bridge;
  browser: Browser;
  page: Page;
  casePath: string;
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(caseName = 'e2e.parley'): Promise<Workbench> {
  const staticDir = join(ROOT, 'dist', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` before the e2e tests');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  const casePath = join(tempDir('parley-e2e-'), caseName);
  const service = createService({ importWorkers: 2, log: () => {} });
  service.session.create(casePath);
  const bridge = await startBridge({ service, staticDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  // Offline always: any request that leaves the bridge fails the test.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(bridge.url)) return route.continue();
    errors.push(`external request: ${url}`);
    return route.abort();
  });
  await page.goto(bridge.launchUrl);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    service,
    bridge,
    browser,
    page,
    casePath,
    errors,
    async screenshot(name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      await browser.close();
      await bridge.close();
      await service.dispose();
    },
  };
}

/** The grid cell of a row whose first text column contains `text`. */
export function cell(page: Page, gridTestId: string, rowText: string, colId: string) {
  return page.locator(`[data-testid="${gridTestId}"] .ag-row`, { hasText: rowText }).locator(`.ag-cell[col-id="${colId}"]`).first();
}

/**
 * Select `phrase` in the reader's article with a DOM Range, as a drag would, then (unless told
 * not to) release the mouse over it so the page reacts as to a real selection.
 */
export async function selectInReader(page: Page, phrase: string, options: { mouseup?: boolean } = {}) {
  // tsx keeps function names with an `__name` helper the page does not have.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  await page.evaluate(
    ({ phrase, mouseup }) => {
      const root = document.querySelector('[data-testid="reader-text"]');
      if (!root) throw new Error('the reader is not open');
      // The article is split into runs; find the phrase across them.
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let all = '';
      const starts: number[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        starts.push(all.length);
        nodes.push(node as Text);
        all += node.textContent ?? '';
      }
      const at = all.indexOf(phrase);
      if (at === -1) throw new Error(`"${phrase}" is not in the article`);
      // A start sits in the run that begins at or before it; an end in the run it closes.
      const locate = (offset: number, isEnd: boolean) => {
        for (let i = 0; i < nodes.length; i++) {
          const start = starts[i]!;
          const end = start + (nodes[i]!.textContent?.length ?? 0);
          if (isEnd ? offset > start && offset <= end : offset >= start && offset < end) return { node: nodes[i]!, offset: offset - start };
        }
        throw new Error(`offset ${offset} is outside the article`);
      };
      const from = locate(at, false);
      const to = locate(at + phrase.length, true);
      const range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      if (mouseup) to.node.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    { phrase, mouseup: options.mouseup ?? true },
  );
}

/**
 * Import files as an analyst does in browser mode: Import… (or Import folder…) opens the page's
 * file chooser, which gets these files; then wait until the import panel says it has finished.
 */
export async function importFiles(page: Page, files: string[], options: { folder?: boolean; timeout?: number } = {}) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(options.folder ? 'import-folder-button' : 'import-button').click();
  await (await chooser).setFiles(files);
  await page.waitForFunction(() => /Import finished/.test(document.querySelector('[data-testid="import-panel"]')?.textContent ?? ''), null, {
    timeout: options.timeout ?? 60_000,
  });
}

/** Tick a grid row's selection checkbox. */
export async function checkRow(page: Page, gridTestId: string, rowText: string) {
  await page.locator(`[data-testid="${gridTestId}"] .ag-row`, { hasText: rowText }).locator('.ag-selection-checkbox input, input.ag-checkbox-input').first().check();
}
