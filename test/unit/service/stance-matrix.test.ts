// The stance matrix: a party's stance as of a day, since when, supporting spans, and gaps.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createService, type ParleyService } from '../../../electron/service/service';
import { incompatible, incompatibleParties, resolveStance } from '../../../electron/service/stance-matrix';
import type { StanceHistoryRow } from '../../../electron/store/analysis-read-model';
import type { Stance } from '../../../shared/model/vocabulary';
import { tempDir } from '../../helpers/temp';
import { addDocument, span } from '../store/helpers/case-fixtures';

let n = 0;
const entry = (stance: Stance, asOf: string | null, annotationId: string | null = null): StanceHistoryRow => ({
  id: `s${++n}`,
  concessionId: 'c',
  partyId: 'p',
  stance,
  asOf,
  annotationId,
  createdAt: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}Z`,
});

describe('stance resolution as of a date', () => {
  const history = [entry('demands', '2025-01-10', 'a1'), entry('demands', '2025-02-01T09:00:00Z', 'a2'), entry('conditional', '2025-03-05', 'a3'), entry('rejects', '2025-04-01')];

  it('takes the latest entry on or before the day, with the day the unbroken run began', () => {
    assert.deepEqual(resolveStance(history, '2025-02-15'), { stance: 'demands', date: '2025-02-01', since: '2025-01-10', spans: 2 });
    assert.deepEqual(resolveStance(history, '2025-03-05'), { stance: 'conditional', date: '2025-03-05', since: '2025-03-05', spans: 1 });
    assert.deepEqual(resolveStance(history, null), { stance: 'rejects', date: '2025-04-01', since: '2025-04-01', spans: 0 });
  });

  it('counts an entry on the as-of day itself (timestamps count by their day) and nothing before the first entry', () => {
    assert.equal(resolveStance(history, '2025-02-01')?.spans, 2);
    assert.equal(resolveStance(history, '2025-01-09'), null);
  });

  it('reads a partial as-of date as its last day', () => {
    assert.equal(resolveStance(history, '2025-03')?.stance, 'conditional');
    assert.equal(resolveStance(history, '2024')?.stance, undefined);
  });

  it('counts undated entries only in the latest view, and only until a dated one says otherwise', () => {
    const undatedFirst = [entry('offers', null, 'u1'), entry('rejects', '2025-05-01')];
    assert.equal(resolveStance(undatedFirst, null)?.stance, 'rejects');
    assert.equal(resolveStance([entry('offers', null, 'u1')], null)?.stance, 'offers');
    assert.equal(resolveStance([entry('offers', null, 'u1')], '2030-01-01'), null);
  });

  it('counts a span once even when two entries cite it', () => {
    assert.equal(resolveStance([entry('demands', '2025-01-01', 'same'), entry('demands', '2025-01-02', 'same')], null)?.spans, 1);
  });
});

describe('incompatibility', () => {
  it('marks demands against rejects, in either order, and nothing else', () => {
    assert.ok(incompatible('demands', 'rejects'));
    assert.ok(incompatible('rejects', 'demands'));
    assert.ok(!incompatible('demands', 'offers'));
    assert.ok(!incompatible('rejects', 'rejects'));
    assert.ok(!incompatible('conditional', 'rejects'));
  });

  it('names every party on either side of a gap', () => {
    const stances = new Map<string, Stance>([
      ['russia', 'demands'],
      ['ukraine', 'rejects'],
      ['eu', 'rejects'],
      ['us', 'conditional'],
    ]);
    assert.deepEqual([...incompatibleParties(stances)].sort(), ['eu', 'russia', 'ukraine']);
  });
});

describe('stance:matrix through the contract', () => {
  let service: ParleyService;
  let counter = 0;
  beforeEach(() => {
    service = createService({ importWorkers: 1, log: () => {} });
    service.session.create(join(tempDir(), `matrix-${++counter}.parley`));
  });
  afterEach(() => service.dispose());

  async function setUp() {
    const store = service.session.current();
    const areas = await service.call('issue-area:list', {});
    const territory = areas.find((area) => area.name === 'Territory') ?? areas[0]!;
    const russia = await service.call('party:create', { name: 'Russia', kind: 'state' });
    const ukraine = await service.call('party:create', { name: 'Ukraine', kind: 'state' });
    const donbas = await service.call('concession:create', { title: 'Ukraine withdraws from Donbas', issueAreaId: territory.id });
    const text = 'Moscow insists Kyiv leave the Donbas. Kyiv refuses to give up any land.';
    const early = addDocument(store, text, { publishedAt: '2025-11-20T08:00:00Z' });
    const later = addDocument(store, `${text} `, { publishedAt: '2025-12-02T08:00:00Z' });
    const evidence = (documentId: string, quote: string, partyId: string, stance: Stance) =>
      service.call('annotation:create', { documentId, type: 'concession_evidence', selector: span(text, quote), concessionId: donbas.id, stancePartyId: partyId, stance });
    await evidence(early, 'Moscow insists Kyiv leave the Donbas', russia.id, 'demands');
    await evidence(later, 'Moscow insists Kyiv leave the Donbas', russia.id, 'demands');
    await evidence(later, 'Kyiv refuses to give up any land', ukraine.id, 'rejects');
    return { russia, ukraine, donbas, territory };
  }

  it('shows each side, its date, since when and its spans, and marks the gap', async () => {
    const { russia, ukraine, donbas } = await setUp();
    const matrix = await service.call('stance:matrix', {});
    assert.deepEqual(matrix.parties.map((party) => party.name), ['Russia', 'Ukraine']);
    const column = matrix.columns.findIndex((entry) => entry.id === donbas.id);
    const cellOf = (partyId: string) => matrix.cells.find((cell) => cell.column === column && matrix.parties[cell.party]!.id === partyId)!;
    assert.deepEqual({ ...cellOf(russia.id), party: 0 }, { party: 0, column, stance: 'demands', date: '2025-12-02', since: '2025-11-20', spans: 2, concessionId: donbas.id, incompatible: true });
    assert.equal(cellOf(ukraine.id).stance, 'rejects');
    assert.equal(matrix.gaps, 1);
    assert.deepEqual(matrix.dates, ['2025-11-20', '2025-12-02']);

    const before = await service.call('stance:matrix', { asOf: '2025-11-25' });
    assert.equal(before.cells.length, 1, 'Ukraine had said nothing yet');
    assert.equal(before.cells[0]!.incompatible, false);
    assert.equal(before.gaps, 0);
  });

  it('folds concessions into issue areas and lists a cell evidence, later entries marked', async () => {
    const { russia, territory } = await setUp();
    const byArea = await service.call('stance:matrix', { by: 'issue_area' });
    const column = byArea.columns.findIndex((entry) => entry.id === territory.id);
    const cell = byArea.cells.find((entry) => entry.column === column && byArea.parties[entry.party]!.id === russia.id)!;
    assert.equal(cell.stance, 'demands');
    assert.equal(cell.incompatible, true);
    const evidence = await service.call('stance:evidence', { partyId: russia.id, columnId: territory.id, by: 'issue_area', asOf: '2025-11-25' });
    assert.equal(evidence.length, 2);
    assert.deepEqual(evidence.map((entry) => entry.counts), [true, false]);
    assert.equal(evidence[0]!.exact, 'Moscow insists Kyiv leave the Donbas');
    assert.ok(evidence[0]!.documentId);
  });

  it('refuses a malformed date and an unknown concession with a plain message', async () => {
    const bad = await service.dispatch('stance:matrix', { asOf: 'last Tuesday' });
    assert.equal(!bad.ok && bad.error.code, 'invalid_input');
    const missing = await service.dispatch('stance:evidence', { partyId: crypto.randomUUID(), columnId: crypto.randomUUID() });
    assert.equal(!missing.ok && missing.error.code, 'not_found');
  });

  it('sees a stance recorded after the matrix was first computed', async () => {
    const { ukraine, donbas } = await setUp();
    await service.call('stance:matrix', {});
    await service.call('concession:set-stance', { concessionId: donbas.id, partyId: ukraine.id, stance: 'conditional', asOf: '2025-12-10' });
    const matrix = await service.call('stance:matrix', {});
    assert.equal(matrix.cells.find((cell) => matrix.parties[cell.party]!.id === ukraine.id)?.stance, 'conditional');
    assert.equal(matrix.gaps, 0);
  });
});
