import Link from 'next/link';
import { DateTime } from '@/components/ui/DateTime';
import { formatDateInZone } from '@/lib/format/time';
import type { TimelineKind } from '@/lib/generated/prisma/enums';
import type { IncidentDetail } from '@/lib/incidents/types';
import { TimelineKindBadge } from './badges';

// Literal class strings so Tailwind generates them; same hues as the kind badges.
const dotColour: Record<TimelineKind, string> = {
  detection: 'bg-red-600 dark:bg-red-400',
  diagnosis: 'bg-violet-600 dark:bg-violet-400',
  action: 'bg-blue-600 dark:bg-blue-400',
  communication: 'bg-teal-600 dark:bg-teal-400',
  recovery: 'bg-green-600 dark:bg-green-400',
  evidence: 'bg-amber-500 dark:bg-amber-400',
};

/** The incident as it unfolded; the date is repeated only when it changes. */
export function Timeline({ entries, timeZone }: { entries: IncidentDetail['timeline']; timeZone: string }) {
  return (
    <ol className="relative ml-1.5 border-l-2 border-slate-200 dark:border-slate-700">
      {entries.map((entry, i) => {
        const previous = entries[i - 1];
        const newDay = !previous || formatDateInZone(previous.at, timeZone) !== formatDateInZone(entry.at, timeZone);
        return (
          <li key={entry.id} className="relative pb-6 pl-6 last:pb-0">
            <span
              aria-hidden="true"
              className={`absolute top-1.5 -left-[7px] size-3 rounded-full ring-4 ring-white dark:ring-slate-950 ${dotColour[entry.kind]}`}
            />
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="text-sm font-semibold text-slate-900 tabular-nums dark:text-slate-100">
                <DateTime value={entry.at} timeZone={timeZone} show={newDay ? 'datetime' : 'time'} />
              </span>
              <TimelineKindBadge kind={entry.kind} />
            </div>
            <p className="mt-1 text-slate-800 dark:text-slate-200">
              {entry.text}
              {entry.checkRunId && (
                <>
                  {' '}
                  <Link href={`/checks/runs/${entry.checkRunId}`} className="text-sm text-blue-800 underline dark:text-sky-300">
                    Output of this run
                  </Link>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
