// Prepare and queue: checks a validated launch against the catalog and the host
// registry, then queues one CheckRun per host and one job per run on the
// PostgreSQL queue (lib/queue/), in one transaction. A worker
// (lib/queue/worker.ts) takes each job and runs it through ./execute-runs.ts.
//
// Takes the Prisma client as an argument so the server action, the integration tests
// and the benchmark all drive the same code.
import { randomUUID } from 'node:crypto';
import { expandArgv, type ParamSpec } from '@/agent/argv';
import type { ActionResult } from '@/lib/actions/result';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { CheckExpectKind } from '@/lib/generated/prisma/enums';
import { enqueueCheckRuns } from '@/lib/queue/enqueue';
import type { LaunchInput } from './launch-schema';

export type Launch = Omit<LaunchInput, 'params'> & { params: Record<string, string> };

/** A queued run with everything executing it needs, so no step reads it back. */
export type QueuedRun = {
  id: string;
  batchId: string;
  createdAt: Date;
  argv: string[];
  params: Record<string, string>;
  incidentId: string | null;
  check: { slug: string; title: string; timeoutMs: number; expectKind: CheckExpectKind; expectValue: string | null };
  host: { id: string; name: string; agentUrl: string; secretSealed: string };
};

export type Prepared = ActionResult<{
  batchId: string;
  runs: QueuedRun[];
  checkTitle: string;
  hostNames: string[];
  incidentSlug: string | null;
}>;

/** Checks the launch against the catalog and the host registry, then queues one run per host. */
export async function prepareLaunch(db: PrismaClient, launch: Launch, requestedById: string | null): Promise<Prepared> {
  // Independent lookups, in parallel on a real pool.
  const [check, hosts, incident, runbook] = await Promise.all([
    db.check.findUnique({ where: { slug: launch.check } }),
    db.host.findMany({
      where: { id: { in: launch.hostIds } },
      select: { id: true, name: true, disabled: true, agentUrl: true, secretSealed: true },
    }),
    launch.incidentId ? db.incident.findUnique({ where: { id: launch.incidentId }, select: { slug: true } }) : null,
    launch.runbookId ? db.runbook.findUnique({ where: { id: launch.runbookId }, select: { id: true } }) : null,
  ]);
  if (!check)
    return {
      ok: false,
      error: `There is no check "${launch.check}" in the catalog.`,
      fieldErrors: { check: ['Unknown check.'] },
    };
  if (!check.readOnly) {
    return {
      ok: false,
      error: `"${check.title}" changes the host, and only read-only checks can be launched from here. Run it by hand if you must.`,
    };
  }
  const expanded = expandArgv(check.argv as string[], check.params as ParamSpec[], launch.params);
  if (!expanded.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(expanded.errors).map(([k, v]) => [`params.${k}`, [v]]));
    return { ok: false, error: 'Please correct the parameters.', fieldErrors };
  }
  const missing = launch.hostIds.filter((id) => !hosts.some((h) => h.id === id));
  if (missing.length)
    return { ok: false, error: 'One of the chosen hosts no longer exists.', fieldErrors: { hostIds: ['Unknown host.'] } };
  const disabled = hosts.filter((h) => h.disabled).map((h) => h.name);
  if (disabled.length)
    return { ok: false, error: `Disabled host(s): ${disabled.join(', ')}.`, fieldErrors: { hostIds: ['Disabled host.'] } };

  if (launch.incidentId && !incident) return { ok: false, error: 'The incident this run was started from no longer exists.' };
  if (launch.runbookId && !runbook) return { ok: false, error: 'The runbook this run was started from no longer exists.' };
  const incidentSlug = incident?.slug ?? null;

  // Keep the order the operator picked: the first host is the diff baseline.
  const ordered = launch.hostIds.map((id) => hosts.find((h) => h.id === id)!);
  const batchId = randomUUID();
  const incidentId = launch.incidentId ?? null;
  // One INSERT for the whole fan-out (rows come back in VALUES order), and its
  // jobs in the same transaction: a launch is queued whole or not at all.
  const created = await db.$transaction(async (tx) => {
    const rows = await tx.checkRun.createManyAndReturn({
      data: ordered.map((host) => ({
        checkId: check.id,
        hostId: host.id,
        params: launch.params,
        argv: expanded.argv,
        requestedById,
        incidentId,
        runbookId: launch.runbookId ?? null,
        batchId,
        // No lease owner yet: the worker that takes the job becomes it (execute-runs.ts claimRuns).
      })),
      select: { id: true, hostId: true, createdAt: true },
    });
    await enqueueCheckRuns(
      tx,
      rows.map((r) => r.id),
    );
    return rows;
  });
  const byId = new Map(ordered.map((h) => [h.id, h]));
  const runs = created.map(({ id, hostId, createdAt }) => ({
    id,
    batchId,
    createdAt,
    argv: expanded.argv,
    params: launch.params,
    incidentId,
    check,
    host: byId.get(hostId)!,
  }));
  return { ok: true, batchId, runs, checkTitle: check.title, hostNames: ordered.map((h) => h.name), incidentSlug };
}
