/**
 * Who else reported it: per claim (one source's words, the same quote across articles) and per
 * concession, the independent outlets that carried it. Copies count once, under the earliest
 * article of their story: a document marked as a near-duplicate at import, or whose MinHash
 * signature matches another's (syndicated wire copy under a new headline). Grades are tallied as a
 * reliability × credibility matrix; a claim resting on one anonymous source is flagged.
 */
import type { Corroboration, CorroborationReport, GradeMatrix, OutletCount, SourceProfile } from '../../shared/model/analysis';
import { RELIABILITY_GRADES } from '../../shared/model/vocabulary';
import { NEAR_DUPLICATE_THRESHOLD, estimateSimilarity, signatureFromBytes } from '../ingest/near-duplicate';
import type { Store } from '../store/index';
import type { EvidenceRow } from '../store/analysis-read-model';

export interface DocumentRef {
  documentId: string;
  outlet: string | null;
  title: string | null;
  publishedAt: string | null;
  nearDuplicateOf: string | null;
}

/**
 * Count independent outlets among the documents that carried something. `sameStory(a, b)` says
 * whether two documents are copies of one story (beyond the import's near-duplicate mark).
 */
export function countOutlets(documents: readonly DocumentRef[], sameStory: (a: string, b: string) => boolean = () => false): { independent: number; outlets: OutletCount[] } {
  const unique = [...new Map(documents.map((document) => [document.documentId, document])).values()];
  const parent = new Map(unique.map((document) => [document.documentId, document.documentId]));
  const find = (id: string): string => {
    const up = parent.get(id)!;
    if (up === id) return id;
    const root = find(up);
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const document of unique) if (document.nearDuplicateOf && parent.has(document.nearDuplicateOf)) union(document.documentId, document.nearDuplicateOf);
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      if (find(unique[i]!.documentId) !== find(unique[j]!.documentId) && sameStory(unique[i]!.documentId, unique[j]!.documentId)) union(unique[i]!.documentId, unique[j]!.documentId);
    }
  }
  // Each story's original: its earliest article (undated last), then its outlet carries it.
  const stories = new Map<string, DocumentRef[]>();
  for (const document of unique) stories.set(find(document.documentId), [...(stories.get(find(document.documentId)) ?? []), document]);
  const outlets = new Map<string, OutletCount>();
  const outletName = (document: DocumentRef) => document.outlet?.trim() || 'Unknown outlet';
  for (const story of stories.values()) {
    story.sort((a, b) => (a.publishedAt ?? '\uffff').localeCompare(b.publishedAt ?? '\uffff') || a.documentId.localeCompare(b.documentId));
    const original = story[0]!;
    const name = outletName(original);
    const entry = outlets.get(name) ?? { outlet: name, documents: 0, copies: [] };
    entry.documents++;
    for (const copy of story.slice(1)) entry.copies.push({ documentId: copy.documentId, outlet: outletName(copy), title: copy.title, copyOf: `${name}${original.title ? `: ${original.title}` : ''}` });
    outlets.set(name, entry);
  }
  const list = [...outlets.values()].sort((a, b) => b.documents - a.documents || a.outlet.localeCompare(b.outlet));
  // Unknown outlets cannot be told apart: each story of one still counts (it is a distinct article).
  return { independent: list.length, outlets: list };
}

export function emptyGrades(): GradeMatrix {
  return Object.fromEntries([...RELIABILITY_GRADES, '-'].map((grade) => [grade, {}])) as GradeMatrix;
}

function tally(grades: GradeMatrix, row: EvidenceRow): void {
  if (row.type !== 'attribution') return;
  const reliability = row.reliability ?? '-';
  const credibility = row.credibility === null ? '-' : (String(row.credibility) as `${1 | 2 | 3 | 4 | 5 | 6}`);
  grades[reliability][credibility] = (grades[reliability][credibility] ?? 0) + 1;
}

const quoteKey = (text: string) => text.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();

export function corroboration(store: Store, filter: { concessionId?: string; sourceId?: string } = {}): CorroborationReport {
  const rows = store.analysis.evidenceRows();
  const signatures = new Map<string, Uint32Array>();
  const loadSignatures = (ids: string[]) => {
    const missing = ids.filter((id) => !signatures.has(id));
    if (missing.length === 0) return;
    for (const [id, bytes] of store.analysis.minhashes(missing)) signatures.set(id, signatureFromBytes(bytes));
  };
  const sameStory = (a: string, b: string) => {
    const x = signatures.get(a);
    const y = signatures.get(b);
    return !!x && !!y && estimateSimilarity(x, y) >= NEAR_DUPLICATE_THRESHOLD;
  };

  const build = (kind: Corroboration['kind'], id: string, label: string, group: EvidenceRow[]): Corroboration => {
    const documents = group.map((row) => ({ documentId: row.documentId, outlet: row.outlet, title: row.documentTitle, publishedAt: row.publishedAt, nearDuplicateOf: row.nearDuplicateOf }));
    loadSignatures([...new Set(documents.map((document) => document.documentId))]);
    const { independent, outlets } = countOutlets(documents, sameStory);
    const grades = emptyGrades();
    for (const row of group) tally(grades, row);
    const attributions = group.filter((row) => row.type === 'attribution');
    const sources = [...new Set(attributions.map((row) => row.sourceId))];
    return {
      kind,
      id,
      label,
      sourceNames: [...new Set(attributions.map((row) => row.sourceName).filter((name): name is string => !!name))],
      independentOutlets: independent,
      outlets,
      documents: new Set(documents.map((document) => document.documentId)).size,
      grades,
      singleAnonymousSource: attributions.length > 0 && sources.length === 1 && sources[0] !== null && attributions.every((row) => row.anonymous === 1),
      spans: group.map((row) => ({ annotationId: row.annotationId, documentId: row.documentId, outlet: row.outlet, publishedAt: row.publishedAt })),
    };
  };

  // Claims: one source's words, the same quote (case, spacing and punctuation aside) wherever it ran.
  const claimGroups = new Map<string, EvidenceRow[]>();
  for (const row of rows) {
    if (row.type !== 'attribution') continue;
    if (filter.sourceId && row.sourceId !== filter.sourceId) continue;
    if (filter.concessionId && row.concessionId !== filter.concessionId) continue;
    const key = `${row.sourceId ?? ''}|${quoteKey(row.exact)}`;
    claimGroups.set(key, [...(claimGroups.get(key) ?? []), row]);
  }
  const claims = [...claimGroups.values()].map((group) => {
    const first = group[0]!;
    return build('claim', first.annotationId, first.sourceName ? `${first.sourceName}: “${first.exact}”` : `“${first.exact}”`, group);
  });
  claims.sort((a, b) => b.independentOutlets - a.independentOutlets || a.label.localeCompare(b.label));

  const concessionGroups = new Map<string, EvidenceRow[]>();
  for (const row of rows) {
    if (!row.concessionId || (filter.concessionId && row.concessionId !== filter.concessionId)) continue;
    if (filter.sourceId && row.sourceId !== filter.sourceId) continue;
    concessionGroups.set(row.concessionId, [...(concessionGroups.get(row.concessionId) ?? []), row]);
  }
  const concessions = [...concessionGroups].map(([id, group]) => build('concession', id, group[0]!.concessionTitle ?? 'Concession', group));
  concessions.sort((a, b) => b.independentOutlets - a.independentOutlets || a.label.localeCompare(b.label));

  const profiles = new Map<string, SourceProfile>();
  for (const row of rows) {
    if (row.type !== 'attribution' || !row.sourceId || (filter.sourceId && row.sourceId !== filter.sourceId)) continue;
    const profile = profiles.get(row.sourceId) ?? { sourceId: row.sourceId, name: row.sourceName ?? '', anonymous: row.anonymous === 1, claims: 0, outlets: [], grades: [] };
    if (row.outlet && !profile.outlets.includes(row.outlet)) profile.outlets.push(row.outlet);
    profile.grades.push({ date: row.publishedAt, reliability: row.reliability, credibility: row.credibility, annotationId: row.annotationId, documentId: row.documentId });
    profiles.set(row.sourceId, profile);
  }
  for (const group of claimGroups.values()) {
    const sourceId = group[0]!.sourceId;
    if (sourceId) profiles.get(sourceId)!.claims++;
  }
  const sources = [...profiles.values()].sort((a, b) => b.claims - a.claims || a.name.localeCompare(b.name));
  for (const profile of sources) profile.outlets.sort();
  return { claims, concessions, sources };
}
