// Reads for the runbook pages. The only runbook module that touches the database.
import 'server-only';
import { cache } from 'react';
import { cached } from '@/lib/cache/tagged';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { publishedStart, visible } from '@/lib/incidents/selects';
import { readRunbookRendering, renderRunbook, type RunbookRendering } from '@/lib/markdown/stored';
import { isStale } from './freshness';
import type { RunbookDetail, RunbookListRow } from './types';

// Same rule as the incident pages: drafts are not linked from public pages.
const visibleIncidentLink = {
  incident: visible,
} satisfies Prisma.IncidentRunbookWhereInput;

const names = {
  services: { select: { service: { select: { name: true } } }, orderBy: { service: { name: 'asc' } } },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { tag: { name: 'asc' } } },
} as const satisfies Prisma.RunbookSelect;

/** Cached until a runbook or an incident (the counts) is written. */
export function listRunbooks(): Promise<RunbookListRow[]> {
  return cached('runbooks:list', ['runbooks', 'incidents'], loadRunbookList);
}

/** Runbooks whose review is overdue (or due and never done) or whose verification fails or is overdue, judged at `now` from the cached list. */
export async function listStaleRunbooks(now = new Date()): Promise<RunbookListRow[]> {
  return (await listRunbooks()).filter((r) => isStale(r, now));
}

async function loadRunbookList(): Promise<RunbookListRow[]> {
  const records = await db.runbook.findMany({
    orderBy: { title: 'asc' },
    select: {
      slug: true,
      title: true,
      summary: true,
      reviewedAt: true,
      reviewEveryDays: true,
      verifyFailingSince: true,
      verifyNextAt: true,
      ...names,
      _count: { select: { incidents: { where: visibleIncidentLink } } },
    },
  });
  return records.map((r) => ({
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    services: r.services.map((s) => s.service.name),
    tags: r.tags.map((t) => t.tag.name),
    incidentCount: r._count.incidents,
    reviewedAt: r.reviewedAt,
    reviewEveryDays: r.reviewEveryDays,
    verifyFailingSince: r.verifyFailingSince,
    verifyNextAt: r.verifyNextAt,
  }));
}

/** One runbook with its body and linked incidents; null for unknown slugs. Cached until a runbook or an incident is written. */
export const getRunbookBySlug = cache((slug: string): Promise<RunbookDetail | null> =>
  cached(`runbook:${slug}`, ['runbooks', 'incidents'], () => loadRunbook(slug)),
);

async function loadRunbook(slug: string): Promise<RunbookDetail | null> {
  const record = await db.runbook.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      body: true,
      owner: true,
      reviewedAt: true,
      reviewEveryDays: true,
      reviewedBy: { select: { name: true } },
      version: true,
      rendered: true,
      ...names,
      incidents: {
        where: visibleIncidentLink,
        select: {
          incident: { select: { slug: true, title: true, severity: true, startedAt: true, timezone: true } },
        },
        orderBy: { incident: { startedAt: 'desc' } },
      },
    },
  });
  if (!record) return null;
  const { rendered, version, reviewedBy, ...rest } = record;
  return {
    ...rest,
    version,
    reviewedBy: reviewedBy?.name ?? null,
    rendered: await storedRendering(record.id, version, rendered, record.body),
    services: record.services.map((s) => s.service.name),
    tags: record.tags.map((t) => t.tag.name),
    incidents: record.incidents.map((i) => ({ ...i.incident, startedAt: publishedStart(i.incident) })),
  };
}

/** The stored HTML, or (for a row written before it was stored) rendered once now and stored. */
async function storedRendering(id: string, version: number, stored: unknown, body: string): Promise<RunbookRendering> {
  const current = readRunbookRendering(stored, body);
  if (current) return current;
  const fresh = await renderRunbook(body);
  await db.$executeRaw`UPDATE runbooks SET rendered = ${JSON.stringify(fresh)}::jsonb WHERE id = ${id} AND version = ${version}`;
  return fresh.content;
}
