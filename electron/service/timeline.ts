/**
 * The timeline: dated stance entries (a position taken, or moved) and attributed statements, in
 * lanes per party, concession or issue area. Evidence without a date is listed aside: nothing is
 * placed on the axis by guess.
 */
import type { Timeline, TimelineEvent } from '../../shared/model/analysis';
import type { Store } from '../store/index';
import { dayOf } from './stance-matrix';

export interface TimelineQuery {
  partyIds: string[];
  issueAreaIds: string[];
  concessionIds: string[];
  lanes: 'party' | 'concession' | 'issue_area';
}

export function timeline(store: Store, query: TimelineQuery): Timeline {
  const frame = store.analysis.frame();
  const parties = new Set(query.partyIds);
  const areas = new Set(query.issueAreaIds);
  const concessions = new Set(query.concessionIds);
  const keep = (row: { partyId: string | null; concessionId: string | null; issueAreaId: string | null }) =>
    (parties.size === 0 || (row.partyId !== null && parties.has(row.partyId))) &&
    (areas.size === 0 || (row.issueAreaId !== null && areas.has(row.issueAreaId))) &&
    (concessions.size === 0 || (row.concessionId !== null && concessions.has(row.concessionId)));

  const lanes: { id: string; name: string }[] = [];
  const laneIndex = new Map<string, number>();
  const laneOf = (id: string | null, name: string | null): number => {
    const key = id ?? '';
    let index = laneIndex.get(key);
    if (index === undefined) {
      index = lanes.length;
      laneIndex.set(key, index);
      lanes.push({ id: key, name: name ?? (query.lanes === 'issue_area' ? 'No issue area' : query.lanes === 'party' ? 'No party' : 'No concession') });
    }
    return index;
  };
  const areaName = new Map(frame.issueAreas.map((area) => [area.id, area.name]));
  const laneFor = (row: { partyId: string | null; partyName: string | null; concessionId: string | null; concessionTitle: string | null; issueAreaId: string | null }) =>
    query.lanes === 'party'
      ? laneOf(row.partyId, row.partyName)
      : query.lanes === 'concession'
        ? laneOf(row.concessionId, row.concessionTitle)
        : laneOf(row.issueAreaId, row.issueAreaId ? (areaName.get(row.issueAreaId) ?? null) : null);

  const events: TimelineEvent[] = [];
  const undated: TimelineEvent[] = [];
  // Undated evidence is listed aside, never placed on the axis by guess.
  const place = (event: TimelineEvent) => (event.date === null ? undated : events).push(event);
  // The span an event rests on, as both kinds of event carry it.
  const evidenceOf = (row: { exact: TimelineEvent['quote'] } & Pick<TimelineEvent, 'annotationId' | 'documentId' | 'documentTitle' | 'outlet'>) => ({
    quote: row.exact,
    annotationId: row.annotationId,
    documentId: row.documentId,
    documentTitle: row.documentTitle,
    outlet: row.outlet,
  });
  // A change is a stance that differs from the party's previous one on the same concession (history order).
  const previous = new Map<string, string>();
  for (const row of store.analysis.stanceEntries()) {
    const key = `${row.partyId}|${row.concessionId}`;
    const before = previous.get(key);
    previous.set(key, row.stance);
    if (!keep(row)) continue;
    const event: TimelineEvent = {
      kind: 'stance',
      id: row.id,
      date: row.asOf === null ? null : dayOf(row.asOf),
      lane: laneFor(row),
      partyName: row.partyName,
      concessionTitle: row.concessionTitle,
      stance: row.stance,
      change: before !== undefined && before !== row.stance,
      ...evidenceOf(row),
    };
    place(event);
  }
  const titles = new Map(frame.concessions.map((concession) => [concession.id, concession.title]));
  for (const row of store.analysis.statementRows()) {
    if (!keep(row)) continue;
    const concessionTitle = row.concessionId ? (titles.get(row.concessionId) ?? null) : null;
    const event: TimelineEvent = {
      kind: 'statement',
      id: row.annotationId,
      date: row.publishedAt === null ? null : dayOf(row.publishedAt),
      lane: laneFor({ ...row, concessionTitle }),
      partyName: row.partyName ?? row.sourceName,
      concessionTitle,
      stance: null,
      change: false,
      ...evidenceOf(row),
    };
    place(event);
  }
  events.sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
  return { lanes, events, undated };
}
