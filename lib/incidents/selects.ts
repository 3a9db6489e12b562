// The pieces of Prisma query shape both the public reads (./queries.ts) and the authoring
// reads (./authoring-queries.ts) use, so a field added to an incident is selected in one place.
import type { Prisma } from '@/lib/generated/prisma/client';

// Drafts stay out of every read a reader gets; authors' reads ask for them (includeDrafts).
export const visible = { draft: false } satisfies Prisma.IncidentWhereInput;

/**
 * The start of an incident a reader may see. Only drafts may lack one (CHECK
 * incidents_published_started_at), which the generated types cannot know.
 */
export function publishedStart(row: { startedAt: Date | null; slug?: string }): Date {
  if (!row.startedAt) throw new Error(`A published incident without a start time${row.slug ? ` (${row.slug})` : ''}`);
  return row.startedAt;
}

export const byName = { orderBy: { service: { name: 'asc' } } } as const;

export const byPosition = { orderBy: { position: 'asc' } } as const;

/** The incident's own fields and labels: what its page and its document both read. */
export const incidentFields = {
  slug: true,
  title: true,
  summary: true,
  severity: true,
  status: true,
  draft: true,
  rootCause: true,
  trigger: true,
  timezone: true,
  startedAt: true,
  detectedAt: true,
  mitigatedAt: true,
  resolvedAt: true,
  impact: true,
  lessons: true,
  narrative: true,
  author: true,
  sourceUrl: true,
  services: { select: { service: { select: { name: true } } }, ...byName },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { tag: { name: 'asc' } } },
} satisfies Prisma.IncidentSelect;
