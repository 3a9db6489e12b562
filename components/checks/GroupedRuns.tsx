// The live block's view of a launch: the summary line and the groups by output,
// the baseline's output for bigger launches, and the way to the batch page.
// No hooks, so the block (a client component) renders it as it polls.
import Link from 'next/link';
import type { Grouping } from '@/lib/checks/grouping';
import type { RunView } from '@/lib/checks/types';
import { BatchSummaryLine } from './BatchSummaryLine';

/** Host names shown per group in the block; the batch page lists them all. */
const HOSTS_NAMED_MAX = 8;

const look = {
  output: 'border-blue-300 dark:border-sky-800',
  baseline: 'border-green-400 dark:border-green-700',
  error: 'border-amber-400 dark:border-amber-700',
  timeout: 'border-orange-400 dark:border-orange-700',
  running: 'border-slate-300 dark:border-slate-700',
} as const;

export function GroupedRuns({
  grouping,
  batchId,
  showBaselineOutput,
}: {
  grouping: Grouping<RunView>;
  batchId: string | null | undefined;
  /** Bigger launches show no card per host, so the baseline's output stands here for the common answer. */
  showBaselineOutput: boolean;
}) {
  const baseline = grouping.baseline;
  return (
    <div className="min-w-0 space-y-2 rounded-md border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-950">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <BatchSummaryLine summary={grouping.summary} />
        {batchId && (
          <Link href={`/checks/batches/${batchId}`} className="text-sm text-blue-700 underline dark:text-sky-300">
            Open the launch
          </Link>
        )}
      </div>
      <ul aria-label="Hosts grouped by output" className="space-y-1.5">
        {grouping.groups.map((g) => {
          const named = g.runs.slice(0, HOSTS_NAMED_MAX).map((r) => r.hostName);
          const more = g.runs.length - named.length;
          return (
            <li key={g.id} className={`min-w-0 border-l-4 pl-2 text-sm ${look[g.isBaseline ? 'baseline' : g.kind]}`}>
              <span className="font-semibold">{g.label}</span>
              {g.isBaseline && <span className="text-xs text-slate-600 dark:text-slate-400"> (baseline)</span>}
              <span className="block font-mono text-xs break-words text-slate-600 dark:text-slate-400">
                {named.join(', ')}
                {more > 0 && ` and ${more} more`}
              </span>
              {(g.kind === 'error' || g.kind === 'timeout') && g.representative.message && (
                <span className="block text-xs break-words text-amber-800 dark:text-amber-200">{g.representative.message}</span>
              )}
            </li>
          );
        })}
      </ul>
      {showBaselineOutput && baseline && (
        <div className="min-w-0">
          <p className="text-xs font-medium text-slate-600 dark:text-slate-400">
            Baseline output ({baseline.representative.hostName}
            {baseline.representative.exitCode !== null && `, exit ${baseline.representative.exitCode}`})
          </p>
          <pre
            className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-relaxed whitespace-pre text-slate-100"
            tabIndex={0}
            aria-label="Baseline output"
          >
            {baseline.representative.stdout || '(no output)'}
          </pre>
        </div>
      )}
    </div>
  );
}
