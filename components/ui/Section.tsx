import type { ReactNode } from 'react';

type Props = { id: string; title: string; children: ReactNode };

/** A titled part of a detail page; the id is what the table of contents links to. */
export function Section({ id, title, children }: Props) {
  return (
    <section aria-labelledby={id} className="mt-10 first:mt-0">
      <h2 id={id} className="scroll-mt-4 text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}
