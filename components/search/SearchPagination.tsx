import Link from 'next/link';
import { pageItems } from '@/lib/incidents/pagination';
import { searchHref, type SearchUrlState } from '@/lib/search/url';

const linkClass =
  'inline-flex min-w-9 items-center justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 aria-[current=page]:border-blue-700 aria-[current=page]:bg-blue-700 aria-[current=page]:text-white dark:border-slate-700 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-sky-700';

export function SearchPagination({ params, pageCount }: { params: SearchUrlState; pageCount: number }) {
  if (pageCount <= 1) return null;
  const { page } = params;
  return (
    <nav aria-label="Pagination" className="mt-6">
      <ul className="flex flex-wrap items-center gap-1.5">
        {page > 1 && (
          <li>
            <Link href={searchHref(params, { page: page - 1 })} rel="prev" className={linkClass}>
              Previous page
            </Link>
          </li>
        )}
        {pageItems(page, pageCount).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-500">
              …
            </li>
          ) : (
            <li key={p}>
              <Link href={searchHref(params, { page: p })} aria-current={p === page ? 'page' : undefined} aria-label={`Page ${p}`} className={linkClass}>
                {p}
              </Link>
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <Link href={searchHref(params, { page: page + 1 })} rel="next" className={linkClass}>
              Next page
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
