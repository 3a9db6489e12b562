// Reads for the intake (which runbooks exist) and the /alerts page.
import 'server-only';
import { db } from '@/lib/db';
import type { AlertMatch } from './schema';

/** Which of `slugs` are runbooks here: a runbook_url may point at a page of this site. */
export async function existingRunbooks(slugs: string[]): Promise<string[]> {
  if (!slugs.length) return [];
  return (await db.runbook.findMany({ where: { slug: { in: slugs } }, select: { slug: true } })).map((r) => r.slug);
}

export function incidentForAlerts(id: string) {
  return db.incident.findUnique({ where: { id }, select: { id: true, slug: true, status: true, draft: true } });
}

/** Groups shown on /alerts: the most recently seen first. */
export const ALERT_GROUPS_PAGE = 50;

export interface AlertGroupRow {
  id: string;
  source: string;
  groupKey: string;
  receiver: string;
  status: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  alerts: { fingerprint: string; status: string; name: string; summary: string; startsAt: Date }[];
  incident: { slug: string; title: string; status: string; draft: boolean } | null;
  matches: AlertMatch[];
}

export async function listAlertGroups(): Promise<AlertGroupRow[]> {
  const rows = await db.alertGroup.findMany({
    orderBy: { lastSeenAt: 'desc' },
    take: ALERT_GROUPS_PAGE,
    include: {
      alerts: { orderBy: { startsAt: 'asc' }, take: 20 },
      incident: { select: { slug: true, title: true, status: true, draft: true } },
    },
  });
  return rows.map((g) => ({
    id: g.id,
    source: g.source,
    groupKey: g.groupKey,
    receiver: g.receiver,
    status: g.status,
    firstSeenAt: g.firstSeenAt,
    lastSeenAt: g.lastSeenAt,
    alerts: g.alerts.map((a) => {
      const labels = a.labels as Record<string, string>;
      const annotations = a.annotations as Record<string, string>;
      return {
        fingerprint: a.fingerprint,
        status: a.status,
        name: labels.alertname ?? 'Alert',
        summary: annotations.summary ?? annotations.description ?? '',
        startsAt: a.startsAt,
      };
    }),
    incident: g.incident,
    matches: (g.matches as AlertMatch[] | null) ?? [],
  }));
}
