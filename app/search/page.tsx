import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterDisclosure } from '@/components/search/FilterDisclosure';
import { NoResults } from '@/components/search/NoResults';
import { QueryNotes } from '@/components/search/QueryNotes';
import { SearchBox } from '@/components/search/SearchBox';
import { SearchFacets } from '@/components/search/SearchFacets';
import { SearchResults } from '@/components/search/SearchResults';
import { Pagination } from '@/components/ui/Pagination';
import { requirePageRole } from '@/lib/auth/session';
import { searchPage } from '@/lib/search/queries';
import {
  SEARCH_FILTER_KEYS,
  SEARCH_PAGE_MAX,
  SEARCH_PAGE_SIZE,
  SEARCH_QUERY_MAX,
  parseSearchPageParams,
} from '@/lib/search/schema';
import { alsoSearched } from '@/lib/search/synonyms';
import { searchHref } from '@/lib/search/url';

type RawParams = Record<string, string | string[] | undefined>;

export async function generateMetadata({ searchParams }: { searchParams: Promise<RawParams> }): Promise<Metadata> {
  const { q } = parseSearchPageParams(await searchParams);
  return { title: q ? `Search: ${q}` : 'Search' };
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const params = parseSearchPageParams(await searchParams);
  await requirePageRole('reader', '/search');
  const { truncated, ...state } = params;
  const filtered = SEARCH_FILTER_KEYS.some((k) => params[k] !== undefined);
  const data = params.q ? await searchPage(params) : null;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Search by symptom</h1>
      <SearchBox q={params.q} />
      {truncated && (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          The query was cut to its first {SEARCH_QUERY_MAX} characters.
        </p>
      )}

      {!data ? (
        <p className="text-slate-700 dark:text-slate-300">
          Describe what you observe, the way you would say it in the incident channel: “pods get no IP after reboot”, “connections
          stuck in FIN_WAIT”, <code>arp_ignore</code>.
        </p>
      ) : !data.outcome.searchable ? (
        <p role="status" className="text-slate-700 dark:text-slate-300">
          That query has no words to search for. Type a symptom, an error message or a command.
        </p>
      ) : (
        // Results first in the page (a phone shows them before the folded facets);
        // on wide screens the grid puts the facets in the left column.
        <div className="grid gap-8 md:grid-cols-[14rem_minmax(0,1fr)]">
          <section aria-labelledby="search-results-title" className="min-w-0 md:col-start-2 md:row-start-1">
            <h2 id="search-results-title" className="sr-only">
              Results
            </h2>
            <QueryNotes
              params={state}
              corrections={data.outcome.corrections}
              unmatched={data.outcome.unmatched}
              alsoSearched={alsoSearched(data.outcome.expansions)}
            />
            {data.outcome.hits.length === 0 ? (
              <NoResults params={state} suggestions={data.suggestions} filtered={filtered} />
            ) : (
              <>
                <p className="mb-3 text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
                  {`${data.outcome.total} result${data.outcome.total === 1 ? '' : 's'}, ${data.outcome.tookMs} ms`}
                  {filtered && (
                    <>
                      {' · '}
                      <Link
                        href={searchHref({ q: params.q, page: 1, exact: params.exact })}
                        className="text-blue-800 underline hover:no-underline dark:text-sky-300"
                      >
                        clear filters
                      </Link>
                    </>
                  )}
                </p>
                <SearchResults hits={data.outcome.hits} firstRank={(params.page - 1) * SEARCH_PAGE_SIZE + 1} />
                <Pagination
                  page={params.page}
                  pageCount={Math.min(SEARCH_PAGE_MAX, Math.ceil(data.outcome.total / SEARCH_PAGE_SIZE))}
                  href={(p) => searchHref(state, { page: p })}
                />
              </>
            )}
          </section>
          {/* Nothing to narrow down: no filter to offer, unless one is on and must be removable. */}
          {(data.outcome.hits.length > 0 || filtered) && (
            <aside className="md:col-start-1 md:row-start-1">
              <FilterDisclosure>
                <SearchFacets facets={data.facets} params={state} />
              </FilterDisclosure>
            </aside>
          )}
        </div>
      )}
    </div>
  );
}
