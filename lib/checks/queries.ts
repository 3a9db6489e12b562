// Reads for the check catalog, hosts to launch on, and check runs.
import 'server-only';
import { cache } from 'react';
import type { ParamSpec } from '@/agent/argv';
import { hasRole } from '@/lib/auth/roles';
import { getViewer } from '@/lib/auth/session';
import { cached } from '@/lib/cache/tagged';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { storedLabels, type HostLabels } from '@/lib/hosts/labels';
import { renderMarkdown, type SanitizedHtml } from '@/lib/markdown/render';
import { buildBatchView, type BatchView, type BatchViewParams } from './batch-view';
import type { RunPatch } from './run-patch';
import type { RunView } from './types';
import { describeExpectation } from './verdict';

/**
 * A catalog check's description as HTML: rendered once per catalog version, not per
 * view (catalog syncs drop the 'checks' tag). Descriptions are short, bounded by the
 * same limits as every markdown field when the catalog is read.
 */
export function checkDescriptionHtml(slug: string, description: string): Promise<SanitizedHtml> {
  return cached(`check-description:${slug}`, ['checks'], async () => (await renderMarkdown(description)).html);
}

/** Runs per history page. */
export const RUNS_PAGE_SIZE = 20;

export type CatalogCheck = {
  id: string;
  slug: string;
  title: string;
  description: string;
  argv: string[];
  params: ParamSpec[];
  expectation: string;
  readOnly: boolean;
  timeoutMs: number;
  targetRole: string | null;
};

type CheckRecord = Prisma.CheckGetPayload<object>;

function toCatalogCheck(c: CheckRecord): CatalogCheck {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    description: c.description,
    argv: c.argv as string[],
    params: c.params as ParamSpec[],
    expectation: describeExpectation({ kind: c.expectKind, value: c.expectValue ?? '0' }),
    readOnly: c.readOnly,
    timeoutMs: c.timeoutMs,
    targetRole: c.targetRole,
  };
}

export async function listChecks(): Promise<CatalogCheck[]> {
  return (await db.check.findMany({ orderBy: { title: 'asc' } })).map(toCatalogCheck);
}

/** The checks named by slug, keyed by slug; unknown slugs are simply absent. */
export async function checksBySlug(slugs: string[]): Promise<Map<string, CatalogCheck>> {
  if (!slugs.length) return new Map();
  const wanted = [...new Set(slugs)].sort();
  // Cached until the catalog is synced again; the Map is built per call, so callers cannot share one.
  const rows = await cached(`checks:${wanted.join(',')}`, ['checks'], async () =>
    (await db.check.findMany({ where: { slug: { in: wanted } } })).map(toCatalogCheck),
  );
  return new Map(rows.map((c) => [c.slug, c]));
}

export type LaunchHost = { id: string; name: string; role: string; labels: HostLabels };

/** Hosts a check can be launched on: registered and not disabled. */
export const listLaunchHosts = cache(async (): Promise<LaunchHost[]> => {
  const rows = await db.host.findMany({
    where: { disabled: false },
    select: { id: true, name: true, role: true, labels: true },
    orderBy: [{ role: 'asc' }, { name: 'asc' }],
  });
  return rows.map((h) => ({ ...h, labels: storedLabels(h.labels) }));
});

const runInclude = {
  check: { select: { slug: true, title: true } },
  host: { select: { name: true } },
  requestedBy: { select: { name: true, email: true } },
  incident: { select: { slug: true, draft: true } },
} satisfies Prisma.CheckRunInclude;

type RunRecord = Prisma.CheckRunGetPayload<{ include: typeof runInclude }>;

/**
 * includeDrafts: may the caller see draft incidents (authors and above)? A run
 * stays visible either way, since it is a fact about a host; only its link to a
 * draft is withheld, so neither the draft's slug nor its title leave the server.
 */
function toRunView(r: RunRecord, includeDrafts: boolean): RunView {
  const hideIncident = r.incident?.draft === true && !includeDrafts;
  return {
    id: r.id,
    batchId: r.batchId,
    status: r.status,
    checkSlug: r.check.slug,
    checkTitle: r.check.title,
    hostId: r.hostId,
    hostName: r.host.name,
    argv: r.argv as string[],
    params: r.params as Record<string, string>,
    exitCode: r.exitCode,
    stdout: r.stdout,
    stderr: r.stderr,
    stdoutTruncated: r.stdoutTruncated,
    stderrTruncated: r.stderrTruncated,
    verdict: r.verdict,
    message: r.message,
    durationMs: r.durationMs,
    requestedBy: r.requestedBy ? r.requestedBy.name || r.requestedBy.email : null,
    incidentSlug: hideIncident ? null : (r.incident?.slug ?? null),
    forDraftIncident: hideIncident,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export async function getRun(id: string, includeDrafts: boolean): Promise<RunView | null> {
  const r = await db.checkRun.findUnique({ where: { id }, include: runInclude });
  return r ? toRunView(r, includeDrafts) : null;
}

/** A launch's runs in the order the hosts were picked (the first is the diff baseline). */
export async function getBatchRuns(batchId: string, includeDrafts: boolean): Promise<RunView[]> {
  const rows = await db.checkRun.findMany({
    where: { batchId },
    include: runInclude,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => toRunView(r, includeDrafts));
}

/** The batch page's data: null when the launch does not exist. Runs are live data, so not cached. */
export async function getBatchView(
  batchId: string,
  includeDrafts: boolean,
  params: Pick<BatchViewParams, 'host'>,
): Promise<BatchView | null> {
  const runs = await getBatchRuns(batchId, includeDrafts);
  return runs.length ? buildBatchView(batchId, runs, params) : null;
}

export type RunFilter = { checkSlug?: string; hostId?: string; incidentId?: string };

export async function listRuns(
  filter: RunFilter,
  includeDrafts: boolean,
  page = 1,
): Promise<{ runs: RunView[]; total: number; pageCount: number }> {
  const where: Prisma.CheckRunWhereInput = {
    ...(filter.checkSlug ? { check: { slug: filter.checkSlug } } : {}),
    ...(filter.hostId ? { hostId: filter.hostId } : {}),
    ...(filter.incidentId ? { incidentId: filter.incidentId } : {}),
  };
  // Count first: most incidents, hosts and checks have no run on the page asked
  // for, and an empty findMany still costs Prisma one statement per included
  // relation (five in all), on every view of every incident page. Runs are live
  // data (a streaming check writes several times a second), so they are not cached.
  const total = await db.checkRun.count({ where });
  const skip = (page - 1) * RUNS_PAGE_SIZE;
  const rows =
    total > skip
      ? await db.checkRun.findMany({
          where,
          include: runInclude,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          skip,
          take: RUNS_PAGE_SIZE,
        })
      : [];
  return { runs: rows.map((r) => toRunView(r, includeDrafts)), total, pageCount: Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE)) };
}

export type CheckEmbedContext = { checks: Record<string, CatalogCheck>; hosts: LaunchHost[]; canRun: boolean };

/** What a page needs to show check blocks: the checks, and hosts only for those who may run them. */
export async function getCheckEmbedContext(slugs: string[]): Promise<CheckEmbedContext> {
  const viewer = await getViewer();
  const canRun = hasRole(viewer?.role, 'operator');
  // Hosts only matter when there is a check to run and someone who may run it.
  const [checks, hosts] = await Promise.all([
    checksBySlug(slugs),
    canRun && slugs.length ? listLaunchHosts() : Promise.resolve([]),
  ]);
  return { checks: Object.fromEntries(checks), hosts, canRun };
}

/** Where a live stream is in each unfinished run's output, in characters as PostgreSQL counts them. */
export type OutputCursor = Map<string, { stdout: number; stderr: number }>;

export type RunChange = Omit<RunPatch, 'startedAt' | 'finishedAt'> & {
  startedAt: Date | null;
  finishedAt: Date | null;
  stdoutLength: number;
  stderrLength: number;
};

/**
 * The batch's runs that are not known to be finished, each with only the output
 * past the cursor (all of it when the stored output got shorter, which happens
 * when the final write replaces the live one). One statement, whatever the fan-out.
 */
export async function readRunChanges(batchId: string, cursor: OutputCursor, finished: string[]): Promise<RunChange[]> {
  const offsets = JSON.stringify([...cursor].map(([id, o]) => ({ id, so: o.stdout, se: o.stderr })));
  return db.$queryRaw<RunChange[]>`
    SELECT r.id, r.status::text AS status, r.exit_code AS "exitCode", r.verdict, r.message, r.duration_ms AS "durationMs",
      r.started_at AS "startedAt", r.finished_at AS "finishedAt",
      r.stdout_truncated AS "stdoutTruncated", r.stderr_truncated AS "stderrTruncated",
      x.so_len AS "stdoutLength", x.se_len AS "stderrLength",
      x.so_from AS "stdoutFrom", substr(r.stdout, x.so_from + 1) AS stdout,
      x.se_from AS "stderrFrom", substr(r.stderr, x.se_from + 1) AS stderr
    FROM check_runs r
    LEFT JOIN jsonb_to_recordset(${offsets}::jsonb) AS o(id text, so int, se int) ON o.id = r.id
    CROSS JOIN LATERAL (
      SELECT char_length(r.stdout) AS so_len, char_length(r.stderr) AS se_len,
        CASE WHEN char_length(r.stdout) >= coalesce(o.so, 0) THEN coalesce(o.so, 0) ELSE 0 END AS so_from,
        CASE WHEN char_length(r.stderr) >= coalesce(o.se, 0) THEN coalesce(o.se, 0) ELSE 0 END AS se_from
    ) x
    WHERE r.batch_id = ${batchId} AND NOT (r.id = ANY(${finished}::text[]))
    ORDER BY r.created_at, r.id`;
}

/** How many runs of the launch are still queued or running. */
export function countUnfinished(batchId: string): Promise<number> {
  return db.checkRun.count({ where: { batchId, status: { in: ['queued', 'running'] } } });
}
