import Link from 'next/link';
import { AdminNav } from '@/components/admin/AdminNav';
import { AdminSection } from '@/components/admin/AdminSection';
import { CreateHostForm } from '@/components/admin/CreateHostForm';
import { HostRowActions } from '@/components/admin/HostRowActions';
import { Badge } from '@/components/ui/Badge';
import { requirePageRole } from '@/lib/auth/session';
import { hostsHealth, listHosts } from '@/lib/hosts/queries';

export const metadata = { title: 'Hosts' };

export default async function AdminHostsPage() {
  await requirePageRole('admin', '/admin/hosts');
  const hosts = await listHosts();
  const health = await hostsHealth(hosts.map((h) => h.id));
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Hosts</h1>
        <AdminNav current="hosts" />
      </div>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">
        Each host runs the diagnostic agent (<code>npm run agent -- --config agent.yaml --port 7070</code>). Launches name hosts
        by id, never by URL; the app signs every call with the host&apos;s secret, and the agent runs only the checks in its own
        allow-list.
      </p>
      <AdminSection id="register-host" title="Register a host" boxed>
        <CreateHostForm />
      </AdminSection>
      <AdminSection id="all-hosts" title={<>All hosts ({hosts.length})</>}>
        {hosts.length === 0 && <p className="text-slate-600 dark:text-slate-400">No hosts yet.</p>}
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {hosts.map((h) => {
            const status = health.get(h.id);
            return (
              <li key={h.id} className="space-y-2 py-4">
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`/hosts/${h.id}`}
                    className="font-mono font-semibold text-blue-800 hover:underline dark:text-sky-300"
                  >
                    {h.name}
                  </Link>
                  <Badge tone="slate">{h.role}</Badge>
                  {h.disabled ? (
                    <Badge tone="slate">disabled</Badge>
                  ) : status?.ok ? (
                    <Badge tone="green">agent up</Badge>
                  ) : (
                    <Badge tone="red" title={status?.message}>
                      agent unreachable
                    </Badge>
                  )}
                  <span className="text-xs text-slate-600 dark:text-slate-400">{h.runCount} run(s)</span>
                </div>
                {!h.disabled && status && !status.ok && (
                  <p className="text-sm text-red-800 dark:text-red-300">{status.message}</p>
                )}
                <HostRowActions host={h} />
              </li>
            );
          })}
        </ul>
      </AdminSection>
    </div>
  );
}
