import Link from 'next/link';
import type { SimilarIncident, SymptomRunbook } from '@/lib/search/queries';
import { Highlight } from './Highlight';

type Props = { incidents: SimilarIncident[]; runbooks: SymptomRunbook[] };

/** Similar past incidents (with the symptom pairs that made them similar) and runbooks that mention these symptoms. */
export function RelatedToIncident({ incidents, runbooks }: Props) {
  return (
    <div className="space-y-6">
      {incidents.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">No other incident has similar symptoms yet.</p>
      ) : (
        <ul className="space-y-4">
          {incidents.map((i) => (
            <li key={i.slug}>
              <Link href={i.url} className="font-medium text-blue-800 hover:underline dark:text-sky-300">
                {i.title}
              </Link>
              <span className="ml-2 text-sm text-slate-600 dark:text-slate-400">
                {i.severity} · {i.startedAt.getUTCFullYear()}
              </span>
              <ul className="mt-1 space-y-1 text-sm text-slate-700 dark:text-slate-300">
                {i.shared.map((p) => (
                  <li key={`${p.mine}|${p.theirs}`}>
                    <span className="text-slate-500">Here:</span> {p.mine} <span className="text-slate-500">· There:</span>{' '}
                    {p.theirs} <span className="text-slate-500">({Math.round(p.similarity * 100)}% alike)</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {runbooks.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300">Runbooks that mention these symptoms</h3>
          <ul className="space-y-3">
            {runbooks.map((r) => (
              <li key={r.slug}>
                <Link href={r.url} className="font-medium text-blue-800 hover:underline dark:text-sky-300">
                  {r.title}
                </Link>
                <p className="mt-0.5 text-sm text-slate-700 dark:text-slate-300">
                  <Highlight parts={r.snippet} />
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
