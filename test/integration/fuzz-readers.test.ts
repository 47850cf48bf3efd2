import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createExtractionPool, type ExtractionPool } from '../../electron/ingest/pool';
import { buildPdf } from '../unit/ingest/helpers/pdf-builder';
import { buildDocx } from '../unit/ingest/helpers/zip-builder';
import { tempDir } from '../helpers/temp';

/**
 * Hostile input through the real worker pool: random bytes and mutated real files in every format
 * never crash the process, never hang past the per-file timeout, and always come back as a result
 * or a per-file error. Bounded: a fixed seed and a fixed number of runs.
 */
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = join(ROOT, 'test', 'fixtures', 'articles');
const PER_FILE_TIMEOUT_MS = 15_000;
const RUNS = 60;

let pool: ExtractionPool;
const dir = tempDir('parley-fuzz-');
let counter = 0;
before(() => {
  pool = createExtractionPool({ size: 2, timeoutMs: PER_FILE_TIMEOUT_MS });
});
after(() => pool.close());

const seeds: Record<string, Uint8Array> = {
  html: readFileSync(join(FIXTURES, 'html', 'newspaper-ads.html')),
  mhtml: readFileSync(join(FIXTURES, 'html', 'page-save.mhtml')),
  eml: readFileSync(join(FIXTURES, 'eml', 'attachments.eml')),
  xml: readFileSync(join(FIXTURES, 'feed', 'rss.xml')),
  txt: readFileSync(join(FIXTURES, 'text', 'wire-service.txt')),
  pdf: buildPdf({ pages: [{ runs: [{ text: 'Negotiators met in Geneva on Sunday to discuss the 28-point plan.', x: 72, y: 700 }] }] }),
  docx: buildDocx({ paragraphs: [{ text: 'Ceasefire first, Europe says', style: 'Heading1' }, { text: 'European leaders asked for a ceasefire before any talks on territory.' }] }),
};

/** Flip, drop, duplicate or splice bytes of a real file. */
const mutation = (seed: Uint8Array) =>
  fc
    .array(
      fc.record({
        kind: fc.constantFrom('flip', 'truncate', 'splice', 'repeat'),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        byte: fc.integer({ min: 0, max: 255 }),
        length: fc.integer({ min: 1, max: 64 }),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((steps) => {
      let bytes = Buffer.from(seed);
      for (const step of steps) {
        const at = Math.floor(step.at * bytes.length);
        if (step.kind === 'flip') bytes[at] = step.byte;
        else if (step.kind === 'truncate') bytes = bytes.subarray(0, at);
        else if (step.kind === 'splice') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(step.length, step.byte), bytes.subarray(at)]);
        else bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + step.length * 64).fill(step.byte), bytes.subarray(at)]);
      }
      return new Uint8Array(bytes);
    });

async function extractSafely(extension: string, bytes: Uint8Array): Promise<void> {
  const path = join(dir, `fuzz-${++counter}.${extension}`);
  writeFileSync(path, bytes);
  const started = Date.now();
  const result = await pool.extract(path);
  assert.ok(Date.now() - started < PER_FILE_TIMEOUT_MS + 5_000, 'bounded by the per-file timeout');
  if (result.ok) {
    for (const article of result.articles) assert.equal(typeof article.text, 'string');
  } else {
    assert.equal(typeof result.error.code, 'string');
    assert.ok(result.error.message.length > 0, 'a failure says why');
  }
}

describe('fuzzing every reader through the worker pool', () => {
  for (const [extension, seed] of Object.entries(seeds)) {
    it(`mutated .${extension} files fail alone, with a reason, or import`, async () => {
      await fc.assert(fc.asyncProperty(mutation(seed), (bytes) => extractSafely(extension, bytes)), { numRuns: RUNS, seed: 424242 });
    });
  }

  it('random bytes under every supported extension fail alone, with a reason', async () => {
    const extensions = ['html', 'mhtml', 'txt', 'md', 'pdf', 'docx', 'eml', 'rss', 'atom', 'xml'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...extensions), fc.uint8Array({ minLength: 0, maxLength: 4096 }), (extension, bytes) => extractSafely(extension, bytes)),
      { numRuns: RUNS * 2, seed: 777 },
    );
  });
});
