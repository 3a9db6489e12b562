// Public reads: the incident list, facets, home counts and one incident's page. What only
// authors read (the whole document for the form, export and conflicts, revisions, drafts) is in
// ./authoring-queries.ts. Writes live in ./mutations.ts (on the app's client) and ./store.ts
// (inside a caller's transaction); only the reads files and mutations.ts import lib/db.ts.
import 'server-only';
import { cache } from 'react';
import { cached } from '@/lib/cache/tagged';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { ActionItemStatus, type IncidentStatus, type Severity } from '@/lib/generated/prisma/enums';
import { readIncidentRendering, renderIncident, type IncidentRendering, type IncidentSources } from '@/lib/markdown/stored';
import { PAGE_SIZE, searchWords, type IncidentListParams, type SortDir } from './schema';
import { byName, byPosition, incidentFields, publishedStart, visible } from './selects';
import type { HomeStats, IncidentDetail, IncidentFacets, IncidentListResult, IncidentListRow } from './types';

const listRowSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  severity: true,
  status: true,
  timezone: true,
  startedAt: true,
  resolvedAt: true,
  services: { select: { service: { select: { name: true } } }, ...byName },
} satisfies Prisma.IncidentSelect;

type ListRowRecord = Prisma.IncidentGetPayload<{ select: typeof listRowSelect }>;

function toListRow({ services, ...rest }: ListRowRecord): IncidentListRow {
  return { ...rest, startedAt: publishedStart(rest), services: services.map((s) => s.service.name) };
}

function listWhere(params: IncidentListParams): Prisma.IncidentWhereInput {
  const and: Prisma.IncidentWhereInput[] = [visible];
  // Plain substring matching for now; ranked full-text search replaces this later.
  // Each word must appear somewhere (title, summary or a symptom), so
  // "gateway FAILED ip neigh" finds "Gateway 193.70.55.1 on eth1 shows FAILED in ip neigh".
  for (const word of searchWords(params.q)) {
    const contains = { contains: word, mode: 'insensitive' } as const;
    and.push({ OR: [{ title: contains }, { summary: contains }, { symptoms: { some: { text: contains } } }] });
  }
  if (params.service) and.push({ services: { some: { service: { name: params.service } } } });
  if (params.tag) and.push({ tags: { some: { tag: { name: params.tag } } } });
  if (params.category) and.push({ OR: [{ trigger: params.category }, { factors: { some: { category: params.category } } }] });
  if (params.severity) and.push({ severity: params.severity });
  if (params.year !== undefined) {
    // UTC calendar years, matching the year facet below.
    and.push({
      startedAt: { gte: new Date(Date.UTC(params.year, 0, 1)), lt: new Date(Date.UTC(params.year + 1, 0, 1)) },
    });
  }
  return { AND: and };
}

function listOrderBy(sort: IncidentListParams['sort'], dir: SortDir): Prisma.IncidentOrderByWithRelationInput[] {
  // Ties fall back to newest first, then id, so pages never shuffle rows between them.
  const tieBreak: Prisma.IncidentOrderByWithRelationInput[] = [{ startedAt: 'desc' }, { id: 'asc' }];
  switch (sort) {
    case 'title':
      return [{ title: dir }, ...tieBreak];
    case 'severity':
      // Postgres orders the enum as declared (SEV1 first), so "most severe first"
      // (desc) is ascending in the database.
      return [{ severity: dir === 'desc' ? 'asc' : 'desc' }, ...tieBreak];
    default:
      return [{ startedAt: dir }, { id: 'asc' }];
  }
}

function pageWindow(page: number, total: number): { page: number; skip: number } {
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const shown = Math.min(page, lastPage);
  return { page: shown, skip: (shown - 1) * PAGE_SIZE };
}

// Prisma cannot order by an expression, so sort the narrow (id, start, end) rows
// here and fetch full rows for one page. Fine for thousands of incidents; a stored
// duration column would let Postgres do it if the archive grows much beyond that.
async function listByDuration(where: Prisma.IncidentWhereInput, params: IncidentListParams): Promise<IncidentListResult> {
  const spans = await db.incident.findMany({ where, select: { id: true, startedAt: true, resolvedAt: true } });
  const now = Date.now();
  const start = (s: (typeof spans)[number]) => publishedStart(s).getTime();
  const length = (s: (typeof spans)[number]) => (s.resolvedAt?.getTime() ?? now) - start(s);
  const sign = params.dir === 'asc' ? 1 : -1;
  spans.sort((a, b) => sign * (length(a) - length(b)) || start(b) - start(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { page, skip } = pageWindow(params.page, spans.length);
  const ids = spans.slice(skip, skip + PAGE_SIZE).map((s) => s.id);
  const records = ids.length ? await db.incident.findMany({ where: { id: { in: ids } }, select: listRowSelect }) : [];
  const byId = new Map(records.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => {
    const record = byId.get(id);
    return record ? [toListRow(record)] : [];
  });
  return { rows, total: spans.length, page, pageSize: PAGE_SIZE };
}

/** Cached per canonical parameter set until an incident is written (lib/cache/tagged.ts). */
export function listIncidents(params: IncidentListParams): Promise<IncidentListResult> {
  return cached(`incidents:list:${JSON.stringify(params)}`, ['incidents'], () => loadIncidentList(params));
}

async function loadIncidentList(params: IncidentListParams): Promise<IncidentListResult> {
  const where = listWhere(params);
  if (params.sort === 'duration') return listByDuration(where, params);

  const orderBy = listOrderBy(params.sort, params.dir);
  const fetchPage = (skip: number) => db.incident.findMany({ where, orderBy, skip, take: PAGE_SIZE, select: listRowSelect });

  const requestedSkip = (params.page - 1) * PAGE_SIZE;
  const [total, records] = await Promise.all([db.incident.count({ where }), fetchPage(requestedSkip)]);
  const { page, skip } = pageWindow(params.page, total);
  // Only a page past the end (an old bookmark, a hand-edited URL) costs a second query.
  const shown = skip === requestedSkip ? records : await fetchPage(skip);
  return { rows: shown.map(toListRow), total, page, pageSize: PAGE_SIZE };
}

export function recentIncidents(limit: number): Promise<IncidentListRow[]> {
  return cached(`incidents:recent:${limit}`, ['incidents'], () => loadRecentIncidents(limit));
}

async function loadRecentIncidents(limit: number): Promise<IncidentListRow[]> {
  const records = await db.incident.findMany({
    where: visible,
    orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
    take: limit,
    select: listRowSelect,
  });
  return records.map(toListRow);
}

const visibleIncidentLink = { incident: visible } satisfies Prisma.IncidentServiceWhereInput;

export function getIncidentFacets(): Promise<IncidentFacets> {
  return cached('incidents:facets', ['incidents'], loadIncidentFacets);
}

async function loadIncidentFacets(): Promise<IncidentFacets> {
  const [services, tags, years, severities, categories] = await Promise.all([
    db.service.findMany({
      where: { incidents: { some: visibleIncidentLink } },
      select: { name: true, _count: { select: { incidents: { where: visibleIncidentLink } } } },
      orderBy: { name: 'asc' },
    }),
    db.tag.findMany({
      where: { incidents: { some: visibleIncidentLink } },
      select: { name: true, _count: { select: { incidents: { where: visibleIncidentLink } } } },
      orderBy: { name: 'asc' },
    }),
    // UTC years: grouping by each incident's own zone would need the same zone
    // logic in the filter, and an unknown zone name would fail the whole query.
    db.$queryRaw<{ year: number; count: number }[]>`
      SELECT EXTRACT(YEAR FROM started_at AT TIME ZONE 'UTC')::int AS year, COUNT(*)::int AS count
      FROM incidents
      WHERE NOT draft
      GROUP BY 1
      ORDER BY 1 DESC`,
    db.incident.groupBy({ by: ['severity'], where: visible, _count: { _all: true }, orderBy: { severity: 'asc' } }),
    db.factorCategory.findMany({ select: { slug: true, label: true }, orderBy: [{ position: 'asc' }, { slug: 'asc' }] }),
  ]);
  return {
    services: services.map((s) => ({ value: s.name, count: s._count.incidents })),
    tags: tags.map((t) => ({ value: t.name, count: t._count.incidents })),
    years: years.map((y) => ({ value: Number(y.year), count: Number(y.count) })),
    severities: severities.map((s) => ({ value: s.severity as Severity, count: s._count._all })),
    // Incidents a category triggered or has a factor in, each counted once (the filter's own rule).
    categories: (
      await Promise.all(
        categories.map(async (c) => ({
          value: c.slug,
          label: c.label,
          count: await db.incident.count({ where: listWhere({ category: c.slug } as IncidentListParams) }),
        })),
      )
    ).filter((c) => c.count > 0),
  };
}

export function homeStats(): Promise<HomeStats> {
  return cached('home:stats', ['incidents', 'runbooks'], loadHomeStats);
}

async function loadHomeStats(): Promise<HomeStats> {
  const [incidents, runbooks, services, openActionItems] = await Promise.all([
    db.incident.count({ where: visible }),
    db.runbook.count(),
    // Services nothing refers to any more (renamed in content) are not worth counting.
    db.service.count({ where: { OR: [{ incidents: { some: visibleIncidentLink } }, { runbooks: { some: {} } }] } }),
    db.actionItem.count({
      where: { status: { in: [ActionItemStatus.open, ActionItemStatus.in_progress] }, incident: visible },
    }),
  ]);
  return { incidents, runbooks, services, openActionItems };
}

/**
 * One incident with everything its page shows; null for unknown slugs, and for
 * drafts unless asked. Cached until an incident or runbook (titles, summaries
 * shown here) is written; drafts-visible is part of the key, so a reader's
 * lookup never finds what an author's request cached.
 */
export const getIncidentBySlug = cache((slug: string, includeDrafts = false): Promise<IncidentDetail | null> =>
  cached(`incident:${slug}:${includeDrafts ? 'with-drafts' : 'published'}`, ['incidents', 'runbooks'], () =>
    loadIncident(slug, includeDrafts),
  ),
);

async function loadIncident(slug: string, includeDrafts: boolean): Promise<IncidentDetail | null> {
  const record = await db.incident.findFirst({
    where: { slug, ...(includeDrafts ? {} : visible) },
    select: {
      id: true,
      ...incidentFields,
      version: true,
      rendered: true,
      updatedAt: true,
      symptoms: { select: { id: true, text: true }, ...byPosition },
      timeline: { select: { id: true, at: true, kind: true, text: true, checkRunId: true }, ...byPosition },
      factors: {
        select: { id: true, title: true, detail: true, categoryRef: { select: { slug: true, label: true } } },
        ...byPosition,
      },
      triggerCategory: { select: { slug: true, label: true } },
      steps: { select: { id: true, text: true, command: true, checkSlug: true }, ...byPosition },
      actionItems: { select: { id: true, text: true, owner: true, due: true, status: true }, ...byPosition },
      runbooks: {
        select: { runbook: { select: { slug: true, title: true, summary: true } } },
        orderBy: { runbook: { title: 'asc' } },
      },
    },
  });
  if (!record) return null;
  const { rendered, version, ...rest } = record;
  return {
    ...rest,
    rendered: await storedRendering(record.id, version, rendered, {
      narrative: record.narrative,
      lessons: record.lessons,
      commands: record.steps.map((s) => s.command),
    }),
    services: record.services.map((s) => s.service.name),
    tags: record.tags.map((t) => t.tag.name),
    runbooks: record.runbooks.map((r) => r.runbook),
  };
}

/**
 * The HTML stored when the incident was written. A row from before that
 * (or written by raw SQL) is rendered here once and stored, only if nobody
 * saved the incident meanwhile; updated_at is left alone since nothing the
 * author wrote changed.
 */
async function storedRendering(
  id: string,
  version: number,
  stored: unknown,
  sources: IncidentSources,
): Promise<IncidentRendering> {
  const current = readIncidentRendering(stored, sources);
  if (current) return current;
  const fresh = await renderIncident(sources);
  await db.$executeRaw`UPDATE incidents SET rendered = ${JSON.stringify(fresh)}::jsonb WHERE id = ${id} AND version = ${version}`;
  return fresh.content;
}

// ---- The JSON API's list (lib/api): keyset pages, drafts only when asked ----

/** Where a keyset page starts: after this row in (startedAt desc, id asc) order. */
export type IncidentPageAfter = { startedAt: Date | null; id: string };

export type IncidentPageFilters = {
  q?: string;
  service?: string;
  tag?: string;
  severity?: Severity;
  status?: IncidentStatus;
  draft?: boolean;
  limit: number;
  after?: IncidentPageAfter;
};

export type IncidentPageRow = {
  id: string;
  slug: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  draft: boolean;
  /** Null only for a draft not yet given a start time; those come last. */
  startedAt: Date | null;
  version: number;
};

/**
 * One page of incidents, newest first, and whether more follow. Keyset paging
 * (not offsets): a page stays correct while incidents are filed, and a deep
 * page costs what the first does. Drafts only when `includeDrafts`, also when
 * the filter asks for status=draft.
 */
export async function listIncidentPage(
  filters: IncidentPageFilters,
  includeDrafts: boolean,
): Promise<{ rows: IncidentPageRow[]; more: boolean }> {
  const and: Prisma.IncidentWhereInput[] = includeDrafts ? [] : [visible];
  for (const word of searchWords(filters.q)) {
    const contains = { contains: word, mode: 'insensitive' } as const;
    and.push({ OR: [{ title: contains }, { summary: contains }, { symptoms: { some: { text: contains } } }] });
  }
  if (filters.service) and.push({ services: { some: { service: { name: filters.service } } } });
  if (filters.tag) and.push({ tags: { some: { tag: { name: filters.tag } } } });
  if (filters.severity) and.push({ severity: filters.severity });
  if (filters.status) and.push({ status: filters.status });
  if (filters.draft !== undefined) and.push({ draft: filters.draft });
  if (filters.after) {
    // Drafts without a start time sort after every dated incident, by id.
    const { startedAt, id } = filters.after;
    and.push(
      startedAt
        ? { OR: [{ startedAt: { lt: startedAt } }, { startedAt, id: { gt: id } }, { startedAt: null }] }
        : { startedAt: null, id: { gt: id } },
    );
  }
  const rows = await db.incident.findMany({
    where: { AND: and },
    orderBy: [{ startedAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
    take: filters.limit + 1,
    select: { id: true, slug: true, title: true, severity: true, status: true, draft: true, startedAt: true, version: true },
  });
  return { rows: rows.slice(0, filters.limit), more: rows.length > filters.limit };
}
