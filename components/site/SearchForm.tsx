import { QUERY_MAX } from '@/lib/incidents/schema';
import { SEARCH_PATH } from '@/lib/search/url';

type Props = {
  /** The input's label; must differ between search forms on one page. */
  label: string;
  /** Names the search landmark; differs from `label` so getByLabel finds only the input. */
  landmark: string;
  id: string;
  size?: 'compact' | 'large';
  defaultValue?: string;
  /** The header has no room for a visible label; the home page shows it. */
  hideLabel?: boolean;
};

/** A plain GET form to the incident list: works without JavaScript and makes a shareable URL. */
export function SearchForm({ label, landmark, id, size = 'compact', defaultValue, hideLabel = true }: Props) {
  const large = size === 'large';
  return (
    <form action={SEARCH_PATH} method="get" role="search" aria-label={landmark}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'mb-2 block text-sm font-medium text-slate-700 dark:text-slate-300'}>
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          name="q"
          type="search"
          defaultValue={defaultValue}
          maxLength={QUERY_MAX}
          placeholder={large ? 'e.g. gateway FAILED in ip neigh' : 'Search symptoms…'}
          autoComplete="off"
          className={`min-w-0 flex-1 rounded-md border border-slate-400 bg-white text-slate-900 placeholder:text-slate-500 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 ${large ? 'px-4 py-3 text-base' : 'px-3 py-1.5 text-sm'}`}
        />
        <button
          type="submit"
          className={`rounded-md bg-blue-700 font-medium text-white hover:bg-blue-800 dark:bg-sky-700 dark:hover:bg-sky-600 ${large ? 'px-5 py-3 text-base' : 'px-3 py-1.5 text-sm'}`}
        >
          Search
        </button>
      </div>
    </form>
  );
}
