import Link from 'next/link';
import type { RunView } from '@/lib/checks/types';
import { RunStatusBadge } from './RunStatusBadge';

const pre =
  'mt-1 max-h-96 overflow-auto whitespace-pre rounded-md bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100';

function Stream({ label, text, truncated }: { label: string; text: string; truncated: boolean }) {
  return (
    <div className="mt-2">
      <p className="text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
        {truncated && (
          <span className="ml-2 text-amber-700 dark:text-amber-300">(truncated: the output was longer than the cap)</span>
        )}
      </p>
      <pre className={pre} tabIndex={0} aria-label={`${label} output`}>
        {text}
      </pre>
    </div>
  );
}

/** One run: status, verdict, output. Shared by the live block, the run page and histories. */
export function RunOutput({ run, showLink = true }: { run: RunView; showLink?: boolean }) {
  const finished = run.finishedAt !== null;
  return (
    <section
      aria-label={`${run.checkTitle} on ${run.hostName}`}
      className="min-w-0 rounded-md border border-slate-300 p-3 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="font-mono text-sm font-semibold">{run.hostName}</h4>
        <RunStatusBadge status={run.status} />
        {run.exitCode !== null && <span className="text-xs text-slate-600 dark:text-slate-400">exit {run.exitCode}</span>}
        {run.durationMs !== null && finished && (
          <span className="text-xs text-slate-600 dark:text-slate-400">{(run.durationMs / 1000).toFixed(2)} s</span>
        )}
        {showLink && (
          <Link href={`/checks/runs/${run.id}`} className="ml-auto text-xs text-blue-700 underline dark:text-sky-300">
            Run details
          </Link>
        )}
      </div>
      {run.verdict && <p className="mt-1 text-sm">{run.verdict}</p>}
      {run.message && <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">{run.message}</p>}
      {(run.stdout || !finished) && <Stream label="stdout" text={run.stdout} truncated={run.stdoutTruncated} />}
      {run.stderr && <Stream label="stderr" text={run.stderr} truncated={run.stderrTruncated} />}
    </section>
  );
}
