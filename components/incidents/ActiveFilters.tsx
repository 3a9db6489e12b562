import Link from 'next/link';
import { FILTER_KEYS, hasActiveFilters, type FilterKey, type IncidentListParams } from '@/lib/incidents/schema';
import { incidentListHref, withoutFiltersHref } from '@/lib/incidents/url';

const filterLabel: Record<FilterKey, string> = {
  q: 'Keywords',
  service: 'Service',
  tag: 'Tag',
  category: 'Factor category',
  severity: 'Severity',
  year: 'Year',
};

/** Each active filter as a chip that links to the same list without it. */
export function ActiveFilters({ params }: { params: IncidentListParams }) {
  if (!hasActiveFilters(params)) return null;
  const active = FILTER_KEYS.flatMap((key) => {
    const value = params[key];
    return value === undefined ? [] : [{ key, value: String(value) }];
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h2 className="text-sm font-medium text-slate-700 dark:text-slate-300">Active filters:</h2>
      <ul className="flex flex-wrap gap-2">
        {active.map(({ key, value }) => (
          <li key={key}>
            <Link
              href={incidentListHref(params, { [key]: undefined, page: 1 })}
              className="inline-flex items-center gap-1.5 rounded-full border border-blue-300 bg-blue-50 px-3 py-1 text-sm text-blue-900 hover:border-blue-500 hover:bg-blue-100 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100 dark:hover:border-sky-500"
            >
              {`${filterLabel[key]}: ${value}`}
              <span className="sr-only"> (remove filter)</span>
              <span aria-hidden="true" className="text-base leading-none">
                ×
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Link href={withoutFiltersHref(params)} className="text-sm text-blue-800 underline hover:no-underline dark:text-sky-300">
        Clear all filters
      </Link>
    </div>
  );
}
