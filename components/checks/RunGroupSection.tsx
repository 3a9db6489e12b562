// One group of a launch on the batch page: its label, its hosts, and what it
// printed: the baseline's output, a diff against it, or the error's message.
import Link from 'next/link';
import type { GroupView } from '@/lib/checks/batch-view';
import type { RunGroup } from '@/lib/checks/grouping';
import { DIFF_INPUT_MAX_CHARS } from '@/lib/checks/line-diff';
import type { RunView } from '@/lib/checks/types';
import { BatchDiff, type DiffView } from './BatchDiff';
import { RunStatusBadge } from './RunStatusBadge';

/** Host links listed per group: beyond this the filter finds a host faster than scrolling does. */
export const HOSTS_LISTED_MAX = 200;
/** Groups this small list their hosts open; bigger ones fold the list away. */
const HOSTS_OPEN_UP_TO = 12;

/**
 * Characters of one output shown on the batch page, as much as is diffed
 * (DIFF_INPUT_MAX_CHARS): a launch has up to 32 groups, each output up to 1 MiB
 * (four times that once control characters are escaped), so showing them whole
 * made one page view hundreds of MB of HTML. The run page has all of it.
 */
export const BATCH_OUTPUT_SHOWN_CHARS = DIFF_INPUT_MAX_CHARS;

const shown = (text: string) => (text.length > BATCH_OUTPUT_SHOWN_CHARS ? text.slice(0, BATCH_OUTPUT_SHOWN_CHARS) : text);

const pre =
  'max-h-[32rem] overflow-auto whitespace-pre rounded-md bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100';

function Output({ run, label }: { run: RunView; label: string }) {
  const cut = run.stdout.length > BATCH_OUTPUT_SHOWN_CHARS || run.stderr.length > BATCH_OUTPUT_SHOWN_CHARS;
  return (
    <div className="mt-3 min-w-0 space-y-2">
      {run.exitCode !== null && <p className="text-xs text-slate-600 dark:text-slate-400">exit {run.exitCode}</p>}
      <pre className={pre} tabIndex={0} aria-label={`${label}: stdout`}>
        {shown(run.stdout) || '(no output)'}
      </pre>
      {run.stderr && (
        <pre className={pre} tabIndex={0} aria-label={`${label}: stderr`}>
          {shown(run.stderr)}
        </pre>
      )}
      {cut && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Only the first {BATCH_OUTPUT_SHOWN_CHARS / 1024} KiB are shown here;{' '}
          <Link href={`/checks/runs/${run.id}`} className="text-blue-800 underline dark:text-sky-300">
            the run page
          </Link>{' '}
          has all of it.
        </p>
      )}
      {(run.stdoutTruncated || run.stderrTruncated) && (
        <p className="text-xs text-amber-700 dark:text-amber-300">The output was longer than the cap and is truncated.</p>
      )}
    </div>
  );
}

function HostList({ group, matching, filtered }: { group: RunGroup<RunView>; matching: RunView[]; filtered: boolean }) {
  const shown = matching.slice(0, HOSTS_LISTED_MAX);
  const count = filtered ? `${matching.length} of ${group.runs.length} match the filter` : `${group.runs.length}`;
  return (
    <details className="mt-2" open={matching.length <= HOSTS_OPEN_UP_TO}>
      <summary className="cursor-pointer text-sm text-slate-700 dark:text-slate-300">Hosts ({count})</summary>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {shown.map((r) => (
          <li key={r.id} className="min-w-0 break-all">
            <Link href={`/checks/runs/${r.id}`} className="font-mono text-blue-800 underline dark:text-sky-300">
              {r.hostName}
            </Link>
            {group.kind === 'running' && (
              <span className="ml-1">
                <RunStatusBadge status={r.status} />
              </span>
            )}
          </li>
        ))}
      </ul>
      {matching.length > shown.length && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          and {matching.length - shown.length} more: filter by host name to find one.
        </p>
      )}
    </details>
  );
}

export function RunGroupSection({
  view,
  baseline,
  diffView,
  filtered,
}: {
  view: GroupView;
  baseline: RunGroup<RunView> | null;
  diffView: DiffView;
  filtered: boolean;
}) {
  const { group, matching, diff, diffSkipped } = view;
  const headingId = `group-${group.id}`;
  const rep = group.representative;
  const baseName = baseline ? `baseline (${baseline.representative.hostName})` : 'baseline';
  const otherName = group.runs.length === 1 ? rep.hostName : `${rep.hostName} and ${group.runs.length - 1} more`;
  const tone =
    group.kind === 'output'
      ? group.isBaseline
        ? 'border-green-300 dark:border-green-800'
        : 'border-blue-300 dark:border-sky-800'
      : group.kind === 'running'
        ? 'border-slate-300 dark:border-slate-700'
        : 'border-amber-300 dark:border-amber-800';
  return (
    <section aria-labelledby={headingId} className={`min-w-0 rounded-lg border-l-4 ${tone} bg-white p-4 dark:bg-slate-950`}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={headingId} className="text-lg font-semibold">
          {group.label}
        </h2>
        {group.isBaseline && (
          <span className="text-xs text-slate-600 dark:text-slate-400">baseline: the others are compared to it</span>
        )}
      </div>
      <HostList group={group} matching={matching} filtered={filtered} />

      {group.kind === 'output' && group.isBaseline && <Output run={rep} label={`Baseline output (${rep.hostName})`} />}

      {group.kind === 'output' && !group.isBaseline && diff && (
        <>
          {diff.exitCodes && (
            <p className="mt-3 text-sm">
              Exit code {diff.exitCodes.other ?? 'none'}; the baseline exited {diff.exitCodes.base ?? 'without a code'}.
            </p>
          )}
          <BatchDiff
            diff={diff.stdout}
            view={diffView}
            stream="stdout"
            baseName={baseName}
            otherName={otherName}
            fallback={<Output run={rep} label={`Output of ${rep.hostName}`} />}
          />
          {diff.stderr && (
            <BatchDiff
              diff={diff.stderr}
              view={diffView}
              stream="stderr"
              baseName={baseName}
              otherName={otherName}
              fallback={null}
            />
          )}
        </>
      )}
      {group.kind === 'output' && !group.isBaseline && diffSkipped && (
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
          Not compared here: this launch has many different outputs. Filter by one of these hosts to see its diff.
        </p>
      )}

      {(group.kind === 'error' || group.kind === 'timeout') && (
        <div className="mt-3 space-y-1">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <RunStatusBadge status={rep.status} />
            <span className="break-words text-amber-900 dark:text-amber-200">{rep.message ?? 'No message was recorded.'}</span>
          </p>
          {(rep.stdout || rep.stderr) && <Output run={rep} label={`Output so far on ${rep.hostName}`} />}
        </div>
      )}

      {group.kind === 'running' && (
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
          Not finished yet: reload the page to see where they land.
        </p>
      )}
    </section>
  );
}
