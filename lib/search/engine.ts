// Runs the search statements through any executor: Prisma's $queryRaw in the
// app's pages and in tests, the pool directly for GET /api/search and in the
// benchmark (lib/db.ts queryRows, plain `pg`). No
// database client is imported here.
import type { Prisma } from '@/lib/generated/prisma/client';
import { chooseCorrection } from './correction';
import { chooseHeadScan, type HeadShares } from './head-scan';
import { parseHighlight } from './highlight';
import { analyzeQuery, type AnalyzedQuery } from './query-text';
import type { SearchFilters, SearchInput } from './schema';
import { makeSnippet } from './snippet';
import {
  facetStatement,
  searchStatement,
  suggestionStatement,
  vocabularyStatement,
  type FacetRow,
  type LexemeFix,
  type SearchRow,
  type SearchStatementOptions,
  type VocabularyRow,
} from './sql';
import { EMPTY_THESAURUS, expandWords, expandedWords, type Expansion, type Thesaurus } from './synonyms';
import type { SearchCorrection, SearchFacets, SearchHit, SearchOutcome } from './types';

export type Executor = <T>(query: Prisma.Sql) => Promise<T[]>;

/** Close symptoms offered when a search finds nothing. */
export const SUGGESTIONS_MAX = 5;

export const urlFor = (type: 'incident' | 'runbook', slug: string) =>
  `/${type === 'incident' ? 'incidents' : 'runbooks'}/${encodeURIComponent(slug)}`;

/** A query with its corrections decided: what the search and facet statements run. */
export interface ResolvedQuery {
  analyzed: AnalyzedQuery;
  /** Lexeme replacements for the SQL. */
  fixes: LexemeFix[];
  /** Typed words replaced by an indexed word, as shown ("Showing results for ..."). */
  corrections: SearchCorrection[];
  /** Typed words no document contains and that have no close correction. */
  unmatched: string[];
  /** Typed words or phrases searched together with their synonyms (lib/search/synonyms.ts). */
  expansions: Expansion[];
  /** Lexemes of the looked-up words that documents contain (corrections included): how head stages read (./head-scan.ts). */
  headLexemes: string[];
  /** Every typed word was looked up, so `headLexemes` are all of the query's lexemes. */
  allWordsLookedUp: boolean;
}

// Punctuation around a word ("lag," or "(etcd)") is not part of it.
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
// The shape of a word the vocabulary can hold (pmkb_remember_terms: ASCII letters,
// 2 to 40 of them). Anything else is never in it, so its absence proves nothing.
const PLAIN_WORD = /^[a-z]{2,40}$/;

/**
 * Where the vocabulary rows of a query's words are kept between searches (the
 * app: its tagged read cache, forgotten on every incident or runbook write;
 * lib/search/queries.ts). Returns the kept rows for exactly these words, or
 * calls `load` at once, before returning, and keeps what it gives: a miss is
 * known as soon as this returns, so the search can then look the words up in its
 * own statement (searchWithVocabulary).
 */
export type VocabularyCache = (words: readonly string[], load: () => Promise<VocabularyRow[]>) => Promise<VocabularyRow[]>;

/** A query analyzed and expanded, before the vocabulary lookup. */
interface PreparedQuery {
  resolved: ResolvedQuery;
  /** The typed plain words to look up in the vocabulary (none: nothing to correct or report). */
  words: string[];
}

/** The part of resolving a query that needs no database: analysis, synonyms, the words to look up. */
function prepareQuery(q: string, thesaurus: Thesaurus): PreparedQuery {
  const analyzed = analyzeQuery(q);
  const clean = (text: string) =>
    text
      .split(' ')
      .map((w) => w.replace(EDGE_PUNCTUATION, '').toLowerCase())
      .filter(Boolean);
  const typed = clean(analyzed.positive);
  const expansions = analyzed.searchable ? expandWords(typed, thesaurus, clean(analyzed.negative)) : [];
  const covered = expandedWords(expansions);
  const lookedUp = (w: string) => PLAIN_WORD.test(w) && !covered.has(w);
  const resolved: ResolvedQuery = {
    analyzed,
    fixes: [],
    corrections: [],
    unmatched: [],
    expansions,
    headLexemes: [],
    allWordsLookedUp: typed.length > 0 && typed.every(lookedUp),
  };
  const words = [...new Set(typed.filter(lookedUp))];
  return { resolved, words: analyzed.searchable ? words : [] };
}

/** Corrections and unmatched words from the vocabulary rows of `words`. */
function applyVocabulary({ resolved, words }: PreparedQuery, rows: readonly VocabularyRow[], exact: boolean): ResolvedQuery {
  const lexemes = new Set<string>();
  for (const row of rows) {
    if (row.known) row.lexemes.forEach((l) => lexemes.add(l));
    if (row.known || row.lexemes.length === 0) continue;
    const term = exact ? null : chooseCorrection(row.word, row.candidates);
    if (term && row.lexemes.length === 1) {
      resolved.fixes.push({ lexeme: row.lexemes[0]!, term });
      resolved.corrections.push({ from: row.word, to: term });
      lexemes.add(term);
    } else resolved.unmatched.push(row.word);
  }
  resolved.headLexemes = [...lexemes];
  // In the order they were typed.
  const order = (w: string) => words.indexOf(w);
  resolved.corrections.sort((a, b) => order(a.from) - order(b.from));
  resolved.unmatched.sort((a, b) => order(a) - order(b));
  return resolved;
}

/**
 * Looks the typed plain words up in the vocabulary. A word no document contains
 * is corrected when a close indexed word exists (lib/search/correction.ts), else
 * reported as unmatched. With `exact`, nothing is corrected: the "Search instead
 * for" link. Command tokens, numbers, IPs, single letters and non-ASCII words
 * are neither corrected nor reported: the vocabulary holds only ASCII words.
 * Words with synonyms (`thesaurus`) are expanded, and neither corrected nor
 * reported either: a document may say "kubernetes" where the query says "k8s".
 */
export async function resolveQuery(
  exec: Executor,
  q: string,
  exact = false,
  thesaurus: Thesaurus = EMPTY_THESAURUS,
  cache?: VocabularyCache,
): Promise<ResolvedQuery> {
  const prepared = prepareQuery(q, thesaurus);
  if (prepared.words.length === 0) return prepared.resolved;
  const load = () => exec<VocabularyRow>(vocabularyStatement(prepared.words));
  const rows = cache ? cache(prepared.words, () => load().then((r) => r.map(keptRow))) : load();
  return applyVocabulary(prepared, await rows, exact);
}

/** What GET /api/search asks of the search statement (and bench:search, to time the same statement). */
export const API_STATEMENT_OPTIONS: SearchStatementOptions = { matchedSymptom: false };

/**
 * What a search may use besides the database: the vocabulary rows kept between
 * searches, and how common the indexed words are (to choose how head stages
 * read, ./head-scan.ts). Without them every search looks its words up and reads
 * through the indexes.
 */
export interface SearchContext {
  cache?: VocabularyCache;
  shares?: HeadShares;
}

export async function runSearch(
  exec: Executor,
  input: SearchInput,
  resolvedQuery?: ResolvedQuery,
  options: SearchStatementOptions = {},
  shares?: HeadShares,
): Promise<SearchOutcome> {
  const started = performance.now();
  const resolved = resolvedQuery ?? (await resolveQuery(exec, input.q, input.exact));
  const { analyzed, fixes } = resolved;
  if (!analyzed.searchable) {
    return { total: 0, tookMs: 0, hits: [], corrections: [], unmatched: [], expansions: [], searchable: false };
  }
  const headScan = shares ? chooseHeadScan(resolved, input, shares) : undefined;
  const rows = await exec<SearchRow>(
    searchStatement(analyzed, fixes, input, input.limit, input.offset, resolved.expansions, { headScan, ...options }),
  );
  return outcomeOf(rows, resolved, started);
}

function outcomeOf(rows: readonly SearchRow[], resolved: ResolvedQuery, started: number): SearchOutcome {
  const hits: SearchHit[] = rows.flatMap((r) =>
    r.type && r.slug && r.title
      ? [
          {
            type: r.type,
            slug: r.slug,
            title: r.title,
            url: urlFor(r.type, r.slug),
            score: Math.round(Number(r.score) * 10_000) / 10_000,
            at: r.at,
            severity: r.severity,
            matchesAll: r.matches_all === true,
            snippet: makeSnippet(parseHighlight(r.snippet ?? '')),
            matchedSymptom: r.matched_symptom ? parseHighlight(r.matched_symptom) : null,
          },
        ]
      : [],
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    hits,
    corrections: resolved.corrections,
    unmatched: resolved.unmatched,
    expansions: resolved.expansions,
    searchable: true,
  };
}

/**
 * The whole search in one statement when no word needs correcting, which is
 * almost always: the vocabulary lookup runs inside the search statement, and
 * the search itself runs only if no typed word is a candidate for a correction
 * (searchStatement's `vocabulary`). Otherwise the corrections are decided here
 * and the search runs again with them: two statements, as resolveQuery +
 * runSearch take. Same results as those two; one round trip fewer (GET /api/search).
 * With a `cache` that holds these words' rows already, the corrections are
 * decided first and the search runs alone: one statement, without the lookup.
 */
export async function searchWithVocabulary(
  exec: Executor,
  input: SearchInput,
  thesaurus: Thesaurus = EMPTY_THESAURUS,
  options: SearchStatementOptions = {},
  { cache, shares }: SearchContext = {},
): Promise<SearchOutcome> {
  const started = performance.now();
  const prepared = prepareQuery(input.q, thesaurus);
  const { analyzed, expansions } = prepared.resolved;
  if (!analyzed.searchable) return runSearch(exec, input, prepared.resolved, options);
  const exact = input.exact ?? false;
  const tookMs = () => Math.round((performance.now() - started) * 10) / 10;
  const kept = cache && prepared.words.length ? cachedVocabulary(cache, prepared.words) : undefined;
  if (kept && !kept.missed) {
    // The words were looked up before: the corrections are known, one plain search.
    const outcome = await runSearch(exec, input, applyVocabulary(prepared, await kept.rows, exact), options, shares);
    return { ...outcome, tookMs: tookMs() };
  }
  const vocabulary = prepared.words.length ? { words: prepared.words, exact } : undefined;
  let rows: SearchRow[];
  try {
    rows = await exec<SearchRow>(
      searchStatement(analyzed, [], input, input.limit, input.offset, expansions, { ...options, vocabulary }),
    );
  } catch (err) {
    kept?.fail(err);
    throw err;
  }
  const vocabularyRows = rows[0]?.vocabulary ?? [];
  kept?.supply(vocabularyRows.map(keptRow));
  const resolved = applyVocabulary(prepared, vocabularyRows, exact);
  if (rows[0]?.searched !== false) return outcomeOf(rows, resolved, started);
  const outcome = await runSearch(exec, input, resolved, options, shares);
  return { ...outcome, tookMs: tookMs() };
}

/**
 * A vocabulary row as kept between searches: an unknown word keeps only the
 * correction it gets (chooseCorrection picks it again from a list of one), not
 * every candidate, which for a common first letter can be hundreds of words.
 */
function keptRow(row: VocabularyRow): VocabularyRow {
  if (row.known || row.candidates.length === 0) return row;
  const term = chooseCorrection(row.word, row.candidates);
  return { ...row, candidates: term ? [term] : [] };
}

/**
 * The cache's rows for `words`, or, on a miss, a promise the caller fulfils
 * (`supply`) with the rows its own statement returned, which the cache keeps.
 */
function cachedVocabulary(cache: VocabularyCache, words: readonly string[]) {
  let missed = false;
  let supply: (rows: VocabularyRow[]) => void = () => {};
  let fail: (err: unknown) => void = () => {};
  const loaded = new Promise<VocabularyRow[]>((resolve, reject) => {
    supply = resolve;
    fail = reject;
  });
  const rows = cache(words, () => {
    missed = true;
    return loaded;
  });
  // A failed lookup is not kept (the cache drops it); the caller has the error already.
  rows.catch(() => {});
  return { missed, rows, supply, fail };
}

/** Facet counts over the same hits as the search: pass the same resolved query (or `q` to resolve it here). */
export async function runFacets(
  exec: Executor,
  query: string | ResolvedQuery,
  filters: SearchFilters,
  needed: number,
): Promise<SearchFacets> {
  const facets: SearchFacets = { type: [], service: [], tag: [], severity: [], year: [] };
  const { analyzed, fixes, expansions } = typeof query === 'string' ? await resolveQuery(exec, query) : query;
  if (!analyzed.searchable) return facets;
  for (const row of await exec<FacetRow>(facetStatement(analyzed, fixes, filters, needed, expansions))) {
    facets[row.facet].push({ value: row.value, count: Number(row.count) });
  }
  facets.severity.sort((a, b) => a.value.localeCompare(b.value));
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  return facets;
}

export async function runSuggestions(exec: Executor, q: string): Promise<string[]> {
  const plain = analyzeQuery(q).positive;
  if (!plain) return [];
  const rows = await exec<{ text: string }>(suggestionStatement(plain, SUGGESTIONS_MAX));
  return rows.map((r) => r.text);
}
