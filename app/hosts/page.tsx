import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { formatLabels } from '@/lib/hosts/labels';
import { listHosts } from '@/lib/hosts/queries';

export const metadata: Metadata = { title: 'Hosts' };

export default async function HostsPage() {
  const viewer = await requirePageRole('reader', '/hosts');
  const hosts = await listHosts();
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Hosts</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Where checks run, with each host&apos;s run history.
        {hasRole(viewer?.role, 'admin') && (
          <>
            {' '}
            <Link href="/admin/hosts" className="text-blue-800 underline dark:text-sky-300">
              Manage hosts
            </Link>
          </>
        )}
      </p>
      {hosts.length === 0 ? (
        <p className="mt-8 text-slate-600 dark:text-slate-400">No hosts are registered yet.</p>
      ) : (
        <ul className="mt-8 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {hosts.map((h) => (
            <li key={h.id} className="flex flex-wrap items-center gap-2 px-4 py-3">
              <Link href={`/hosts/${h.id}`} className="font-mono font-semibold text-blue-800 hover:underline dark:text-sky-300">
                {h.name}
              </Link>
              <Badge tone="slate">{h.role}</Badge>
              {Object.keys(h.labels).length > 0 && (
                <span className="font-mono text-xs text-slate-700 dark:text-slate-300">{formatLabels(h.labels)}</span>
              )}
              {h.disabled && <Badge tone="slate">disabled</Badge>}
              <span className="text-sm text-slate-600 dark:text-slate-400">{h.runCount} run(s)</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
