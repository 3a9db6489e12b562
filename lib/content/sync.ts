// Syncs content/ into the database: upsert by slug, idempotent (an unchanged
// file is skipped by its hash), one transaction per file so a bad file loads
// nothing while the good ones still load.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { ContentError, parseCheck, parseIncident, parseRunbook, type ParsedIncident, type ParsedRunbook } from './parse';
import { linkRunbookChecks, syncCheck } from './sync-checks';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface SyncReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  errors: ContentError[];
}

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.filter((f) => f.endsWith('.md')).sort().map((f) => path.join(dir, f));
}

const names = (list: string[]) => [...new Set(list.map((s) => s.trim()))];

/** Ids of the named services or tags, creating the ones that are new. */
async function labelIds(tx: Tx, model: 'service' | 'tag', list: string[]) {
  const upsert = (name: string) => {
    const args = { where: { name }, create: { name }, update: {}, select: { id: true } };
    return model === 'service' ? tx.service.upsert(args) : tx.tag.upsert(args);
  };
  return Promise.all(names(list).map(upsert));
}

export async function syncRunbook(tx: Tx, file: string, { data, body, hash }: ParsedRunbook) {
  const existing = await tx.runbook.findUnique({ where: { slug: data.slug }, select: { id: true, contentHash: true } });
  if (existing?.contentHash === hash) return 'unchanged' as const;
  const fields = {
    title: data.title,
    summary: data.summary,
    body,
    owner: data.owner ?? null,
    reviewedAt: data.updatedAt ?? null,
    contentHash: hash,
  };
  const runbook = existing
    ? await tx.runbook.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 } } })
    : await tx.runbook.create({ data: { slug: data.slug, ...fields } });
  await tx.runbookService.deleteMany({ where: { runbookId: runbook.id } });
  await tx.runbookTag.deleteMany({ where: { runbookId: runbook.id } });
  await tx.runbookService.createMany({
    data: (await labelIds(tx, 'service', data.services)).map((s) => ({ runbookId: runbook.id, serviceId: s.id })),
  });
  await tx.runbookTag.createMany({
    data: (await labelIds(tx, 'tag', data.tags)).map((t) => ({ runbookId: runbook.id, tagId: t.id })),
  });
  await linkRunbookChecks(tx, file, runbook.id, body);
  return existing ? ('updated' as const) : ('created' as const);
}

export async function syncIncident(tx: Tx, file: string, { data, narrative, hash }: ParsedIncident) {
  const existing = await tx.incident.findUnique({
    where: { slug: data.slug },
    select: { id: true, contentHash: true, version: true },
  });
  if (existing?.contentHash === hash) return 'unchanged' as const;

  const runbooks = await tx.runbook.findMany({ where: { slug: { in: data.runbooks } }, select: { id: true, slug: true } });
  const missing = data.runbooks.filter((slug) => !runbooks.some((r) => r.slug === slug));
  if (missing.length) throw new ContentError(file, 'runbooks', `unknown runbook slug(s): ${missing.join(', ')}`);
  const stepChecks = [...new Set(data.resolutionSteps.flatMap((s) => (s.check ? [s.check] : [])))];
  const knownChecks = await tx.check.findMany({ where: { slug: { in: stepChecks } }, select: { slug: true } });
  const unknownChecks = stepChecks.filter((slug) => !knownChecks.some((c) => c.slug === slug));
  if (unknownChecks.length) {
    throw new ContentError(file, 'resolutionSteps', `unknown check slug(s): ${unknownChecks.join(', ')}`);
  }

  const fields = {
    title: data.title,
    summary: data.summary,
    severity: data.severity,
    status: data.status,
    rootCause: data.rootCause,
    timezone: data.timezone,
    startedAt: data.startedAt,
    detectedAt: data.detectedAt ?? null,
    mitigatedAt: data.mitigatedAt ?? null,
    resolvedAt: data.resolvedAt ?? null,
    impact: data.impact.trim(),
    lessons: data.lessons.trim(),
    narrative,
    author: data.author ?? null,
    sourceUrl: data.source ?? null,
    contentHash: hash,
  };
  const incident = existing
    ? await tx.incident.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 } } })
    : await tx.incident.create({ data: { slug: data.slug, ...fields } });
  const incidentId = incident.id;

  // Children are replaced wholesale: the file is the source of truth for them.
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
  await tx.symptom.createMany({ data: data.symptoms.map((text, position) => ({ incidentId, position, text })) });
  await tx.timelineEntry.createMany({
    data: data.timeline.map((e, position) => ({ incidentId, position, at: e.at, kind: e.kind, text: e.text })),
  });
  await tx.contributingFactor.createMany({
    data: data.contributingFactors.map((f, position) => ({ incidentId, position, title: f.title, detail: f.detail })),
  });
  await tx.resolutionStep.createMany({
    data: data.resolutionSteps.map((s, position) => ({
      incidentId,
      position,
      text: s.text,
      command: s.command ?? null,
      checkSlug: s.check ?? null,
    })),
  });
  await tx.actionItem.createMany({
    data: data.actionItems.map((a, position) => ({
      incidentId,
      position,
      text: a.text,
      owner: a.owner ?? null,
      due: a.due ?? null,
      status: a.status,
    })),
  });
  await tx.incidentService.createMany({
    data: (await labelIds(tx, 'service', data.services)).map((s) => ({ incidentId, serviceId: s.id })),
  });
  await tx.incidentTag.createMany({ data: (await labelIds(tx, 'tag', data.tags)).map((t) => ({ incidentId, tagId: t.id })) });
  await tx.incidentRunbook.createMany({ data: runbooks.map((r) => ({ incidentId, runbookId: r.id })) });
  await tx.incidentRevision.create({
    data: { incidentId, version: incident.version, snapshot: JSON.parse(JSON.stringify({ ...data, narrative })) },
  });
  return existing ? ('updated' as const) : ('created' as const);
}

/** Parses and writes every file under `contentDir`; errors are collected per file. */
export async function syncContent(db: PrismaClient, contentDir: string): Promise<SyncReport> {
  const report: SyncReport = { created: [], updated: [], unchanged: [], errors: [] };
  const load = async <P>(
    file: string,
    parse: (f: string, s: string) => P,
    write: (tx: Tx, f: string, p: P) => Promise<'created' | 'updated' | 'unchanged'>,
  ) => {
    const rel = path.relative(contentDir, file);
    try {
      const parsed = parse(rel, await readFile(file, 'utf8'));
      const outcome = await db.$transaction((tx) => write(tx, rel, parsed), { timeout: 30_000 });
      report[outcome].push(rel);
    } catch (err) {
      report.errors.push(err instanceof ContentError ? err : new ContentError(rel, '', (err as Error).message));
    }
  };
  // Checks first (runbooks embed them), then runbooks (incidents link to them).
  for (const file of await markdownFiles(path.join(contentDir, 'checks'))) await load(file, parseCheck, syncCheck);
  for (const file of await markdownFiles(path.join(contentDir, 'runbooks'))) await load(file, parseRunbook, syncRunbook);
  for (const file of await markdownFiles(path.join(contentDir, 'incidents'))) await load(file, parseIncident, syncIncident);
  return report;
}
