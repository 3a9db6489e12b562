// Writes one incident document and its revision inside the caller's transaction.
// Shared by the form's actions (through ./mutations.ts), the upload importer,
// restore and the content sync, so every path stores an incident the same way and
// appends a revision. It takes the transaction and has no client of its own, so
// scripts (which may not import lib/db.ts's 'server-only' client) use it too.
import { notifyChange } from '@/lib/cache/notify';
import type { IncidentDocument } from '@/lib/content/schema';
import type { Prisma } from '@/lib/generated/prisma/client';
import { renderIncident } from '@/lib/markdown/stored';
import { toDocumentInput } from './document';

export type Tx = Prisma.TransactionClient;

/** A reference in the document that the database does not know; reported against its field. */
export class UnknownReferenceError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface WriteOptions {
  /** The row being replaced and the version the writer read; absent to create. */
  existing?: { id: string; version: number };
  authorId?: string | null;
  contentHash?: string | null;
  /** The form checks step links against the catalog; content may name checks that come later. */
  requireKnownChecks?: boolean;
  /**
   * Timeline entries of `doc` that stand for a check run ("Attach to timeline",
   * lib/checks/attach.ts): matched like the stored evidence links below.
   */
  newEvidence?: { at: Date; kind: IncidentDocument['timeline'][number]['kind']; text: string; checkRunId: string }[];
}

export type WriteResult = { ok: true; id: string; version: number } | { ok: false; conflict: true };

/**
 * Ids of the named services or tags, creating new ones. INSERT ... ON CONFLICT
 * DO NOTHING then SELECT, so concurrent filings naming the same new service
 * both succeed instead of one failing on the unique name.
 */
async function labelIds(tx: Tx, model: 'service' | 'tag', list: string[]): Promise<string[]> {
  const names = [...new Set(list.map((s) => s.trim()))];
  if (!names.length) return [];
  const data = names.map((name) => ({ name }));
  if (model === 'service') {
    await tx.service.createMany({ data, skipDuplicates: true });
    return (await tx.service.findMany({ where: { name: { in: names } }, select: { id: true } })).map((r) => r.id);
  }
  await tx.tag.createMany({ data, skipDuplicates: true });
  return (await tx.tag.findMany({ where: { name: { in: names } }, select: { id: true } })).map((r) => r.id);
}

async function runbookIds(tx: Tx, slugs: string[]): Promise<string[]> {
  const runbooks = await tx.runbook.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const missing = slugs.filter((slug) => !runbooks.some((r) => r.slug === slug));
  if (missing.length) throw new UnknownReferenceError('runbooks', `Unknown runbook: ${missing.join(', ')}.`);
  return runbooks.map((r) => r.id);
}

async function checkKnownChecks(tx: Tx, doc: IncidentDocument, incidentId: string | undefined) {
  // Links the incident already has stay valid (content may name checks before the catalog has them).
  const kept = incidentId
    ? new Set(
        (await tx.resolutionStep.findMany({ where: { incidentId, checkSlug: { not: null } }, select: { checkSlug: true } })).map(
          (s) => s.checkSlug,
        ),
      )
    : new Set<string | null>();
  const named = doc.resolutionSteps.map((s) => s.check).filter((c): c is string => !!c && !kept.has(c));
  if (!named.length) return;
  const known = new Set((await tx.check.findMany({ where: { slug: { in: named } }, select: { slug: true } })).map((c) => c.slug));
  doc.resolutionSteps.forEach((step, i) => {
    if (step.check && !known.has(step.check) && !kept.has(step.check)) {
      throw new UnknownReferenceError(`resolutionSteps.${i}.check`, `No check "${step.check}" in the catalog.`);
    }
  });
}

/** Categories named by the factors and the trigger must be in the list (a foreign key would be a 500). */
async function checkCategories(tx: Tx, doc: IncidentDocument) {
  const named = [doc.trigger, ...doc.contributingFactors.map((f) => f.category)].filter((c): c is string => !!c);
  if (!named.length) return;
  const known = new Set(
    (await tx.factorCategory.findMany({ where: { slug: { in: named } }, select: { slug: true } })).map((c) => c.slug),
  );
  if (doc.trigger && !known.has(doc.trigger)) throw new UnknownReferenceError('trigger', `No factor category "${doc.trigger}".`);
  doc.contributingFactors.forEach((f, i) => {
    if (f.category && !known.has(f.category)) {
      throw new UnknownReferenceError(`contributingFactors.${i}.category`, `No factor category "${f.category}".`);
    }
  });
}

export async function writeIncident(tx: Tx, doc: IncidentDocument, opts: WriteOptions = {}): Promise<WriteResult> {
  // Rendered here, once, so no page view parses markdown. The schemas have
  // already refused what cannot be rendered (lib/markdown/limits.ts), so this is bounded.
  const rendered = await renderIncident({
    narrative: doc.narrative,
    lessons: doc.lessons,
    commands: doc.resolutionSteps.map((s) => s.command ?? null),
  });
  const runbooks = await runbookIds(tx, doc.runbooks);
  if (opts.requireKnownChecks) await checkKnownChecks(tx, doc, opts.existing?.id);
  await checkCategories(tx, doc);

  const fields = {
    title: doc.title,
    summary: doc.summary,
    severity: doc.severity,
    status: doc.status,
    draft: doc.draft,
    rootCause: doc.rootCause,
    trigger: doc.trigger ?? null,
    timezone: doc.timezone,
    startedAt: doc.startedAt ?? null,
    detectedAt: doc.detectedAt ?? null,
    mitigatedAt: doc.mitigatedAt ?? null,
    resolvedAt: doc.resolvedAt ?? null,
    impact: doc.impact,
    lessons: doc.lessons,
    narrative: doc.narrative,
    rendered,
    author: doc.author ?? null,
    sourceUrl: doc.source ?? null,
    contentHash: opts.contentHash ?? null,
  };

  let incidentId: string;
  let version: number;
  if (opts.existing) {
    // Optimistic concurrency: the row changes only if nobody saved since it was read.
    // A concurrent writer blocks on the row lock, then finds the version moved on.
    const { count } = await tx.incident.updateMany({
      where: { id: opts.existing.id, version: opts.existing.version },
      data: { ...fields, version: { increment: 1 } },
    });
    if (count === 0) return { ok: false, conflict: true };
    incidentId = opts.existing.id;
    version = opts.existing.version + 1;
  } else {
    const created = await tx.incident.create({ data: { slug: doc.slug, ...fields }, select: { id: true, version: true } });
    incidentId = created.id;
    version = created.version;
  }

  // Evidence entries made by check runs keep their link to the run (matched by
  // time, kind and text), and a save never drops them: the runs are the evidence.
  const evidence = await tx.timelineEntry.findMany({
    where: { incidentId, checkRunId: { not: null } },
    select: { at: true, kind: true, text: true, checkRunId: true },
  });
  const evidenceKey = (e: { at: Date; kind: string; text: string }) => `${e.at.toISOString()}|${e.kind}|${e.text}`;
  const links = new Map([...evidence, ...(opts.newEvidence ?? [])].map((e) => [evidenceKey(e), e]));
  const timeline = doc.timeline.map((e) => {
    const link = links.get(evidenceKey(e));
    links.delete(evidenceKey(e));
    return { at: e.at, kind: e.kind, text: e.text, checkRunId: link?.checkRunId ?? null };
  });
  timeline.push(...links.values());

  // Children are replaced wholesale: the document is the whole incident.
  await Promise.all([
    tx.symptom.deleteMany({ where: { incidentId } }),
    tx.timelineEntry.deleteMany({ where: { incidentId } }),
    tx.contributingFactor.deleteMany({ where: { incidentId } }),
    tx.resolutionStep.deleteMany({ where: { incidentId } }),
    tx.actionItem.deleteMany({ where: { incidentId } }),
    tx.incidentService.deleteMany({ where: { incidentId } }),
    tx.incidentTag.deleteMany({ where: { incidentId } }),
    tx.incidentRunbook.deleteMany({ where: { incidentId } }),
  ]);
  const [serviceIds, tagIds] = [await labelIds(tx, 'service', doc.services), await labelIds(tx, 'tag', doc.tags)];
  await tx.symptom.createMany({ data: doc.symptoms.map((text, position) => ({ incidentId, position, text })) });
  await tx.timelineEntry.createMany({
    data: timeline.map((e, position) => ({ incidentId, position, ...e })),
  });
  await tx.contributingFactor.createMany({
    data: doc.contributingFactors.map((f, position) => ({
      incidentId,
      position,
      title: f.title,
      detail: f.detail,
      category: f.category ?? null,
    })),
  });
  await tx.resolutionStep.createMany({
    data: doc.resolutionSteps.map((s, position) => ({
      incidentId,
      position,
      text: s.text,
      command: s.command ?? null,
      checkSlug: s.check ?? null,
    })),
  });
  await tx.actionItem.createMany({
    data: doc.actionItems.map((a, position) => ({
      incidentId,
      position,
      text: a.text,
      owner: a.owner ?? null,
      due: a.due ?? null,
      status: a.status,
    })),
  });
  await tx.incidentService.createMany({ data: serviceIds.map((serviceId) => ({ incidentId, serviceId })) });
  await tx.incidentTag.createMany({ data: tagIds.map((tagId) => ({ incidentId, tagId })) });
  await tx.incidentRunbook.createMany({ data: runbooks.map((runbookId) => ({ incidentId, runbookId })) });
  await tx.incidentRevision.create({
    data: { incidentId, version, authorId: opts.authorId ?? null, snapshot: JSON.parse(JSON.stringify(toDocumentInput(doc))) },
  });
  // Cached reads of incidents end here in every app process once this commits (docs/decisions/018).
  await notifyChange(tx, ['incidents']);
  return { ok: true, id: incidentId, version };
}
