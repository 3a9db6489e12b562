import Link from 'next/link';
import { IncidentCards } from '@/components/incidents/IncidentCards';
import { SearchForm } from '@/components/site/SearchForm';
import { requirePageRole } from '@/lib/auth/session';
import { homeStats, recentIncidents } from '@/lib/incidents/queries';
import { listRunbooks } from '@/lib/runbooks/queries';

/** Enough recent incidents to show what is new without turning the home page into the list. */
const RECENT_COUNT = 5;
/** Runbooks shown on the home page before "All runbooks". */
const RUNBOOKS_SHOWN = 6;

export default async function HomePage() {
  // Reading the request (who is asking) also keeps this page out of build-time rendering.
  await requirePageRole('reader', '/');
  const [stats, recent, runbooks] = await Promise.all([homeStats(), recentIncidents(RECENT_COUNT), listRunbooks()]);

  const statItems = [
    { label: 'Incidents', value: stats.incidents },
    { label: 'Runbooks', value: stats.runbooks },
    { label: 'Services', value: stats.services },
    { label: 'Open action items', value: stats.openActionItems },
  ];

  return (
    <div className="space-y-12">
      <section aria-labelledby="home-title" className="max-w-3xl">
        <h1 id="home-title" className="text-3xl font-bold tracking-tight sm:text-4xl">
          Has this happened before?
        </h1>
        <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">
          Search past incidents by what you are seeing, and find the fix and the runbook that worked last time.
        </p>
        <div className="mt-6">
          <SearchForm id="home-search" label="Describe the symptom" landmark="Symptom search" size="large" hideLabel={false} />
        </div>
      </section>

      <section aria-labelledby="stats-title">
        <h2 id="stats-title" className="sr-only">
          At a glance
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {statItems.map((item) => (
            <div key={item.label} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <dt className="text-sm text-slate-600 dark:text-slate-400">{item.label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{item.value.toLocaleString('en-GB')}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div className="grid gap-12 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="recent-title">
          <SectionHeading id="recent-title" title="Recent incidents" href="/incidents" linkText="All incidents" />
          {recent.length > 0 ? (
            <IncidentCards rows={recent} headingLevel="h3" showSummary className="mt-4" />
          ) : (
            <p className="mt-4 text-slate-600 dark:text-slate-400">No incidents have been published yet.</p>
          )}
        </section>

        <section aria-labelledby="runbooks-title">
          <SectionHeading id="runbooks-title" title="Runbooks" href="/runbooks" linkText="All runbooks" />
          {runbooks.length > 0 ? (
            <ul className="mt-4 space-y-4">
              {runbooks.slice(0, RUNBOOKS_SHOWN).map((runbook) => (
                <li key={runbook.slug}>
                  <Link
                    href={`/runbooks/${runbook.slug}`}
                    className="font-medium text-blue-800 hover:underline dark:text-sky-300"
                  >
                    {runbook.title}
                  </Link>
                  <p className="mt-1 line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{runbook.summary}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-4 text-slate-600 dark:text-slate-400">No runbooks yet.</p>
          )}
        </section>
      </div>
    </div>
  );
}

/** A home-page section title with a link to the full list. */
function SectionHeading({ id, title, href, linkText }: { id: string; title: string; href: string; linkText: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4">
      <h2 id={id} className="text-xl font-semibold tracking-tight">
        {title}
      </h2>
      <Link href={href} className="text-sm text-blue-800 underline hover:no-underline dark:text-sky-300">
        {linkText}
      </Link>
    </div>
  );
}
