import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MarkdownWithChecks } from '@/components/checks/MarkdownWithChecks';
import { SeverityBadge } from '@/components/incidents/badges';
import { WithToc } from '@/components/layout/WithToc';
import { nestToc } from '@/components/markdown/toc';
import { MarkReviewedButton } from '@/components/runbooks/MarkReviewedButton';
import { VerificationLine } from '@/components/runbooks/VerificationLine';
import { DateTime } from '@/components/ui/DateTime';
import { Fact } from '@/components/ui/Fact';
import { Section } from '@/components/ui/Section';
import { TagList } from '@/components/ui/TagList';
import { hasRole } from '@/lib/auth/roles';
import { getViewer, requirePageRole } from '@/lib/auth/session';
import { getCheckEmbedContext } from '@/lib/checks/queries';
import { isSlug } from '@/lib/format/slug';
import { formatCalendarDate } from '@/lib/format/time';
import { freshnessOf, freshnessSentence } from '@/lib/runbooks/freshness';
import { getRunbookBySlug } from '@/lib/runbooks/queries';
import { getVerificationStatus } from '@/lib/verification/queries';
import { verificationSummary } from '@/lib/verification/status';

type Props = { params: Promise<{ slug: string }> };

async function load(params: Props['params']) {
  const { slug } = await params;
  await requirePageRole('reader', `/runbooks/${slug}`);
  const runbook = isSlug(slug) ? await getRunbookBySlug(slug) : null;
  if (!runbook) notFound();
  return runbook;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const runbook = await load(params);
  return { title: runbook.title, description: runbook.summary || undefined };
}

export default async function RunbookPage({ params }: Props) {
  const runbook = await load(params);
  // Rendered when the runbook was written: this page parses no markdown.
  const { body } = runbook.rendered;
  const checks = await getCheckEmbedContext(body.segments.flatMap((s) => (s.kind === 'check' ? [s.fence.slug] : [])));
  const toc = nestToc(body.toc);
  const [viewer, verification] = await Promise.all([getViewer(), getVerificationStatus(runbook.id)]);
  const now = new Date();
  const freshness = freshnessOf(runbook, now);
  const overdue = freshness.kind === 'overdue' || freshness.kind === 'never-reviewed';

  return (
    <article>
      <p className="mb-4 text-sm">
        <Link href="/runbooks" className="text-blue-800 underline hover:no-underline dark:text-sky-300">
          <span aria-hidden="true">← </span>All runbooks
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-balance sm:text-3xl">{runbook.title}</h1>
        <div
          className={`mt-2 flex flex-wrap items-center gap-3 text-sm ${overdue ? 'text-red-800 dark:text-red-300' : 'text-slate-700 dark:text-slate-300'}`}
        >
          <p data-testid="runbook-freshness">{freshnessSentence(freshness, runbook.reviewedBy)}</p>
          {hasRole(viewer?.role, 'author') && <MarkReviewedButton runbookId={runbook.id} version={runbook.version} />}
        </div>
        {verification && <VerificationLine summary={verificationSummary(verification, now)} />}
        {runbook.summary && <p className="mt-3 max-w-3xl text-lg text-slate-700 dark:text-slate-300">{runbook.summary}</p>}
        <dl className="mt-6 grid gap-x-6 gap-y-4 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 dark:border-slate-800">
          {runbook.owner && <Fact label="Owner">{runbook.owner}</Fact>}
          <Fact label="Last reviewed">
            {runbook.reviewedAt ? (
              <time dateTime={runbook.reviewedAt.toISOString().slice(0, 10)}>{formatCalendarDate(runbook.reviewedAt)}</time>
            ) : (
              'Never'
            )}
          </Fact>
          {runbook.services.length > 0 && (
            <Fact label="Services">
              <TagList kind="service" names={runbook.services} label="Services" />
            </Fact>
          )}
          {runbook.tags.length > 0 && (
            <Fact label="Tags">
              <TagList kind="tag" names={runbook.tags} label="Tags" />
            </Fact>
          )}
        </dl>
      </header>

      <WithToc toc={toc}>
        <MarkdownWithChecks rendered={body} context={checks} runbookId={runbook.id} />

        <div className="mt-12">
          <Section id="section-linked-incidents" title="Linked incidents">
            {runbook.incidents.length > 0 ? (
              <ul className="space-y-3">
                {runbook.incidents.map((incident) => (
                  <li key={incident.slug} className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                    <SeverityBadge severity={incident.severity} />
                    <Link
                      href={`/incidents/${incident.slug}`}
                      className="font-medium text-blue-800 hover:underline dark:text-sky-300"
                    >
                      {incident.title}
                    </Link>
                    <span className="text-sm text-slate-600 dark:text-slate-400">
                      <DateTime value={incident.startedAt} timeZone={incident.timezone} show="date" />
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-600 dark:text-slate-400">No incidents link to this runbook yet.</p>
            )}
          </Section>
        </div>
      </WithToc>
    </article>
  );
}
