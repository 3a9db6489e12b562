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
import { createApprovalRequest } from '@/lib/approvals/request';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { CheckExpectKind } from '@/lib/generated/prisma/enums';
import { formatLabels, type HostLabels } from '@/lib/hosts/labels';
import { enqueueCheckRuns } from '@/lib/queue/enqueue';
import { FANOUT_MAX_HOSTS } from './launch-rules';
import type { LaunchInput } from './launch-schema';

/** Hosts by id, or by labels (every enabled host carrying all of them). */
export type Launch = Omit<LaunchInput, 'params' | 'hostLabels'> & { params: Record<string, string>; hostLabels?: HostLabels };

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
  /** Launched by scheduled runbook verification: it sends check.failed once per failing transition, not per run (decision 039). */
  scheduled?: boolean;
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

/**
 * Where a repeated launch comes from ("Run again", "Re-check now"; decision 037):
 * each new run points at the earlier run of its host it is compared with, and a
 * re-check's launches share one id.
 */
export type Lineage = { baselineByHost: ReadonlyMap<string, string>; recheckId?: string };

/** Checks the launch against the catalog and the host registry, then queues one run per host. */
export async function prepareLaunch(
  db: PrismaClient,
  launch: Launch,
  requestedById: string | null,
  lineage?: Lineage,
): Promise<Prepared> {
  const resolved = launch.hostLabels
    ? await hostsWithLabels(db, launch.hostLabels)
    : { ok: true as const, ids: launch.hostIds ?? [] };
  if (!resolved.ok) return resolved;
  const hostIds = resolved.ids;
  // Independent lookups, in parallel on a real pool.
  const [check, hosts, incident, runbook] = await Promise.all([
    db.check.findUnique({ where: { slug: launch.check } }),
    db.host.findMany({
      where: { id: { in: hostIds } },
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
  const missing = hostIds.filter((id) => !hosts.some((h) => h.id === id));
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
  const ordered = hostIds.map((id) => hosts.find((h) => h.id === id)!);
  const batchId = randomUUID();
  const incidentId = launch.incidentId ?? null;
  const approvalRequired = check.approvalRequired;
  // One INSERT for the whole fan-out (rows come back in VALUES order), in one
  // transaction with its jobs, or with its approval request: a launch is queued
  // whole or not at all, and a launch awaiting approval has no job yet.
  let approval: { id: string; expiresAt: Date } | null = null;
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
        baselineRunId: lineage?.baselineByHost.get(host.id) ?? null,
        recheckId: lineage?.recheckId ?? null,
        // No lease owner yet: the worker that takes the job becomes it (execute-runs.ts claimRuns).
        // Awaiting approval, no job exists: the decision enqueues them (lib/approvals).
        ...(approvalRequired ? { status: 'awaiting_approval' as const } : {}),
      })),
      select: { id: true, hostId: true, createdAt: true },
    });
    if (approvalRequired) {
      approval = await createApprovalRequest(tx, {
        batchId,
        checkId: check.id,
        argv: expanded.argv,
        hosts: ordered.map((h) => ({ id: h.id, name: h.name })),
        params: launch.params,
        reason: reason!,
        requestedById,
      });
    } else {
      await enqueueCheckRuns(
        tx,
        rows.map((r) => r.id),
      );
    }
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
  return { ok: true, batchId, runs, checkTitle: check.title, hostNames: ordered.map((h) => h.name), incidentSlug, approval };
}

/**
 * The enabled hosts carrying every label, by name. Containment (`@>`) is what the
 * GIN index on hosts.labels serves. One more than the fan-out limit is read, to
 * say the selector is too wide rather than cut it silently.
 */
async function hostsWithLabels(
  db: PrismaClient,
  labels: HostLabels,
): Promise<{ ok: true; ids: string[] } | { ok: false; error: string; fieldErrors: Record<string, string[]> }> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM hosts WHERE NOT disabled AND labels @> ${JSON.stringify(labels)}::jsonb
    ORDER BY name LIMIT ${FANOUT_MAX_HOSTS + 1}`;
  const selector = formatLabels(labels);
  if (rows.length === 0)
    return { ok: false, error: `No enabled host has the labels ${selector}.`, fieldErrors: { hostLabels: ['No such hosts.'] } };
  if (rows.length > FANOUT_MAX_HOSTS)
    return {
      ok: false,
      error: `More than ${FANOUT_MAX_HOSTS} enabled hosts have the labels ${selector}; at most ${FANOUT_MAX_HOSTS} per launch.`,
      fieldErrors: { hostLabels: ['Too many hosts.'] },
    };
  return { ok: true, ids: rows.map((r) => r.id) };
}
