import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { listAlertGroups, ALERT_GROUPS_PAGE } from '@/lib/alerts/queries';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Alerts' };
export const dynamic = 'force-dynamic';

const when = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
const link = 'text-blue-800 hover:underline dark:text-sky-300';

export default async function AlertsPage() {
  const viewer = await requirePageRole('reader', '/alerts');
  // Drafts are for authors and above, as everywhere: others learn that a draft exists, not what it says.
  const seesDrafts = hasRole(viewer?.role, 'author');
  const groups = await listAlertGroups();
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Alerts</h1>
      <p className="mt-2 max-w-3xl text-slate-700 dark:text-slate-300">
        Alert groups received from Alertmanager and Grafana (the last {ALERT_GROUPS_PAGE} seen), the incident each opened or
        joined, and the past incidents and runbooks their text matched. Senders post to <code>/api/v1/alerts/alertmanager</code>{' '}
        or <code>/api/v1/alerts/grafana</code> with an integration token.
      </p>
      {groups.length === 0 ? (
        <p className="mt-8 text-slate-600 dark:text-slate-400">No alerts received yet.</p>
      ) : (
        <ul className="mt-8 space-y-4">
          {groups.map((g) => (
            <li key={g.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={g.status === 'firing' ? 'red' : 'slate'}>{g.status}</Badge>
                <span className="font-semibold">{g.alerts[0]?.name ?? 'Alert group'}</span>
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  {g.source}, receiver {g.receiver}, first seen {when(g.firstSeenAt)}, last {when(g.lastSeenAt)}
                </span>
              </div>
              <p className="mt-1 font-mono text-xs break-all text-slate-600 dark:text-slate-400">{g.groupKey}</p>
              <ul className="mt-2 list-disc pl-6 text-sm">
                {g.alerts.map((a) => (
                  <li key={a.fingerprint}>
                    {a.name} ({a.status}, since {when(a.startsAt)}){a.summary ? `: ${a.summary}` : ''}
                  </li>
                ))}
              </ul>
              <p className="mt-2 text-sm">
                Incident:{' '}
                {!g.incident ? (
                  'none'
                ) : !g.incident.draft || seesDrafts ? (
                  <Link href={`/incidents/${g.incident.slug}`} className={link}>
                    {g.incident.title}
                  </Link>
                ) : (
                  'a draft, visible to authors'
                )}
                {g.incident?.draft && seesDrafts && ' (draft)'}
              </p>
              {g.matches.length > 0 && (
                <div className="mt-2 text-sm">
                  Matched:
                  <ul className="list-disc pl-6">
                    {g.matches.map((m) => (
                      <li key={`${m.type}:${m.slug}`}>
                        {m.type === 'incident' ? 'Incident' : 'Runbook'}{' '}
                        <Link href={`/${m.type === 'incident' ? 'incidents' : 'runbooks'}/${m.slug}`} className={link}>
                          {m.title}
                        </Link>{' '}
                        <span className="text-slate-600 dark:text-slate-400">score {m.score}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
