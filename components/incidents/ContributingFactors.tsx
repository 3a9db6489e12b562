import Link from 'next/link';
import type { RootCause } from '@/lib/generated/prisma/enums';
import type { IncidentDetail } from '@/lib/incidents/types';
import { incidentsFilteredBy } from '@/lib/incidents/url';

const rootCauseNote: Partial<Record<RootCause, { title: string; text: string }>> = {
  unknown: {
    title: 'Root cause unknown',
    text: 'The investigation did not establish a single root cause. The factors below are what is known to have contributed.',
  },
  suspected: {
    title: 'Root cause suspected, not confirmed',
    text: 'The factors below include a likely cause that was not proven.',
  },
};

type Props = { factors: IncidentDetail['factors']; rootCause: RootCause; trigger?: IncidentDetail['triggerCategory'] };

export function ContributingFactors({ factors, rootCause, trigger }: Props) {
  const note = rootCauseNote[rootCause];
  return (
    <>
      {trigger && (
        <p className="mb-4">
          <span className="font-semibold">Trigger:</span>{' '}
          <Link
            href={incidentsFilteredBy('category', trigger.slug)}
            className="text-blue-800 underline hover:no-underline dark:text-sky-300"
          >
            {trigger.label}
          </Link>
        </p>
      )}
      {note && (
        <div
          role="note"
          className="mb-4 rounded-md border-l-4 border-amber-500 bg-amber-50 p-4 text-amber-950 dark:border-amber-400 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <p className="font-semibold">{note.title}</p>
          <p className="mt-1 text-sm">{note.text}</p>
        </div>
      )}
      {factors.length > 0 ? (
        <ul className="space-y-4">
          {factors.map((factor) => (
            <li key={factor.id}>
              <h3 className="font-semibold text-slate-900 dark:text-slate-100">{factor.title}</h3>
              {factor.categoryRef && (
                <p className="text-sm text-slate-700 dark:text-slate-300">Category: {factor.categoryRef.label}</p>
              )}
              {factor.detail && <p className="mt-1 text-slate-700 dark:text-slate-300">{factor.detail}</p>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-600 dark:text-slate-400">No contributing factors recorded.</p>
      )}
    </>
  );
}
