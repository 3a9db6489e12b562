import Link from 'next/link';
import { incidentsFilteredBy } from '@/lib/incidents/url';

type Props = {
  kind: 'service' | 'tag';
  names: string[];
  /** Accessible name of the list, e.g. "Affected services". */
  label: string;
};

/** Services or tags as links to the incident list filtered by each one. */
export function TagList({ kind, names, label }: Props) {
  if (names.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {names.map((name) => (
        <li key={name}>
          <Link
            href={incidentsFilteredBy(kind, name)}
            className={
              kind === 'tag'
                ? 'inline-block rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-200 hover:text-slate-900 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700'
                : 'inline-block rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:border-slate-400 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800'
            }
          >
            {kind === 'tag' ? `#${name}` : name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
