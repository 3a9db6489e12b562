import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { formatUtc } from '@/lib/format/time';
import type { SearchHit } from '@/lib/search/types';
import { Highlight } from './Highlight';

/** Ranked hits: title, type, the symptom that matched, and a highlighted snippet. */
export function SearchResults({ hits, firstRank }: { hits: SearchHit[]; firstRank: number }) {
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
