import Link from 'next/link';
import { searchHref, type SearchUrlState } from '@/lib/search/url';

/** An empty result is a starting point: close symptoms from past incidents, and a way out of the filters. */
export function NoResults({
  params,
  suggestions,
  filtered,
}: {
  params: SearchUrlState;
  suggestions: string[];
  filtered: boolean;
}) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-700">
      <p className="font-medium">
        Nothing matches “{params.q}”{filtered ? ' with these filters' : ''}.
      </p>
      {suggestions.length > 0 && (
        <>
          <p className="mt-3 text-slate-700 dark:text-slate-300">Symptoms seen before that look close:</p>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {suggestions.map((s) => (
              <li key={s}>
                <Link
                  href={searchHref({ q: s, page: 1 })}
                  className="text-blue-800 underline hover:no-underline dark:text-sky-300"
                >
                  {s}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
        Try fewer or more general words, the exact error text, or a command name
        {filtered && (
          <>
            , or{' '}
            <Link
              href={searchHref({ q: params.q, page: 1, exact: params.exact })}
              className="text-blue-800 underline hover:no-underline dark:text-sky-300"
            >
              search without filters
            </Link>
          </>
        )}
        .
      </p>
    </div>
  );
}
