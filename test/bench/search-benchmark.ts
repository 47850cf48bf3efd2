/**
 * Full-text search over a synthetic case: the service's `document:search` (parse, FTS5 MATCH with
 * bm25 ranking, snippets, JSON-ready rows) against the raw FTS5 query it wraps, side by side.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService } from '../../electron/service/service';
import type { NewDocument } from '../../electron/store/document-repository';

const VOCABULARY = (
  'ceasefire security guarantees territory Donetsk Luhansk Crimea sanctions negotiators Geneva Witkoff Kremlin Kyiv ' +
  'Brussels NATO membership army cap reconstruction frozen assets prisoners exchange referendum elections Zaporizhzhia ' +
  'nuclear plant corridor grain Black Sea monitoring mission peacekeepers Europe coalition envoy delegation framework ' +
  'draft points revised counter-proposal officials said talks meeting president minister statement interview briefing'
).split(' ');
const FILLER = 'the of and to in a on for with that as by at from was were is be has have had it this said would could'.split(' ');

/** Deterministic pseudo-random generator so every run measures the same case. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function syntheticArticle(index: number): NewDocument {
  const next = random(index + 1);
  const pick = (list: string[]) => list[Math.floor(next() * list.length)]!;
  const paragraphs: string[] = [];
  for (let p = 0; p < 8; p++) {
    const sentence: string[] = [];
    for (let w = 0; w < 60; w++) sentence.push(next() < 0.3 ? pick(VOCABULARY) : pick(FILLER));
    paragraphs.push(`${sentence.join(' ')}.`);
  }
  const text = `Article ${index}. ${paragraphs.join('\n\n')}`;
  return {
    title: `${pick(VOCABULARY)} ${pick(VOCABULARY)} talks, day ${index}`,
    byline: null,
    outlet: ['Reuters', 'AP', 'The Guardian', 'Meduza', 'Kyiv Independent'][index % 5]!,
    publishedAt: new Date(Date.UTC(2025, 10, 1) + (index % 60) * 86_400_000).toISOString().slice(0, 10),
    publishedPrecision: 'day',
    url: null,
    language: 'en',
    format: 'text',
    label: `synthetic-${index}.txt`,
    sourcePath: null,
    text,
    html: null,
    contentHash: createHash('sha256').update(text).digest('hex'),
    minhash: null,
    bandKeys: [],
    nearDuplicateOf: null,
  };
}

const QUERIES = ['ceasefire', 'security guarantees', '"frozen assets"', 'Donetsk Luhansk', 'Witkoff Kremlin', 'nuclear plant', 'peacekeep*', 'referendum elections'];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runSearchBenchmark(size: number, repetitions = 25) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-search-'));
  const service = createService({ log: () => {} });
  try {
    service.session.create(join(dir, 'search.parley'));
    const store = service.session.current();
    const insertStarted = performance.now();
    const batch = 500;
    for (let start = 0; start < size; start += batch) {
      for (let index = start; index < Math.min(size, start + batch); index++) {
        store.documents.insertImported({ fileName: `synthetic-${index}.txt`, sha256: `s${index}`, bytes: new Uint8Array([1]) }, [syntheticArticle(index)]);
      }
    }
    const insertMs = performance.now() - insertStarted;

    const serviceTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let round = 0; round < repetitions; round++) {
      for (const query of QUERIES) {
        let started = performance.now();
        const result = await service.dispatch('document:search', { query, limit: 50 });
        serviceTimes.push(performance.now() - started);
        if (!result.ok) throw new Error(result.error.message);
        started = performance.now();
        store.documents.rawSearch(query, 50);
        rawTimes.push(performance.now() - started);
      }
    }
    return {
      documents: size,
      insertPerSecond: Math.round(size / (insertMs / 1000)),
      searchP50Ms: round(percentile(serviceTimes, 50)),
      searchP95Ms: round(percentile(serviceTimes, 95)),
      rawFtsP50Ms: round(percentile(rawTimes, 50)),
      rawFtsP95Ms: round(percentile(rawTimes, 95)),
    };
  } finally {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
