import { diffLines } from 'diff';

/**
 * Line diff of one host's stdout against the baseline host's. Whether two runs
 * are "the same output" is not decided here (lib/checks/grouping.ts does): this
 * is shown only for runs grouping put apart from the baseline.
 */
export function OutputDiff({
  base,
  baseHost,
  other,
  otherHost,
}: {
  base: string;
  baseHost: string;
  other: string;
  otherHost: string;
}) {
  if (base === other)
    return (
      <p className="mt-2 text-xs text-slate-700 dark:text-slate-300">
        Same stdout as {baseHost}; the exit code or stderr differs.
      </p>
    );
  const parts = diffLines(base, other);
  return (
    <div className="mt-2">
      <p className="text-xs font-medium text-slate-600 dark:text-slate-400">
        Differences from {baseHost} (<span className="text-red-700 dark:text-red-300">- only on {baseHost}</span>,{' '}
        <span className="text-green-800 dark:text-green-300">+ only on {otherHost}</span>)
      </p>
      <pre
        className="mt-1 max-h-72 overflow-auto rounded-md border border-slate-300 p-2 font-mono text-xs dark:border-slate-700"
        tabIndex={0}
        aria-label={`Diff of ${otherHost} against ${baseHost}`}
      >
        {parts.flatMap((part, i) => {
          const sign = part.added ? '+' : part.removed ? '-' : ' ';
          const cls = part.added
            ? 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200'
            : part.removed
              ? 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200'
              : 'text-slate-500';
          return part.value
            .replace(/\n$/, '')
            .split('\n')
            .map((line, j) => (
              <span key={`${i}-${j}`} className={`block ${cls}`}>
                {sign} {line}
              </span>
            ));
        })}
      </pre>
    </div>
  );
}
