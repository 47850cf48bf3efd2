import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { CHANNELS } from '../../../shared/channels';
import { ERROR_CODES } from '../../../shared/errors';
import { createService, type ParleyService } from '../../../electron/service/service';
import { tempDir } from '../../helpers/temp';

/**
 * Contract fuzzing: every channel fed arbitrary JSON (wrong types, huge strings, unknown fields,
 * prototype keys). The answer is always a Result with a known code, never `internal`, and a call
 * that fails leaves the case exactly as it was.
 */
let service: ParleyService;
before(() => {
  service = createService({ importWorkers: 1, log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
  service.session.create(join(tempDir(), 'fuzz.parley'));
  void service.dispatch('party:create', { name: 'Russia', kind: 'state' });
});
after(() => service.dispose());

const hugeString = fc.constantFrom('x'.repeat(1_000_000), 'ü'.repeat(300_001), '\u0000'.repeat(1000));
const value = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue(),
  hugeString,
  fc.record({ id: fc.oneof(fc.uuid(), fc.string(), fc.integer()), patch: fc.jsonValue() }),
  fc.dictionary(fc.constantFrom('name', 'kind', 'id', 'ids', 'patch', 'query', 'paths', 'selector', 'documentId', '__proto__', 'constructor', 'extra'), fc.jsonValue()),
);

function snapshot(): string {
  const store = service.session.current();
  return JSON.stringify([store.counts(), store.latestAuditSeq()]);
}

describe('contract fuzzing', () => {
  it('every channel answers arbitrary input with a Result and a known code, never a crash or a partial write', async () => {
    const channels = CHANNELS.filter((name) => !name.startsWith('import:'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), value, async (channel, input) => {
        const before = snapshot();
        const result = await service.dispatch(channel, input);
        assert.equal(typeof result.ok, 'boolean');
        if (!result.ok) {
          assert.ok(ERROR_CODES.includes(result.error.code), `${channel}: unknown code ${result.error.code}`);
          assert.notEqual(result.error.code, 'internal', `${channel} crashed: ${result.error.message}`);
          assert.equal(snapshot(), before, `${channel} failed but changed the case`);
        }
      }),
      { numRuns: 600, seed: 20251124 },
    );
  });

  it('import channels refuse malformed input without touching the case', async () => {
    const before = snapshot();
    for (const input of [null, 1, 'x', { paths: [] }, { paths: 'a' }, { paths: [42] }, { name: 'a.html' }, { name: 'a.html', dataBase64: 5 }, { jobId: 7 }]) {
      for (const channel of ['import:start', 'import:upload', 'import:status', 'import:cancel'] as const) {
        const result = await service.dispatch(channel, input);
        assert.equal(result.ok, false);
        if (!result.ok) assert.ok(['invalid_input', 'not_found'].includes(result.error.code), `${channel}: ${result.error.code}`);
      }
    }
    assert.equal(snapshot(), before);
  });
});
