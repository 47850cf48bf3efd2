import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findQuotes } from '../../../electron/suggest/quotes';
import { readText } from '../../../electron/suggest/text';

const contents = (text: string) => findQuotes(readText(text)).map((quote) => text.slice(quote.start, quote.end));

test('straight, curly, guillemet and British single quotes', () => {
  assert.deepEqual(contents('He said "we are ready" and left.'), ['we are ready']);
  assert.deepEqual(contents('“We are ready,” he said.'), ['We are ready,']);
  assert.deepEqual(contents('«Nous sommes prêts», a-t-il dit.'), ['Nous sommes prêts']);
  assert.deepEqual(contents("'We will not flinch,' he said."), ['We will not flinch,']);
  assert.deepEqual(contents('‘We will not flinch,’ he said.'), ['We will not flinch,']);
});

test('apostrophes and plural possessives are not quote marks', () => {
  assert.deepEqual(contents("Ukraine's army and the officials' views don't change, Russia’s envoy said."), []);
  assert.deepEqual(contents("plans for 'hubs' in Ukraine, and 'I am not going to say,' he said."), ['hubs', 'I am not going to say,']);
});

test('a nested quote stays inside the outer quote', () => {
  assert.deepEqual(contents('"Every time they say \'all for all,\' they mean something else," he said.'), ["Every time they say 'all for all,' they mean something else,"]);
});

test('a quote continues into the next paragraph when that paragraph opens with a quote mark', () => {
  const text = '“But let me be clear. These are not new demands.\n\n“If the Europeans want war, they will get it.”\n\nThe minister left.';
  const [quote] = findQuotes(readText(text));
  assert.ok(quote);
  assert.equal(quote.paragraphs, 2);
  assert.equal(text.slice(quote.start, quote.end), 'But let me be clear. These are not new demands.\n\n“If the Europeans want war, they will get it.');
});
