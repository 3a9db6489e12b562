import { formatCalendarDate } from '@/lib/format/time';
import type { IncidentDetail } from '@/lib/incidents/types';
import { ActionItemStatusBadge } from './badges';

export function ActionItems({ items }: { items: IncidentDetail['actionItems'] }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
      {items.map((item) => (
        <li key={item.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:gap-4">
          <div className="shrink-0 sm:w-24">
            <ActionItemStatusBadge status={item.status} />
          </div>
          <div className="min-w-0 flex-1">
            <p className={item.status === 'done' || item.status === 'wont_do' ? 'text-slate-600 dark:text-slate-400' : ''}>
              {item.text}
            </p>
            {(item.owner || item.due) && (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {item.owner && <>Owner: {item.owner}</>}
                {item.owner && item.due && <span aria-hidden="true"> · </span>}
                {item.due && (
                  <>
                    {item.owner && <span className="sr-only">, </span>}
                    Due <time dateTime={item.due.toISOString().slice(0, 10)}>{formatCalendarDate(item.due)}</time>
                  </>
                )}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
