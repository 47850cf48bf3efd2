/**
 * Anchoring annotations to a document's text, W3C-style: a TextPosition (start, end) backed by a
 * TextQuote (exact + prefix + suffix), so a span survives re-extraction of its document.
 * Pure: no Node, no DOM; the page uses it too.
 */
import search from 'approx-string-match';
import type { AnchorStatus, TextSelector } from './model/annotation';

/** Characters of context kept either side of a quote. */
export const CONTEXT_LENGTH = 32;

export interface AnchorResult {
  start: number;
  end: number;
  status: AnchorStatus;
}

/** The selector for text[start, end): the quote and up to 32 characters either side. */
export function describeSelection(text: string, start: number, end: number): TextSelector {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
    start,
    end,
  };
}

/**
 * Where a selector's quote is in `text`:
 * 1. the quote is still at its stored position → 'anchored';
 * 2. the quote occurs elsewhere, chosen by its prefix/suffix (then nearness) → 'reanchored';
 * 3. a close variant occurs (at most ~1 edit per 10 characters), chosen the same way → 'reanchored';
 * otherwise → 'orphan' at the stored offsets. An ambiguous quote (several places, none with
 * matching context) is an orphan too: better unanchored than pointing at the wrong words.
 */
export function anchor(text: string, selector: TextSelector): AnchorResult {
  const { exact, start, end } = selector;
  const orphan: AnchorResult = { start, end, status: 'orphan' };
  if (!exact) return orphan;
  if (text.slice(start, end) === exact) return { start, end, status: 'anchored' };

  const exactMatches: Candidate[] = [];
  for (let index = text.indexOf(exact); index !== -1 && exactMatches.length < 10_000; index = text.indexOf(exact, index + 1)) {
    exactMatches.push({ start: index, end: index + exact.length, errors: 0 });
  }
  const found = choose(text, exactMatches, selector);
  if (found) return { ...found, status: 'reanchored' };
  if (exactMatches.length > 0) return orphan; // the quote is there, but where is ambiguous

  const budget = errorBudget(exact.length);
  if (budget === 0) return orphan;
  const matches = search(text, exact, budget);
  if (matches.length === 0) return orphan;
  const fewest = Math.min(...matches.map((match) => match.errors));
  const fuzzy = choose(text, mergeOverlaps(text, matches.filter((match) => match.errors === fewest), selector), selector);
  return fuzzy ? { ...fuzzy, status: 'reanchored' } : orphan;
}

/** Edits tolerated for a quote of this length: none under 10 characters, then 1 per 10, at most 32. */
export function errorBudget(length: number): number {
  return Math.min(32, Math.floor(length / 10));
}

/** Characters of matching context needed to pick one of several places. */
const MIN_CONTEXT = 4;

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * The candidate whose surroundings best match the stored context. With several candidates the
 * best must win outright, on at least a few characters of context; a tie is ambiguous. Only a
 * quote stored without any context falls back to the one nearest its old position.
 */
function choose(text: string, candidates: Candidate[], selector: TextSelector): { start: number; end: number } | null {
  if (candidates.length === 0) return null;
  if (candidates.length === 1) return candidates[0]!;
  if (!selector.prefix && !selector.suffix) {
    return [...candidates].sort((a, b) => Math.abs(a.start - selector.start) - Math.abs(b.start - selector.start))[0]!;
  }
  const scored = candidates
    .map((candidate) => ({ candidate, score: contextScore(text, candidate, selector) }))
    .sort((a, b) => b.score - a.score);
  const [best, runnerUp] = scored;
  const enough = Math.min(MIN_CONTEXT, selector.prefix.length + selector.suffix.length);
  if (best!.score < enough || best!.score === runnerUp!.score) return null;
  return best!.candidate;
}

/** Fuzzy search reports neighbouring ends of one match; keep the best-placed of each cluster. */
function mergeOverlaps(text: string, candidates: Candidate[], selector: TextSelector): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Candidate[] = [];
  for (const candidate of sorted) {
    const last = merged.at(-1);
    if (last && candidate.start < last.end) {
      if (contextScore(text, candidate, selector) > contextScore(text, last, selector)) merged[merged.length - 1] = candidate;
    } else {
      merged.push(candidate);
    }
  }
  return merged;
}

/** Characters of stored prefix and suffix that still sit right before and after the candidate. */
function contextScore(text: string, candidate: { start: number; end: number }, selector: TextSelector): number {
  let score = 0;
  for (let i = 1; i <= selector.prefix.length && candidate.start - i >= 0; i++) {
    if (text[candidate.start - i] !== selector.prefix[selector.prefix.length - i]) break;
    score++;
  }
  for (let i = 0; i < selector.suffix.length && candidate.end + i < text.length; i++) {
    if (text[candidate.end + i] !== selector.suffix[i]) break;
    score++;
  }
  return score;
}
