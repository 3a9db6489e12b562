import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionItemEditor } from '@/components/action-items/ActionItemEditor';
import { ActionItemFilters } from '@/components/action-items/ActionItemFilters';
import { ActionItemStatusBadge } from '@/components/incidents/badges';
import { getActionItemFacets, listActionItems } from '@/lib/action-items/queries';
import { ACTION_ITEM_STATUS_LABEL, ACTION_ITEMS_LIMIT, parseActionItemListParams } from '@/lib/action-items/schema';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { plural } from '@/lib/format/text';
import { ActionItemStatus } from '@/lib/generated/prisma/enums';

export const metadata: Metadata = { title: 'Action items' };

const linkClass = 'text-blue-800 underline hover:no-underline dark:text-sky-300';

export default async function ActionItemsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const viewer = await requirePageRole('reader', '/action-items');
  const params = parseActionItemListParams(raw);
  // Authors see drafts' items and may change items in place.
  const canAuthor = hasRole(viewer?.role, 'author');
  const [{ items, counts, matching }, facets] = await Promise.all([
    listActionItems(params, canAuthor),
    getActionItemFacets(canAuthor),
  ]);

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Action items</h1>
      <p className="text-slate-700 dark:text-slate-300">
        What postmortems decided to do, across all of them. An item is overdue when it is open or in progress and its due date has
        passed.
      </p>

      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading" className="sr-only">
          Counts
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="action-item-counts">
          {[
            { key: 'total', label: 'All items', value: counts.total },
            ...Object.values(ActionItemStatus).map((s) => ({ key: s, label: ACTION_ITEM_STATUS_LABEL[s], value: counts[s] })),
            { key: 'overdue', label: 'Overdue', value: counts.overdue },
          ].map((c) => (
            <div
              key={c.key}
              data-count={c.key}
              className={`rounded-lg border p-3 ${c.key === 'overdue' && c.value > 0 ? 'border-2 border-red-700 dark:border-red-400' : 'border-slate-200 dark:border-slate-800'}`}
            >
              <dt className="text-sm text-slate-700 dark:text-slate-300">
                {c.key === 'overdue' && c.value > 0 && <span aria-hidden="true">⚠ </span>}
                {c.label}
              </dt>
              <dd className="text-2xl font-semibold tabular-nums">{c.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <ActionItemFilters params={params} owners={facets.owners} services={facets.services} />

      <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
        {matching > items.length
          ? `Showing the first ${ACTION_ITEMS_LIMIT} of ${matching} matching items.`
          : `${plural(matching, 'matching item')}.`}{' '}
        <Link href="/action-items" className={linkClass}>
          Clear filters
        </Link>
      </p>

      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
          No action items match.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {items.map((item) => (
            <li
              key={item.id}
              data-testid="action-item"
              className={`space-y-2 p-4 ${item.overdue ? 'border-l-4 border-red-700 bg-red-50 dark:border-red-400 dark:bg-red-950/40' : ''}`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <ActionItemStatusBadge status={item.status} />
                {item.overdue && (
                  <strong className="rounded bg-red-700 px-2 py-0.5 text-xs font-bold text-white uppercase dark:bg-red-400 dark:text-slate-950">
                    Overdue
                  </strong>
                )}
                <span className="font-medium">{item.text}</span>
              </div>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                <Link href={`/incidents/${item.incident.slug}`} className={linkClass}>
                  {item.incident.title}
                </Link>
                {item.incident.draft && ' (draft)'} · {item.incident.severity} · Owner: {item.owner ?? 'nobody yet'} · Due:{' '}
                {item.due ? <time dateTime={item.due}>{item.due}</time> : 'no date'}
              </p>
              {item.alsoProposedIn.length > 0 && (
                <p className="text-sm">
                  Also proposed in:{' '}
                  {item.alsoProposedIn.map((a, i) => (
                    <span key={`${a.slug}-${i}`}>
                      {i > 0 && ', '}
                      <Link href={`/incidents/${a.slug}`} className={linkClass} title={a.text}>
                        {a.title}
                      </Link>
                    </span>
                  ))}
                </p>
              )}
              {canAuthor && (
                <ActionItemEditor
                  slug={item.incident.slug}
                  position={item.position}
                  version={item.incident.version}
                  status={item.status}
                  owner={item.owner}
                  label={item.text.slice(0, 80)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
