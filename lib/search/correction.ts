// When a typed word may be "corrected", and to what. Pure: the vocabulary
// lookup is in sql.ts (vocabularyStatement), the decision is here, so the rule
// is unit-tested without a database. Decision 005, "Corrections people can trust".
//
// A correction is only for a slip of the finger on a word no document
// contains: a swapped pair (ipvsdam -> ipvsadm), a dropped or doubled letter,
// a neighbouring key. A real word the knowledge base just does not contain
// (consumer, leader, zookeeper) must stay as typed and be reported, never
// swapped for another real word (consul, loader, keep).

/** Shorter words are never corrected: one edit turns them into another real word (lag -> log, dns -> dts). */
export const CORRECTION_WORD_MIN = 4;
/** From this length a word may take two edits; below it one edit already changes a short word's meaning. */
export const CORRECTION_TWO_EDITS_MIN = 8;
/**
 * A substitution by a key that is not next to the typed one is not a slip of
 * the finger but another word (leader -> loader, consum -> consul): it costs
 * two edits, so a short word cannot take one.
 */
export const FAR_SUBSTITUTION_COST = 2;

/** Edits a typed word of this length may take to reach its correction. */
export function editBudget(length: number): number {
  if (length < CORRECTION_WORD_MIN) return 0;
  return length >= CORRECTION_TWO_EDITS_MIN ? 2 : 1;
}

// QWERTY rows; keys are neighbours when they touch on the same or an adjacent row.
const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const POSITION = new Map<string, [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((key, c) => POSITION.set(key, [r, c])));

export function keysAdjacent(a: string, b: string): boolean {
  const pa = POSITION.get(a);
  const pb = POSITION.get(b);
  if (!pa || !pb) return false;
  // Each row is shifted about half a key to the right of the one above it.
  const dr = pb[0] - pa[0];
  const dc = pb[1] - pa[1];
  if (dr === 0) return Math.abs(dc) === 1;
  if (dr === 1) return dc === 0 || dc === -1;
  if (dr === -1) return dc === 0 || dc === 1;
  return false;
}

/**
 * Optimal-string-alignment distance where insertion, deletion, a swap of two
 * neighbouring letters and a substitution by a neighbouring key cost 1, and any
 * other substitution costs FAR_SUBSTITUTION_COST.
 */
export function typoDistance(typed: string, target: string): number {
  const a = [...typed];
  const b = [...target];
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1]!;
      const y = b[j - 1]!;
      const sub = x === y ? 0 : keysAdjacent(x, y) ? 1 : FAR_SUBSTITUTION_COST;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + sub);
      if (i > 1 && j > 1 && x === b[j - 2] && a[i - 2] === y) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Only plain words are corrected: command tokens, numbers and IPs are exact by nature. */
export const isCorrectable = (word: string) => /^\p{L}+$/u.test(word) && [...word].length >= CORRECTION_WORD_MIN;

/**
 * The correction for a word that matches nothing, or null. `candidates` are
 * indexed words (search_terms); the typed word is compared whole, as typed, never
 * through its stem: "consumer" stems to "consum", one letter from "consul".
 * Same first letter, within the word's edit budget; the closest wins, then the
 * one of the most similar length, then the alphabetically first (stable).
 */
export function chooseCorrection(typed: string, candidates: readonly string[]): string | null {
  const word = typed.toLowerCase();
  if (!isCorrectable(word)) return null;
  const budget = editBudget([...word].length);
  let best: { term: string; cost: number; lengthGap: number } | null = null;
  for (const term of candidates) {
    if (term === word || term[0] !== word[0] || [...term].length < CORRECTION_WORD_MIN) continue;
    const lengthGap = Math.abs([...term].length - [...word].length);
    if (lengthGap > budget) continue;
    const cost = typoDistance(word, term);
    if (cost > budget) continue;
    if (
      !best ||
      cost < best.cost ||
      (cost === best.cost && (lengthGap < best.lengthGap || (lengthGap === best.lengthGap && term < best.term)))
    ) {
      best = { term, cost, lengthGap };
    }
  }
  return best?.term ?? null;
}

/** A typed word (lowercased) and the indexed word searched instead. */
export interface Correction {
  from: string;
  to: string;
}

/** The query as searched, in parts: `corrected` parts are words replaced by a correction. */
export function correctedQueryParts(q: string, corrections: readonly Correction[]): { text: string; corrected: boolean }[] {
  const to = new Map(corrections.map((c) => [c.from, c.to]));
  const parts: { text: string; corrected: boolean }[] = [];
  // Words are runs of letters; corrections only ever replace plain words (isCorrectable).
  for (const piece of q.split(/(\p{L}+)/u)) {
    const fix = to.get(piece.toLowerCase());
    if (fix) parts.push({ text: fix, corrected: true });
    else if (piece) parts.push({ text: piece, corrected: false });
  }
  return parts;
}
