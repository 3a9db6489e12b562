// Builds /incidents URLs from list params, leaving out defaults so links stay short
// and one state has one URL.
import { DEFAULT_DIR, DEFAULT_SORT, type IncidentListParams, type RawSearchParams } from './schema';

export const INCIDENTS_PATH = '/incidents';

export function incidentListHref(params: IncidentListParams, changes: Partial<IncidentListParams> = {}): string {
  const next = { ...params, ...changes };
  const search = new URLSearchParams();
  if (next.q) search.set('q', next.q);
  if (next.service) search.set('service', next.service);
  if (next.tag) search.set('tag', next.tag);
  if (next.category) search.set('category', next.category);
  if (next.severity) search.set('severity', next.severity);
  if (next.year !== undefined) search.set('year', String(next.year));
  if (next.sort !== DEFAULT_SORT) search.set('sort', next.sort);
  if (next.dir !== DEFAULT_DIR[next.sort]) search.set('dir', next.dir);
  if (next.page > 1) search.set('page', String(next.page));
  const query = search.toString();
  return query ? `${INCIDENTS_PATH}?${query}` : INCIDENTS_PATH;
}

/** A link to the list filtered by one service or tag, from anywhere in the app. */
export function incidentsFilteredBy(key: 'service' | 'tag' | 'category', value: string): string {
  return `${INCIDENTS_PATH}?${new URLSearchParams({ [key]: value }).toString()}`;
}

/** The same list (sort kept) with every filter removed. */
export function withoutFiltersHref(params: IncidentListParams): string {
  return incidentListHref(params, {
    q: undefined,
    service: undefined,
    tag: undefined,
    category: undefined,
    severity: undefined,
    year: undefined,
    page: 1,
  });
}

function sortedPairs(search: URLSearchParams): string {
  return [...search]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');
}

/**
 * Whether the request URL is already the one canonical URL for these params.
 * The filter form submits every field, empty ones included; redirecting to the
 * canonical URL keeps shared links short and drops values that were ignored.
 */
export function isCanonicalListQuery(raw: RawSearchParams, params: IncidentListParams): boolean {
  const current = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) current.append(key, v);
  }
  const canonical = new URLSearchParams(incidentListHref(params).split('?')[1] ?? '');
  return sortedPairs(current) === sortedPairs(canonical);
}
