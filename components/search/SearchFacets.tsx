import Link from 'next/link';
import type { SearchFacets as Facets } from '@/lib/search/types';
import { searchHref, type SearchUrlState } from '@/lib/search/url';

type Key = keyof Facets;
const LABELS: Record<Key, string> = { type: 'Type', severity: 'Severity', service: 'Service', tag: 'Tag', year: 'Year' };
const ORDER: Key[] = ['type', 'severity', 'service', 'tag', 'year'];

function valueOf(key: Key, value: string): Partial<SearchUrlState> {
  if (key === 'year') return { year: Number(value) };
  return { [key]: value } as Partial<SearchUrlState>;
}

/** Facet counts over every match; a value is a link that adds (or removes) that filter. */
export function SearchFacets({ facets, params }: { facets: Facets; params: SearchUrlState }) {
  return (
    <nav aria-label="Refine results" className="space-y-5">
      {ORDER.filter((key) => facets[key].length > 0 || params[key] !== undefined).map((key) => (
        <section key={key} aria-labelledby={`facet-${key}`}>
          <h2 id={`facet-${key}`} className="mb-1.5 text-sm font-semibold text-slate-700 dark:text-slate-300">
            {LABELS[key]}
          </h2>
          <ul className="space-y-0.5 text-sm">
            {facets[key].map((f) => {
              const active = String(params[key] ?? '') === f.value;
              const href = searchHref(params, { ...(active ? { [key]: undefined } : valueOf(key, f.value)), page: 1 });
              return (
                <li key={f.value}>
                  <Link
                    href={href}
                    aria-current={active ? 'true' : undefined}
                    className="flex justify-between gap-2 rounded px-1.5 py-0.5 hover:bg-slate-100 aria-[current=true]:bg-blue-100 aria-[current=true]:font-semibold dark:hover:bg-slate-800 dark:aria-[current=true]:bg-sky-900"
                  >
                    <span className="truncate">{active ? `✓ ${f.value}` : f.value}</span>
                    <span className="text-slate-600 tabular-nums dark:text-slate-400">{f.count}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
