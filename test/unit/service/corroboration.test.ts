// Who else reported it: independent outlets (copies once), grades, single anonymous sources; and the timeline.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { countOutlets } from '../../../electron/service/corroboration';
import { createService, type ParleyService } from '../../../electron/service/service';
import { fingerprint, signatureToBytes } from '../../../electron/ingest/near-duplicate';
import { tempDir } from '../../helpers/temp';
import { addDocument, span } from '../store/helpers/case-fixtures';

describe('counting independent outlets', () => {
  const doc = (documentId: string, outlet: string | null, publishedAt: string | null, nearDuplicateOf: string | null = null) => ({ documentId, outlet, title: documentId, publishedAt, nearDuplicateOf });

  it('counts a near-duplicate once, under the earliest article of its story, and says which', () => {
    const result = countOutlets([doc('reuters', 'Reuters', '2025-11-20'), doc('yahoo', 'Yahoo News', '2025-11-21', 'reuters'), doc('bbc', 'BBC', '2025-11-21'), doc('bbc', 'BBC', '2025-11-21')]);
    assert.equal(result.independent, 2);
    const reuters = result.outlets.find((outlet) => outlet.outlet === 'Reuters')!;
    assert.deepEqual(reuters.copies.map((copy) => [copy.outlet, copy.copyOf]), [['Yahoo News', 'Reuters: reuters']]);
  });

  it('joins syndicated copies the import did not link, by the caller\'s same-story test', () => {
    const result = countOutlets([doc('ap', 'AP', '2025-11-20'), doc('guardian', 'The Guardian', '2025-11-20T12:00'), doc('local', 'Local Post', '2025-11-22')], (a, b) => [a, b].sort().join() === 'ap,local');
    assert.equal(result.independent, 2);
    assert.equal(result.outlets.find((outlet) => outlet.outlet === 'AP')!.copies[0]!.outlet, 'Local Post');
  });

  it('counts two articles of one outlet as one outlet, and each unknown-outlet story apart from named ones', () => {
    const result = countOutlets([doc('a', 'Reuters', '2025-11-20'), doc('b', 'Reuters', '2025-11-22'), doc('c', null, null)]);
    assert.equal(result.independent, 2);
    assert.equal(result.outlets.find((outlet) => outlet.outlet === 'Reuters')!.documents, 2);
  });
});

describe('corroboration:report and timeline:events through the contract', () => {
  let service: ParleyService;
  let counter = 0;
  beforeEach(() => {
    service = createService({ importWorkers: 1, log: () => {} });
    service.session.create(join(tempDir(), `corroboration-${++counter}.parley`));
  });
  afterEach(() => service.dispose());

  const WIRE = 'A senior official said the draft was "dead on arrival". The official spoke on condition of anonymity because the talks are private. Delegations are due to meet again in Geneva next week to go over the remaining points of the plan.';

  it('counts a syndicated copy once, tallies grades, and flags a claim resting on one anonymous source', async () => {
    const store = service.session.current();
    const sig = (text: string) => signatureToBytes(fingerprint(text).minhash);
    const original = addDocument(store, WIRE, { outlet: 'Reuters', publishedAt: '2025-11-20T08:00:00Z', minhash: sig(WIRE) });
    const copyText = `${WIRE} Reporting by staff.`;
    const copy = addDocument(store, copyText, { outlet: 'Yahoo News', publishedAt: '2025-11-20T10:00:00Z', minhash: sig(copyText) });
    const other = 'Officials in Kyiv said the draft was "dead on arrival", a phrase first used by a senior official.';
    const independent = addDocument(store, other, { outlet: 'Kyiv Independent', publishedAt: '2025-11-21T08:00:00Z' });
    const anonymous = await service.call('source:create', { name: 'a senior official', anonymous: true, defaultReliability: 'C' });
    for (const [documentId, text, credibility] of [
      [original, WIRE, 3],
      [copy, copyText, 3],
      [independent, other, 2],
    ] as const) {
      await service.call('annotation:create', { documentId, type: 'attribution', selector: span(text, 'dead on arrival'), sourceId: anonymous.id, credibility });
    }
    const report = await service.call('corroboration:report', {});
    assert.equal(report.claims.length, 1);
    const claim = report.claims[0]!;
    assert.equal(claim.documents, 3);
    assert.equal(claim.independentOutlets, 2, 'the Yahoo copy of the Reuters story counts once');
    assert.equal(claim.outlets.find((outlet) => outlet.outlet === 'Reuters')!.copies[0]!.outlet, 'Yahoo News');
    assert.equal(claim.singleAnonymousSource, true);
    assert.deepEqual(claim.grades.C, { 3: 2, 2: 1 });
    assert.equal(report.sources[0]!.claims, 1);
    assert.deepEqual(report.sources[0]!.outlets, ['Kyiv Independent', 'Reuters', 'Yahoo News']);
    assert.equal(report.sources[0]!.grades.length, 3);

    const named = await service.call('source:create', { name: 'Dmitry Peskov', defaultReliability: 'B' });
    await service.call('annotation:create', { documentId: independent, type: 'attribution', selector: span(other, 'Officials in Kyiv'), sourceId: named.id });
    const again = await service.call('corroboration:report', { sourceId: named.id });
    assert.equal(again.claims.length, 1);
    assert.equal(again.claims[0]!.singleAnonymousSource, false);
  });

  it('places dated stances and statements on the timeline, marks changes, and lists undated evidence aside', async () => {
    const store = service.session.current();
    const russia = await service.call('party:create', { name: 'Russia', kind: 'state' });
    const ukraine = await service.call('party:create', { name: 'Ukraine', kind: 'state' });
    const cap = await service.call('concession:create', { title: 'Army cap' });
    const text = 'Moscow wants a cap on the army. Later Moscow said a cap could be discussed.';
    const dated = addDocument(store, text, { publishedAt: '2025-11-20T08:00:00Z' });
    const undated = addDocument(store, `${text} `, { publishedAt: null });
    await service.call('annotation:create', { documentId: dated, type: 'concession_evidence', selector: span(text, 'Moscow wants a cap on the army'), concessionId: cap.id, stancePartyId: russia.id, stance: 'demands' });
    await service.call('concession:set-stance', { concessionId: cap.id, partyId: russia.id, stance: 'conditional', asOf: '2025-12-01' });
    await service.call('annotation:create', { documentId: undated, type: 'concession_evidence', selector: span(text, 'a cap could be discussed'), concessionId: cap.id, stancePartyId: ukraine.id, stance: 'unclear' });
    const peskov = await service.call('source:create', { name: 'Dmitry Peskov', partyId: russia.id });
    await service.call('annotation:create', { documentId: dated, type: 'attribution', selector: span(text, 'Later Moscow said'), sourceId: peskov.id });

    const line = await service.call('timeline:events', {});
    assert.deepEqual(line.lanes.map((lane) => lane.name).sort(), ['Russia', 'Ukraine']);
    assert.deepEqual(line.events.map((event) => `${event.date} ${event.kind} ${event.stance ?? ''} ${event.change}`), [
      '2025-11-20 stance demands false',
      '2025-11-20 statement  false',
      '2025-12-01 stance conditional true',
    ]);
    assert.equal(line.events[0]!.quote, 'Moscow wants a cap on the army');
    assert.equal(line.undated.length, 1);
    assert.equal(line.undated[0]!.partyName, 'Ukraine');

    const onlyUkraine = await service.call('timeline:events', { partyIds: [ukraine.id] });
    assert.equal(onlyUkraine.events.length, 0);
    const byConcession = await service.call('timeline:events', { lanes: 'concession' });
    assert.ok(byConcession.lanes.some((lane) => lane.name === 'Army cap'));
  });
});
