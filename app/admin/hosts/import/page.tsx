import Link from 'next/link';
import { HostImportForm } from '@/components/admin/HostImportForm';
import { requirePageRole } from '@/lib/auth/session';
import { INVENTORY_MAX_BYTES, INVENTORY_MAX_HOSTS } from '@/lib/hosts/inventory';
import { WEB_ENV_PREFIX } from '@/lib/hosts/secret-ref';

export const metadata = { title: 'Import hosts' };

const YAML_EXAMPLE = `hosts:
  - name: director-1
    role: director
    agent_url: http://10.0.0.5:7070
    labels: { site: par1, tier: edge }
    secret: env:${WEB_ENV_PREFIX}DIRECTOR_1`;
const CSV_EXAMPLE = `name,role,agent_url,labels,secret
director-1,director,http://10.0.0.5:7070,"site=par1,tier=edge",file:/etc/pmkb/hosts/director-1.secret`;

export default async function ImportHostsPage() {
  await requirePageRole('admin', '/admin/hosts/import');
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Import hosts</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Register or update many hosts from an inventory in YAML or CSV (up to {INVENTORY_MAX_HOSTS} hosts and{' '}
        {INVENTORY_MAX_BYTES / 1_000_000} MB). Hosts are matched by name: new ones are created, existing ones updated; a missing{' '}
        <code>labels</code> or <code>secret</code> keeps what is stored. Preview first: applying writes everything in one
        transaction, or nothing when a row has an error.
      </p>
      <p className="text-slate-700 dark:text-slate-300">
        The <code>secret</code> column is a reference, never the secret itself: <code>env:{WEB_ENV_PREFIX}NAME</code> (a variable
        of the server process starting with <code>{WEB_ENV_PREFIX}</code>) or <code>file:/path</code> under the server&apos;s{' '}
        <code>HOST_SECRETS_DIR</code>. <code>npm run hosts -- import</code> on your own machine reads any variable or file.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-900">{YAML_EXAMPLE}</pre>
        <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-900">{CSV_EXAMPLE}</pre>
      </div>
      <HostImportForm />
      <p>
        <Link href="/admin/hosts" className="text-blue-800 underline dark:text-sky-300">
          Back to hosts
        </Link>
      </p>
    </div>
  );
}
