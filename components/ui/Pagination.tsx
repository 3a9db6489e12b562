import Link from 'next/link';
import { pageItems } from '@/lib/incidents/pagination';

/** Numbered pages with previous/next; `href` keeps the rest of the list's URL state. */
type Props = { page: number; pageCount: number; href: (page: number) => string };

const linkClass =
  'inline-flex min-w-9 items-center justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800';
const currentClass =
  'aria-[current=page]:border-blue-700 aria-[current=page]:bg-blue-700 aria-[current=page]:text-white dark:aria-[current=page]:border-sky-600 dark:aria-[current=page]:bg-sky-700';
const disabledClass =
  'inline-flex items-center rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400 dark:border-slate-800 dark:text-slate-500';

export function Pagination({ page, pageCount, href }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-6">
      <ul className="flex flex-wrap items-center gap-1.5">
        <li>
          {page > 1 ? (
            <Link href={href(page - 1)} rel="prev" className={linkClass}>
              Previous page
            </Link>
          ) : (
            <span aria-disabled="true" className={disabledClass}>
              Previous page
            </span>
          )}
        </li>
        {pageItems(page, pageCount).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-500">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                href={href(p)}
                aria-current={p === page ? 'page' : undefined}
                aria-label={`Page ${p}`}
                className={`${linkClass} ${currentClass}`}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <Link href={href(page + 1)} rel="next" className={linkClass}>
              Next page
            </Link>
          ) : (
            <span aria-disabled="true" className={disabledClass}>
              Next page
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
