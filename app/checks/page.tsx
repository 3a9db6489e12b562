import type { Metadata } from 'next';
import Link from 'next/link';
import { commandLine } from '@/components/checks/command-line';
import { Badge } from '@/components/ui/Badge';
import { requirePageRole } from '@/lib/auth/session';
import { listChecks } from '@/lib/checks/queries';

export const metadata: Metadata = { title: 'Checks' };

export default async function ChecksPage() {
  await requirePageRole('reader', '/checks');
  const checks = await listChecks();
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Diagnostic checks</h1>
      <p className="mt-2 max-w-3xl text-slate-700 dark:text-slate-300">
        The catalog of commands that runbooks and incidents link to. Operators run them on registered hosts through each
        host&apos;s agent; every run is kept as evidence.{' '}
        <Link href="/hosts" className="text-blue-800 underline dark:text-sky-300">
          Hosts
        </Link>
        {' · '}
        <Link href="/approvals" className="text-blue-800 underline dark:text-sky-300">
          Approvals
        </Link>{' '}
        (actions that change a host wait there for a second operator)
      </p>
      {checks.length === 0 ? (
        <p className="mt-8 text-slate-600 dark:text-slate-400">
          The catalog is empty. Add checks under content/checks and run the seeder.
        </p>
      ) : (
        <ul className="mt-8 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {checks.map((c) => (
            <li key={c.slug} className="px-4 py-3">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/checks/${c.slug}`} className="font-semibold text-blue-800 hover:underline dark:text-sky-300">
                  {c.title}
                </Link>
                {!c.readOnly && <Badge tone="amber">changes the host</Badge>}
                {c.approvalRequired && <Badge tone="violet">needs approval</Badge>}
                {c.targetRole && <Badge tone="slate">{c.targetRole}</Badge>}
              </div>
              <p className="mt-1 font-mono text-sm">{commandLine(c.argv)}</p>
              <p className="text-xs text-slate-600 dark:text-slate-400">Passes when: {c.expectation}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
