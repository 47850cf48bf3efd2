/**
 * pdf.js's legacy build replaces built-ins (Array.prototype.push, JSON.parse, ...) with core-js
 * polyfills when it loads; Parley loads it through importKeepingBuiltins, which puts the natives
 * back. Without that, every import worker that had read one PDF parsed HTML several times slower.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractBuffer } from '../../../electron/ingest/index';
import { importKeepingBuiltins } from '../../../electron/ingest/native-builtins';
import { buildPdf, flowPages } from './helpers/pdf-builder';

const natives = {
  push: Array.prototype.push,
  parse: JSON.parse,
  stringify: JSON.stringify,
  toString: Function.prototype.toString,
  TextDecoder: globalThis.TextDecoder,
  AbortSignal: globalThis.AbortSignal,
  Response: globalThis.Response,
};

test('reading a PDF leaves the native built-ins in place, and the next PDF still reads', async () => {
  const pdf = () =>
    buildPdf({
      pages: flowPages([[['Negotiators met in Geneva on Sunday to revise the 28-point plan into a shorter text of nineteen points.']]], {
        title: 'Geneva talks',
      }),
    });
  const [first] = await extractBuffer(pdf(), 'briefing.pdf');
  assert.match(first!.text, /nineteen points/);
  assert.equal(Array.prototype.push, natives.push);
  assert.equal(JSON.parse, natives.parse);
  assert.equal(JSON.stringify, natives.stringify);
  assert.equal(Function.prototype.toString, natives.toString);
  assert.equal(globalThis.TextDecoder, natives.TextDecoder);
  assert.equal(globalThis.AbortSignal, natives.AbortSignal);
  assert.equal(globalThis.Response, natives.Response);
  const [second] = await extractBuffer(pdf(), 'again.pdf');
  assert.match(second!.text, /Geneva/);
});

test('importKeepingBuiltins puts back what a module replaced and keeps what it added', async () => {
  const added = Symbol('added');
  const result = await importKeepingBuiltins(async () => {
    Array.prototype.push = function polyfilledPush(this: unknown[], ...items: unknown[]) {
      for (const item of items) this[this.length] = item;
      return this.length;
    };
    Object.defineProperty(JSON, 'polyfillMarker', { value: 1, configurable: true });
    (Map.prototype as unknown as Record<symbol, number>)[added] = 2;
    return 'loaded';
  });
  try {
    assert.equal(result, 'loaded');
    assert.equal(Array.prototype.push, natives.push);
    assert.equal((JSON as unknown as Record<string, number>).polyfillMarker, 1);
    assert.equal((Map.prototype as unknown as Record<symbol, number>)[added], 2);
  } finally {
    delete (JSON as unknown as Record<string, number>).polyfillMarker;
    delete (Map.prototype as unknown as Record<symbol, number>)[added];
  }
});

test('importKeepingBuiltins restores the built-ins when the module fails to load', async () => {
  await assert.rejects(
    importKeepingBuiltins(async () => {
      JSON.parse = () => 'polyfill';
      throw new Error('broken module');
    }),
    /broken module/,
  );
  assert.equal(JSON.parse, natives.parse);
});
