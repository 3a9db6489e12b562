import Link from 'next/link';
import type { DraftRow } from '@/lib/incidents/authoring-queries';

/** Drafts in progress, for authors: not in the list or search for viewers. */
export function DraftList({ drafts }: { drafts: DraftRow[] }) {
  return (
    <section
      aria-labelledby="drafts-title"
      className="rounded-lg border border-amber-300 bg-amber-50/50 p-4 dark:border-amber-800 dark:bg-amber-950/30"
    >
      <h2 id="drafts-title" className="text-sm font-semibold">
        Drafts
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {drafts.map((d) => (
          <li key={d.slug}>
            <Link href={`/incidents/${d.slug}/edit`} className="text-blue-800 underline hover:no-underline dark:text-sky-300">
              {d.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
