/**
 * Suggestions as the product runs them (worker pool, case knowledge, storing pending rows): one
 * 2,000-word article on one worker, beside the engine called in this thread on the same text; and
 * a 1,000-article case suggested on two workers, beside importing the same 1,000 files (import's
 * own rate, measured in the same run). Targets from issue 13: ≤ 100 ms per 2,000-word article,
 * ≥ 30 articles/s for the batch.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from '../../electron/service/service';
import { caseKnowledge, storeRun } from '../../electron/service/suggestions';
import { createExtractionPool } from '../../electron/ingest/pool';
import { suggest, warmUp } from '../../electron/suggest/index';

const GOLD_DIR = fileURLToPath(new URL('../fixtures/suggest/', import.meta.url));
export const PIPELINE_TARGETS = { msPer2000WordArticle: 100, batchArticlesPerSecond: 30 };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The gold set's articles (written for Parley), as plain texts. */
function goldTexts(): string[] {
  return readdirSync(GOLD_DIR)
    .filter((name) => /^\d+-.*\.txt$/.test(name) && !name.endsWith('.marked.txt'))
    .sort()
    .map((name) => readFileSync(join(GOLD_DIR, name), 'utf8'));
}

/** About 2,000 words: gold articles one after another, as one long analysis. */
function article2000(texts: string[]): string {
  const parts: string[] = [];
  let words = 0;
  for (let i = 0; words < 2000; i++) {
    const text = texts[i % texts.length]!;
    parts.push(text);
    words += text.split(/\s+/).filter(Boolean).length;
  }
  return parts.join('\n\n');
}

export async function runSuggestPipelineBenchmark(options: { articles?: number } = {}) {
  const texts = goldTexts();
  const long = article2000(texts);
  const words = long.split(/\s+/).filter(Boolean).length;
  const dir = mkdtempSync(join(tmpdir(), 'parley-suggest-bench-'));
  try {
    // ---- one 2,000-word article, one worker ----
    warmUp();
    suggest(long);
    const inThread: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      suggest(long);
      inThread.push(performance.now() - started);
    }
    const pool = createExtractionPool({ size: 1 });
    const knowledge = { parties: [], sources: [], concessions: [], issueAreas: [], plans: [], rejected: [] };
    await pool.suggest('warm-up', long, knowledge);
    const viaWorker: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      const result = await pool.suggest('article', long, knowledge);
      viaWorker.push(performance.now() - started);
      if (!result.ok) throw new Error(result.error.message);
    }
    await pool.close();

    // Stored in a case: the engine's run plus what the service does around it (knowledge, pending rows).
    const single = createService({ backups: { onOpen: false, everyMinutes: 0 }, suggestOnImport: false, importWorkers: 1 });
    single.session.create(join(dir, 'single.parley'));
    const [stored] = await single.imports.importUpload('long.txt', Buffer.from(long));
    const store = single.session.current();
    const storing: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      storeRun(store, stored!.documentId!, long, suggest(long, caseKnowledge(store)));
      storing.push(performance.now() - started);
    }
    await single.dispose();

    // The batch's floor: the engine alone on its articles in this thread, times two cores.
    let engineMs = 0;
    for (const text of texts) {
      const at = performance.now();
      suggest(text);
      engineMs += performance.now() - at;
    }
    const engineMsPerArticle = engineMs / texts.length;

    // ---- a 1,000-article case on two workers, beside importing it ----
    const count = options.articles ?? 1000;
    const folder = join(dir, 'articles');
    rmSync(folder, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    for (let i = 0; i < count; i++) {
      const text = texts[i % texts.length]!;
      // A sentence of its own in the body, so every file is a new document (no exact duplicates).
      const [title, ...body] = text.split('\n\n');
      writeFileSync(join(folder, `article-${String(i).padStart(4, '0')}.txt`), [title, `This is update ${i + 1} of the story, filed as the talks went on.`, ...body].join('\n\n'));
    }
    const service = createService({ backups: { onOpen: false, everyMinutes: 0 }, suggestOnImport: false, importWorkers: 2 });
    service.session.create(join(dir, 'batch.parley'));
    service.imports.warmUp();
    let started = performance.now();
    const results = await service.imports.importPaths([folder]);
    const importSeconds = (performance.now() - started) / 1000;
    const imported = results.filter((result) => result.status === 'imported').length;
    started = performance.now();
    await service.call('suggestion:run', {});
    const progress = await service.suggestions.idle();
    const suggestSeconds = (performance.now() - started) / 1000;
    const pending = service.session.current().suggestions.pendingCounts().reduce((sum, entry) => sum + entry.pending, 0);
    await service.dispose();

    return {
      article: {
        words,
        msInWorker: round(median(viaWorker)),
        msEngineInThread: round(median(inThread)),
        msStoredInCase: round(median(storing)),
        target: PIPELINE_TARGETS.msPer2000WordArticle,
      },
      batch: {
        articles: imported,
        workers: 2,
        suggestedPerSecond: round(progress.done / suggestSeconds),
        importedPerSecond: round(imported / importSeconds),
        /** Two cores running nothing but the engine on these articles (measured in this thread, now). */
        engineFloorPerSecond: round((2 * 1000) / engineMsPerArticle),
        engineMsPerArticle: round(engineMsPerArticle),
        suggestions: pending,
        state: progress.state,
        target: PIPELINE_TARGETS.batchArticlesPerSecond,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function summarisePipeline(result: Awaited<ReturnType<typeof runSuggestPipelineBenchmark>>): string[] {
  const { article, batch } = result;
  return [
    `suggestions for a ${article.words}-word article: ${article.msInWorker} ms in a worker (engine alone ${article.msEngineInThread} ms; stored in a case ${article.msStoredInCase} ms), target ≤ ${article.target} ms`,
    `suggestions for ${batch.articles} articles on ${batch.workers} workers: ${batch.suggestedPerSecond} articles/s (${batch.suggestions} pending), beside importing them at ${batch.importedPerSecond} articles/s and the engine alone on two cores at ${batch.engineFloorPerSecond}/s (${batch.engineMsPerArticle} ms an article, measured now); target ≥ ${batch.target}/s`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runSuggestPipelineBenchmark();
  console.log(JSON.stringify(result, null, 2));
  console.error(summarisePipeline(result).join('\n'));
}
