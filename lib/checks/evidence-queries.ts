// Reads for explicit evidence and then-vs-now (issue 15 item 5, docs/decisions/037):
// which runs an "Attach to timeline" covers, what "Run again" repeats, an
// incident's evidence runs for "Re-check now", and the comparison of a launch
// with the runs it repeated.
import 'server-only';
import { db } from '@/lib/db';
import type { CheckRunStatus } from '@/lib/generated/prisma/enums';
import { visible } from '@/lib/incidents/selects';
import { groupRuns } from './grouping';

/** One run, or every run of one launch. */
export type RunTarget = { runId: string } | { batchId: string };

const targetWhere = (t: RunTarget) => ('runId' in t ? { id: t.runId } : { batchId: t.batchId });

/** Runs that ran to an answer: only these are worth attaching or comparing. */
export const ANSWERED: CheckRunStatus[] = ['passed', 'failed', 'timed_out', 'error'];

/** Not answered yet, but will be: a comparison waits for these. */
const WAITING: CheckRunStatus[] = ['queued', 'running', 'awaiting_approval'];

/** Hosts a timeline entry names before "and N more": an entry is a sentence, not a host list. */
export const ENTRY_HOSTS_NAMED = 10;

/** The runs an attach would cover, with their incident; in the order the hosts were picked. */
export async function findRunsToAttach(target: RunTarget) {
  return db.checkRun.findMany({
    where: targetWhere(target),
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      batchId: true,
      status: true,
      verdict: true,
      message: true,
      finishedAt: true,
      incidentId: true,
      attachedVersion: true,
      check: { select: { title: true } },
      host: { select: { name: true } },
    },
  });
}

export type RunsToAttach = Awaited<ReturnType<typeof findRunsToAttach>>;

/** What "Run again" repeats: the check, its parameters and the hosts in their order. */
export async function findLaunchToRepeat(target: RunTarget) {
  return db.checkRun.findMany({
    where: targetWhere(target),
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      batchId: true,
      params: true,
      incidentId: true,
      runbookId: true,
      check: { select: { slug: true } },
      host: { select: { id: true, name: true, disabled: true } },
    },
  });
}

/** Where a run or launch stands as evidence, as the run and launch pages say it. */
export type EvidenceState = {
  /** Null when the runs were not started from an incident. `name` is null for a draft the caller may not see. */
  incident: { id: string; slug: string | null; title: string | null; version: number | null; draft: boolean } | null;
  attached: { version: number; at: string } | null;
  /** Every run has its answer and none is attached yet. */
  attachable: boolean;
};

export async function getEvidenceState(target: RunTarget, includeDrafts: boolean): Promise<EvidenceState | null> {
  const runs = await db.checkRun.findMany({
    where: targetWhere(target),
    select: {
      status: true,
      attachedVersion: true,
      attachedAt: true,
      incident: { select: { id: true, slug: true, title: true, version: true, draft: true } },
    },
  });
  if (!runs.length) return null;
  const inc = runs[0]!.incident;
  // A reader never learns a draft's name or revision through "attached to".
  const hidden = inc?.draft === true && !includeDrafts;
  const stamped = runs.find((r) => r.attachedVersion !== null);
  return {
    incident: inc
      ? {
          id: inc.id,
          slug: hidden ? null : inc.slug,
          title: hidden ? null : inc.title,
          version: hidden ? null : inc.version,
          draft: inc.draft,
        }
      : null,
    attached:
      stamped && stamped.attachedVersion !== null && !hidden
        ? { version: stamped.attachedVersion, at: (stamped.attachedAt ?? new Date(0)).toISOString() }
        : null,
    attachable: !!inc && !stamped && runs.every((r) => ANSWERED.includes(r.status)),
  };
}

/**
 * An incident's evidence runs: started from it, not themselves a re-check or a
 * repeat (those point at a baseline), and answered. The earliest run per check,
 * parameters and host stands for "the time of the incident".
 */
export async function findIncidentEvidence(incidentId: string) {
  return db.checkRun.findMany({
    where: { incidentId, baselineRunId: null, status: { in: ANSWERED } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      params: true,
      check: { select: { slug: true } },
      host: { select: { id: true, name: true, disabled: true } },
    },
  });
}

export async function findIncidentForRecheck(slug: string, includeDrafts: boolean) {
  return db.incident.findFirst({
    where: { slug, ...(includeDrafts ? {} : visible) },
    select: { id: true, slug: true, title: true },
  });
}

const comparedSelect = {
  id: true,
  batchId: true,
  status: true,
  exitCode: true,
  stdout: true,
  stderr: true,
  message: true,
  createdAt: true,
  hostId: true,
  host: { select: { name: true } },
  check: { select: { title: true } },
} as const;

export type ComparedHost = {
  hostName: string;
  runId: string;
  batchId: string | null;
  previousRunId: string;
  previousBatchId: string | null;
  /** The earlier and the new answer, as grouping compares them. */
  before: { status: CheckRunStatus; exitCode: number | null; stdout: string; stderr: string; message: string | null };
  after: { status: CheckRunStatus; exitCode: number | null; stdout: string; stderr: string; message: string | null };
  changed: boolean;
  /** Still queued, running or awaiting approval: not compared yet. */
  pending: boolean;
};

export type Comparison = {
  /** The launches compared with, earliest first. */
  previous: { batchId: string | null; createdAt: string }[];
  hosts: ComparedHost[];
  changed: number;
  pending: number;
  /** Hosts of the earlier launch that were not run again (disabled or removed since). */
  skipped: string[];
  checkTitles: string[];
};

/**
 * Each run of `where` against the run it repeats. "Changed" is decided by
 * grouping (./grouping.ts): the two runs fall in one group only when exit code
 * and normalized output match, or both failed with the same message.
 */
async function compare(where: { batchId: string } | { recheckId: string }): Promise<Comparison | null> {
  const runs = await db.checkRun.findMany({
    where: { ...where, baselineRunId: { not: null } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { ...comparedSelect, baselineRun: { select: comparedSelect } },
  });
  if (!runs.length) return null;
  const previous = new Map<string, { batchId: string | null; createdAt: Date }>();
  const hosts = runs.flatMap((r): ComparedHost[] => {
    const b = r.baselineRun;
    if (!b) return [];
    previous.set(b.batchId ?? b.id, { batchId: b.batchId, createdAt: b.createdAt });
    const pending = WAITING.includes(r.status);
    const pair = groupRuns([b, r].map((x) => ({ ...x, hostName: x.host.name })));
    const answer = (x: typeof b) => ({
      status: x.status,
      exitCode: x.exitCode,
      stdout: x.stdout,
      stderr: x.stderr,
      message: x.message,
    });
    return [
      {
        hostName: r.host.name,
        runId: r.id,
        batchId: r.batchId,
        previousRunId: b.id,
        previousBatchId: b.batchId,
        before: answer(b),
        after: answer(r),
        changed: !pending && pair.groups.length > 1,
        pending,
      },
    ];
  });
  // Rows of one INSERT share their createdAt and cuids are not ordered within it: by name reads stably.
  hosts.sort((a, b) => a.hostName.localeCompare(b.hostName));
  const batches = [...previous.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let skipped: string[] = [];
  if ('batchId' in where && batches.length === 1 && batches[0]!.batchId) {
    const repeated = new Set(runs.map((r) => r.baselineRun?.id));
    const earlier = await db.checkRun.findMany({
      where: { batchId: batches[0]!.batchId },
      select: { id: true, host: { select: { name: true } } },
    });
    skipped = earlier.filter((r) => !repeated.has(r.id)).map((r) => r.host.name);
  }
  return {
    previous: batches.map((p) => ({ batchId: p.batchId, createdAt: p.createdAt.toISOString() })),
    hosts,
    changed: hosts.filter((h) => h.changed).length,
    pending: hosts.filter((h) => h.pending).length,
    skipped,
    checkTitles: [...new Set(runs.map((r) => r.check.title))],
  };
}

/** A launch made by "Run again", against the launch it repeated; null for any other launch. */
export const getLaunchComparison = (batchId: string) => compare({ batchId });

/** A re-check of an incident: its launches' runs against the evidence runs they repeat. */
export async function getRecheck(incidentId: string, recheckId: string) {
  const belongs = await db.checkRun.findFirst({ where: { recheckId, incidentId }, select: { id: true } });
  if (!belongs) return null;
  const comparison = await compare({ recheckId });
  if (!comparison) return null;
  const launches = await db.checkRun.findMany({
    where: { recheckId },
    distinct: ['batchId'],
    select: { batchId: true, check: { select: { title: true } } },
  });
  return { ...comparison, launches: launches.map((l) => ({ batchId: l.batchId, checkTitle: l.check.title })) };
}
