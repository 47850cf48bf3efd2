/**
 * The records each list shows, in the aggregate names the service's history and `case:changed`
 * use ('party', 'concession_stance', …). Pure, so what refetches on which change is unit-tested.
 */
import type { ChannelName } from '../../shared/contract';

export type Aggregate = string;
/** Every aggregate: a case was opened or replaced. */
export const EVERYTHING = '*';

export type ListChannel = Extract<ChannelName, `${string}:list`>;

/**
 * Lists that show more than their own aggregate: counts and names drawn from others (a party's
 * mention count, a source's party name, a concession's stances and evidence).
 */
const SHOWN_BY_LIST: Partial<Record<ListChannel, readonly Aggregate[]>> = {
  'document:list': ['document', 'annotation'],
  'party:list': ['party', 'annotation'],
  'source:list': ['source', 'party', 'annotation', 'document'],
  'concession:list': ['concession', 'concession_stance', 'party', 'issue_area', 'annotation', 'plan', 'plan_point'],
  'annotation:list': ['annotation', 'document', 'source', 'party', 'concession', 'concession_stance', 'tag'],
  'issue-area:list': ['issue_area'],
  // Only this analyst's own edits change saved searches (they refetch then); their filters name
  // parties, sources and tags, which a merge or delete elsewhere changes.
  'saved-search:list': ['party', 'source', 'tag'],
  // Undoing an accept removes its annotation, undoing a rejection its remembered row: the suggestion is pending again.
  'suggestion:list': ['suggestion', 'suggestion_rejection', 'annotation', 'document'],
  // A colleague becomes known here when their work arrives (a sync or a merge brings annotations).
  'analyst:list': ['annotation'],
  // Every change is history (a sync brings colleagues' changes of any kind).
  'history:list': ['document', 'party', 'source', 'concession', 'concession_stance', 'annotation', 'tag', 'issue_area', 'plan', 'plan_version', 'plan_point'],
};

/** What a list channel shows; a list not named above shows its own aggregate ('plan:list' → plan). */
export function aggregatesShownBy(channel: ListChannel): readonly Aggregate[] {
  return SHOWN_BY_LIST[channel] ?? [channel.slice(0, -':list'.length).replace(/-/g, '_')];
}

/** Whether a change to `changed` concerns a view that shows `shown`. */
export function concerns(changed: ReadonlySet<Aggregate>, shown: readonly Aggregate[]): boolean {
  return changed.has(EVERYTHING) || shown.some((aggregate) => changed.has(aggregate));
}
