// Two revisions compared field by field (lib/incidents/field-diff.ts): one row
// per changed field or list entry, the changed words marked inside it.
import type { FieldChange, WordPart } from '@/lib/incidents/field-diff';

const style = {
  added: 'rounded-sm bg-green-100 text-green-950 no-underline dark:bg-green-900 dark:text-green-50',
  removed: 'rounded-sm bg-red-100 text-red-950 line-through dark:bg-red-900 dark:text-red-50',
} as const;
const changeWord = { added: 'added', removed: 'removed', changed: 'changed' } as const;

/** ins/del carry the meaning for screen readers (and print); colour and strike-through for everyone else. */
function Part({ part }: { part: WordPart }) {
  if (part.kind === 'same') return <span>{part.text}</span>;
  const Tag = part.kind === 'added' ? 'ins' : 'del';
  return <Tag className={`${style[part.kind]} px-0.5`}>{part.text}</Tag>;
}

export function RevisionDiff({ changes, label }: { changes: FieldChange[]; label: string }) {
  if (!changes.length) return <p className="text-slate-700 dark:text-slate-300">These two versions are identical.</p>;
  return (
    <section aria-label={label} className="rounded-md border border-slate-200 dark:border-slate-700">
      <ul className="divide-y divide-slate-200 dark:divide-slate-700">
        {changes.map((c, i) => (
          <li key={i} className="grid gap-1 p-3 sm:grid-cols-[12rem_1fr] sm:gap-4">
            <p className="text-sm font-semibold text-slate-800 dark:text-slate-200">
              {c.label} <span className="font-normal text-slate-600 dark:text-slate-400">({changeWord[c.change]})</span>
            </p>
            <p className="text-sm whitespace-pre-wrap text-slate-800 dark:text-slate-200">
              {c.parts.map((p, j) => (
                <Part key={j} part={p} />
              ))}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
