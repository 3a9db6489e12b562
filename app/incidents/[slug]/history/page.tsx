import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClass, inputClass } from '@/components/forms/Field';
import { RestoreButton } from '@/components/incidents/RestoreButton';
import { RevisionDiff } from '@/components/incidents/RevisionDiff';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { isSlug } from '@/lib/format/slug';
import { formatUtc } from '@/lib/format/time';
import { getStoredIncident, listRevisions } from '@/lib/incidents/authoring-queries';
import { diffRevisionFields } from '@/lib/incidents/field-diff';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata = { title: 'History' };

const version = (v: string | string[] | undefined) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

export default async function HistoryPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const viewer = await requirePageRole('reader', `/incidents/${slug}/history`);
  const canEdit = hasRole(viewer?.role, 'author');
  const stored = isSlug(slug) ? await getStoredIncident({ slug }, canEdit) : null;
  if (!stored) notFound();
  // Readers see published versions only; a draft's text must not reach them through a diff.
  const revisions = await listRevisions(stored.id, canEdit);
  const sp = await searchParams;
  const newest = revisions[0];
  // Default: what the latest save changed.
  const to = revisions.find((r) => r.version === version(sp.to)) ?? newest;
  const from = revisions.find((r) => r.version === version(sp.from)) ?? revisions.find((r) => to && r.version < to.version) ?? to;

  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/incidents/${slug}`} className="text-blue-800 underline hover:no-underline dark:text-sky-300">
          <span aria-hidden="true">← </span>Back to the incident
        </Link>
      </p>
      <h1 className="text-3xl font-bold tracking-tight">History: {stored.document.title}</h1>

      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title" className="text-xl font-semibold">
          Revisions
        </h2>
        <table className="mt-3 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="p-2">
                Version
              </th>
              <th scope="col" className="p-2">
                Saved
              </th>
              <th scope="col" className="p-2">
                By
              </th>
              <th scope="col" className="p-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 dark:border-slate-800">
                <td className="p-2 tabular-nums">
                  {r.version}
                  {r.version === stored.version && ' (current)'}
                </td>
                <td className="p-2">{formatUtc(r.createdAt)}</td>
                <td className="p-2">{r.authorName ?? 'content import'}</td>
                <td className="p-2">
                  {canEdit && r.version !== stored.version && (
                    <RestoreButton revisionId={r.id} version={r.version} current={stored.version} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {revisions.length < 2 && (
        <p className="text-slate-700 dark:text-slate-300">Only one version so far: the next save will show its changes here.</p>
      )}

      {from && to && revisions.length > 1 && (
        <section aria-labelledby="diff-title" className="space-y-3">
          <h2 id="diff-title" className="text-xl font-semibold">
            Changes from version {from.version} to version {to.version}
          </h2>
          <form method="get" className="flex flex-wrap items-end gap-3">
            <label className="text-sm font-medium">
              From version
              <select name="from" defaultValue={from.version} className={inputClass}>
                {revisions.map((r) => (
                  <option key={r.id} value={r.version}>
                    {r.version}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm font-medium">
              To version
              <select name="to" defaultValue={to.version} className={inputClass}>
                {revisions.map((r) => (
                  <option key={r.id} value={r.version}>
                    {r.version}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={buttonClass}>
              Compare
            </button>
          </form>
          <RevisionDiff
            changes={diffRevisionFields(from.snapshot, to.snapshot)}
            label={`Differences between version ${from.version} and version ${to.version}`}
          />
        </section>
      )}
    </div>
  );
}
