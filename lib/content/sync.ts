// Syncs content/ into the database: upsert by slug, idempotent (an unchanged
// file is skipped by its hash), one transaction per file so a bad file loads
// nothing while the good ones still load.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParamSpec } from '@/agent/argv';
import { notifyChange } from '@/lib/cache/notify';
import { checkFencesIn } from '@/lib/checks/fence';
import { syncFactorCategories } from '@/lib/factors/sync';
import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import { UnknownReferenceError, writeIncident } from '@/lib/incidents/store';
import { markdownToPlainText } from '@/lib/markdown/plain-text';
import { renderRunbook } from '@/lib/markdown/stored';
import { syncSynonyms } from '@/lib/synonyms/sync';
import { resolveVerifyChecks } from '@/lib/verification/resolve';
import { ContentError, parseCheck, parseIncident, parseRunbook, type ParsedIncident, type ParsedRunbook } from './parse';
import type { RunbookFrontmatter } from './schema';
import { linkRunbookChecks, syncCheck } from './sync-checks';

type Tx = Prisma.TransactionClient;

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
  const existing = await tx.runbook.findUnique({
    where: { slug: data.slug },
    select: { id: true, contentHash: true, reviewedAt: true, verifyNextAt: true },
  });
  if (existing?.contentHash === hash) return 'unchanged' as const;
  // A "Mark reviewed" in the app newer than the file's date stands (with its reviewer).
  const fileReviewed = data.updatedAt ?? null;
  const keepReview = existing?.reviewedAt && (!fileReviewed || existing.reviewedAt > fileReviewed);
  const fields = {
    title: data.title,
    summary: data.summary,
    body,
    // Rendered once here so the runbook page never parses markdown.
    rendered: await renderRunbook(body),
    // Plain text for search snippets (no markdown syntax), made once here too.
    bodyText: markdownToPlainText(body),
    owner: data.owner ?? null,
    ...(keepReview ? {} : { reviewedAt: fileReviewed, reviewedById: null }),
    reviewEveryDays: data.reviewEvery ?? null,
    ...(await verifyFields(tx, file, data.verify, body, existing?.verifyNextAt ?? null)),
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
  // Delivered on commit to every app process (docs/decisions/018).
  await notifyChange(tx, ['runbooks']);
  return existing ? ('updated' as const) : ('created' as const);
}

/**
 * The runbook's scheduled verification (decision 039), resolved against the
 * catalog now so the tick only reads it. A newly verified runbook is due at
 * once; one already scheduled keeps its next time unless the new interval is
 * shorter. Without `verify`, nothing is scheduled.
 */
async function verifyFields(tx: Tx, file: string, verify: RunbookFrontmatter['verify'], body: string, nextAt: Date | null) {
  if (!verify)
    return { verifyEverySeconds: null, verifyRole: null, verifyChecks: Prisma.DbNull, verifyNextAt: null, verifyFailingSince: null };
  const fences = checkFencesIn(body).flatMap((f) => ('slug' in f ? [f] : []));
  const catalog = await tx.check.findMany({
    where: { slug: { in: [...new Set(fences.map((f) => f.slug))] } },
    select: { slug: true, readOnly: true, approvalRequired: true, argv: true, params: true },
  });
  const resolved = resolveVerifyChecks(
    fences,
    catalog.map((c) => ({ ...c, argv: c.argv as string[], params: c.params as ParamSpec[] })),
    verify.checks,
  );
  if (!resolved.ok) throw new ContentError(file, 'verify', resolved.error);
  const now = new Date();
  const soonest = new Date(now.getTime() + verify.every * 1000);
  return {
    verifyEverySeconds: verify.every,
    verifyRole: verify.role,
    verifyChecks: resolved.checks,
    verifyNextAt: nextAt && nextAt < soonest ? nextAt : nextAt ? soonest : now,
  };
}

export async function syncIncident(tx: Tx, file: string, { data, narrative, hash }: ParsedIncident) {
  const existing = await tx.incident.findUnique({
    where: { slug: data.slug },
    select: { id: true, contentHash: true, version: true },
  });
  if (existing?.contentHash === hash) return 'unchanged' as const;
  try {
    // The file is the source of truth: it replaces whatever version is stored (the revision keeps the old one).
    await writeIncident(tx, { ...data, narrative }, { existing: existing ?? undefined, contentHash: hash });
  } catch (err) {
    if (err instanceof UnknownReferenceError) throw new ContentError(file, err.field, err.message);
    throw err;
  }
  return existing ? ('updated' as const) : ('created' as const);
}

export type ContentKind = 'checks' | 'runbooks' | 'incidents' | 'synonyms' | 'factor-categories';

/** The default search synonyms, beside the content folders (lib/synonyms/sync.ts). */
export const SYNONYMS_FILE = 'synonyms.yaml';
/** The factor taxonomy (lib/factors/sync.ts); incidents name its slugs, so it loads first. */
export const FACTOR_CATEGORIES_FILE = 'factor-categories.yaml';

/**
 * Parses and writes every file under `contentDir` (or only the given kinds);
 * errors are collected per file.
 */
export async function syncContent(
  db: PrismaClient,
  contentDir: string,
  kinds: ContentKind[] = ['factor-categories', 'checks', 'runbooks', 'incidents', 'synonyms'],
): Promise<SyncReport> {
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
  if (kinds.includes('factor-categories')) {
    try {
      const outcome = await db.$transaction((tx) => syncFactorCategories(tx, path.join(contentDir, FACTOR_CATEGORIES_FILE)));
      if (outcome !== 'absent') report[outcome].push(FACTOR_CATEGORIES_FILE);
    } catch (err) {
      report.errors.push(new ContentError(FACTOR_CATEGORIES_FILE, '', (err as Error).message));
    }
  }
  // Checks first (runbooks embed them), then runbooks (incidents link to them).
  const files = async (kind: ContentKind) => (kinds.includes(kind) ? markdownFiles(path.join(contentDir, kind)) : []);
  for (const file of await files('checks')) await load(file, parseCheck, syncCheck);
  for (const file of await files('runbooks')) await load(file, parseRunbook, syncRunbook);
  for (const file of await files('incidents')) await load(file, parseIncident, syncIncident);
  if (kinds.includes('synonyms')) {
    try {
      const outcome = await db.$transaction((tx) => syncSynonyms(tx, path.join(contentDir, SYNONYMS_FILE)));
      if (outcome !== 'absent') report[outcome].push(SYNONYMS_FILE);
    } catch (err) {
      report.errors.push(new ContentError(SYNONYMS_FILE, '', (err as Error).message));
    }
  }
  return report;
}

/** Runbooks read back when filling their plain text: bounded, so a large backlog is done in steps. */
const BODY_TEXT_BATCH = 100;

/**
 * Fills runbooks.body_text where it is missing: rows from before the column, or
 * whose body was changed by plain SQL (a trigger clears it then). Run by `npm start`.
 * Returns how many rows it filled.
 */
export async function fillRunbookBodyText(prisma: PrismaClient): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await prisma.runbook.findMany({
      where: { bodyText: null },
      select: { id: true, body: true },
      take: BODY_TEXT_BATCH,
    });
    for (const row of rows) {
      // Only if the body is still the one read: a concurrent write brings its own text.
      const { count } = await prisma.runbook.updateMany({
        where: { id: row.id, body: row.body, bodyText: null },
        data: { bodyText: markdownToPlainText(row.body) },
      });
      filled += count;
    }
    if (rows.length < BODY_TEXT_BATCH) return filled;
  }
}
