// One launch of a check across hosts, grouped by what the hosts printed:
// the baseline's output, then each other group's diff against it.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BatchLiveRefresh } from '@/components/checks/BatchLiveRefresh';
import { BatchSummaryLine } from '@/components/checks/BatchSummaryLine';
import { ComparisonSection, comparisonTime } from '@/components/checks/ComparisonSection';
import { EvidencePanel } from '@/components/checks/EvidencePanel';
import { RunGroupSection } from '@/components/checks/RunGroupSection';
import { inputClass, secondaryButtonClass } from '@/components/forms/Field';
import { Fact } from '@/components/ui/Fact';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { isBatchId } from '@/lib/checks/batch-id';
import { HOST_FILTER_MAX_CHARS, parseBatchViewParams } from '@/lib/checks/batch-view';
import { getEvidenceState, getLaunchComparison } from '@/lib/checks/evidence-queries';
import { getBatchView } from '@/lib/checks/queries';

type Props = {
  params: Promise<{ batchId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: 'Check launch' };

const link = 'text-blue-800 underline hover:no-underline dark:text-sky-300';

export default async function BatchPage({ params, searchParams }: Props) {
  const { batchId } = await params;
  const viewer = await requirePageRole('reader', `/checks/batches/${batchId}`);
  const query = parseBatchViewParams(await searchParams);
  const author = hasRole(viewer?.role, 'author');
  const batch = isBatchId(batchId) ? await getBatchView(batchId, author, query) : null;
  if (!batch) notFound();
  // "Run again" launches point at the runs they repeat (decision 037): what changed since.
  const [evidence, comparison] = await Promise.all([getEvidenceState({ batchId }, author), getLaunchComparison(batchId)]);
  const earlier = comparison?.previous.length === 1 ? comparison.previous[0]! : null;

  const base = `/checks/batches/${batchId}`;
  const href = (over: Partial<typeof query>) => {
    const next = { ...query, ...over };
    const qs = new URLSearchParams();
    if (next.host) qs.set('host', next.host);
    if (next.view !== 'unified') qs.set('view', next.view);
    const s = qs.toString();
    return s ? `${base}?${s}` : base;
  };
  const filtered = query.host !== '';

  return (
    <article className="min-w-0 space-y-6">
      <p className="text-sm">
        <Link href={`/checks/${batch.check.slug}`} className={link}>
          <span aria-hidden="true">← </span>
          {batch.check.title}
        </Link>
      </p>
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight break-words">
          {batch.check.title} on {batch.summary.total} host{batch.summary.total === 1 ? '' : 's'}
        </h1>
        <BatchSummaryLine summary={batch.summary} />
        {/* Only while something runs; the server renders the finished launch and the page refreshes into it. */}
        {batch.summary.running > 0 && <BatchLiveRefresh batchId={batchId} />}
      </div>
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 dark:border-slate-800">
        <Fact label="Command (argv, no shell)">
          <code className="font-mono text-sm break-all">{JSON.stringify(batch.check.argv)}</code>
        </Fact>
        <Fact label="Started">
          <time dateTime={batch.createdAt}>{batch.createdAt.replace('T', ' ').slice(0, 23)} UTC</time>
        </Fact>
        <Fact label="Requested by">{batch.requestedBy ?? 'unknown'}</Fact>
        {batch.incidentSlug && (
          <Fact label="Evidence for">
            <Link href={`/incidents/${batch.incidentSlug}`} className={link}>
              {batch.incidentSlug}
            </Link>
          </Fact>
        )}
        {batch.forDraftIncident && <Fact label="Evidence for">a draft incident</Fact>}
        <Fact label="Download">
          <span className="flex flex-wrap gap-x-3">
            <a href={`${base}/export?format=csv`} className={link} download>
              CSV
            </a>
            <a href={`${base}/export?format=json`} className={link} download>
              JSON
            </a>
          </span>
        </Fact>
      </dl>

      {evidence && (
        <EvidencePanel state={evidence} target={{ batchId }} canAttach={author} canRunAgain={hasRole(viewer?.role, 'operator')} />
      )}

      {comparison && (
        <ComparisonSection
          comparison={comparison}
          view={query.view}
          heading={
            earlier?.batchId ? (
              <>
                Compared with the{' '}
                <Link href={`/checks/batches/${earlier.batchId}`} className={link}>
                  launch of {comparisonTime(earlier.createdAt)}
                </Link>
              </>
            ) : (
              'Compared with the runs it repeats'
            )
          }
        />
      )}

      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        {/* A plain GET form: the filter works without JavaScript and the URL can be shared. */}
        <form method="get" action={base} role="search" aria-label="Filter hosts" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="host-filter" className="block text-sm font-medium">
              Host name contains
            </label>
            <input
              id="host-filter"
              name="host"
              type="search"
              defaultValue={query.host}
              maxLength={HOST_FILTER_MAX_CHARS}
              className={`${inputClass} w-56 max-w-full font-mono`}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          {query.view !== 'unified' && <input type="hidden" name="view" value={query.view} />}
          <button type="submit" className={secondaryButtonClass}>
            Filter
          </button>
          {filtered && (
            <Link href={href({ host: '' })} className={`${link} text-sm`}>
              Show all hosts
            </Link>
          )}
        </form>
        <nav aria-label="Diff layout" className="flex gap-3 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Diffs:</span>
          <Link href={href({ view: 'unified' })} aria-current={query.view === 'unified' ? 'page' : undefined} className={link}>
            Unified
          </Link>
          <Link href={href({ view: 'split' })} aria-current={query.view === 'split' ? 'page' : undefined} className={link}>
            Side by side
          </Link>
        </nav>
      </div>

      {filtered && (
        <p role="status" className="text-sm">
          {batch.filter.matchedHosts === 0
            ? `No host name contains "${query.host}".`
            : `${batch.filter.matchedHosts} ${batch.filter.matchedHosts === 1 ? 'host matches' : 'hosts match'} "${query.host}".`}
        </p>
      )}

      <div className="space-y-4">
        {batch.groups.map((g) => (
          <RunGroupSection key={g.group.id} view={g} baseline={batch.baseline} diffView={query.view} filtered={filtered} />
        ))}
      </div>
    </article>
  );
}
