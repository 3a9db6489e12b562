import Link from 'next/link';
import { AdminNav } from '@/components/admin/AdminNav';
import { buttonClass, inputClass } from '@/components/forms/Field';
import { listAuditEvents } from '@/lib/audit/queries';
import { AUDIT_PAGE_SIZE, auditFilterSchema } from '@/lib/audit/schema';
import { requirePageRole } from '@/lib/auth/session';

export const metadata = { title: 'Audit trail' };

const dateFmt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  await requirePageRole('admin', '/admin/audit');
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const filter = auditFilterSchema.parse({
    action: one(raw.action),
    actor: one(raw.actor),
    outcome: one(raw.outcome),
    from: one(raw.from),
    to: one(raw.to),
    page: one(raw.page),
  });
  const { rows, total, actions } = await listAuditEvents(filter);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const pageHref = (page: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, page }))
      if (v !== undefined && !(k === 'page' && v === 1)) q.set(k, String(v));
    return `/admin/audit${q.size ? `?${q}` : ''}`;
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Audit trail</h1>
        <AdminNav current="audit" />
      </div>
      <form method="get" aria-label="Filter audit events" className="grid gap-3 sm:grid-cols-6">
        <label className="text-sm font-medium sm:col-span-2">
          Action
          <select name="action" defaultValue={filter.action ?? ''} className={inputClass}>
            <option value="">Any</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Outcome
          <select name="outcome" defaultValue={filter.outcome ?? ''} className={inputClass}>
            <option value="">Any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
            <option value="denied">denied</option>
          </select>
        </label>
        <label className="text-sm font-medium sm:col-span-3">
          Actor email contains
          <input name="actor" defaultValue={filter.actor ?? ''} className={inputClass} />
        </label>
        <label className="text-sm font-medium sm:col-span-2">
          From (UTC date)
          <input type="date" name="from" defaultValue={filter.from ?? ''} className={inputClass} />
        </label>
        <label className="text-sm font-medium sm:col-span-2">
          To (UTC date)
          <input type="date" name="to" defaultValue={filter.to ?? ''} className={inputClass} />
        </label>
        <div className="flex items-end gap-3 sm:col-span-2">
          <button type="submit" className={buttonClass}>
            Filter
          </button>
          <Link href="/admin/audit" className="text-sm text-blue-800 underline dark:text-sky-300">
            Clear
          </Link>
        </div>
      </form>
      <p className="text-sm text-slate-700 dark:text-slate-300">{total} events</p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center dark:border-slate-700">
          No events match these filters.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="border-b border-slate-300 dark:border-slate-700">
              <tr>
                {AUDIT_COLUMNS.map((name) => (
                  <th key={name} scope="col" className="px-2 py-2">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {rows.map((r) => (
                <tr key={r.id} className="align-top">
                  <td className="px-2 py-2 whitespace-nowrap">{dateFmt.format(r.at)}</td>
                  <td className="px-2 py-2">{r.actor ?? 'anonymous'}</td>
                  <td className="px-2 py-2 font-mono">{r.action}</td>
                  <td className="px-2 py-2 break-all">{[r.targetType, r.targetId].filter(Boolean).join(' ')}</td>
                  <td className="px-2 py-2">{r.outcome}</td>
                  <td className="px-2 py-2 text-xs break-all">{describeDetails(r.details)}</td>
                  <td className="px-2 py-2 font-mono text-xs break-all">{r.requestId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pagination" className="flex gap-4 text-sm">
          {filter.page > 1 && <Link href={pageHref(filter.page - 1)}>Previous page</Link>}
          <span>
            Page {filter.page} of {pages}
          </span>
          {filter.page < pages && <Link href={pageHref(filter.page + 1)}>Next page</Link>}
        </nav>
      )}
    </div>
  );
}

const AUDIT_COLUMNS = ['When (UTC)', 'Who', 'Action', 'Target', 'Outcome', 'Details', 'Request'];

/** An event's details as one line of key=value pairs, cut short: the audit trail names both people of a decision, for example. */
const DETAILS_SHOWN_MAX = 300;
function describeDetails(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  const line = Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return line.length > DETAILS_SHOWN_MAX ? `${line.slice(0, DETAILS_SHOWN_MAX)}…` : line;
}
