import Link from 'next/link';
import type { RunView } from '@/lib/checks/types';
import { RunStatusBadge } from './RunStatusBadge';

/** A list of runs, newest first; which columns show depends on what the page is about. */
export function RunHistory({ runs, hide = [] }: { runs: RunView[]; hide?: Array<'check' | 'host'> }) {
  if (!runs.length) return <p className="text-slate-600 dark:text-slate-400">No runs yet.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
      {runs.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <RunStatusBadge status={r.status} />
          <Link href={`/checks/runs/${r.id}`} className="font-medium text-blue-800 hover:underline dark:text-sky-300">
            {!hide.includes('check') ? r.checkTitle : 'Run'}
            {!hide.includes('host') && <> on {r.hostName}</>}
          </Link>
          <time dateTime={r.createdAt} className="text-slate-600 tabular-nums dark:text-slate-400">
            {r.createdAt.slice(0, 19).replace('T', ' ')} UTC
          </time>
          {r.requestedBy && <span className="text-slate-600 dark:text-slate-400">by {r.requestedBy}</span>}
          {(r.verdict || r.message) && (
            <span className="w-full truncate text-slate-700 sm:w-auto sm:flex-1 dark:text-slate-300">
              {r.verdict ?? r.message}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
