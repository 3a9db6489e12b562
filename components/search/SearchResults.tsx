import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { formatUtc } from '@/lib/format/time';
import type { SearchHit } from '@/lib/search/types';
import { Highlight } from './Highlight';

/**
 * Ranked hits: title, type, the symptom that matched, and a highlighted snippet.
 * Hits matching every word come first (the search orders them so); a divider
 * heads the ones matching only some of the words.
 */
export function SearchResults({ hits, firstRank }: { hits: SearchHit[]; firstRank: number }) {
  const all = hits.filter((h) => h.matchesAll);
  const some = hits.filter((h) => !h.matchesAll);
  return (
    <>
      {all.length > 0 && <HitList hits={all} firstRank={firstRank} />}
      {some.length > 0 && (
        <section aria-labelledby="partial-matches" className={all.length > 0 ? 'mt-8' : undefined}>
          <h3
            id="partial-matches"
            className="mb-4 flex items-center gap-3 text-sm font-semibold text-slate-700 before:h-px before:flex-1 before:bg-slate-300 after:h-px after:flex-1 after:bg-slate-300 dark:text-slate-300 dark:before:bg-slate-700 dark:after:bg-slate-700"
          >
            Matching only some of your words
          </h3>
          <HitList hits={some} firstRank={firstRank + all.length} />
        </section>
      )}
    </>
  );
}

function HitList({ hits, firstRank }: { hits: SearchHit[]; firstRank: number }) {
  return (
    <ol start={firstRank} className="space-y-5">
      {hits.map((hit) => (
        <li key={`${hit.type}:${hit.slug}`} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <Badge tone={hit.type === 'incident' ? 'blue' : 'green'}>{hit.type === 'incident' ? 'Incident' : 'Runbook'}</Badge>
            {hit.severity && <Badge tone="slate">{hit.severity}</Badge>}
            {hit.at && hit.type === 'incident' && (
              <time dateTime={hit.at.toISOString()} title={formatUtc(hit.at)} className="text-slate-600 dark:text-slate-400">
                {hit.at.getUTCFullYear()}
              </time>
            )}
          </div>
          <h3 className="mt-1.5 text-lg font-semibold">
            <Link href={hit.url} className="text-blue-800 hover:underline dark:text-sky-300">
              {hit.title}
            </Link>
          </h3>
          {hit.matchedSymptom && (
            <p className="mt-1 text-sm">
              <span className="font-medium text-slate-700 dark:text-slate-300">Matched symptom: </span>
              <Highlight parts={hit.matchedSymptom} />
            </p>
          )}
          {hit.snippet.length > 0 && (
            <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
              <Highlight parts={hit.snippet} />
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
