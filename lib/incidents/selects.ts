// The pieces of Prisma query shape both the public reads (./queries.ts) and the authoring
// reads (./authoring-queries.ts) use, so a field added to an incident is selected in one place.
import type { Prisma } from '@/lib/generated/prisma/client';
import { IncidentStatus } from '@/lib/generated/prisma/enums';

// Drafts stay out of every read a reader gets; authors' reads ask for them (includeDrafts).
export const visible = { status: { not: IncidentStatus.draft } } satisfies Prisma.IncidentWhereInput;

export const byName = { orderBy: { service: { name: 'asc' } } } as const;

export const byPosition = { orderBy: { position: 'asc' } } as const;

/** The incident's own fields and labels: what its page and its document both read. */
export const incidentFields = {
  slug: true,
  title: true,
  summary: true,
  severity: true,
  status: true,
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
