// The filters as a GET form: the URL is the state, it works without JavaScript.
import { Severity } from '@/lib/generated/prisma/enums';
import type { InsightsParams } from '@/lib/insights/schema';

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100';
const labelClass = 'block text-sm font-medium text-slate-700 dark:text-slate-300';

export function InsightsFilters({ params, years, services }: { params: InsightsParams; years: number[]; services: string[] }) {
  const withCurrent = <T,>(list: T[], v: T | undefined) => (v !== undefined && !list.includes(v) ? [v, ...list] : list);
  return (
    <form
      action="/insights"
      method="get"
      aria-label="Filter insights"
      className="grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4 md:grid-cols-4 dark:border-slate-800 dark:bg-slate-900/50"
    >
      <div>
        <label htmlFor="filter-year" className={labelClass}>
          Year
        </label>
        <select id="filter-year" name="year" defaultValue={params.year ?? ''} className={fieldClass}>
          <option value="">All years</option>
          {withCurrent(years, params.year).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-service" className={labelClass}>
          Service
        </label>
        <select id="filter-service" name="service" defaultValue={params.service ?? ''} className={fieldClass}>
          <option value="">All services</option>
          {withCurrent(services, params.service).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-severity" className={labelClass}>
          Severity
        </label>
        <select id="filter-severity" name="severity" defaultValue={params.severity ?? ''} className={fieldClass}>
          <option value="">Any</option>
          {Object.values(Severity).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 dark:bg-sky-700 dark:hover:bg-sky-600"
      >
        Apply filters
      </button>
    </form>
  );
}
