import Link from 'next/link';
import { DateTime } from '@/components/ui/DateTime';
import { formatIncidentDuration } from '@/lib/format/time';
import type { IncidentListRow } from '@/lib/incidents/types';
import { IncidentStatusBadge, SeverityBadge } from './badges';
import { ServiceSummary } from './ServiceSummary';

type Props = {
  rows: IncidentListRow[];
  className?: string;
  /** Heading level of each card title, so the cards fit the page's outline. */
  headingLevel?: 'h2' | 'h3';
  showSummary?: boolean;
};

/** Incidents as stacked cards: the phone layout of the list, and the home page's recent list. */
export function IncidentCards({ rows, className = '', headingLevel: Heading = 'h2', showSummary = false }: Props) {
  return (
    <ul className={`space-y-3 ${className}`}>
      {rows.map((row) => (
        <li
          key={row.id}
          className="rounded-lg border border-slate-200 p-4 hover:border-slate-300 dark:border-slate-800 dark:hover:border-slate-700"
        >
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={row.severity} />
            <IncidentStatusBadge status={row.status} />
          </div>
          <Heading className="mt-2 text-base font-semibold">
            <Link href={`/incidents/${row.slug}`} className="text-blue-800 hover:underline dark:text-sky-300">
              {row.title}
            </Link>
          </Heading>
          {showSummary && <p className="mt-1 line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{row.summary}</p>}
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            <DateTime value={row.startedAt} timeZone={row.timezone} show="date" />
            <span aria-hidden="true"> · </span>
            <span className="sr-only">, duration </span>
            {formatIncidentDuration(row.startedAt, row.resolvedAt)}
          </p>
          <p className="mt-1 text-xs">
            <ServiceSummary services={row.services} />
          </p>
        </li>
      ))}
    </ul>
  );
}
