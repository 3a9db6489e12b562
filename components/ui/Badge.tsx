import type { ReactNode } from 'react';

export type BadgeTone = 'red' | 'orange' | 'amber' | 'green' | 'blue' | 'violet' | 'teal' | 'slate';

// Full class strings (not built from the tone name) so Tailwind's scanner sees them.
// Pairs chosen for at least 4.5:1 text contrast in both schemes.
const tones: Record<BadgeTone, string> = {
  red: 'bg-red-100 text-red-800 ring-red-600/20 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/30',
  orange: 'bg-orange-100 text-orange-800 ring-orange-600/20 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-400/30',
  amber: 'bg-amber-100 text-amber-900 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30',
  green: 'bg-green-100 text-green-800 ring-green-600/20 dark:bg-green-950 dark:text-green-200 dark:ring-green-400/30',
  blue: 'bg-blue-100 text-blue-800 ring-blue-600/20 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-400/30',
  violet: 'bg-violet-100 text-violet-800 ring-violet-600/20 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-400/30',
  teal: 'bg-teal-100 text-teal-800 ring-teal-600/20 dark:bg-teal-950 dark:text-teal-200 dark:ring-teal-400/30',
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-400/30',
};

export function Badge({ tone, children, title }: { tone: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
