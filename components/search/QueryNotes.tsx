import Link from 'next/link';
import { correctedQueryParts } from '@/lib/search/correction';
import type { SearchCorrection } from '@/lib/search/types';
import { searchHref, type SearchUrlState } from '@/lib/search/url';

const LINK = 'text-blue-800 underline hover:no-underline dark:text-sky-300';

/** "a", "a or b", "a, b or c", each word emphasised. */
function WordList({ words }: { words: string[] }) {
  return (
    <>
      {words.map((w, i) => (
        <span key={w}>
          {i > 0 && (i === words.length - 1 ? ' or ' : ', ')}
          <em className="font-semibold">{w}</em>
        </span>
      ))}
    </>
  );
}

/**
 * What the search did with the words typed, the way web search shows it: a
 * corrected word is never replaced silently ("Showing results for ipvsadm.
 * Search instead for ipvsdam"), and a word no document contains is named.
 */
export function QueryNotes({
  params,
  corrections,
  unmatched,
  alsoSearched = [],
}: {
  params: SearchUrlState;
  corrections: SearchCorrection[];
  unmatched: string[];
  /** Synonyms searched beside the typed words (lib/search/synonyms.ts). */
  alsoSearched?: string[];
}) {
  if (corrections.length === 0 && unmatched.length === 0 && alsoSearched.length === 0) return null;
  return (
    <div className="mb-3 space-y-1 text-sm text-slate-700 dark:text-slate-300">
      {corrections.length > 0 && (
        <p>
          Showing results for{' '}
          {correctedQueryParts(params.q, corrections).map((p, i) =>
            p.corrected ? (
              <em key={i} className="font-semibold">
                {p.text}
              </em>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
          . Search instead for{' '}
          <Link href={searchHref(params, { exact: true, page: 1 })} className={LINK}>
            {params.q}
          </Link>
        </p>
      )}
      {alsoSearched.length > 0 && (
        <p className="text-slate-600 dark:text-slate-400">
          Also searched:{' '}
          {alsoSearched.map((term, i) => (
            <span key={term}>
              {i > 0 && ', '}
              <em>{term}</em>
            </span>
          ))}
        </p>
      )}
      {unmatched.length > 0 && (
        <p>
          No document mentions <WordList words={unmatched} />.
        </p>
      )}
    </div>
  );
}
