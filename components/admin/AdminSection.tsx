import type { ReactNode } from 'react';

/** A titled part of an admin page; `boxed` frames a form apart from the lists. */
export function AdminSection({
  id,
  title,
  boxed = false,
  children,
}: {
  id: string;
  title: ReactNode;
  boxed?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className={boxed ? 'space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800' : 'space-y-3'}
    >
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
