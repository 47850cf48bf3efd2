/**
 * The stance matrix: each party's latest stance on each concession (or issue area) as of a day,
 * since when it has held it, how many spans support it, and where two parties are incompatible.
 *
 * Resolution rules (unit-tested): entries are taken in date order, ties by when they were recorded;
 * an entry dated after the as-of day does not count; an undated entry counts only in the "latest"
 * view (no as-of day), and only until a dated one says otherwise, since nothing says when it held.
 */
import { ParleyError } from '../../shared/errors';
import type { MatrixCell, MatrixColumns, StanceEvidence, StanceMatrix } from '../../shared/model/analysis';
import type { Stance } from '../../shared/model/vocabulary';
import type { Store } from '../store/index';
import { byHistoryOrder, type StanceHistoryRow } from '../store/analysis-read-model';

/** The resolved stance of one party on one concession. */
export interface ResolvedStance {
  stance: Stance;
  date: string | null;
  since: string | null;
  spans: number;
}

/** Stances that leave a gap a mediator must close when two parties hold them on the same concession. */
export const INCOMPATIBLE: readonly (readonly [Stance, Stance])[] = [['demands', 'rejects']];

/** The day an entry counts from ('2025-11-23T10:00Z' → '2025-11-23'). */
export const dayOf = (value: string): string => value.slice(0, 10);

/** The last day a partial date covers ('2025' → '2025-12-31', '2025-11' → '2025-11-31'). */
export function endOfDay(asOf: string): string {
  const day = dayOf(asOf);
  if (day.length === 4) return `${day}-12-31`;
  if (day.length === 7) return `${day}-31`;
  return day;
}

/**
 * Fold one party's entries on one concession (in history order) into its stance as of `asOf`
 * (null: everything, undated entries included). Null when nothing counts yet.
 */
export function resolveStance(entries: readonly StanceHistoryRow[], asOf: string | null): ResolvedStance | null {
  return fold(entries, asOf === null ? null : endOfDay(asOf), asOf === null);
}

/** The fold behind `resolveStance`; `onStep` sees the stance after each entry taken (a copy). */
function fold(entries: readonly StanceHistoryRow[], limit: string | null, undated: boolean, onStep?: (day: string | null, state: ResolvedStance) => void): ResolvedStance | null {
  let current: ResolvedStance | null = null;
  let spans = new Set<string>();
  for (const entry of entries) {
    if (entry.asOf === null) {
      if (!undated) continue;
    } else if (limit !== null && dayOf(entry.asOf) > limit) break;
    const date = entry.asOf === null ? null : dayOf(entry.asOf);
    if (current && current.stance === entry.stance) {
      current.date = date ?? current.date;
      if (current.since === null) current.since = date;
    } else {
      current = { stance: entry.stance, date, since: date, spans: 0 };
      spans = new Set();
    }
    if (entry.annotationId) spans.add(entry.annotationId);
    current.spans = spans.size;
    onStep?.(date, { ...current });
  }
  return current;
}

/**
 * One party's stance on one concession, ready for any day: its dated steps (the stance after each
 * dated entry, undated ones left out) and its latest stance (undated ones in).
 */
interface CellHistory {
  partyId: string;
  concessionId: string;
  days: string[];
  steps: ResolvedStance[];
  latest: ResolvedStance | null;
}

function cellHistory(partyId: string, concessionId: string, entries: StanceHistoryRow[]): CellHistory {
  entries.sort(byHistoryOrder);
  const days: string[] = [];
  const steps: ResolvedStance[] = [];
  fold(entries, null, false, (day, state) => {
    days.push(day!);
    steps.push(state);
  });
  return { partyId, concessionId, days, steps, latest: fold(entries, null, true) };
}

/** The cell's stance at the end of `limit` (a day), or its latest when null: a binary search over its steps. */
function stanceAt(cell: CellHistory, limit: string | null): ResolvedStance | null {
  if (limit === null) return cell.latest;
  let low = 0;
  let high = cell.days.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cell.days[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? null : cell.steps[low - 1]!;
}

/** Whether two stances on one concession are incompatible (either order). */
export function incompatible(a: Stance, b: Stance): boolean {
  return INCOMPATIBLE.some(([x, y]) => (a === x && b === y) || (a === y && b === x));
}

/** The parties whose stance on one concession clashes with another party's (their ids). */
export function incompatibleParties(stances: ReadonlyMap<string, Stance>): Set<string> {
  const clashing = new Set<string>();
  const entries = [...stances];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      if (incompatible(entries[i]![1], entries[j]![1])) {
        clashing.add(entries[i]![0]);
        clashing.add(entries[j]![0]);
      }
    }
  }
  return clashing;
}

interface MatrixModel {
  seq: number;
  parties: { id: string; name: string }[];
  concessions: { id: string; title: string; issueAreaId: string | null; issueAreaName: string | null }[];
  issueAreas: { id: string; name: string }[];
  /** Per concession, each party's stance history on it. */
  cells: Map<string, CellHistory[]>;
  dates: string[];
}

/** The history read once per change of the case (the "as of" slider re-resolves without reading again). */
const models = new WeakMap<Store, MatrixModel>();

/** Drop the history read for a case, so the next matrix reads it again (benchmarks measure the cold path). */
export function forgetStanceMatrix(store: Store): void {
  models.delete(store);
}

function modelOf(store: Store): MatrixModel {
  const seq = store.latestAuditSeq();
  const cached = models.get(store);
  if (cached && cached.seq === seq) return cached;
  const frame = store.analysis.frame();
  const grouped = new Map<string, StanceHistoryRow[]>();
  const dates = new Set<string>();
  const withStances = new Set<string>();
  for (const row of store.analysis.stanceHistory()) {
    const key = `${row.concessionId}|${row.partyId}`;
    const list = grouped.get(key);
    if (list) list.push(row);
    else grouped.set(key, [row]);
    withStances.add(row.partyId);
    if (row.asOf) dates.add(dayOf(row.asOf));
  }
  const cells = new Map<string, CellHistory[]>();
  for (const entries of grouped.values()) {
    const { concessionId, partyId } = entries[0]!;
    const cell = cellHistory(partyId, concessionId, entries);
    const list = cells.get(concessionId);
    if (list) list.push(cell);
    else cells.set(concessionId, [cell]);
  }
  const model: MatrixModel = {
    seq,
    // Only parties that have taken a stance: people mentioned in passing would bury the sides.
    parties: frame.parties.filter((party) => withStances.has(party.id)),
    concessions: frame.concessions,
    issueAreas: frame.issueAreas,
    cells,
    dates: [...dates].sort(),
  };
  models.set(store, model);
  return model;
}

export function stanceMatrix(store: Store, by: MatrixColumns, asOf: string | null): StanceMatrix {
  const model = modelOf(store);
  const partyIndex = new Map(model.parties.map((party, index) => [party.id, index]));
  const limit = asOf === null ? null : endOfDay(asOf);
  // Resolve per concession first: incompatibility is a property of one concession.
  const resolved = new Map<string, Map<string, ResolvedStance>>();
  const clashes = new Map<string, Set<string>>();
  for (const [concessionId, histories] of model.cells) {
    const column = new Map<string, ResolvedStance>();
    for (const history of histories) {
      const stance = stanceAt(history, limit);
      if (stance) column.set(history.partyId, stance);
    }
    if (column.size > 0) resolved.set(concessionId, column);
  }
  let gaps = 0;
  for (const [concessionId, column] of resolved) {
    // Most concessions hold no clash: look for one before naming who is in it.
    const held = new Set<Stance>();
    for (const stance of column.values()) held.add(stance.stance);
    if (!INCOMPATIBLE.some(([a, b]) => held.has(a) && held.has(b))) continue;
    const clashing = incompatibleParties(new Map([...column].map(([partyId, stance]) => [partyId, stance.stance])));
    if (clashing.size > 0) {
      clashes.set(concessionId, clashing);
      if (by === 'concession') gaps++;
    }
  }

  const cells: MatrixCell[] = [];
  if (by === 'concession') {
    const columns = model.concessions.map((concession) => ({ id: concession.id, title: concession.title, issueAreaName: concession.issueAreaName }));
    model.concessions.forEach((concession, columnIndex) => {
      for (const [partyId, stance] of resolved.get(concession.id) ?? []) {
        cells.push({
          party: partyIndex.get(partyId)!,
          column: columnIndex,
          ...stance,
          concessionId: concession.id,
          incompatible: clashes.get(concession.id)?.has(partyId) ?? false,
        });
      }
    });
    return { by, asOf, parties: model.parties, columns, cells, dates: model.dates, gaps };
  }

  // Issue areas: a party's latest stance on any of the area's concessions.
  const areaIndex = new Map(model.issueAreas.map((area, index) => [area.id, index]));
  const columns = model.issueAreas.map((area) => ({ id: area.id, title: area.name, issueAreaName: area.name }));
  const perArea = new Map<string, { cell: MatrixCell; all: { stance: ResolvedStance }[] }>();
  for (const concession of model.concessions) {
    if (!concession.issueAreaId) continue;
    const column = areaIndex.get(concession.issueAreaId)!;
    for (const [partyId, stance] of resolved.get(concession.id) ?? []) {
      const key = `${partyId}|${column}`;
      const clash = clashes.get(concession.id)?.has(partyId) ?? false;
      const found = perArea.get(key);
      if (!found) {
        perArea.set(key, { cell: { party: partyIndex.get(partyId)!, column, ...stance, concessionId: concession.id, incompatible: clash }, all: [{ stance }] });
        continue;
      }
      found.all.push({ stance });
      found.cell.incompatible ||= clash;
      if ((stance.date ?? '') > (found.cell.date ?? '')) Object.assign(found.cell, stance, { concessionId: concession.id });
    }
  }
  const gapColumns = new Set<number>();
  for (const { cell, all } of perArea.values()) {
    cell.spans = all.filter((entry) => entry.stance.stance === cell.stance).reduce((sum, entry) => sum + entry.stance.spans, 0);
    if (cell.incompatible) gapColumns.add(cell.column);
    cells.push(cell);
  }
  return { by, asOf, parties: model.parties, columns, cells, dates: model.dates, gaps: gapColumns.size };
}

/** The entries behind one cell, with their spans; those that do not count as of the day are marked. */
export function stanceEvidence(store: Store, input: { partyId: string; columnId: string; by: MatrixColumns; asOf: string | null }): StanceEvidence[] {
  const model = modelOf(store);
  const concessionIds =
    input.by === 'concession' ? [input.columnId] : model.concessions.filter((concession) => concession.issueAreaId === input.columnId).map((concession) => concession.id);
  if (input.by === 'concession' && !model.concessions.some((concession) => concession.id === input.columnId)) {
    throw new ParleyError('not_found', 'That concession no longer exists');
  }
  const limit = input.asOf === null ? null : endOfDay(input.asOf);
  return store.analysis.stanceEvidence(input.partyId, concessionIds).map((row) => ({
    stanceId: row.id,
    stance: row.stance,
    asOf: row.asOf,
    concessionId: row.concessionId,
    concessionTitle: row.concessionTitle,
    counts: limit === null || (row.asOf !== null && dayOf(row.asOf) <= limit),
    annotationId: row.annotationId,
    documentId: row.documentId,
    documentTitle: row.documentTitle,
    outlet: row.outlet,
    exact: row.exact,
    note: row.note,
    createdBy: row.created_by,
  }));
}
