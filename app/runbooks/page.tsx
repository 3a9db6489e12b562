import type { Metadata } from 'next';
import Link from 'next/link';
import { TagList } from '@/components/ui/TagList';
import { requirePageRole } from '@/lib/auth/session';
import { plural } from '@/lib/format/text';
import { freshnessOf, freshnessSentence, isVerificationStale } from '@/lib/runbooks/freshness';
import { listRunbooks, listStaleRunbooks } from '@/lib/runbooks/queries';

export const metadata: Metadata = { title: 'Runbooks' };

type Props = { searchParams: Promise<{ stale?: string | string[] }> };

export default async function RunbooksPage({ searchParams }: Props) {
  // Reading the request (who is asking) also keeps this page out of build-time rendering.
  await requirePageRole('reader', '/runbooks');
  const staleOnly = (await searchParams).stale === '1';
  const now = new Date();
  const runbooks = (await (staleOnly ? listStaleRunbooks(now) : listRunbooks())).map((r) => ({
    ...r,
    freshness: freshnessOf(r, now),
    verification: r.verifyFailingSince ? 'Verification failing' : isVerificationStale(r, now) ? 'Verification overdue' : null,
  }));

  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Runbooks</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Step-by-step procedures for diagnosing and fixing known failure modes.{' '}
        {staleOnly ? (
          <Link href="/runbooks" className="text-blue-800 underline dark:text-sky-300">
            Show all runbooks
          </Link>
        ) : (
          <Link href="/runbooks?stale=1" className="text-blue-800 underline dark:text-sky-300">
            Show only stale ones (review overdue, verification failing or overdue)
          </Link>
        )}
      </p>
      {runbooks.length === 0 ? (
        <p className="mt-8 text-slate-600 dark:text-slate-400">{staleOnly ? 'No runbook is stale.' : 'No runbooks yet.'}</p>
      ) : (
        <ul className="mt-8 grid gap-4 md:grid-cols-2">
          {runbooks.map((runbook) => (
            <li key={runbook.slug} className="flex flex-col rounded-lg border border-slate-200 p-5 dark:border-slate-800">
              <h2 className="text-lg font-semibold">
                <Link href={`/runbooks/${runbook.slug}`} className="text-blue-800 hover:underline dark:text-sky-300">
                  {runbook.title}
                </Link>
              </h2>
              {runbook.summary && <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{runbook.summary}</p>}
              <div className="mt-4 space-y-2">
                <TagList kind="service" names={runbook.services} label={`Services for ${runbook.title}`} />
                <TagList kind="tag" names={runbook.tags} label={`Tags for ${runbook.title}`} />
              </div>
              <p className="mt-auto pt-4 text-sm text-slate-600 dark:text-slate-400">
                Linked to {plural(runbook.incidentCount, 'incident')} · {freshnessSentence(runbook.freshness, null)}
                {runbook.verification && <span className="text-red-800 dark:text-red-300"> · {runbook.verification}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
