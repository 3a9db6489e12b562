import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RunHistory } from '@/components/checks/RunHistory';
import { Pagination } from '@/components/ui/Pagination';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { isId, pageParam } from '@/lib/checks/page-param';
import { listRuns } from '@/lib/checks/queries';
import { getHost } from '@/lib/hosts/queries';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Host' };

export default async function HostPage({ params, searchParams }: Props) {
  const { id } = await params;
  const viewer = await requirePageRole('reader', `/hosts/${id}`);
  const host = isId(id) ? await getHost(id) : null;
  if (!host) notFound();
  const page = pageParam((await searchParams).page);
  const history = await listRuns({ hostId: id }, hasRole(viewer?.role, 'author'), page);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/hosts" className="text-blue-800 underline hover:no-underline dark:text-sky-300">
          <span aria-hidden="true">← </span>All hosts
        </Link>
      </p>
      <h1 className="font-mono text-3xl font-bold tracking-tight">{host.name}</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Role {host.role}
        {host.disabled && ' · disabled'} · {history.total} run(s)
      </p>
      <RunHistory runs={history.runs} hide={['host']} />
      <Pagination page={page} pageCount={history.pageCount} href={(p) => `/hosts/${id}?page=${p}`} />
    </div>
  );
}
