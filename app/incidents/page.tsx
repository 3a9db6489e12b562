import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ActiveFilters } from '@/components/incidents/ActiveFilters';
import { DraftList } from '@/components/incidents/DraftList';
import { IncidentCards } from '@/components/incidents/IncidentCards';
import { IncidentFilters } from '@/components/incidents/IncidentFilters';
import { IncidentTable } from '@/components/incidents/IncidentTable';
import { Pagination } from '@/components/ui/Pagination';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { plural } from '@/lib/format/text';
import { listDrafts } from '@/lib/incidents/authoring-queries';
import { getIncidentFacets, listIncidents } from '@/lib/incidents/queries';
import { hasActiveFilters, parseIncidentListParams, type RawSearchParams } from '@/lib/incidents/schema';
import { incidentListHref, isCanonicalListQuery, withoutFiltersHref } from '@/lib/incidents/url';

export const metadata: Metadata = { title: 'Incidents' };

/** Drafts listed above the incidents for authors: the recent ones; older drafts are rarely resumed. */
const DRAFTS_SHOWN = 10;

// Typed by hand rather than with the generated PageProps helper, so `tsc` works
// before Next has generated route types.
export default async function IncidentsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  // Awaiting searchParams also makes the page render per request, never at build time.
  const raw = await searchParams;
  const viewer = await requirePageRole('reader', '/incidents');
  const params = parseIncidentListParams(raw);
  // The filter form submits empty fields too; answer with the short canonical URL.
  if (!isCanonicalListQuery(raw, params)) redirect(incidentListHref(params));
  const canAuthor = hasRole(viewer?.role, 'author');
  const [result, facets, drafts] = await Promise.all([
    listIncidents(params),
    getIncidentFacets(),
    canAuthor ? listDrafts(DRAFTS_SHOWN) : [],
  ]);
  const { rows, total, page, pageSize } = result;
  const shown = { ...params, page };
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = (page - 1) * pageSize + rows.length;
  const filtered = hasActiveFilters(params);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Incidents</h1>
        {canAuthor && (
          <div className="flex items-center gap-3">
            <Link href="/incidents/import" className="text-sm text-blue-800 underline hover:no-underline dark:text-sky-300">
              Import
            </Link>
            <Link
              href="/incidents/new"
              className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 dark:bg-sky-700 dark:hover:bg-sky-600"
            >
              New postmortem
            </Link>
          </div>
        )}
      </div>
      {drafts.length > 0 && <DraftList drafts={drafts} />}

      <IncidentFilters params={shown} facets={facets} />
      <ActiveFilters params={shown} />

      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
          {filtered ? (
            <>
              <p className="font-medium">No incidents match these filters.</p>
              <p className="mt-2 text-slate-700 dark:text-slate-300">
                Try fewer or broader filters, or{' '}
                <Link href={withoutFiltersHref(shown)} className="text-blue-800 underline hover:no-underline dark:text-sky-300">
                  clear filters
                </Link>
                .
              </p>
            </>
          ) : (
            <p className="font-medium">No incidents have been published yet.</p>
          )}
        </div>
      ) : (
        <section aria-labelledby="results-title">
          <h2 id="results-title" className="sr-only">
            Results
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
            {`Showing ${from}–${to} of ${plural(total, 'incident')}`}
          </p>
          {/* Both layouts are server-rendered; CSS shows one, and the hidden one is
              display:none, so it is also out of the accessibility tree. */}
          <IncidentTable rows={rows} params={shown} className="mt-3 hidden md:table" />
          <IncidentCards rows={rows} className="mt-3 md:hidden" headingLevel="h3" />
          <Pagination page={page} pageCount={pageCount} href={(p) => incidentListHref(shown, { page: p })} />
        </section>
      )}
    </div>
  );
}
