// Authoring reads: the whole incident as a document (for the form, export and conflicts),
// the form's options, revisions and drafts. Public reads are in ./queries.ts.
import 'server-only';
import type { IncidentDocument } from '@/lib/content/schema';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { byPosition, incidentFields, visible } from './selects';

const documentSelect = {
  id: true,
  ...incidentFields,
  version: true,
  symptoms: { select: { text: true }, ...byPosition },
  timeline: { select: { at: true, kind: true, text: true }, ...byPosition },
  factors: { select: { title: true, detail: true, category: true }, ...byPosition },
  steps: { select: { text: true, command: true, checkSlug: true }, ...byPosition },
  actionItems: { select: { text: true, owner: true, due: true, status: true }, ...byPosition },
  runbooks: { select: { runbook: { select: { slug: true } } }, orderBy: { runbook: { slug: 'asc' } } },
} satisfies Prisma.IncidentSelect;

type DocumentRecord = Prisma.IncidentGetPayload<{ select: typeof documentSelect }>;

export type StoredIncident = { id: string; slug: string; version: number; document: IncidentDocument };

function toDocument(r: DocumentRecord): IncidentDocument {
  const some = <T>(v: T | null) => v ?? undefined;
  return {
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    severity: r.severity,
    status: r.status,
    draft: r.draft,
    timezone: r.timezone,
    startedAt: some(r.startedAt),
    detectedAt: some(r.detectedAt),
    mitigatedAt: some(r.mitigatedAt),
    resolvedAt: some(r.resolvedAt),
    author: some(r.author),
    source: some(r.sourceUrl),
    services: r.services.map((s) => s.service.name),
    tags: r.tags.map((t) => t.tag.name),
    rootCause: r.rootCause,
    trigger: some(r.trigger),
    impact: r.impact,
    symptoms: r.symptoms.map((s) => s.text),
    timeline: r.timeline,
    contributingFactors: r.factors.map((f) => ({ title: f.title, detail: f.detail, category: some(f.category) })),
    resolutionSteps: r.steps.map((s) => ({ text: s.text, command: some(s.command), check: some(s.checkSlug) })),
    actionItems: r.actionItems.map((a) => ({ text: a.text, owner: some(a.owner), due: some(a.due), status: a.status })),
    runbooks: r.runbooks.map((x) => x.runbook.slug),
    lessons: r.lessons,
    narrative: r.narrative,
  };
}

/** The incident as a document (for the form, export and conflicts); drafts only when asked. */
export async function getStoredIncident(
  where: { slug: string } | { id: string },
  includeDrafts: boolean,
): Promise<StoredIncident | null> {
  const record = await db.incident.findFirst({ where: { ...where, ...(includeDrafts ? {} : visible) }, select: documentSelect });
  return record ? { id: record.id, slug: record.slug, version: record.version, document: toDocument(record) } : null;
}

export type FormOptions = {
  services: string[];
  tags: string[];
  runbooks: { slug: string; title: string }[];
  checks: { slug: string; title: string }[];
  /** The factor taxonomy (content/factor-categories.yaml), in its order. */
  categories: { slug: string; label: string }[];
};

/** What the form offers for autocomplete and links. The check catalog may be empty. */
export async function getFormOptions(): Promise<FormOptions> {
  const [services, tags, runbooks, checks, categories] = await Promise.all([
    db.service.findMany({ select: { name: true }, orderBy: { name: 'asc' } }),
    db.tag.findMany({ select: { name: true }, orderBy: { name: 'asc' } }),
    db.runbook.findMany({ select: { slug: true, title: true }, orderBy: { title: 'asc' } }),
    db.check.findMany({ select: { slug: true, title: true }, orderBy: { title: 'asc' } }),
    db.factorCategory.findMany({ select: { slug: true, label: true }, orderBy: [{ position: 'asc' }, { slug: 'asc' }] }),
  ]);
  return { services: services.map((s) => s.name), tags: tags.map((t) => t.name), runbooks, checks, categories };
}

export type RevisionRow = { id: string; version: number; createdAt: Date; authorName: string | null; snapshot: unknown };

/**
 * A revision a reader may see: one saved in a published state. The filter is on
 * the snapshot's own `draft` flag (migration 20261203162000 gave every older
 * snapshot one), and a snapshot without it counts as unpublished,
 * so text that only ever existed in a draft cannot reach a reader through a diff.
 */
const publishedRevision = {
  snapshot: { path: ['draft'], equals: false },
} satisfies Prisma.IncidentRevisionWhereInput;

/** The saved versions of an incident, newest first: all of them only when drafts are asked for. */
export async function listRevisions(incidentId: string, includeDrafts: boolean): Promise<RevisionRow[]> {
  const rows = await db.incidentRevision.findMany({
    where: { incidentId, ...(includeDrafts ? {} : publishedRevision) },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, createdAt: true, snapshot: true, author: { select: { name: true } } },
  });
  return rows.map(({ author, ...r }) => ({ ...r, authorName: author?.name ?? null }));
}

export type DraftRow = { slug: string; title: string; updatedAt: Date };

/** Drafts, for the people who may edit them. */
export async function listDrafts(limit: number): Promise<DraftRow[]> {
  return db.incident.findMany({
    where: { draft: true },
    orderBy: { updatedAt: 'desc' },
    take: limit,
    select: { slug: true, title: true, updatedAt: true },
  });
}
