import { SEARCH_QUERY_MAX } from '@/lib/search/schema';
import { SEARCH_PATH } from '@/lib/search/url';

/** The /search page's query box: a plain GET form, so it works without JavaScript. */
export function SearchBox({ q }: { q: string }) {
  return (
    <form action={SEARCH_PATH} method="get" role="search" aria-label="Search by symptom">
      <label htmlFor="search-q" className="mb-2 block text-sm font-medium text-slate-700 dark:text-slate-300">
        What do you see? Symptoms, error messages, commands <span className="text-slate-500">(press / to focus)</span>
      </label>
      <div className="flex gap-2">
        <input
          id="search-q"
          name="q"
          type="search"
          data-search-hotkey=""
          defaultValue={q}
          maxLength={SEARCH_QUERY_MAX}
          placeholder='e.g. gateway FAILED in ip neigh, "FIN_WAIT" -windows'
          autoComplete="off"
          className="min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-4 py-3 text-base text-slate-900 placeholder:text-slate-500 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
        />
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-5 py-3 text-base font-medium text-white hover:bg-blue-800 dark:bg-sky-700 dark:hover:bg-sky-600"
        >
          Search
        </button>
      </div>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        Quotes match a phrase, <code>or</code> allows either word, <code>-word</code> excludes a word. Close misspellings are
        corrected.
      </p>
    </form>
  );
}
