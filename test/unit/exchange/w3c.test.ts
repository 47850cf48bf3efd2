import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exportCase } from '../../../electron/exchange/index';
import { tempDir } from '../../helpers/temp';
import { annotatedCase } from './helpers';

const dir = tempDir();

describe('W3C Web Annotation export', () => {
  it('writes an AnnotationCollection whose annotations carry the model’s required fields', async () => {
    const c = annotatedCase(dir, 'w3c');
    const out = join(dir, 'annotations.jsonld');
    await exportCase(c.store, 'w3c', out, { preferUrl: true });
    const collection = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(collection['@context'][0], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(collection.type, 'AnnotationCollection');
    assert.equal(collection.total, 4);
    assert.equal(collection.first.type, 'AnnotationPage');
    assert.equal(collection.first.partOf, collection.id);
    for (const annotation of collection.first.items) {
      // Web Annotation Data Model §3.1: id (IRI), type "Annotation", at least one target
      assert.match(annotation.id, /^urn:parley:annotation:[0-9a-f-]{36}$/);
      assert.equal(annotation.type, 'Annotation');
      assert.ok(annotation.target?.source);
      const [quote, position] = annotation.target.selector;
      assert.equal(quote.type, 'TextQuoteSelector');
      assert.equal(typeof quote.exact, 'string');
      assert.equal(position.type, 'TextPositionSelector');
      assert.ok(position.end > position.start);
      for (const body of annotation.body) assert.ok(['TextualBody', 'SpecificResource'].includes(body.type));
    }
    const byId = (id: string) => collection.first.items.find((item: { id: string }) => item.id === `urn:parley:annotation:${id}`);
    const attribution = byId(c.attribution.id);
    assert.equal(attribution.target.source, 'https://example.org/geneva', 'the article URL when asked for');
    assert.equal(attribution.target.selector[0].exact, 'productive and meaningful');
    assert.equal(attribution['parley:credibility'], 3);
    assert.equal(attribution['parley:reliability'], 'B');
    assert.ok(attribution.body.some((body: Record<string, unknown>) => body.purpose === 'tagging' && body.value === 'talks'));
    assert.ok(attribution.body.some((body: Record<string, unknown>) => body.source === `urn:parley:source:${c.official.id}`));
    const evidence = byId(c.evidence.id);
    assert.equal(evidence.target.source, `urn:parley:document:${c.sanctions}`, 'no URL: the stable document URN');
    assert.equal(evidence['parley:stance'], 'demands');
    assert.ok(evidence.body.some((body: Record<string, unknown>) => body.source === `urn:parley:concession:${c.concession.id}`));
    const note = byId(c.note.id);
    assert.equal(note.motivation, 'commenting');
    assert.ok(note.body.some((body: Record<string, unknown>) => body.type === 'TextualBody' && body.value === '-1 day later they did'));
    c.store.close();
  });
});
