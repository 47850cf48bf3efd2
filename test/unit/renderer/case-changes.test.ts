import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RESTORABLE_AGGREGATES } from '../../../electron/store/audit-log';
import { EVERYTHING, aggregatesShownBy, concerns } from '../../../renderer/ui/aggregates';
import { aggregatesTouchedBy } from '../../../renderer/features/reader/draft';
import { CHANNELS } from '../../../shared/channels';

const DOC = '0b7f6f6e-8c1a-4f7e-9a53-1f0c7c0f1a01';
const selector = { exact: 'Russia demands Donetsk', prefix: '', suffix: '', start: 0, end: 22 };
const listChannels = CHANNELS.filter((name) => name.endsWith(':list')) as Parameters<typeof aggregatesShownBy>[0][];

describe('which views refetch on case:changed', () => {
  it('refetches a list when an aggregate it shows changes, and only then', () => {
    const sources = aggregatesShownBy('source:list');
    assert.ok(concerns(new Set(['party']), sources), 'a source row shows its party’s name');
    assert.ok(concerns(new Set(['annotation']), sources), 'and its claim count');
    assert.equal(concerns(new Set(['concession', 'concession_stance']), sources), false);
    assert.equal(concerns(new Set(['party']), aggregatesShownBy('issue-area:list')), false);
    assert.ok(concerns(new Set([EVERYTHING]), aggregatesShownBy('issue-area:list')), 'a case opened: everything');
  });

  it('names only aggregates the service reports, for every list channel', () => {
    // Undo/redo report the restorable aggregates; issue areas and plan points change by merge and import.
    // Suggestion runs and accepts report 'suggestion'.
    const known = new Set<string>([...RESTORABLE_AGGREGATES, 'issue_area', 'plan_point', 'suggestion']);
    for (const channel of listChannels) {
      const shown = aggregatesShownBy(channel);
      assert.ok(shown.length > 0, channel);
      for (const aggregate of shown) assert.ok(known.has(aggregate), `${channel} listens to unknown aggregate ${aggregate}`);
    }
  });

  it('announces what an annotation:create wrote besides the span', () => {
    assert.deepEqual(aggregatesTouchedBy({ documentId: DOC, type: 'party_mention', selector, partyId: DOC }), ['annotation']);
    assert.deepEqual(
      aggregatesTouchedBy({ documentId: DOC, type: 'attribution', selector, newSource: { name: 'Dmitry Peskov' }, newPublisher: { name: 'TASS' } }).sort(),
      ['annotation', 'source'],
    );
    assert.deepEqual(
      aggregatesTouchedBy({ documentId: DOC, type: 'concession_evidence', selector, newConcession: { title: 'No NATO' }, newStanceParty: { name: 'Russia' }, stance: 'demands' }).sort(),
      ['annotation', 'concession', 'concession_stance', 'party'],
    );
    assert.deepEqual(aggregatesTouchedBy({ documentId: DOC, type: 'note', selector, note: 'x', tags: ['territory'] }).sort(), ['annotation', 'tag']);
  });
});

it('undoing a rejection (or a colleague rejecting by sync) refetches the suggestion lists', () => {
  assert.ok(concerns(new Set(['suggestion_rejection']), aggregatesShownBy('suggestion:list')));
});
