import type { Metadata } from 'next';
import Link from 'next/link';
import { ApprovalActions } from '@/components/approvals/ApprovalActions';
import { commandLine } from '@/components/checks/command-line';
import { Badge } from '@/components/ui/Badge';
import { listApprovals, recentDecisions, type ApprovalView } from '@/lib/approvals/queries';
import { requirePageRole } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Approvals' };
export const dynamic = 'force-dynamic';

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function WhatWillRun({ a }: { a: ApprovalView }) {
  return (
    <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
      <dt className="font-medium">Command</dt>
      <dd className="font-mono">{commandLine(a.argv)}</dd>
      <dt className="font-medium">Hosts</dt>
      <dd className="font-mono">{a.hosts.map((h) => h.name).join(', ')}</dd>
      {Object.keys(a.params).length > 0 && (
        <>
          <dt className="font-medium">Parameters</dt>
          <dd className="font-mono">
            {Object.entries(a.params)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}
          </dd>
        </>
      )}
      <dt className="font-medium">Reason</dt>
      <dd>{a.reason}</dd>
    </dl>
  );
}

export default async function ApprovalsPage() {
  const viewer = (await requirePageRole('operator', '/approvals'))!;
  const [pending, recent] = await Promise.all([listApprovals({ status: 'pending' }), recentDecisions()]);
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Approvals</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Catalog actions that change a host run only after a second operator approves them. You cannot approve your own request.
      </p>

      <h2 className="mt-8 text-xl font-semibold">Pending</h2>
      {pending.length === 0 ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">Nothing is waiting for approval.</p>
      ) : (
        <ul className="mt-3 space-y-4">
          {pending.map((a) => (
            <li key={a.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <div className="flex flex-wrap items-baseline gap-2">
                <Link href={`/checks/${a.check.slug}`} className="font-semibold text-blue-800 hover:underline dark:text-sky-300">
                  {a.check.title}
                </Link>
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  asked by {a.requestedBy?.name ?? 'a deleted user'} at {when(a.createdAt)} · expires {when(a.expiresAt)}
                </span>
              </div>
              <WhatWillRun a={a} />
              <ApprovalActions id={a.id} own={a.requestedBy?.id === viewer.id} />
            </li>
          ))}
        </ul>
      )}

      <h2 className="mt-10 text-xl font-semibold">Recent decisions</h2>
      {recent.length === 0 ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">None yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {recent.map((a) => (
            <li key={a.id} className="px-4 py-3 text-sm">
              <div className="flex flex-wrap items-baseline gap-2">
                <Badge tone={a.status === 'approved' ? 'green' : a.status === 'rejected' ? 'red' : 'slate'}>{a.status}</Badge>
                {a.breakGlass && <Badge tone="orange">break glass</Badge>}
                <span className="font-semibold">{a.check.title}</span>
                <span className="font-mono">{a.hosts.map((h) => h.name).join(', ')}</span>
                <Link href={`/checks/batches/${a.batchId}`} className="text-blue-800 underline dark:text-sky-300">
                  runs
                </Link>
              </div>
              <p className="mt-1 text-slate-600 dark:text-slate-400">
                Asked by {a.requestedBy?.name ?? 'a deleted user'} ({a.reason})
                {a.decidedBy && (
                  <>
                    {' '}
                    · {a.status} by {a.decidedBy.name}
                    {a.decidedAt && <> at {when(a.decidedAt)}</>}
                    {a.decisionReason && <> ({a.decisionReason})</>}
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
