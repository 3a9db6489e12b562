// Then-vs-now (decision 037): each host's answer now against the run it repeated,
// compared as the batch view groups (lib/checks/grouping.ts normalization) and
// diffed with the batch view's line diff. Unchanged hosts are one line, so a
// 500-host comparison reads as "what changed".
import Link from 'next/link';
import type { ComparedHost, Comparison } from '@/lib/checks/evidence-queries';
import { normalizeOutput, reasonLabel } from '@/lib/checks/grouping';
import { lineDiff } from '@/lib/checks/line-diff';
import { BatchDiff, type DiffView } from './BatchDiff';

/** Changed hosts shown with their diff; the rest are named only, so the page stays readable and fast. */
export const COMPARISON_DIFFS_MAX = 50;

const link = 'text-blue-800 underline hover:no-underline dark:text-sky-300';
/** A comparison's earlier launch time, as headings show it. */
export const comparisonTime = (iso: string) => `${iso.replace('T', ' ').slice(0, 19)} UTC`;

function answer(a: ComparedHost['before']): string {
  if (a.status === 'error' || a.status === 'timed_out') return reasonLabel(a.status, a.message);
  return `${a.status}, exit ${a.exitCode ?? 'none'}`;
}

function HostChange({ host, view }: { host: ComparedHost; view: DiffView }) {
  const outputs = (a: ComparedHost['before']) => a.status === 'passed' || a.status === 'failed';
  const then = 'then';
  const now = 'now';
  return (
    <li className="min-w-0 rounded-lg border border-amber-300 p-3 dark:border-amber-800">
      <p className="text-sm font-medium break-words">
        {host.hostName}:{' '}
        <Link href={`/checks/runs/${host.previousRunId}`} className={link}>
          then {answer(host.before)}
        </Link>
        {' → '}
        <Link href={`/checks/runs/${host.runId}`} className={link}>
          now {answer(host.after)}
        </Link>
      </p>
      {outputs(host.before) && outputs(host.after) ? (
        <>
          <BatchDiff
            diff={lineDiff(normalizeOutput(host.before.stdout), normalizeOutput(host.after.stdout))}
            view={view}
            stream="stdout"
            baseName={then}
            otherName={now}
            fallback={null}
          />
          {(host.before.stderr || host.after.stderr) && (
            <BatchDiff
              diff={lineDiff(normalizeOutput(host.before.stderr), normalizeOutput(host.after.stderr))}
              view={view}
              stream="stderr"
              baseName={then}
              otherName={now}
              fallback={null}
            />
          )}
        </>
      ) : (
        <p className="mt-2 text-sm break-words text-slate-700 dark:text-slate-300">
          {host.before.message && <>Then: {host.before.message} </>}
          {host.after.message && <>Now: {host.after.message}</>}
        </p>
      )}
    </li>
  );
}

export function ComparisonSection({
  comparison,
  heading,
  view = 'unified',
}: {
  comparison: Comparison;
  /** e.g. "Compared with the launch of …"; a link to it when there was one launch. */
  heading: React.ReactNode;
  view?: DiffView;
}) {
  const changed = comparison.hosts.filter((h) => h.changed);
  const same = comparison.hosts.filter((h) => !h.changed && !h.pending);
  const pending = comparison.hosts.filter((h) => h.pending);
  const shown = changed.slice(0, COMPARISON_DIFFS_MAX);
  return (
    <section
      aria-labelledby="comparison-heading"
      className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <h2 id="comparison-heading" className="text-lg font-semibold">
        {heading}
      </h2>
      <p role="status" className="text-sm">
        {changed.length === 0
          ? pending.length
            ? `No change so far; ${pending.length} host${pending.length === 1 ? ' is' : 's are'} still running.`
            : 'No host’s output changed.'
          : `${changed.length} host${changed.length === 1 ? '' : 's'} changed, ${same.length} unchanged${pending.length ? `, ${pending.length} still running` : ''}.`}
      </p>
      {shown.length > 0 && (
        <ul className="space-y-3">
          {shown.map((h) => (
            <HostChange key={h.runId} host={h} view={view} />
          ))}
        </ul>
      )}
      {changed.length > shown.length && (
        <p className="text-sm break-words">
          Also changed (filter the launch by host to see each):{' '}
          {changed
            .slice(shown.length)
            .map((h) => h.hostName)
            .join(', ')}
        </p>
      )}
      {same.length > 0 && (
        <p className="text-sm break-words text-slate-700 dark:text-slate-300">
          Unchanged: {same.map((h) => h.hostName).join(', ')}
        </p>
      )}
      {comparison.skipped.length > 0 && (
        <p className="text-sm break-words">Not run again (disabled since): {comparison.skipped.join(', ')}</p>
      )}
    </section>
  );
}
