/**
 * The plan tracker's decisions: a pasted list read as a version's points, each point with its
 * linked concessions and each party's latest stance on them, and two versions compared through
 * the analyst's confirmed alignment or, where there is none, one suggested from the texts.
 */
import { ParleyError } from '../../shared/errors';
import { ALIGNMENT_KINDS, type AlignmentKind, type PlanComparison, type PlanVersion } from '../../shared/model/plan';
import type { Store } from '../store/index';
import type { StanceHistoryRow } from '../store/analysis-read-model';
import { alignedGroups, parseNumberedPoints, similarityMatrix, suggestLinks, type Link } from './plan-alignment';
import { resolveStance } from './stance-matrix';

export function addVersion(store: Store, input: { planId: string; label: string; dated: string | null; notes: string | null; text: string }): PlanVersion {
  const points = parseNumberedPoints(input.text);
  const version = store.plans.createVersion({ planId: input.planId, label: input.label, dated: input.dated, notes: input.notes, points });
  return planVersion(store, version.id);
}

/** A version with its points, each with its linked concessions and every party's latest stance on them. */
export function planVersion(store: Store, id: string): PlanVersion {
  const version = store.plans.version(id);
  const plan = store.plans.get(version.planId);
  const linked = store.plans.linked(id);
  const entries = new Map<string, Map<string, StanceHistoryRow[]>>();
  const names = new Map<string, string>();
  for (const row of linked.stances) {
    names.set(row.partyId, row.partyName);
    let byParty = entries.get(row.concessionId);
    if (!byParty) entries.set(row.concessionId, (byParty = new Map()));
    byParty.set(row.partyId, [...(byParty.get(row.partyId) ?? []), row]);
  }
  const concessionsOf = new Map<string, PlanVersion['points'][number]['concessions']>();
  for (const concession of linked.concessions) {
    const stances = [...(entries.get(concession.id) ?? [])].flatMap(([partyId, rows]) => {
      const resolved = resolveStance(rows, null);
      return resolved ? [{ partyId, partyName: names.get(partyId)!, stance: resolved.stance, asOf: resolved.date }] : [];
    });
    stances.sort((a, b) => a.partyName.localeCompare(b.partyName));
    concessionsOf.set(concession.planPointId, [...(concessionsOf.get(concession.planPointId) ?? []), { id: concession.id, title: concession.title, stances }]);
  }
  return {
    ...version,
    planTitle: plan.title,
    points: store.plans.points(id).map((point) => ({ ...point, concessions: concessionsOf.get(point.id) ?? [] })),
  };
}

function assertSamePlan(from: PlanVersion, to: PlanVersion): void {
  if (from.planId !== to.planId) throw new ParleyError('invalid_input', 'Compare two versions of the same plan', { toVersionId: 'belongs to another plan' });
}

/**
 * Two versions side by side. Shown through the analyst's confirmed links when any later point
 * names an earlier one of `from`; otherwise (or when `suggest` is asked) suggested from the texts.
 */
export function comparePlanVersions(store: Store, input: { fromVersionId: string; toVersionId: string; suggest: boolean }): PlanComparison {
  const from = planVersion(store, input.fromVersionId);
  const to = planVersion(store, input.toVersionId);
  assertSamePlan(from, to);
  const fromIndex = new Map(from.points.map((point, index) => [point.id, index]));
  const confirmedLinks: Link[] = [];
  for (const [j, point] of to.points.entries()) {
    for (const id of point.alignedFrom) {
      const i = fromIndex.get(id);
      if (i !== undefined) confirmedLinks.push({ from: i, to: j, similarity: 0 });
    }
  }
  const confirmed = confirmedLinks.length > 0 && !input.suggest;
  let links: Link[];
  if (confirmed) {
    const similarity = similarityMatrix(
      from.points.map((point) => point.text),
      to.points.map((point) => point.text),
    );
    links = confirmedLinks.map((link) => ({ ...link, similarity: similarity[link.from]![link.to]! }));
  } else {
    links = suggestLinks(
      from.points.map((point) => point.text),
      to.points.map((point) => point.text),
    );
  }
  const rows = alignedGroups(from.points, to.points, links);
  const counts = Object.fromEntries(ALIGNMENT_KINDS.map((kind) => [kind, 0])) as Record<AlignmentKind, number>;
  for (const row of rows) counts[row.kind]++;
  return {
    from,
    to,
    confirmed,
    rows,
    links: links.map((link) => ({ fromPointId: from.points[link.from]!.id, toPointId: to.points[link.to]!.id, similarity: Math.round(link.similarity * 1000) / 1000 })),
    counts,
  };
}

/** Store the analyst's alignment of two versions: each later point's links into `from` replaced, in one step. */
export function alignPlanVersions(store: Store, input: { fromVersionId: string; toVersionId: string; links: { fromPointId: string; toPointId: string }[] }): PlanComparison {
  const from = store.plans.points(input.fromVersionId);
  const to = store.plans.points(input.toVersionId);
  const fromIds = new Set(from.map((point) => point.id));
  const toIds = new Set(to.map((point) => point.id));
  if (store.plans.version(input.fromVersionId).planId !== store.plans.version(input.toVersionId).planId) {
    throw new ParleyError('invalid_input', 'Align two versions of the same plan', { toVersionId: 'belongs to another plan' });
  }
  for (const link of input.links) {
    if (!fromIds.has(link.fromPointId)) throw new ParleyError('invalid_input', 'A link names a point that is not in the earlier version', { links: link.fromPointId });
    if (!toIds.has(link.toPointId)) throw new ParleyError('invalid_input', 'A link names a point that is not in the later version', { links: link.toPointId });
  }
  store.transaction(
    (batch) => {
      for (const point of to) {
        const others = point.alignedFrom.filter((id) => !fromIds.has(id));
        const mine = [...new Set(input.links.filter((link) => link.toPointId === point.id).map((link) => link.fromPointId))];
        const next = [...others, ...mine];
        if (JSON.stringify(next) !== JSON.stringify(point.alignedFrom)) store.plans.setAlignedFrom(point.id, next, batch.id);
      }
    },
    { label: 'Align plan versions', failure: 'Cannot save the alignment' },
  );
  return comparePlanVersions(store, { fromVersionId: input.fromVersionId, toVersionId: input.toVersionId, suggest: false });
}
