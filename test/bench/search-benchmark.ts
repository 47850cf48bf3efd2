/**
 * Full-text search at scale: a generated case (test/bench/large-case.ts: real paragraphs with
 * natural term frequencies, two annotations per article) opened in a fresh process
 * (test/bench/search-probe.ts), searched through the contract's `document:search` beside the bare
 * FTS5 queries it wraps (the same MATCH, ranked with snippets, ranked, unranked; the same LIMIT),
 * with the time to open the case and the process's peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { largeCase } from './large-case';

export { syntheticArticle } from './large-case';

const HERE = dirname(fileURLToPath(import.meta.url));

export async function runSearchBenchmark(size: number, rounds = 10): Promise<Record<string, unknown>> {
  const generateStarted = performance.now();
  const path = largeCase(size, (line) => process.stderr.write(`${line}\n`));
  const generatedMs = performance.now() - generateStarted;
  const output = execFileSync(process.execPath, ['--import', 'tsx', resolve(HERE, 'search-probe.ts'), path, '--rounds', String(rounds)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const figures = JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, unknown>;
  return { ...figures, case: path, generatedOrCachedMs: Math.round(generatedMs) };
}
