/**
 * Plan versions point by point: reading a pasted numbered list, suggesting which later point
 * continues which earlier one (TF-IDF cosine, an optimal one-to-one assignment, then merges and
 * splits above a threshold), naming each aligned group (kept, reworded, merged, split, dropped,
 * new) and a word-level redline per group. Pure functions, unit-tested and benched.
 */
import { diffWords } from 'diff';
import munkres from 'munkres';
import { ParleyError } from '../../shared/errors';
import type { AlignedPoints, AlignmentKind, RedlinePart } from '../../shared/model/plan';

/** Pairs at or above this cosine are suggested as the same point (one-to-one, merge or split). */
export const ALIGNMENT_THRESHOLD = 0.3;

const NUMBERED = /^\s*(?:(?:point|article|item|section)\s+)?\(?(\d{1,3})\s*(?:[.):\]–—-]|\s*\.\))\s*(.*)$/i;

/**
 * A pasted numbered list as points: "1. …", "2) …", "(3) …", "Point 4: …"; lines that do not start
 * a number continue the point above (wrapped lines, sub-items a/b/c). Numbers are kept when they
 * run upwards without repeats, else the points are numbered in order. A paste without any numbered
 * line is read one point per non-empty line.
 */
export function parseNumberedPoints(text: string): { number: number; text: string }[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const points: { number: number; text: string }[] = [];
  const numbered = lines.some((line) => NUMBERED.test(line));
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const match = numbered ? NUMBERED.exec(line) : null;
    if (match) points.push({ number: Number(match[1]), text: match[2]!.replace(/^[:.\s]+/, '').trim() });
    else if (numbered && points.length > 0) points[points.length - 1]!.text = `${points[points.length - 1]!.text} ${line}`.trim();
    else points.push({ number: points.length + 1, text: line });
  }
  const kept = points.filter((point) => point.text.length > 0);
  if (kept.length === 0) throw new ParleyError('invalid_input', 'Paste the points as a numbered list (1. …, 2. …): nothing to read', { text: 'no points found' });
  if (kept.length > 1000) throw new ParleyError('invalid_input', 'A version holds at most 1,000 points', { text: 'too many points' });
  const increasing = kept.every((point, index) => index === 0 || point.number > kept[index - 1]!.number);
  return increasing ? kept : kept.map((point, index) => ({ number: index + 1, text: point.text }));
}

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in into is it its of on or shall should that the their there these this to will with would which who not no any all'.split(' '),
);

/** Words for similarity: lowercase letters and digits, stop words out, a plural's s trimmed. */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((word) => !STOPWORDS.has(word))
    .map((word) => (word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
}

/** TF-IDF vectors (log tf, smoothed idf) over both versions' points, L2-normalised. */
function vectors(texts: string[]): Map<string, number>[] {
  const documents = texts.map(terms);
  const df = new Map<string, number>();
  for (const words of documents) for (const word of new Set(words)) df.set(word, (df.get(word) ?? 0) + 1);
  const n = documents.length;
  return documents.map((words) => {
    const tf = new Map<string, number>();
    for (const word of words) tf.set(word, (tf.get(word) ?? 0) + 1);
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [word, count] of tf) {
      const weight = (1 + Math.log(count)) * (Math.log((1 + n) / (1 + df.get(word)!)) + 1);
      vector.set(word, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [word, weight] of vector) vector.set(word, weight / norm);
    return vector;
  });
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [word, weight] of small) sum += weight * (large.get(word) ?? 0);
  return sum;
}

/** Cosine similarity of every earlier point (rows) with every later point (columns). */
export function similarityMatrix(from: readonly string[], to: readonly string[]): number[][] {
  const all = vectors([...from, ...to]);
  return from.map((_, i) => to.map((__, j) => cosine(all[i]!, all[from.length + j]!)));
}

export interface Link {
  from: number;
  to: number;
  similarity: number;
}

/**
 * Suggested links between earlier and later points (indexes): an optimal one-to-one assignment
 * (Munkres on 1 − cosine), kept above the threshold; then a later point left over joins its most
 * similar earlier point (a split) and an earlier point left over its most similar later one (a
 * merge), when that pair is above the threshold too.
 */
export function suggestLinks(from: readonly string[], to: readonly string[], threshold = ALIGNMENT_THRESHOLD): Link[] {
  if (from.length === 0 || to.length === 0) return [];
  const similarity = similarityMatrix(from, to);
  const cost = similarity.map((row) => row.map((value) => 1 - value));
  const links: Link[] = [];
  const fromLinked = new Set<number>();
  const toLinked = new Set<number>();
  for (const [i, j] of munkres(cost)) {
    const value = similarity[i]![j]!;
    if (value < threshold) continue;
    links.push({ from: i, to: j, similarity: value });
    fromLinked.add(i);
    toLinked.add(j);
  }
  for (let j = 0; j < to.length; j++) {
    if (toLinked.has(j)) continue;
    const best = argmax(from.length, (i) => similarity[i]![j]!);
    if (best !== null && similarity[best]![j]! >= threshold) links.push({ from: best, to: j, similarity: similarity[best]![j]! });
  }
  for (let i = 0; i < from.length; i++) {
    if (fromLinked.has(i)) continue;
    const best = argmax(to.length, (j) => similarity[i]![j]!);
    if (best !== null && similarity[i]![best]! >= threshold && !links.some((link) => link.from === i)) links.push({ from: i, to: best, similarity: similarity[i]![best]! });
  }
  return links.sort((a, b) => a.to - b.to || a.from - b.from);
}

function argmax(length: number, value: (index: number) => number): number | null {
  let best: number | null = null;
  for (let index = 0; index < length; index++) if (best === null || value(index) > value(best)) best = index;
  return best;
}

interface PointText {
  id: string;
  number: number;
  text: string;
}

const normalised = (text: string) => text.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();

/**
 * The two versions as aligned groups, in the later version's order (dropped points where they
 * stood in the earlier one): linked points grouped into connected components and named.
 */
export function alignedGroups(from: readonly PointText[], to: readonly PointText[], links: readonly Link[]): AlignedPoints[] {
  // Union-find over earlier (i) and later (from.length + j) points.
  const parent = Array.from({ length: from.length + to.length }, (_, index) => index);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const link of links) parent[find(link.from)] = find(from.length + link.to);
  const groups = new Map<number, { from: number[]; to: number[]; similarity: number[] }>();
  const groupOf = (root: number) => {
    let group = groups.get(root);
    if (!group) groups.set(root, (group = { from: [], to: [], similarity: [] }));
    return group;
  };
  from.forEach((_, i) => groupOf(find(i)).from.push(i));
  to.forEach((_, j) => groupOf(find(from.length + j)).to.push(j));
  for (const link of links) groupOf(find(link.from)).similarity.push(link.similarity);

  const ordered = [...groups.values()].sort((a, b) => position(a) - position(b));
  function position(group: { from: number[]; to: number[] }): number {
    // Later points keep their order; a dropped point sits just after the later point its predecessor went to.
    if (group.to.length > 0) return Math.min(...group.to);
    const i = Math.min(...group.from);
    let before = -1;
    for (const other of groups.values()) if (other.to.length > 0 && other.from.some((k) => k < i)) before = Math.max(before, Math.max(...other.to));
    return before + 0.5;
  }

  return ordered.map((group) => {
    const fromPoints = group.from.map((i) => from[i]!);
    const toPoints = group.to.map((j) => to[j]!);
    const kind = kindOf(fromPoints, toPoints);
    const similarity = group.similarity.length > 0 ? Math.round((group.similarity.reduce((a, b) => a + b, 0) / group.similarity.length) * 1000) / 1000 : null;
    return {
      kind,
      from: fromPoints,
      to: toPoints,
      similarity,
      redline: redline(fromPoints.map((point) => point.text).join(' '), toPoints.map((point) => point.text).join(' ')),
    };
  });
}

export function kindOf(from: readonly { text: string }[], to: readonly { text: string }[]): AlignmentKind {
  if (from.length === 0) return 'new';
  if (to.length === 0) return 'dropped';
  if (from.length > 1) return 'merged';
  if (to.length > 1) return 'split';
  return normalised(from[0]!.text) === normalised(to[0]!.text) ? 'kept' : 'reworded';
}

/** Word-level changes from the earlier text to the later one (the `diff` package's word diff). */
export function redline(before: string, after: string): RedlinePart[] {
  return diffWords(before, after).map((part) => ({ text: part.value, change: part.added ? 'added' : part.removed ? 'removed' : 'same' }));
}
