import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EvidencePanel } from '@/components/checks/EvidencePanel';
import { RunOutput } from '@/components/checks/RunOutput';
import { Fact } from '@/components/ui/Fact';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { getEvidenceState } from '@/lib/checks/evidence-queries';
import { isId } from '@/lib/checks/page-param';
import { getRun } from '@/lib/checks/queries';

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Check run' };

export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requirePageRole('reader', `/checks/runs/${id}`);
  const author = hasRole(viewer?.role, 'author');
  const run = isId(id) ? await getRun(id, author) : null;
  if (!run) notFound();
  const evidence = await getEvidenceState({ runId: id }, author);
  return (
    <article className="space-y-6">
      <p className="text-sm">
        <Link href={`/checks/${run.checkSlug}`} className="text-blue-800 underline hover:no-underline dark:text-sky-300">
          <span aria-hidden="true">← </span>
          {run.checkTitle}
        </Link>
      </p>
      <h1 className="text-2xl font-bold tracking-tight">
        {run.checkTitle} on {run.hostName}
      </h1>
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 dark:border-slate-800">
        <Fact label="Command (argv, no shell)">
          <code className="font-mono text-sm">{JSON.stringify(run.argv)}</code>
        </Fact>
        <Fact label="Host">
          <Link href={`/hosts/${run.hostId}`} className="text-blue-800 underline dark:text-sky-300">
            {run.hostName}
          </Link>
        </Fact>
        <Fact label="Started">
          <time dateTime={run.createdAt}>{run.createdAt.replace('T', ' ').slice(0, 23)} UTC</time>
        </Fact>
        <Fact label="Requested by">{run.requestedBy ?? 'unknown'}</Fact>
        {run.incidentSlug && (
          <Fact label="Evidence for">
            <Link href={`/incidents/${run.incidentSlug}`} className="text-blue-800 underline dark:text-sky-300">
              {run.incidentSlug}
            </Link>
          </Fact>
        )}
        {run.forDraftIncident && <Fact label="Evidence for">a draft incident</Fact>}
        {run.batchId && (
          <Fact label="Launch">
            <Link href={`/checks/batches/${run.batchId}`} className="text-blue-800 underline dark:text-sky-300">
              Every host of this launch, grouped by output
            </Link>
          </Fact>
        )}
      </dl>
      {evidence && (
        <EvidencePanel
          state={evidence}
          target={{ runId: run.id }}
          canAttach={author}
          canRunAgain={hasRole(viewer?.role, 'operator')}
        />
      )}
      <RunOutput run={run} showLink={false} />
    </article>
  );
}
