// Builds /search URLs: every filter lives in the URL so a search can be shared.
import { SEARCH_FILTER_KEYS, type SearchPageParams } from './schema';

export const SEARCH_PATH = '/search';

export type SearchUrlState = Omit<SearchPageParams, 'truncated' | 'exact'> & { exact?: boolean };

export function searchHref(params: SearchUrlState, changes: Partial<SearchUrlState> = {}): string {
  const next = { ...params, ...changes };
  const search = new URLSearchParams();
  if (next.q) search.set('q', next.q);
  for (const key of SEARCH_FILTER_KEYS) {
    const value = next[key];
    if (value !== undefined) search.set(key, String(value));
  }
  if (next.exact) search.set('exact', '1');
  if (next.page > 1) search.set('page', String(next.page));
  const query = search.toString();
  return query ? `${SEARCH_PATH}?${query}` : SEARCH_PATH;
}
