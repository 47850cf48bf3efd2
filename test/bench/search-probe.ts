/**
 * Runs in its own process (so its peak RSS is the service's alone): opens a large case, searches it
 * through the contract and through the bare FTS5 queries underneath, uses the other case-wide
 * reads once, and prints one JSON line of figures.
 *
 *   node --import tsx test/bench/search-probe.ts <case.parley> [--rounds N]
 */
import { createService } from '../../electron/service/service';
import { parseSearchQuery } from '../../shared/search-query';

/** Common and rare words, phrases, prefixes, operators: what an analyst types. */
export const QUERIES = [
  'ceasefire',
  'security guarantees',
  '"frozen assets"',
  'Donetsk Luhansk',
  'Witkoff NEAR Kremlin',
  '"nuclear plant"',
  'peacekeep*',
  'referendum elections',
  'Kremlin OR Moscow',
  'talks NOT Geneva',
  'government',
  'said',
  'police investigation',
  'climate',
  'elect*',
  '"prime minister"',
];

const path = process.argv[2];
if (!path) throw new Error('usage: search-probe.ts <case.parley> [--rounds N]');
const roundsIndex = process.argv.indexOf('--rounds');
const rounds = roundsIndex > 0 ? Number(process.argv[roundsIndex + 1]) : 10;
const LIMIT = 50;

const service = createService({ backups: { onOpen: false, everyMinutes: 0 }, log: () => {} });
const openStarted = performance.now();
service.session.open(path);
const openMs = performance.now() - openStarted;
const store = service.session.current();

const series: Record<string, number[]> = {
  contractAll: [],
  contractDocuments: [],
  contractNewest: [],
  contractRankAll: [],
  rawRankedSnippets: [],
  rawRanked: [],
  rawUnranked: [],
};
const time = (name: string, work: () => unknown) => {
  const started = performance.now();
  work();
  series[name]!.push(performance.now() - started);
};
let firstHitCount = 0;

// One warm-up pass (page cache, prepared statements), then the measured rounds.
for (let round = -1; round < rounds; round++) {
  for (const query of QUERIES) {
    const fts = parseSearchQuery(query).fts;
    const contract = async (input: Record<string, unknown>) => {
      const started = performance.now();
      const result = await service.dispatch('document:search', { query, limit: LIMIT, ...input });
      const elapsed = performance.now() - started;
      if (!result.ok) throw new Error(`${query}: ${result.error.message}`);
      return { elapsed, value: result.value as { documents: unknown[] } };
    };
    const all = await contract({});
    const documents = await contract({ scope: 'documents' });
    const newest = await contract({ scope: 'documents', sort: 'newest' });
    const rankAll = await contract({ scope: 'documents', rankAll: true });
    if (round < 0) {
      firstHitCount += documents.value.documents.length;
      continue;
    }
    series.contractAll!.push(all.elapsed);
    series.contractDocuments!.push(documents.elapsed);
    series.contractNewest!.push(newest.elapsed);
    series.contractRankAll!.push(rankAll.elapsed);
    time('rawRankedSnippets', () => store.search.rawDocumentMatch(fts, LIMIT, { ranked: true, snippets: true }));
    time('rawRanked', () => store.search.rawDocumentMatch(fts, LIMIT, { ranked: true, snippets: false }));
    time('rawUnranked', () => store.search.rawDocumentMatch(fts, LIMIT, { ranked: false, snippets: false }));
  }
}

// The other case-wide reads a session makes once: the document and annotation grids, the filters.
const viewsStarted = performance.now();
await service.call('document:list', {});
await service.call('annotation:list', {});
await service.call('search:filters', {});
const viewsMs = performance.now() - viewsStarted;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const round2 = (value: number) => Math.round(value * 100) / 100;
const figures: Record<string, unknown> = {
  documents: store.counts().documents,
  annotations: store.counts().annotations,
  queries: QUERIES.length,
  rounds,
  limit: LIMIT,
  hitsPerQuery: round2(firstHitCount / QUERIES.length),
  openMs: round2(openMs),
  viewsOnceMs: round2(viewsMs),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
for (const [name, values] of Object.entries(series)) {
  figures[`${name}P50Ms`] = round2(percentile(values, 50));
  figures[`${name}P95Ms`] = round2(percentile(values, 95));
}
await service.dispose();
process.stdout.write(`${JSON.stringify(figures)}\n`);
