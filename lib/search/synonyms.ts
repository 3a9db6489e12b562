// Query expansion with the synonym groups (docs/decisions/023-search-synonyms.md).
// Pure: the groups come from lib/synonyms/queries.ts (cached), the SQL that uses
// the expansions is in ./synonyms-sql.ts. Matching is on the words as typed,
// lowercased, never on the expansions: "k8s" adds "kubernetes", and "kubernetes"
// is not looked up again (no chains, no double expansion).

/** A typed word or phrase and the terms of its group searched beside it. */
export interface Expansion {
  typed: string;
  added: string[];
}

interface Entry {
  words: string[];
  group: number;
}

/** The groups, indexed by the first word of each term; longest term first. */
export interface Thesaurus {
  groups: readonly (readonly string[])[];
  byFirstWord: ReadonlyMap<string, readonly Entry[]>;
}

/** Expansions per query at most: each adds two tsquery rewrites to the statement. */
export const EXPANSIONS_MAX = 8;

/** Lowercase, single spaces: the one spelling of a term, in the database and in matching. */
export function normalizeTerm(term: string): string {
  return term.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function compileThesaurus(groups: readonly (readonly string[])[]): Thesaurus {
  const byFirstWord = new Map<string, Entry[]>();
  groups.forEach((terms, group) => {
    for (const term of terms) {
      const words = normalizeTerm(term).split(' ').filter(Boolean);
      if (words.length === 0) continue;
      const list = byFirstWord.get(words[0]!) ?? [];
      list.push({ words, group });
      byFirstWord.set(words[0]!, list);
    }
  });
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { groups, byFirstWord };
}

export const EMPTY_THESAURUS: Thesaurus = compileThesaurus([]);

// A plural "s" is accepted for terms of three letters or more ("certs") and for
// abbreviations without a vowel ("vms", "nics" is covered by the first rule),
// but not for short words that would turn into other words ("ha" -> "has").
const takesPluralS = (word: string) => (word.length >= 3 || !/[aeiou]/.test(word)) && !word.endsWith('s');

function sameWord(typed: string, word: string): boolean {
  return typed === word || (typed === `${word}s` && takesPluralS(word));
}

/** The index under which a typed word may be the first word of a term. */
function candidatesFor(thesaurus: Thesaurus, typed: string): readonly Entry[] {
  const exact = thesaurus.byFirstWord.get(typed) ?? [];
  const singular = typed.endsWith('s') ? (thesaurus.byFirstWord.get(typed.slice(0, -1)) ?? []) : [];
  return singular.length ? [...exact, ...singular] : exact;
}

/**
 * The expansions of typed words (lowercase, punctuation stripped, in order).
 * Longest match first and without overlap ("network interface" before
 * "network"); a group is expanded once; a term already typed, or excluded with
 * `-word`, is not added; unknown words are left alone.
 */
export function expandWords(words: readonly string[], thesaurus: Thesaurus, excluded: readonly string[] = []): Expansion[] {
  if (thesaurus.byFirstWord.size === 0 || words.length === 0) return [];
  const typedText = ` ${words.join(' ')} `;
  const skip = new Set(excluded.map(normalizeTerm));
  const seenGroups = new Set<number>();
  const out: Expansion[] = [];
  for (let i = 0; i < words.length && out.length < EXPANSIONS_MAX;) {
    const match = candidatesFor(thesaurus, words[i]!)
      .filter((e) => e.words.every((w, k) => words[i + k] !== undefined && sameWord(words[i + k]!, w)))
      .sort((a, b) => b.words.length - a.words.length)[0];
    if (!match) {
      i += 1;
      continue;
    }
    const typed = words.slice(i, i + match.words.length).join(' ');
    i += match.words.length;
    if (seenGroups.has(match.group)) continue;
    seenGroups.add(match.group);
    const own = match.words.join(' ');
    const added = thesaurus.groups[match.group]!.map(normalizeTerm).filter(
      (t) => t !== own && !typedText.includes(` ${t} `) && !skip.has(t),
    );
    if (added.length) out.push({ typed, added });
  }
  return out;
}

/** The added terms, once each, in order: "Also searched: kubernetes". */
export function alsoSearched(expansions: readonly Expansion[]): string[] {
  return [...new Set(expansions.flatMap((e) => e.added))];
}

/** The typed words an expansion covers: they are not corrected nor reported as unmatched. */
export function expandedWords(expansions: readonly Expansion[]): Set<string> {
  return new Set(expansions.flatMap((e) => e.typed.split(' ')));
}
