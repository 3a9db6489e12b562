// The scheduler's tick (graphile-worker cron, every minute, lib/queue/worker.ts):
// first judges finished verifications, then claims the runbooks whose
// verification is due and launches their checks through the same launch path
// as a person (prepareLaunch: catalog, host registry, queue, agent, evidence).
//
// Several workers may tick at once (several instances, or a cron job run twice):
// a runbook is claimed by moving its verify_next_at forward in one UPDATE, so
// exactly one tick launches it; a verification is judged by whoever sets its
// evaluated_at first. Takes the Prisma client so the worker and tests share it.
import { recordAudit } from '@/lib/audit/record';
import { notifyChange } from '@/lib/cache/notify';
import { FANOUT_MAX_HOSTS } from '@/lib/checks/launch-rules';
import { prepareLaunch } from '@/lib/checks/prepare-launch';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { log } from '@/lib/log';
import { verificationFailed } from './notify';
import type { VerifyCheck } from './resolve';

/** The cron task's name (lib/queue/cron.ts, lib/queue/tasks.ts). */
export { VERIFY_TICK_TASK } from '@/lib/queue/cron';

/** Runbooks claimed per tick: bounds one tick's launches; the rest are claimed by the next minute's tick. */
export const VERIFY_CLAIM_MAX = 20;

/** Verifications judged per tick: each is one small count query. */
export const VERIFY_EVALUATE_MAX = 100;

/** Who the audit trail names for scheduled launches: runs carry no requester (requestedById null). */
export const SYSTEM_ACTOR = 'scheduled verification';

/** Statuses of a run that has not finished yet. */
const UNFINISHED = new Set(['queued', 'running', 'awaiting_approval']);

type Claimed = { id: string; slug: string; verify_role: string; verify_checks: VerifyCheck[] };

export type TickResult = { launched: string[]; evaluated: number };

export async function runVerifyTick(db: PrismaClient): Promise<TickResult> {
  const evaluated = await evaluateVerifications(db);
  const claimed = await claimDueRunbooks(db);
  for (const runbook of claimed) await launchVerification(db, runbook);
  return { launched: claimed.map((r) => r.slug), evaluated };
}

/**
 * Moves each due runbook's next time one interval ahead and returns it. SKIP
 * LOCKED lets a concurrent tick pass rows another tick holds; once that tick
 * commits, the row is no longer due, so it is launched once.
 */
async function claimDueRunbooks(db: PrismaClient): Promise<Claimed[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Claimed[]>`
      UPDATE runbooks r
      SET verify_next_at = now() + make_interval(secs => r.verify_every_seconds)
      FROM (
        SELECT id FROM runbooks
        WHERE verify_every_seconds IS NOT NULL AND verify_role IS NOT NULL AND verify_next_at <= now()
        ORDER BY verify_next_at
        LIMIT ${VERIFY_CLAIM_MAX}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE r.id = due.id
      RETURNING r.id, r.slug, r.verify_role, r.verify_checks`;
    // The list's "overdue" verdict reads verify_next_at.
    if (rows.length) await notifyChange(tx, ['runbooks']);
    return rows;
  });
}

async function launchVerification(db: PrismaClient, runbook: Claimed): Promise<void> {
  const hosts = await db.host.findMany({
    where: { role: runbook.verify_role, disabled: false },
    select: { id: true },
    orderBy: { name: 'asc' },
    take: FANOUT_MAX_HOSTS + 1,
  });
  const problems: string[] = [];
  const batchIds: string[] = [];
  if (!hosts.length) problems.push(`No enabled host has the role "${runbook.verify_role}".`);
  if (hosts.length > FANOUT_MAX_HOSTS)
    problems.push(
      `More than ${FANOUT_MAX_HOSTS} hosts have the role "${runbook.verify_role}"; the first ${FANOUT_MAX_HOSTS} by name were verified.`,
    );
  const hostIds = hosts.slice(0, FANOUT_MAX_HOSTS).map((h) => h.id);
  if (hostIds.length) {
    for (const check of runbook.verify_checks ?? []) {
      // requestedById null: the system launched it, not a person (decision 039).
      const prepared = await prepareLaunch(db, { check: check.slug, hostIds, params: check.params, runbookId: runbook.id }, null);
      if (prepared.ok) batchIds.push(prepared.batchId);
      else problems.push(`${check.slug}: ${prepared.error}`);
    }
  }
  const verification = await db.runbookVerification.create({
    data: { runbookId: runbook.id, batchIds, problems },
    select: { id: true },
  });
  await recordAudit(db, {
    actorId: null,
    action: 'runbook.verify',
    targetType: 'runbook',
    targetId: runbook.id,
    outcome: batchIds.length ? 'success' : 'failure',
    details: {
      actor: SYSTEM_ACTOR,
      runbook: runbook.slug,
      verificationId: verification.id,
      batchIds: batchIds.join(', '),
      hosts: hostIds.length,
      problems: problems.join(' | ') || null,
    },
  });
  log.info({ runbook: runbook.slug, batches: batchIds.length, problems: problems.length }, 'verification: launched');
}

/**
 * Judges verifications whose runs have all finished: passed = every run passed
 * and every check could be launched. A runbook turns failing once (its
 * verify_failing_since goes from NULL to the verification's start) and only
 * then is `check.failed` sent; it turns passing again when a later one passes.
 */
export async function evaluateVerifications(db: PrismaClient): Promise<number> {
  const pending = await db.runbookVerification.findMany({
    where: { evaluatedAt: null },
    orderBy: { startedAt: 'asc' },
    take: VERIFY_EVALUATE_MAX,
    select: { id: true, runbookId: true, startedAt: true, batchIds: true, problems: true },
  });
  let evaluated = 0;
  for (const v of pending) {
    const counts = v.batchIds.length
      ? await db.checkRun.groupBy({ by: ['status'], where: { batchId: { in: v.batchIds } }, _count: { _all: true } })
      : [];
    if (counts.some((c) => UNFINISHED.has(c.status))) continue;
    const total = counts.reduce((n, c) => n + c._count._all, 0);
    const passed = counts.find((c) => c.status === 'passed')?._count._all ?? 0;
    const problems = v.problems as string[];
    const failing = problems.length > 0 || total === 0 || passed < total;
    const turnedFailing = await db.$transaction(async (tx) => {
      const claim = await tx.runbookVerification.updateMany({
        where: { id: v.id, evaluatedAt: null },
        data: { evaluatedAt: new Date(), passed, total },
      });
      if (claim.count === 0) return null; // another tick judged it
      // A newer verification already judged decides the runbook's state, not this older one.
      const newer = await tx.runbookVerification.count({
        where: { runbookId: v.runbookId, startedAt: { gt: v.startedAt }, evaluatedAt: { not: null } },
      });
      if (newer) return null;
      const changed = failing
        ? await tx.$executeRaw`UPDATE runbooks SET verify_failing_since = ${v.startedAt} WHERE id = ${v.runbookId} AND verify_failing_since IS NULL`
        : await tx.$executeRaw`UPDATE runbooks SET verify_failing_since = NULL WHERE id = ${v.runbookId} AND verify_failing_since IS NOT NULL`;
      if (changed) await notifyChange(tx, ['runbooks']);
      return failing && changed
        ? tx.runbook.findUnique({ where: { id: v.runbookId }, select: { slug: true, title: true } })
        : null;
    });
    evaluated++;
    if (turnedFailing) {
      await verificationFailed(db, {
        runbookSlug: turnedFailing.slug,
        runbookTitle: turnedFailing.title,
        verificationId: v.id,
        batchIds: v.batchIds,
        passed,
        total,
        problems,
        failingSince: v.startedAt,
      });
    }
  }
  return evaluated;
}
