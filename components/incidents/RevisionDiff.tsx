import type { DiffLine } from '@/lib/incidents/revisions';

/** Lines of unchanged text kept around each change; longer unchanged runs are folded. */
const CONTEXT_LINES = 3;

type Hunk = { kind: 'lines'; lines: DiffLine[] } | { kind: 'fold'; count: number };

function fold(lines: DiffLine[]): Hunk[] {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let j = Math.max(0, i - CONTEXT_LINES); j <= Math.min(lines.length - 1, i + CONTEXT_LINES); j++) keep[j] = true;
  });
  const hunks: Hunk[] = [];
  lines.forEach((l, i) => {
    const last = hunks.at(-1);
    if (keep[i]) {
      if (last?.kind === 'lines') last.lines.push(l);
      else hunks.push({ kind: 'lines', lines: [l] });
    } else if (last?.kind === 'fold') last.count += 1;
    else hunks.push({ kind: 'fold', count: 1 });
  });
  return hunks;
}

const style = {
  added: 'bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100',
  removed: 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100',
  same: 'text-slate-700 dark:text-slate-300',
} as const;
const sign = { added: '+', removed: '−', same: ' ' } as const;

/** A readable line diff of two revisions in the content format. */
export function RevisionDiff({ lines, label }: { lines: DiffLine[]; label: string }) {
  const changed = lines.some((l) => l.kind !== 'same');
  if (!changed) return <p className="text-slate-700 dark:text-slate-300">These two versions are identical.</p>;
  return (
    <div
      role="region"
      aria-label={label}
      className="overflow-x-auto rounded-md border border-slate-200 font-mono text-xs dark:border-slate-700"
    >
      {fold(lines).map((h, i) =>
        h.kind === 'fold' ? (
          <div key={i} className="bg-slate-100 px-2 py-1 text-slate-600 dark:bg-slate-800 dark:text-slate-400">
            … {h.count} unchanged {h.count === 1 ? 'line' : 'lines'}
          </div>
        ) : (
          h.lines.map((l, j) => <DiffRow key={`${i}-${j}`} line={l} />)
        ),
      )}
    </div>
  );
}

function DiffRow({ line }: { line: DiffLine }) {
  if (line.kind === 'same') return <div className={`px-2 whitespace-pre-wrap ${style.same}`}>{`  ${line.text}`}</div>;
  // ins/del carry the meaning for screen readers; colour and sign for everyone else.
  const Tag = line.kind === 'added' ? 'ins' : 'del';
  return (
    <Tag className={`block px-2 whitespace-pre-wrap no-underline ${style[line.kind]}`}>{`${sign[line.kind]} ${line.text}`}</Tag>
  );
}
