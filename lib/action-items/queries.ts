// Reads of action items across postmortems: the /action-items page and
// GET /api/v1/action-items. Drafts' items are shown only to those who may see
// drafts; the draft rule is lib/incidents/selects.ts's `visible`, used here too.
import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ActionItemStatus } from '@/lib/generated/prisma/enums';
import { type Severity } from '@/lib/generated/prisma/enums';
import { visible } from '@/lib/incidents/selects';
import { startOfDayUtc } from '@/lib/insights/stats';
import { ACTION_ITEMS_LIMIT, PENDING_STATUSES, type ActionItemListParams } from './schema';
import { alsoProposedStatement, type AlsoProposedRow } from './similar-sql';

export type AlsoProposed = { slug: string; title: string; text: string; similarity: number };

export type ActionItemRow = {
  id: string;
  incident: { slug: string; title: string; severity: Severity; version: number; draft: boolean };
  position: number;
  text: string;
  owner: string | null;
  /** YYYY-MM-DD */
  due: string | null;
  status: ActionItemStatus;
  overdue: boolean;
  alsoProposedIn: AlsoProposed[];
};

export type ActionItemCounts = Record<ActionItemStatus, number> & { total: number; overdue: number };

export type ActionItemList = {
  items: ActionItemRow[];
  /** Over the owner and service filters, whatever the status and overdue filters: the page's summary. */
  counts: ActionItemCounts;
  /** How many items the filters match (the page shows at most ACTION_ITEMS_LIMIT). */
  matching: number;
};

/** Overdue: still pending and due before today. */
export const overdueWhere = (today: Date): Prisma.ActionItemWhereInput => ({
  due: { lt: today },
  status: { in: PENDING_STATUSES },
});

function baseWhere(params: Pick<ActionItemListParams, 'owner' | 'service'>, includeDrafts: boolean): Prisma.ActionItemWhereInput {
  return {
    incident: {
      ...(includeDrafts ? {} : visible),
      ...(params.service ? { services: { some: { service: { name: params.service } } } } : {}),
    },
    ...(params.owner ? { owner: { equals: params.owner, mode: 'insensitive' } } : {}),
  };
}

export async function listActionItems(
  params: ActionItemListParams,
  includeDrafts: boolean,
  now: Date = new Date(),
): Promise<ActionItemList> {
  const today = startOfDayUtc(now);
  const base = baseWhere(params, includeDrafts);
  const where: Prisma.ActionItemWhereInput = {
    AND: [base, params.status ? { status: params.status } : {}, params.overdue ? overdueWhere(today) : {}],
  };
  const [rows, matching, byStatus, overdue] = await Promise.all([
    db.actionItem.findMany({
      where,
      // Soonest due first; undated items last; then newest incident.
      orderBy: [{ due: { sort: 'asc', nulls: 'last' } }, { incident: { startedAt: 'desc' } }, { position: 'asc' }],
      take: ACTION_ITEMS_LIMIT,
      select: {
        id: true,
        position: true,
        text: true,
        owner: true,
        due: true,
        status: true,
        incident: { select: { slug: true, title: true, severity: true, version: true, draft: true } },
      },
    }),
    db.actionItem.count({ where }),
    db.actionItem.groupBy({ by: ['status'], where: base, _count: { _all: true } }),
    db.actionItem.count({ where: { AND: [base, overdueWhere(today)] } }),
  ]);

  const counts: ActionItemCounts = { open: 0, in_progress: 0, done: 0, wont_do: 0, total: 0, overdue };
  for (const g of byStatus) {
    counts[g.status] = g._count._all;
    counts.total += g._count._all;
  }

  const also = await alsoProposedFor(
    rows.map((r) => r.id),
    includeDrafts,
  );
  const items = rows.map((r): ActionItemRow => ({
    id: r.id,
    incident: {
      slug: r.incident.slug,
      title: r.incident.title,
      severity: r.incident.severity,
      version: r.incident.version,
      draft: r.incident.draft,
    },
    position: r.position,
    text: r.text,
    owner: r.owner,
    due: r.due ? r.due.toISOString().slice(0, 10) : null,
    status: r.status,
    overdue: !!r.due && r.due < today && PENDING_STATUSES.includes(r.status),
    alsoProposedIn: also.get(r.id) ?? [],
  }));
  return { items, counts, matching };
}

/** "Also proposed in": similar items of other incidents the caller may see, per item id. */
export async function alsoProposedFor(itemIds: string[], includeDrafts: boolean): Promise<Map<string, AlsoProposed[]>> {
  const out = new Map<string, AlsoProposed[]>();
  if (!itemIds.length) return out;
  const pairs = await db.$queryRaw<AlsoProposedRow[]>(alsoProposedStatement(itemIds));
  if (!pairs.length) return out;
  // Drafts are filtered through `visible`, the one place that says what a reader may see.
  const incidents = await db.incident.findMany({
    where: { id: { in: [...new Set(pairs.map((p) => p.incident_id))] }, ...(includeDrafts ? {} : visible) },
    select: { id: true, slug: true, title: true },
  });
  const byId = new Map(incidents.map((i) => [i.id, i]));
  for (const p of pairs) {
    const incident = byId.get(p.incident_id);
    if (!incident) continue;
    const list = out.get(p.item_id) ?? [];
    list.push({ slug: incident.slug, title: incident.title, text: p.text, similarity: Math.round(p.similarity * 100) / 100 });
    out.set(p.item_id, list);
  }
  return out;
}

/** The filter choices: owners and services that have items the caller may see. */
export async function getActionItemFacets(includeDrafts: boolean): Promise<{ owners: string[]; services: string[] }> {
  const incident = includeDrafts ? {} : visible;
  const [owners, services] = await Promise.all([
    db.actionItem.findMany({
      where: { owner: { not: null }, incident },
      distinct: ['owner'],
      select: { owner: true },
      orderBy: { owner: 'asc' },
    }),
    db.service.findMany({
      where: { incidents: { some: { incident: { ...incident, actionItems: { some: {} } } } } },
      select: { name: true },
      orderBy: { name: 'asc' },
    }),
  ]);
  return { owners: owners.map((o) => o.owner!), services: services.map((s) => s.name) };
}
