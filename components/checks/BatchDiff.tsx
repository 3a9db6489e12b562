// One group's output against the baseline's, full width: unified (one column,
// - and + lines) or split (baseline left, this group right), with the changed
// words marked inside changed lines. The diff scrolls inside itself, so a long
// line never widens the page on a phone.
import type { ReactNode } from 'react';
import { DIFF_INPUT_MAX_CHARS, DIFF_MAX_EDIT_LENGTH, toSplitRows, type DiffLine, type LineDiff } from '@/lib/checks/line-diff';

export type DiffView = 'unified' | 'split';

const lineLook = {
  same: 'text-slate-600 dark:text-slate-400',
  del: 'bg-red-50 text-red-950 no-underline dark:bg-red-950/60 dark:text-red-100',
  add: 'bg-green-50 text-green-950 no-underline dark:bg-green-950/60 dark:text-green-100',
} as const;
const markLook = {
  del: 'rounded-sm bg-red-200 text-red-950 dark:bg-red-800 dark:text-white',
  add: 'rounded-sm bg-green-200 text-green-950 dark:bg-green-800 dark:text-white',
} as const;
const SIGN = { same: ' ', del: '-', add: '+' } as const;

function LineText({ line }: { line: DiffLine }) {
  if (!line.segments || line.kind === 'same') return <>{line.text || ' '}</>;
  const look = markLook[line.kind];
  return (
    <>
      {line.segments.map((s, i) =>
        s.changed ? (
          <mark key={i} className={look}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** del and ins carry the deletion and insertion roles, so a screen reader says which side a line is on. */
function Line({ line, showSign = true }: { line: DiffLine; showSign?: boolean }) {
  const body = (
    <>
      {showSign && (
        <span aria-hidden="true" className="select-none">
          {SIGN[line.kind]}{' '}
        </span>
      )}
      <LineText line={line} />
    </>
  );
  const cls = `block px-2 ${lineLook[line.kind]}`;
  if (line.kind === 'del') return <del className={cls}>{body}</del>;
  if (line.kind === 'add') return <ins className={cls}>{body}</ins>;
  return <span className={cls}>{body}</span>;
}

function SkipLine({ count }: { count: number }) {
  return (
    <span className="block bg-slate-100 px-2 text-slate-500 italic dark:bg-slate-800 dark:text-slate-400">
      ⋯ {count} unchanged line{count === 1 ? '' : 's'}
    </span>
  );
}

const frame =
  'max-h-[32rem] overflow-auto rounded-md border border-slate-300 font-mono text-xs leading-relaxed dark:border-slate-700';

function Unified({ diff, label }: { diff: LineDiff; label: string }) {
  return (
    <pre className={frame} tabIndex={0} aria-label={label}>
      <code className="block w-max min-w-full py-1">
        {diff.rows.map((row, i) => (row.kind === 'skip' ? <SkipLine key={i} count={row.count} /> : <Line key={i} line={row} />))}
      </code>
    </pre>
  );
}

function Split({ diff, label, baseName, otherName }: { diff: LineDiff; label: string; baseName: string; otherName: string }) {
  const cell = (line: DiffLine | null, key: string) =>
    line ? (
      <div key={key} className="min-w-0">
        <Line line={line} showSign={false} />
      </div>
    ) : (
      <div key={key} aria-hidden="true" className="bg-slate-50 dark:bg-slate-900" />
    );
  return (
    <div className={frame} tabIndex={0} role="group" aria-label={label}>
      {/* Side by side, long lines wrap inside their column (nothing is clipped); below 36rem the frame scrolls. */}
      <div className="grid min-w-[36rem] grid-cols-2 py-1 [overflow-wrap:anywhere] whitespace-pre-wrap">
        <div className="border-b border-slate-200 px-2 pb-1 font-sans font-semibold dark:border-slate-700">{baseName}</div>
        <div className="border-b border-slate-200 px-2 pb-1 font-sans font-semibold dark:border-slate-700">{otherName}</div>
        {toSplitRows(diff.rows).map((row, i) =>
          row.kind === 'skip' ? (
            <div key={i} className="col-span-2">
              <SkipLine count={row.count} />
            </div>
          ) : (
            [cell(row.left, `${i}l`), cell(row.right, `${i}r`)]
          ),
        )}
      </div>
    </div>
  );
}

const lines = (n: number) => `${n} line${n === 1 ? '' : 's'}`;
const kib = (chars: number) => `${Math.round(chars / 1024)} KiB`;

/** One stream's diff (stdout or stderr) with what was left out said plainly. */
export function BatchDiff({
  diff,
  view,
  stream,
  baseName,
  otherName,
  fallback,
}: {
  diff: LineDiff;
  view: DiffView;
  stream: 'stdout' | 'stderr';
  baseName: string;
  otherName: string;
  /** Shown instead of a diff when the outputs are too different to diff. */
  fallback: ReactNode;
}) {
  const label = `${stream} of ${otherName} against ${baseName}`;
  let body: ReactNode;
  if (diff.tooDifferent) {
    body = (
      <>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          The {stream} differs in more than {DIFF_MAX_EDIT_LENGTH.toLocaleString('en')} lines (or took too long to compare); it is
          shown whole instead of as a diff.
        </p>
        {fallback}
      </>
    );
  } else if (diff.identical) {
    body = (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {diff.truncated
          ? `The first ${kib(DIFF_INPUT_MAX_CHARS)} of ${stream} are the same; the outputs differ after that.`
          : `Same ${stream} as the baseline.`}
      </p>
    );
  } else {
    body = (
      <>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          <span className="text-red-800 dark:text-red-300">−{lines(diff.removed)} only in the baseline</span>,{' '}
          <span className="text-green-800 dark:text-green-300">+{lines(diff.added)} only here</span>
          {diff.truncated && <> · only the first {kib(DIFF_INPUT_MAX_CHARS)} of each output are compared</>}
        </p>
        <div className="mt-1">
          {view === 'split' ? (
            <Split diff={diff} label={label} baseName={baseName} otherName={otherName} />
          ) : (
            <Unified diff={diff} label={label} />
          )}
        </div>
      </>
    );
  }
  return (
    <div className="mt-3 min-w-0">
      <h4 className="text-sm font-medium">{stream === 'stdout' ? 'Output (stdout)' : 'Errors (stderr)'}</h4>
      <div className="mt-1">{body}</div>
    </div>
  );
}
