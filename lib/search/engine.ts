// Runs the search statements through any executor: Prisma's $queryRaw in the
// app (lib/search/queries.ts) and in tests, plain `pg` in the benchmark. No
// database client is imported here.
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseHighlight } from './highlight';
import { analyzeQuery } from './query-text';
import type { SearchFilters, SearchInput } from './schema';
import { facetStatement, searchStatement, suggestionStatement, type FacetRow, type SearchRow } from './sql';
import type { SearchFacets, SearchHit, SearchOutcome } from './types';

export type Executor = <T>(query: Prisma.Sql) => Promise<T[]>;

/** Close symptoms offered when a search finds nothing. */
export const SUGGESTIONS_MAX = 5;

export const urlFor = (type: 'incident' | 'runbook', slug: string) =>
  `/${type === 'incident' ? 'incidents' : 'runbooks'}/${encodeURIComponent(slug)}`;

export async function runSearch(exec: Executor, input: SearchInput): Promise<SearchOutcome> {
  const started = performance.now();
  const analyzed = analyzeQuery(input.q);
  if (!analyzed.searchable) {
    return { total: 0, tookMs: 0, hits: [], corrections: [], searchable: false };
  }
  const rows = await exec<SearchRow>(searchStatement(analyzed, input, input.limit, input.offset));
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
            snippet: parseHighlight(r.snippet ?? ''),
            matchedSymptom: r.matched_symptom ? parseHighlight(r.matched_symptom) : null,
          },
        ]
      : [],
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    hits,
    corrections: rows[0]?.corrections ?? [],
    searchable: true,
  };
}

export async function runFacets(exec: Executor, q: string, filters: SearchFilters, needed: number): Promise<SearchFacets> {
  const facets: SearchFacets = { type: [], service: [], tag: [], severity: [], year: [] };
  const analyzed = analyzeQuery(q);
  if (!analyzed.searchable) return facets;
  for (const row of await exec<FacetRow>(facetStatement(analyzed, filters, needed))) {
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
