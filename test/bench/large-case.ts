/**
 * A large synthetic case for the search and scale benchmarks, with natural term frequencies:
 * articles recombine real paragraphs from the public extraction corpus (../shared/corpora), plus
 * negotiation phrases drawn with Zipfian odds (a few in many articles, most in few), so common and
 * rare query terms behave as in a real case. 200,000 annotations (two per article) quote real
 * spans, with notes, parties, sources and tags. Generated once per size and generator version
 * under the system's temp folder, since 100k articles take minutes on a small machine.
 *
 *   node --import tsx test/bench/large-case.ts --size 100000    (prints the cached case's path)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NewDocument } from '../../electron/store/document-repository';
import { Store } from '../../electron/store/index';
import { rawDatabase } from '../../electron/store/raw-database';

/** Bump when the generated case changes; the cache key also covers the schema (migration files). */
export const GENERATOR_VERSION = 2;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Beside the checkout (../shared), or beside the folder of worktrees it sits in (../../shared).
const CORPUS =
  [process.env.PARLEY_CORPORA, resolve(ROOT, '..', 'shared', 'corpora'), resolve(ROOT, '..', '..', 'shared', 'corpora')]
    .filter((dir): dir is string => Boolean(dir))
    .map((dir) => resolve(dir, 'article-extraction-benchmark', 'ground-truth.json'))
    .find((file) => existsSync(file)) ?? resolve(ROOT, '..', 'shared', 'corpora', 'article-extraction-benchmark', 'ground-truth.json');

/** Negotiation phrases, most frequent first: the i-th appears in an article with odds ~ 0.35 / (i+1)^0.9. */
const TOPICAL = [
  'officials said the ceasefire would hold',
  'talks on security guarantees resumed',
  'the Kremlin said',
  'negotiators met in Geneva',
  'sanctions relief was discussed',
  'the 28-point plan',
  'troops along the front line in Donetsk',
  'frozen assets held in Europe',
  'Luhansk and Donetsk regions',
  'a prisoner exchange was agreed',
  'the Zaporizhzhia nuclear plant',
  'peacekeepers from a coalition of the willing',
  'Witkoff met Kremlin officials',
  'NATO membership was ruled out',
  'an army cap of 600,000',
  'a referendum and elections within 100 days',
  'the Black Sea grain corridor',
  'reconstruction funds',
  'a monitoring mission on the line of contact',
  'the 19-point revision',
  'a counter-proposal from European capitals',
  'the envoy briefed reporters',
  'a demilitarised zone',
  'humanitarian corridors for civilians',
  'the energy infrastructure truce',
];
const OUTLETS = ['Reuters', 'AP', 'AFP', 'BBC', 'The Guardian', 'Financial Times', 'The New York Times', 'The Washington Post', 'Politico', 'Meduza', 'Kyiv Independent', 'Novaya Gazeta', 'TASS', 'RIA Novosti', 'Le Monde', 'Der Spiegel', 'Al Jazeera', 'Bloomberg', 'The Economist', 'Ukrainska Pravda'];
const ANNOTATION_TYPES = ['attribution', 'party_mention', 'concession_evidence', 'note'] as const;

/** Deterministic pseudo-random numbers, so every run builds the same case. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

let paragraphs: string[] | null = null;
let zipfWords: { words: string[]; cumulative: Float64Array } | null = null;

/** Real English paragraphs from the corpus; a Zipfian word salad where the corpus is absent. */
function corpusParagraphs(): string[] {
  if (paragraphs) return paragraphs;
  if (existsSync(CORPUS)) {
    const truth = JSON.parse(readFileSync(CORPUS, 'utf8')) as Record<string, { articleBody: string }>;
    paragraphs = Object.values(truth)
      .flatMap((entry) => entry.articleBody.split(/\n+/))
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph.split(/\s+/).length >= 8 && /^[\x20-\x7e\u2018-\u201d\u2013\u2014]*$/.test(paragraph));
  } else {
    const next = random(7);
    const { words, cumulative } = zipf();
    paragraphs = Array.from({ length: 3000 }, () => {
      const length = 20 + Math.floor(next() * 40);
      return `${Array.from({ length }, () => pickZipf(words, cumulative, next())).join(' ')}.`;
    });
  }
  return paragraphs;
}

/** The corpus's own vocabulary (or a generated one), with Zipfian weights by frequency rank. */
function zipf(): { words: string[]; cumulative: Float64Array } {
  if (zipfWords) return zipfWords;
  let words: string[];
  if (existsSync(CORPUS) && paragraphs) {
    const counts = new Map<string, number>();
    for (const paragraph of paragraphs) for (const word of paragraph.toLowerCase().match(/[a-z]{3,}/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
    words = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  } else {
    const syllables = ['ka', 'ro', 'mi', 'ste', 'lan', 'vo', 'dri', 'pe', 'nu', 'sha', 'tor', 'bel', 'qui', 'zan', 'go', 'fre'];
    const next = random(3);
    words = Array.from({ length: 20_000 }, () => Array.from({ length: 2 + Math.floor(next() * 3) }, () => syllables[Math.floor(next() * syllables.length)]).join(''));
  }
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let rank = 0; rank < words.length; rank++) cumulative[rank] = total += 1 / (rank + 1);
  for (let rank = 0; rank < words.length; rank++) cumulative[rank]! /= total;
  zipfWords = { words, cumulative };
  return zipfWords;
}

function pickZipf(words: string[], cumulative: Float64Array, value: number): string {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return words[low]!;
}

/** Article `index` of the synthetic case (deterministic). */
export function syntheticArticle(index: number): NewDocument {
  const next = random(index * 2654435761 + 17);
  const pool = corpusParagraphs();
  const { words, cumulative } = zipf();
  const chosen: string[] = [];
  const count = 4 + Math.floor(next() * 6);
  for (let p = 0; p < count; p++) chosen.push(pool[Math.floor(next() * pool.length)]!);
  // Negotiation phrases with Zipfian odds, each dropped into a paragraph as its own sentence.
  for (let rank = 0; rank < TOPICAL.length; rank++) {
    if (next() < 0.35 / (rank + 1) ** 0.9) {
      const at = Math.floor(next() * chosen.length);
      chosen[at] = `${chosen[at]} ${TOPICAL[rank]!.charAt(0).toUpperCase()}${TOPICAL[rank]!.slice(1)}.`;
    }
  }
  // One sentence of rarer words from the corpus's own vocabulary, so the long tail exists.
  const tail = Array.from({ length: 12 }, () => pickZipf(words, cumulative, next() ** 0.35)).join(' ');
  chosen.push(`${tail.charAt(0).toUpperCase()}${tail.slice(1)}.`);
  const text = chosen.join('\n\n');
  const firstWords = chosen[0]!.split(/\s+/).slice(0, 8).join(' ').replace(/[.,;:]$/, '');
  const day = Math.floor(next() * 730);
  return {
    title: `${firstWords} (${index})`,
    byline: null,
    outlet: OUTLETS[Math.min(OUTLETS.length - 1, Math.floor(OUTLETS.length * next() ** 2))]!,
    publishedAt: new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
    publishedPrecision: 'day',
    url: null,
    language: 'en',
    format: 'text',
    label: `synthetic-${index}.txt`,
    sourcePath: null,
    text,
    html: null,
    contentHash: createHash('sha256').update(`${index}\n${text}`).digest('hex'),
    minhash: null,
    bandKeys: [],
    nearDuplicateOf: null,
  };
}

function cacheKey(size: number): string {
  const migrations = readdirSync(resolve(ROOT, 'electron', 'store', 'migrations')).sort().join(',');
  const hash = createHash('sha256').update(`${GENERATOR_VERSION}|${migrations}|${existsSync(CORPUS)}`).digest('hex').slice(0, 12);
  return `search-${size}-${hash}`;
}

/** The cached case of `size` articles (2 annotations each), generating it first if needed. */
export function largeCase(size: number, log: (line: string) => void = () => {}): string {
  const dir = join(tmpdir(), 'parley-bench-cache');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${cacheKey(size)}.parley`);
  if (existsSync(path)) return path;
  const building = `${path}.building-${process.pid}`;
  rmSync(building, { force: true });
  const started = performance.now();
  const store = Store.create(building, {}, { analyst: { id: '01900000-0000-7000-8000-000000000001', name: 'Bench' } });
  const db = rawDatabase(store);
  const at = '2026-01-01T00:00:00.000Z';
  const id = (prefix: number, index: number) => `0190${prefix.toString(16).padStart(4, '0')}-0000-7000-8000-${index.toString(16).padStart(12, '0')}`;
  const parties = Array.from({ length: 50 }, (_, index) => id(1, index));
  const sources = Array.from({ length: 500 }, (_, index) => id(2, index));
  const tags = Array.from({ length: 20 }, (_, index) => id(3, index));
  db.transaction(() => {
    const party = db.prepare("INSERT INTO parties (id, name, kind, created_at, updated_at) VALUES (?, ?, 'state', ?, ?)");
    parties.forEach((partyId, index) => party.run(partyId, `Party ${index}`, at, at));
    const source = db.prepare('INSERT INTO sources (id, name, party_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    sources.forEach((sourceId, index) => source.run(sourceId, `Source ${index}`, parties[index % parties.length], at, at));
    const tag = db.prepare('INSERT INTO tags (id, name) VALUES (?, ?)');
    tags.forEach((tagId, index) => tag.run(tagId, `tag-${index}`));
  })();
  // Straight into the tables: the benchmark measures reading a big case, not 300k audited creates.
  const insertDocument = db.prepare(
    `INSERT INTO documents (id, title, byline, outlet, published_at, published_precision, url, language, format, label, text, word_count, content_hash, imported_at, updated_at)
     VALUES (?, ?, NULL, ?, ?, 'day', NULL, 'en', 'text', ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnnotation = db.prepare(
    `INSERT INTO annotations (id, document_id, type, exact, start_offset, end_offset, note, source_id, party_id, stance_party_id, reliability, credibility, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTag = db.prepare('INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)');
  const { words, cumulative } = zipf();
  const batch = 2_000;
  for (let start = 0; start < size; start += batch) {
    db.transaction(() => {
      for (let index = start; index < Math.min(size, start + batch); index++) {
        const article = syntheticArticle(index);
        const documentId = id(4, index);
        insertDocument.run(documentId, article.title, article.outlet, article.publishedAt, article.label, article.text, article.text.split(/\s+/).length, article.contentHash, at, at);
        const next = random(index + 99);
        for (let n = 0; n < 2; n++) {
          const annotationIndex = index * 2 + n;
          const type = ANNOTATION_TYPES[annotationIndex % ANNOTATION_TYPES.length]!;
          let from = Math.floor(next() * Math.max(1, article.text.length - 200));
          from = article.text.indexOf(' ', from) + 1;
          const length = 40 + Math.floor(next() * 160);
          let to = article.text.lastIndexOf(' ', from + length);
          if (to <= from) to = Math.min(article.text.length, from + length);
          const note = next() < 0.25 ? Array.from({ length: 8 }, () => pickZipf(words, cumulative, next() ** 0.5)).join(' ') : null;
          const annotationId = id(5, annotationIndex);
          insertAnnotation.run(
            annotationId,
            documentId,
            type,
            article.text.slice(from, to),
            from,
            to,
            note,
            type === 'attribution' ? sources[Math.floor(sources.length * next() ** 2)] : null,
            type === 'party_mention' ? parties[Math.floor(parties.length * next() ** 2)] : null,
            type === 'concession_evidence' ? parties[Math.floor(parties.length * next() ** 2)] : null,
            type === 'attribution' ? 'ABCDEF'[Math.floor(next() * 6)] : null,
            type === 'attribution' ? 1 + Math.floor(next() * 6) : null,
            at,
            at,
          );
          if (next() < 0.1) insertTag.run(annotationId, tags[Math.floor(tags.length * next() ** 2)]);
        }
      }
    })();
    if ((start / batch) % 10 === 0) log(`  generating: ${Math.min(size, start + batch)} / ${size} articles (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  // Records seeded raw have no operations; a bench case never syncs, so drop the pending marks.
  db.prepare('DELETE FROM sync_touched').run();
  db.pragma('optimize');
  db.exec("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')");
  db.exec("INSERT INTO annotation_words_fts(annotation_words_fts) VALUES ('optimize')");
  store.close();
  renameSync(building, path);
  log(`  generated ${size} articles in ${((performance.now() - started) / 1000).toFixed(0)} s: ${path}`);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const index = process.argv.indexOf('--size');
  const size = Number(index >= 0 ? process.argv[index + 1] : 10_000);
  process.stdout.write(`${largeCase(size, (line) => process.stderr.write(`${line}\n`))}\n`);
}
