import { readdirSync, readFileSync } from 'node:fs';
import { extractBuffer } from '../../electron/ingest/index';
const dir = '/tmp/pg';
const files = readdirSync(dir).map((n) => [n, readFileSync(`${dir}/${n}`)] as const);
const t0 = performance.now();
for (let pass = 0; pass < 3; pass++) for (const [n, b] of files) { try { await extractBuffer(b, n); } catch {} }
console.log(((performance.now() - t0) / files.length / 3).toFixed(2), 'ms/page');
