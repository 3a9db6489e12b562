import Link from 'next/link';
import { DateTime } from '@/components/ui/DateTime';
import { formatIncidentDuration } from '@/lib/format/time';
import { DEFAULT_DIR, type IncidentListParams, type SortKey } from '@/lib/incidents/schema';
import type { IncidentListRow } from '@/lib/incidents/types';
import { incidentListHref } from '@/lib/incidents/url';
import { IncidentStatusBadge, SeverityBadge } from './badges';
import { ServiceSummary } from './ServiceSummary';

function SortHeader({ params, sortKey, children }: { params: IncidentListParams; sortKey: SortKey; children: string }) {
  const active = params.sort === sortKey;
  const nextDir = active ? (params.dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR[sortKey];
  return (
    <th
      scope="col"
      aria-sort={active ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      className="px-3 py-2 text-left font-semibold"
    >
      <Link
        href={incidentListHref(params, { sort: sortKey, dir: nextDir, page: 1 })}
        className="inline-flex items-center gap-1 hover:text-blue-700 hover:underline dark:hover:text-sky-300"
      >
        {children}
        <span aria-hidden="true" className={active ? '' : 'text-slate-400 dark:text-slate-500'}>
          {active ? (params.dir === 'asc' ? '↑' : '↓') : '↕'}
        </span>
      </Link>
    </th>
  );
}

/** The desktop list; IncidentCards shows the same rows on phones. */
export function IncidentTable({
  rows,
  params,
  className = '',
}: {
  rows: IncidentListRow[];
  params: IncidentListParams;
  className?: string;
}) {
  return (
    <table className={`w-full border-collapse text-sm ${className}`}>
      <caption className="sr-only">Incidents. Column headers with links sort the list.</caption>
      <thead className="border-b border-slate-300 text-slate-700 dark:border-slate-700 dark:text-slate-300">
        <tr>
          <SortHeader params={params} sortKey="severity">
            Severity
          </SortHeader>
          <SortHeader params={params} sortKey="title">
            Title
          </SortHeader>
          <th scope="col" className="px-3 py-2 text-left font-semibold">
            Status
          </th>
          <SortHeader params={params} sortKey="started">
            Started
          </SortHeader>
          <SortHeader params={params} sortKey="duration">
            Duration
          </SortHeader>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {rows.map((row) => (
          <tr key={row.id} className="align-top hover:bg-slate-50 dark:hover:bg-slate-900">
            <td className="px-3 py-3">
              <SeverityBadge severity={row.severity} />
            </td>
            <td className="px-3 py-3">
              <Link href={`/incidents/${row.slug}`} className="font-medium text-blue-800 hover:underline dark:text-sky-300">
                {row.title}
              </Link>
              <div className="mt-1 text-xs">
                <ServiceSummary services={row.services} />
              </div>
            </td>
            <td className="px-3 py-3">
              <IncidentStatusBadge status={row.status} />
            </td>
            <td className="px-3 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300">
              <DateTime value={row.startedAt} timeZone={row.timezone} show="date" />
            </td>
            <td className="px-3 py-3 whitespace-nowrap text-slate-700 tabular-nums dark:text-slate-300">
              {formatIncidentDuration(row.startedAt, row.resolvedAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
