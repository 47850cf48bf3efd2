/**
 * The analysis views' speed through the contract: the stance matrix of 50 parties × 500
 * concessions computed from a cold read and redrawn as of other days (the slider), beside the raw
 * read of the stance history it folds; and the plan diff of two 30-point versions (suggested
 * alignment + redline), beside the word diff alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffWords } from 'diff';
import { v7 as uuidv7 } from 'uuid';
import { createService } from '../../electron/service/service';
import { forgetStanceMatrix } from '../../electron/service/stance-matrix';
import { rawDatabase } from '../../electron/store/raw-database';
import { STANCES } from '../../shared/model/vocabulary';

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
const round = (value: number) => Math.round(value * 100) / 100;

const TOPICS = 'ceasefire line monitoring sanctions relief frozen assets army cap NATO membership peacekeepers elections referendum Crimea Donetsk Luhansk Zaporizhzhia nuclear plant grain corridor prisoners exchange amnesty reconstruction fund security guarantees language church minerals energy'.split(' ');

function planPoints(seed: number, count: number): string[] {
  const next = random(seed);
  const pick = () => TOPICS[Math.floor(next() * TOPICS.length)]!;
  return Array.from({ length: count }, (_, index) => `The parties agree on ${pick()} and ${pick()}: ${pick()} will be settled within ${10 + index} days under ${pick()} supervision.`);
}

export async function runAnalysisBenchmark(options: { parties?: number; concessions?: number } = {}) {
  const partyCount = options.parties ?? 50;
  const concessionCount = options.concessions ?? 500;
  const dir = mkdtempSync(join(tmpdir(), 'parley-analysis-bench-'));
  const service = createService({ importWorkers: 1, log: () => {} });
  try {
    service.session.create(join(dir, 'analysis.parley'));
    const store = service.session.current();

    // Plans first, through the contract (their writes are audited; the bulk rows below are not).
    const plan = await service.call('plan:create', { title: 'Benchmark plan' });
    const base = planPoints(7, 30);
    const revised = base.map((text, index) => (index % 5 === 0 ? text.replace(/within (\d+) days/, 'within $1 weeks, subject to review,') : text));
    revised.splice(10, 1);
    revised.push('A new reconstruction fund will be created and overseen by the parties.');
    const v1 = await service.call('plan:add-version', { planId: plan.id, label: 'v1', text: base.map((text, index) => `${index + 1}. ${text}`).join('\n') });
    const v2 = await service.call('plan:add-version', { planId: plan.id, label: 'v2', text: revised.map((text, index) => `${index + 1}. ${text}`).join('\n') });

    // 50 × 500 with a stance history on about half the cells (1–4 entries each over three months).
    const db = rawDatabase(store);
    const next = random(42);
    const at = new Date().toISOString();
    const partyIds = Array.from({ length: partyCount }, () => uuidv7());
    const concessionIds = Array.from({ length: concessionCount }, () => uuidv7());
    const areas = store.issueAreas.list();
    let stanceRows = 0;
    db.transaction(() => {
      const party = db.prepare("INSERT INTO parties (id, name, kind, created_at, updated_at) VALUES (?, ?, 'state', ?, ?)");
      partyIds.forEach((id, index) => party.run(id, `Party ${String(index).padStart(2, '0')}`, at, at));
      const concession = db.prepare('INSERT INTO concessions (id, title, issue_area_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      concessionIds.forEach((id, index) => concession.run(id, `Concession ${index}`, areas[index % areas.length]!.id, at, at));
      const stance = db.prepare('INSERT INTO concession_stances (id, concession_id, party_id, stance, as_of, created_at) VALUES (?, ?, ?, ?, ?, ?)');
      for (const partyId of partyIds) {
        for (const concessionId of concessionIds) {
          if (next() < 0.5) continue;
          const entries = 1 + Math.floor(next() * 4);
          for (let entry = 0; entry < entries; entry++) {
            const day = new Date(Date.UTC(2025, 8, 1) + Math.floor(next() * 90) * 86_400_000).toISOString().slice(0, 10);
            stance.run(uuidv7(), concessionId, partyId, STANCES[Math.floor(next() * STANCES.length)]!, day, at);
            stanceRows++;
          }
        }
      }
    })();
    db.prepare('DELETE FROM sync_touched').run(); // bulk benchmark rows: not operations to flush

    const call = async (channel: string, input: unknown) => {
      const result = await service.dispatch(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    };

    const floor: number[] = [];
    const history = db.prepare('SELECT id, concession_id, party_id, stance, as_of, annotation_id, created_at FROM concession_stances ORDER BY as_of IS NOT NULL, as_of, created_at, id');
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      history.all();
      floor.push(performance.now() - started);
    }
    const cold: number[] = [];
    let cells = 0;
    for (let run = 0; run < 5; run++) {
      forgetStanceMatrix(store);
      const started = performance.now();
      const matrix = (await call('stance:matrix', {})) as { cells: unknown[]; dates: string[] };
      cold.push(performance.now() - started);
      cells = matrix.cells.length;
    }
    const dates = ((await call('stance:matrix', {})) as { dates: string[] }).dates;
    const asOf: number[] = [];
    for (let run = 0; run < 30; run++) {
      const day = dates[Math.floor((run / 30) * dates.length)]!;
      const started = performance.now();
      await call('stance:matrix', { asOf: day });
      asOf.push(performance.now() - started);
    }

    const diff: number[] = [];
    for (let run = 0; run < 20; run++) {
      const started = performance.now();
      await call('plan:compare', { fromVersionId: v1.id, toVersionId: v2.id, suggest: true });
      diff.push(performance.now() - started);
    }
    const diffFloor: number[] = [];
    for (let run = 0; run < 20; run++) {
      const started = performance.now();
      for (let index = 0; index < 30; index++) diffWords(base[index]!, revised[Math.min(index, revised.length - 1)]!);
      diffFloor.push(performance.now() - started);
    }
    const comparison = (await call('plan:compare', { fromVersionId: v1.id, toVersionId: v2.id, suggest: true })) as { counts: Record<string, number> };

    return {
      parties: partyCount,
      concessions: concessionCount,
      stanceEntries: stanceRows,
      cells,
      matrixComputeMs: round(median(cold)),
      matrixComputeTargetMs: 200,
      stanceHistoryReadFloorMs: round(median(floor)),
      asOfRedrawP95Ms: round(p95(asOf)),
      asOfRedrawMedianMs: round(median(asOf)),
      asOfRedrawTargetMs: 100,
      planDiffP95Ms: round(p95(diff)),
      planDiffMedianMs: round(median(diff)),
      planDiffTargetMs: 50,
      planWordDiffFloorMs: round(median(diffFloor)),
      planAlignment: comparison.counts,
    };
  } finally {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
