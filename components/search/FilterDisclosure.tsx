'use client';
// The facets on a phone: folded into a "Filter" disclosure below the results.
// On wide screens they are the sidebar, always open, and the summary is hidden.
// Server-rendered open, so without JavaScript nothing is out of reach.
import { useEffect, useRef, type ReactNode } from 'react';

/** Tailwind's `md`: from this width the facets are a sidebar beside the results. */
const WIDE = '(min-width: 48rem)';

export function FilterDisclosure({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const media = window.matchMedia(WIDE);
    const apply = () => {
      if (ref.current) ref.current.open = media.matches;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, []);
  return (
    <details ref={ref} open>
      <summary className="cursor-pointer rounded border border-slate-300 px-3 py-2 text-sm font-semibold text-slate-800 md:hidden dark:border-slate-700 dark:text-slate-200">
        Filter
      </summary>
      <div className="mt-4 md:mt-0">{children}</div>
    </details>
  );
}
