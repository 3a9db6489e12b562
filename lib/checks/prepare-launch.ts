// Prepare and queue: checks a validated launch against the catalog and the host
// registry, then queues one CheckRun per host. ./execute-runs.ts runs what this queues.
//
// Takes the Prisma client as an argument so the server action, the integration tests
// and the benchmark all drive the same code.
import { randomUUID } from 'node:crypto';
import { expandArgv, type ParamSpec } from '@/agent/argv';
import type { ActionResult } from '@/lib/actions/result';
import { createApprovalRequest } from '@/lib/approvals/request';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { CheckExpectKind } from '@/lib/generated/prisma/enums';
import type { LaunchInput } from './launch-schema';
import { INSTANCE_ID } from './leases';

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
  /** Set when the check needs a second person: the runs wait in awaiting_approval and must not be executed. */
  approval: { id: string; expiresAt: Date } | null;
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
  if (!check.readOnly && !check.approvalRequired) {
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
  const reason = launch.reason?.trim();
  if (check.approvalRequired && !reason)
    return {
      ok: false,
      error: `"${check.title}" needs a second person's approval: say why it should run.`,
      fieldErrors: { reason: ['Give a reason for the approver.'] },
    };
  const incidentSlug = incident?.slug ?? null;

  // Keep the order the operator picked: the first host is the diff baseline.
  const ordered = launch.hostIds.map((id) => hosts.find((h) => h.id === id)!);
  const batchId = randomUUID();
  const incidentId = launch.incidentId ?? null;
  const approvalRequired = check.approvalRequired;
  // One INSERT for the whole fan-out; rows come back in VALUES order.
  const insertRuns = (tx: Pick<PrismaClient, 'checkRun'>) =>
    tx.checkRun.createManyAndReturn({
      data: ordered.map((host) => ({
        checkId: check.id,
        hostId: host.id,
        params: launch.params,
        argv: expanded.argv,
        requestedById,
        incidentId,
        runbookId: launch.runbookId ?? null,
        batchId,
        // Waiting for approval: no process owns it and none may execute it (lib/approvals).
        // Otherwise this process will execute them; executeRuns starts the lease's heartbeat.
        ...(approvalRequired ? { status: 'awaiting_approval' as const, leaseOwner: null } : { leaseOwner: INSTANCE_ID }),
      })),
      select: { id: true, hostId: true, createdAt: true },
    });
  let approval: { id: string; expiresAt: Date } | null = null;
  let created: Awaited<ReturnType<typeof insertRuns>>;
  if (approvalRequired) {
    // The request and its waiting runs exist together or not at all.
    [created, approval] = await db.$transaction(async (tx) => [
      await insertRuns(tx),
      await createApprovalRequest(tx, {
        batchId,
        checkId: check.id,
        argv: expanded.argv,
        hosts: ordered.map((h) => ({ id: h.id, name: h.name })),
        params: launch.params,
        reason: reason!,
        requestedById,
      }),
    ]);
  } else {
    created = await insertRuns(db);
  }
  const runs = created.map(({ id, hostId, createdAt }) => ({
    id,
    batchId,
    createdAt,
    argv: expanded.argv,
    params: launch.params,
    incidentId,
    check,
    host: ordered.find((h) => h.id === hostId)!,
  }));
  return { ok: true, batchId, runs, checkTitle: check.title, hostNames: ordered.map((h) => h.name), incidentSlug, approval };
}
