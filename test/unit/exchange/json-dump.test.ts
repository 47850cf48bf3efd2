import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ParleyError } from '../../../shared/errors';
import { Store } from '../../../electron/store/index';
import { buildCaseDump, caseDumpJsonSchema, exportCase, importCaseDump, type CaseDump } from '../../../electron/exchange/index';
import { tempDir } from '../../helpers/temp';
import { annotatedCase } from './helpers';

const dir = tempDir();
const schemaPath = new URL('../../../electron/exchange/case-dump.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

describe('case dump (JSON)', () => {
  it('the published schema file is the one generated from the code', () => {
    assert.deepEqual(schema, JSON.parse(JSON.stringify(caseDumpJsonSchema())));
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  it('writes every record, valid against the schema; originals only when asked', async () => {
    const c = annotatedCase(dir, 'dump');
    const out = join(dir, 'dump.json');
    await exportCase(c.store, 'json', out);
    const dump = JSON.parse(readFileSync(out, 'utf8')) as CaseDump;
    assert.ok(validate(dump), JSON.stringify(validate.errors));
    assert.equal(dump.format, 'parley-case-dump');
    assert.equal(dump.version, 1);
    assert.equal(dump.case_name, 'dump');
    assert.equal(dump.documents.length, 2);
    assert.equal(dump.originals.length, 0, 'off by default');
    assert.equal(dump.annotations.length, 4);
    assert.deepEqual(dump.parties.find((party) => party.name === 'Russia')?.aliases, ['Kremlin', 'Moscow']);
    assert.equal(dump.issue_areas.length, 9);
    assert.equal(dump.tags.length, 2);
    const withOriginals = buildCaseDump(c.store, { originals: true });
    assert.ok(validate(withOriginals));
    assert.equal(withOriginals.originals.length, 2);
    assert.equal(Buffer.from(withOriginals.originals[0]!.bytes_base64, 'base64').length, withOriginals.originals[0]!.size);
    const invalid = { ...dump, annotations: [{ ...dump.annotations[0], credibility: 9 }] };
    assert.equal(validate(invalid), false, 'the schema can fail');
    c.store.close();
  });

  it('round-trips into an empty case, keeping every id and field', () => {
    const c = annotatedCase(dir, 'source');
    const before = buildCaseDump(c.store, { originals: true, exportedAt: 'T' });
    const target = Store.create(join(dir, 'target.parley'));
    const result = importCaseDump(target, JSON.parse(JSON.stringify(before)));
    assert.equal(result.conflicts.length, 0);
    const after = buildCaseDump(target, { originals: true, exportedAt: 'T' });
    assert.deepEqual({ ...after, case_name: 'x' }, { ...before, case_name: 'x' });
    assert.equal(target.annotations.get(c.attribution.id).sourceName, 'Senior US official');
    assert.throws(() => importCaseDump(target, before), (error: unknown) => error instanceof ParleyError && error.code === 'conflict', 'only into an empty case');
    assert.throws(() => importCaseDump(Store.create(join(dir, 'other.parley')), { format: 'nope' }), /not a Parley case dump/);
    c.store.close();
    target.close();
  });
});
