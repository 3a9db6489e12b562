import { QUERY_MAX, type IncidentListParams } from '@/lib/incidents/schema';
import type { FacetCount, IncidentFacets } from '@/lib/incidents/types';
import { INCIDENTS_PATH } from '@/lib/incidents/url';

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100';
const labelClass = 'block text-sm font-medium text-slate-700 dark:text-slate-300';

type SelectProps<T extends string | number> = {
  name: keyof IncidentListParams;
  label: string;
  allLabel: string;
  options: FacetCount<T>[];
  value: T | undefined;
};

function FacetSelect<T extends string | number>({ name, label, allLabel, options, value }: SelectProps<T>) {
  // A value from the URL that no published incident has (a typo, a renamed
  // service) still shows as selected, so the form does not silently drop it.
  const all = value !== undefined && !options.some((o) => o.value === value) ? [{ value, count: 0 }, ...options] : options;
  return (
    <div>
      <label htmlFor={`filter-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value === undefined ? '' : String(value)} className={fieldClass}>
        <option value="">{allLabel}</option>
        {all.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {`${o.label ?? o.value} (${o.count})`}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The list's filters as a GET form: the URL is the state, so every view is a
 * link someone can share, and it works before (or without) JavaScript.
 */
export function IncidentFilters({ params, facets }: { params: IncidentListParams; facets: IncidentFacets }) {
  return (
    <form
      action={INCIDENTS_PATH}
      method="get"
      aria-label="Filter incidents"
      className="rounded-lg border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-900/50"
    >
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6">
        <div className="col-span-2 md:col-span-4 lg:col-span-2">
          <label htmlFor="filter-q" className={labelClass}>
            Keywords
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={params.q}
            maxLength={QUERY_MAX}
            placeholder="Symptom, title or summary"
            className={`${fieldClass} placeholder:text-slate-500 dark:placeholder:text-slate-400`}
          />
        </div>
        <div className="col-span-2">
          <FacetSelect name="service" label="Service" allLabel="All services" options={facets.services} value={params.service} />
        </div>
        <div className="col-span-2">
          <FacetSelect name="tag" label="Tag" allLabel="All tags" options={facets.tags} value={params.tag} />
        </div>
        <div className="col-span-2">
          <FacetSelect
            name="category"
            label="Factor category"
            allLabel="Any category"
            options={facets.categories}
            value={params.category}
          />
        </div>
        <FacetSelect name="severity" label="Severity" allLabel="Any" options={facets.severities} value={params.severity} />
        <FacetSelect name="year" label="Year" allLabel="Any" options={facets.years} value={params.year} />
        <div>
          <label htmlFor="filter-sort" className={labelClass}>
            Sort by
          </label>
          <select id="filter-sort" name="sort" defaultValue={params.sort} className={fieldClass}>
            <option value="started">Start time</option>
            <option value="severity">Severity</option>
            <option value="duration">Duration</option>
            <option value="title">Title</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-dir" className={labelClass}>
            Order
          </label>
          <select id="filter-dir" name="dir" defaultValue={params.dir} className={fieldClass}>
            <option value="desc">Descending</option>
            <option value="asc">Ascending</option>
          </select>
        </div>
        <div className="col-span-2 flex items-end">
          <button
            type="submit"
            className="w-full rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 sm:w-auto dark:bg-sky-700 dark:hover:bg-sky-600"
          >
            Apply filters
          </button>
        </div>
      </div>
    </form>
  );
}
