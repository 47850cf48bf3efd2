// The plan tracker: pasted lists, suggested alignments the analyst confirms, and the redline.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { alignedGroups, kindOf, parseNumberedPoints, redline, suggestLinks } from '../../../electron/service/plan-alignment';
import { createService, type ParleyService } from '../../../electron/service/service';
import { tempDir } from '../../helpers/temp';

const V1 = `1. Ukraine's sovereignty will be confirmed.
2. A comprehensive non-aggression agreement will be concluded between Russia, Ukraine and Europe.
3. Ukraine's armed forces will be limited to 600,000 personnel.
4. NATO agrees not to station troops in Ukraine.
5. Crimea, Luhansk and Donetsk will be recognised as de facto Russian.
   Kherson and Zaporizhzhia will be frozen along the line of contact.
6. Ukraine will hold elections in 100 days.`;

const V2 = `1) Ukraine's sovereignty will be confirmed.
2) Ukraine's armed forces will be limited to 800,000 personnel in peacetime.
3) Crimea, Luhansk and Donetsk will be recognised as de facto Russian.
4) Kherson and Zaporizhzhia will be frozen along the line of contact.
5) A fund for the reconstruction of Ukraine will be created.`;

describe('reading a pasted plan', () => {
  it('takes numbers as given, joins wrapped lines to their point, and accepts 1) (1) and Point 1:', () => {
    const points = parseNumberedPoints(V1);
    assert.equal(points.length, 6);
    assert.match(points[4]!.text, /de facto Russian\. Kherson and Zaporizhzhia/);
    assert.deepEqual(parseNumberedPoints('(1) One.\n(2) Two.').map((point) => point.text), ['One.', 'Two.']);
    assert.deepEqual(parseNumberedPoints('Point 7: Seven.\nPoint 9: Nine.').map((point) => point.number), [7, 9]);
  });

  it('renumbers a list whose numbers repeat, reads one point a line without numbers, refuses an empty paste', () => {
    assert.deepEqual(parseNumberedPoints('1. a\n1. b\n2. c').map((point) => point.number), [1, 2, 3]);
    assert.deepEqual(parseNumberedPoints('Ceasefire\n\nPrisoner exchange').map((point) => point.text), ['Ceasefire', 'Prisoner exchange']);
    assert.throws(() => parseNumberedPoints(' \n\n'), /numbered list/);
  });
});

describe('aligning two versions', () => {
  const from = parseNumberedPoints(V1).map((point, index) => ({ id: `a${index}`, ...point }));
  const to = parseNumberedPoints(V2).map((point, index) => ({ id: `b${index}`, ...point }));
  const links = suggestLinks(
    from.map((point) => point.text),
    to.map((point) => point.text),
  );
  const groups = alignedGroups(from, to, links);
  const kinds = groups.map((group) => `${group.kind}:${group.from.map((point) => point.number).join('+')}>${group.to.map((point) => point.number).join('+')}`);

  it('finds kept, reworded, split, dropped and new points', () => {
    assert.ok(kinds.includes('kept:1>1'), kinds.join(' '));
    assert.ok(kinds.includes('reworded:3>2'), kinds.join(' '));
    assert.ok(kinds.includes('split:5>3+4'), kinds.join(' '));
    assert.ok(kinds.includes('dropped:2>'), kinds.join(' '));
    assert.ok(kinds.includes('dropped:4>'), kinds.join(' '));
    assert.ok(kinds.includes('dropped:6>'), kinds.join(' '));
    assert.ok(kinds.includes('new:>5'), kinds.join(' '));
  });

  it('finds a merge, and keeps the later version order', () => {
    const merged = suggestLinks(['Prisoners will be exchanged all for all.', 'Civilian detainees will be returned.'], ['Prisoners will be exchanged all for all and civilian detainees returned.']);
    const group = alignedGroups(
      [
        { id: 'x', number: 1, text: 'Prisoners will be exchanged all for all.' },
        { id: 'y', number: 2, text: 'Civilian detainees will be returned.' },
      ],
      [{ id: 'z', number: 1, text: 'Prisoners will be exchanged all for all and civilian detainees returned.' }],
      merged,
    );
    assert.equal(group.length, 1);
    assert.equal(group[0]!.kind, 'merged');
    const order = groups.filter((entry) => entry.to.length > 0).map((entry) => entry.to[0]!.number);
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  });

  it('names kinds and redlines word by word', () => {
    assert.equal(kindOf([{ text: 'A  ceasefire.' }], [{ text: 'a ceasefire' }]), 'kept');
    assert.deepEqual(redline('limited to 600,000 personnel', 'limited to 800,000 personnel in peacetime').filter((part) => part.change !== 'same').map((part) => `${part.change}:${part.text.trim()}`), [
      'removed:600',
      'added:800',
      'added:in peacetime',
    ]);
  });

  it('suggests nothing under the threshold: unrelated points are dropped and new', () => {
    assert.deepEqual(suggestLinks(['Sanctions will be lifted in stages.'], ['Elections within 100 days.']), []);
  });
});

describe('plan channels', () => {
  let service: ParleyService;
  let counter = 0;
  beforeEach(() => {
    service = createService({ importWorkers: 1, log: () => {} });
    service.session.create(join(tempDir(), `plans-${++counter}.parley`));
  });
  afterEach(() => service.dispose());

  it('creates a plan, pastes two versions, confirms a changed alignment, and undoes a version', async () => {
    const plan = await service.call('plan:create', { title: 'US peace plan' });
    const v1 = await service.call('plan:add-version', { planId: plan.id, label: '28-point draft', dated: '2025-11-20', text: V1 });
    const v2 = await service.call('plan:add-version', { planId: plan.id, label: '19-point revision', dated: '2025-11-30', text: V2 });
    assert.equal(v1.points.length, 6);
    const suggested = await service.call('plan:compare', { fromVersionId: v1.id, toVersionId: v2.id });
    assert.equal(suggested.confirmed, false);
    assert.equal(suggested.counts.split, 1);

    // The analyst says the new fund point continues the old elections point (unlikely, but theirs).
    const links = [...suggested.links.map(({ fromPointId, toPointId }) => ({ fromPointId, toPointId })), { fromPointId: v1.points[5]!.id, toPointId: v2.points[4]!.id }];
    const confirmed = await service.call('plan:align', { fromVersionId: v1.id, toVersionId: v2.id, links });
    assert.equal(confirmed.confirmed, true);
    assert.equal(confirmed.counts.new, 0);
    assert.equal(confirmed.rows.find((row) => row.to[0]?.id === v2.points[4]!.id)?.kind, 'reworded');
    const again = await service.call('plan:compare', { fromVersionId: v1.id, toVersionId: v2.id });
    assert.deepEqual(again.counts, confirmed.counts, 'the confirmed alignment is stored');

    const edited = await service.call('plan:update-point', { id: v2.points[0]!.id, text: "Ukraine's sovereignty will be confirmed and guaranteed." });
    assert.match(edited.points[0]!.text, /guaranteed/);
    const list = await service.call('plan:list', {});
    assert.deepEqual(list[0]!.versions.map((version) => version.label), ['28-point draft', '19-point revision']);

    await service.call('history:undo', {}); // the point edit
    await service.call('history:undo', {}); // the alignment
    await service.call('history:undo', {}); // the second version
    const after = await service.call('plan:list', {});
    assert.equal(after[0]!.versions.length, 1);
  });

  it('links a concession to a point and shows each party stance on it', async () => {
    const plan = await service.call('plan:create', { title: 'Plan' });
    const version = await service.call('plan:add-version', { planId: plan.id, label: 'v1', text: V1 });
    const russia = await service.call('party:create', { name: 'Russia', kind: 'state' });
    const cap = await service.call('concession:create', { title: 'Army cap', planPointId: version.points[2]!.id });
    await service.call('concession:set-stance', { concessionId: cap.id, partyId: russia.id, stance: 'demands', asOf: '2025-11-21' });
    const shown = await service.call('plan:version', { id: version.id });
    assert.deepEqual(shown.points[2]!.concessions, [{ id: cap.id, title: 'Army cap', stances: [{ partyId: russia.id, partyName: 'Russia', stance: 'demands', asOf: '2025-11-21' }] }]);
    await service.call('plan:delete', { id: plan.id });
    assert.equal((await service.call('concession:list', {}))[0]!.planPointId, null, 'the concession stays, unlinked');
  });

  it('refuses versions of two plans, a foreign point, and an empty paste', async () => {
    const a = await service.call('plan:create', { title: 'A' });
    const b = await service.call('plan:create', { title: 'B' });
    const va = await service.call('plan:add-version', { planId: a.id, label: 'v', text: '1. x' });
    const vb = await service.call('plan:add-version', { planId: b.id, label: 'v', text: '1. y' });
    const cross = await service.dispatch('plan:compare', { fromVersionId: va.id, toVersionId: vb.id });
    assert.equal(!cross.ok && cross.error.code, 'invalid_input');
    const va2 = await service.call('plan:add-version', { planId: a.id, label: 'v2', text: '1. x' });
    const foreign = await service.dispatch('plan:align', { fromVersionId: va.id, toVersionId: va2.id, links: [{ fromPointId: vb.points[0]!.id, toPointId: va2.points[0]!.id }] });
    assert.equal(!foreign.ok && foreign.error.code, 'invalid_input');
    const empty = await service.dispatch('plan:add-version', { planId: a.id, label: 'v3', text: '   ' });
    assert.equal(!empty.ok && empty.error.code, 'invalid_input');
    assert.equal((await service.call('plan:list', {})).find((plan) => plan.id === a.id)!.versions.length, 2);
  });
});
