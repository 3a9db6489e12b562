// Reads for search: the /search page, GET /api/search and the incident page's
// "similar incidents". The only search module that touches the database.
import 'server-only';
import { cached } from '@/lib/cache/tagged';
import { db, queryRows } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { StageTimer } from '@/lib/metrics/stage-timer';
import { searchThesaurus } from '@/lib/synonyms/queries';
import {
  API_STATEMENT_OPTIONS,
  resolveQuery,
  runFacets,
  runSearch,
  runSuggestions,
  searchWithVocabulary,
  urlFor,
  type Executor,
  type VocabularyCache,
} from './engine';
import type { HeadShares } from './head-scan';
import { highlightToHtml, parseHighlight } from './highlight';
import { SEARCH_PAGE_SIZE, type SearchInput, type SearchPageParams } from './schema';
import { similarIncidentsStatement, symptomRunbooksStatement, type RelatedRunbookRow, type SimilarRow } from './similar-sql';
import { makeSnippet } from './snippet';
import { headFrequencyStatement } from './sql';
import { alsoSearched } from './synonyms';
import type { ApiSearchResponse, Highlighted, SearchFacets, SearchOutcome } from './types';

const exec: Executor = <T>(query: Prisma.Sql) => db.$queryRaw<T[]>(query);

/** The API's executor: the same statements straight through the pool (lib/db.ts queryRows, decision 030). */
const rawExec: Executor = <T>(query: Prisma.Sql) => queryRows<T>(query);

/** `rawExec`, with each statement's time added to `stage` when a timer is given. */
const timedExec =
  (timer: StageTimer | undefined, stage: string): Executor =>
  <T>(query: Prisma.Sql) =>
    timer ? timer.time(stage, () => rawExec<T>(query)) : rawExec<T>(query);

/**
 * Which typed words documents contain, and the indexed words close to those they
 * do not (the corrections' candidates), kept per set of words until an incident
 * or runbook is written: every write may add words to the vocabulary.
 */
const vocabularyCache: VocabularyCache = (words, load) =>
  cached(`search-vocabulary:${words.join(' ')}`, ['incidents', 'runbooks'], load);

/** How long the head word shares are kept: they come from ANALYZE's statistics, which change slowly. */
const HEAD_SHARES_TTL_MS = 10 * 60_000;
let headSharesKept: { at: number; shares: Promise<HeadShares> } | undefined;

/**
 * How common the most common words of titles and symptoms are (sql.ts
 * headFrequencyStatement), kept in this process for HEAD_SHARES_TTL_MS. They
 * only choose how a stage reads, never what it finds; when they cannot be read,
 * every stage uses the index.
 */
function headShares(): Promise<HeadShares> {
  if (!headSharesKept || Date.now() - headSharesKept.at > HEAD_SHARES_TTL_MS) {
    const shares = rawExec<{ lexeme: string; share: number }>(headFrequencyStatement()).then(
      (rows) => new Map(rows.map((r) => [r.lexeme, Number(r.share)])),
      () => {
        headSharesKept = undefined;
        return new Map<string, number>();
      },
    );
    headSharesKept = { at: Date.now(), shares };
  }
  return headSharesKept.shares;
}

/**
 * GET /api/search. Input is already validated (lib/search/schema.ts). One
 * statement looks the words up and searches (two when a word needs a
 * correction: engine.ts searchWithVocabulary). With a timer, the stages are
 * timed for the Server-Timing header: the thesaurus (cached), the statements
 * (`search`), and the rest (snippets, highlights) as `shape`.
 */
export async function searchApi(input: SearchInput, timer?: StageTimer): Promise<ApiSearchResponse> {
  const started = performance.now();
  const thesaurus = timer ? await timer.time('thesaurus', searchThesaurus) : await searchThesaurus();
  const outcome = await searchWithVocabulary(timedExec(timer, 'search'), input, thesaurus, API_STATEMENT_OPTIONS, {
    cache: vocabularyCache,
    shares: await headShares(),
  });
  const response: ApiSearchResponse = {
    query: input.q,
    total: outcome.total,
    tookMs: outcome.tookMs,
    corrections: outcome.corrections,
    unmatched: outcome.unmatched,
    alsoSearched: alsoSearched(outcome.expansions),
    results: outcome.hits.map((h) => ({
      type: h.type,
      slug: h.slug,
      title: h.title,
      url: h.url,
      score: h.score,
      matchesAll: h.matchesAll,
      snippet: highlightToHtml(h.snippet),
    })),
  };
  if (timer) {
    const stages = ['thesaurus', 'search'];
    const counted = stages.reduce((sum, s) => sum + (timer.get(s) ?? 0), 0);
    timer.add('shape', Math.max(0, performance.now() - started - counted));
  }
  return response;
}

/** The engine's hits with highlights as parts, for callers that render text rather than HTML (the MCP tools). */
export async function searchHits(input: SearchInput): Promise<SearchOutcome> {
  const resolved = await resolveQuery(exec, input.q, input.exact, await searchThesaurus(), vocabularyCache);
  return runSearch(exec, input, resolved, {}, await headShares());
}

export interface SearchPageData {
  outcome: SearchOutcome;
  facets: SearchFacets;
  /** Close symptoms, offered only when nothing matched. */
  suggestions: string[];
}

export async function searchPage(params: SearchPageParams): Promise<SearchPageData> {
  const { q, page, truncated: _t, exact, ...filters } = params;
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  const input: SearchInput = { q, ...filters, limit: SEARCH_PAGE_SIZE, offset, exact };
  // Corrections are decided once, so the results and the facet counts agree.
  const resolved = await resolveQuery(exec, q, exact, await searchThesaurus(), vocabularyCache);
  const [outcome, facets] = await Promise.all([
    runSearch(exec, input, resolved, {}, await headShares()),
    runFacets(exec, resolved, filters, offset + SEARCH_PAGE_SIZE),
  ]);
  const suggestions = outcome.searchable && outcome.total === 0 ? await runSuggestions(exec, q) : [];
  return { outcome, facets, suggestions };
}

/** Similar incidents shown on an incident page. */
export const SIMILAR_INCIDENTS_MAX = 5;
/** Runbooks offered beside the ones the incident already links. */
export const SYMPTOM_RUNBOOKS_MAX = 3;

export interface SimilarIncident {
  slug: string;
  title: string;
  url: string;
  startedAt: Date;
  severity: string;
  shared: { mine: string; theirs: string; similarity: number }[];
}

export interface SymptomRunbook {
  slug: string;
  title: string;
  url: string;
  snippet: Highlighted;
}

type Related = { incidents: SimilarIncident[]; runbooks: SymptomRunbook[] };

/**
 * Cached until any incident or runbook is written: not only this incident's
 * version but every other incident's symptoms decide what is similar.
 */
export function relatedToIncident(incidentId: string): Promise<Related> {
  return cached(`related:${incidentId}`, ['incidents', 'runbooks'], () => loadRelated(incidentId));
}

async function loadRelated(incidentId: string): Promise<Related> {
  const [similar, runbooks] = await Promise.all([
    exec<SimilarRow>(similarIncidentsStatement(incidentId, SIMILAR_INCIDENTS_MAX)),
    exec<RelatedRunbookRow>(symptomRunbooksStatement(incidentId, SYMPTOM_RUNBOOKS_MAX)),
  ]);
  return {
    incidents: similar.map((r) => ({
      slug: r.slug,
      title: r.title,
      url: urlFor('incident', r.slug),
      startedAt: r.started_at,
      severity: r.severity,
      shared: (r.shared ?? []).map((p) => ({ ...p, similarity: Number(p.similarity) })),
    })),
    runbooks: runbooks.map((r) => ({
      slug: r.slug,
      title: r.title,
      url: urlFor('runbook', r.slug),
      snippet: makeSnippet(parseHighlight(r.snippet)),
    })),
  };
}
