// "Re-check now" (decision 037): the incident's evidence runs again, each host's
// answer now against its evidence run from the time of the incident.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BatchLiveRefresh } from '@/components/checks/BatchLiveRefresh';
import { ComparisonSection } from '@/components/checks/ComparisonSection';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { isBatchId } from '@/lib/checks/batch-id';
import { findIncidentForRecheck, getRecheck } from '@/lib/checks/evidence-queries';
import { isSlug } from '@/lib/format/slug';

type Props = { params: Promise<{ slug: string; id: string }> };

export const metadata: Metadata = { title: 'Re-check' };

const link = 'text-blue-800 underline hover:no-underline dark:text-sky-300';

export default async function RecheckPage({ params }: Props) {
  const { slug, id } = await params;
  const viewer = await requirePageRole('reader', `/incidents/${slug}/recheck/${id}`);
  // Drafts stay private: a reader gets a 404 for a draft's re-check, as for the draft.
  const incident = isSlug(slug) && isBatchId(id) ? await findIncidentForRecheck(slug, hasRole(viewer?.role, 'author')) : null;
  const recheck = incident ? await getRecheck(incident.id, id) : null;
  if (!incident || !recheck) notFound();
  // Refreshed by the stream of a launch still running; once it ends, the next one's turn (each refresh re-reads).
  const running = recheck.hosts.find((h) => h.pending)?.batchId ?? null;
  return (
    <article className="min-w-0 space-y-6">
      <p className="text-sm">
        <Link href={`/incidents/${incident.slug}`} className={link}>
          <span aria-hidden="true">← </span>
          {incident.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold tracking-tight break-words">Re-check of {incident.title}</h1>
      {running && <BatchLiveRefresh key={running} batchId={running} />}
      <p className="text-sm">
        Launches:{' '}
        {recheck.launches.map((l, i) => (
          <span key={l.batchId ?? i}>
            {i > 0 && ', '}
            {l.batchId ? (
              <Link href={`/checks/batches/${l.batchId}`} className={link}>
                {l.checkTitle}
              </Link>
            ) : (
              l.checkTitle
            )}
          </span>
        ))}
      </p>
      <ComparisonSection comparison={recheck} heading="Now against the time of the incident" />
    </article>
  );
}
