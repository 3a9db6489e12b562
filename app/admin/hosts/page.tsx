import Link from 'next/link';
import { AdminNav } from '@/components/admin/AdminNav';
import { AdminSection } from '@/components/admin/AdminSection';
import { CreateHostForm } from '@/components/admin/CreateHostForm';
import { HostRowActions } from '@/components/admin/HostRowActions';
import { Badge } from '@/components/ui/Badge';
import { requirePageRole } from '@/lib/auth/session';
import { healthText } from '@/lib/hosts/health-text';
import { formatLabels } from '@/lib/hosts/labels';
import { listHosts } from '@/lib/hosts/queries';

export const metadata = { title: 'Hosts' };

export default async function AdminHostsPage() {
  await requirePageRole('admin', '/admin/hosts');
  // Health is what the worker's background probe stored: this page calls no agent.
  const hosts = await listHosts();
  const now = new Date();
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Hosts</h1>
        <AdminNav current="hosts" />
      </div>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">
        Each host runs the diagnostic agent (<code>npm run agent -- --config agent.yaml --port 7070</code>). Launches name hosts
        by id, never by URL; the app signs every call with the host&apos;s secret, and the agent runs only the checks in its own
        allow-list. Agent health below is from the background probe of the worker.
      </p>
      <p>
        <Link href="/admin/hosts/import" className="text-blue-800 underline dark:text-sky-300">
          Import hosts from an inventory file
        </Link>{' '}
        (YAML or CSV), or <code>npm run hosts -- import fleet.yaml</code>.
      </p>
      <AdminSection id="register-host" title="Register a host" boxed>
        <CreateHostForm />
      </AdminSection>
      <AdminSection id="all-hosts" title={<>All hosts ({hosts.length})</>}>
        {hosts.length === 0 && <p className="text-slate-600 dark:text-slate-400">No hosts yet.</p>}
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {hosts.map((h) => {
            const health = healthText(h.probe, now);
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
                  {Object.keys(h.labels).length > 0 && (
                    <span className="font-mono text-xs text-slate-700 dark:text-slate-300">{formatLabels(h.labels)}</span>
                  )}
                  {h.disabled ? (
                    <Badge tone="slate">disabled</Badge>
                  ) : (
                    <Badge tone={health.tone} title={health.detail ?? undefined}>
                      {health.label}
                    </Badge>
                  )}
                  <span className="text-xs text-slate-600 dark:text-slate-400">{h.runCount} run(s)</span>
                </div>
                {!h.disabled && health.detail && (
                  <p
                    className={`text-sm ${health.tone === 'red' ? 'text-red-800 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}
                  >
                    {health.detail}
                  </p>
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
