// Deciding an approval request: the four-eyes rule lives here, in the server,
// in ONE transaction that locks the request row (SELECT ... FOR UPDATE):
//   - two approvers racing: the second waits for the lock, then sees the
//     request decided and is refused, so it runs once;
//   - an expired request is marked expired (its runs cancelled), never approved;
//   - the requester can never decide their own request, whatever their role,
//     except an admin approving under APPROVAL_BREAK_GLASS with a reason,
//     flagged in the audit trail (details.breakGlass).
// Every outcome, refusals included, is audited in the same transaction.
// Takes the Prisma client as an argument so the integration tests drive the same code.
import { recordAudit, type AuditEventInput } from '@/lib/audit/record';
import { hasRole, type Role } from '@/lib/auth/roles';
import { UNCLAIMED_AFTER_MS } from '@/lib/checks/orphans';
import type { QueuedRun } from '@/lib/checks/prepare-launch';
import { RUNS_CHANNEL } from '@/lib/checks/run-channel';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { enqueueCheckRuns } from '@/lib/queue/enqueue';

export type Decision = 'approve' | 'reject';

export type DecideInput = {
  id: string;
  decision: Decision;
  reason?: string;
  actor: { id: string; role: Role };
  /** APPROVAL_BREAK_GLASS, read by the caller (settings.ts). */
  breakGlassAllowed: boolean;
  requestId?: string | null;
};

export type Decided =
  | { ok: true; status: 'approved' | 'rejected'; batchId: string; breakGlass: boolean; runs: QueuedRun[] }
  | { ok: false; status: 403 | 404 | 409; error: string; fieldErrors?: Record<string, string[]> };

export const NOT_YOURS =
  'You asked for this run, so someone else must approve or reject it (four-eyes rule). An admin may approve their own request only when break glass is enabled, with a reason.';
export const EXPIRED_MESSAGE = 'The approval request expired before anyone decided; nothing ran.';
export const REJECTED_MESSAGE = 'The approval request was rejected; nothing ran.';

type Tx = Prisma.TransactionClient;
type Row = {
  id: string;
  batch_id: string;
  status: string;
  requested_by_id: string | null;
  requested_by: string | null;
  overdue: boolean;
};

/** Marks one lapsed request expired and cancels its waiting runs. */
async function expire(tx: Tx, id: string, batchId: string) {
  await tx.$executeRaw`UPDATE approval_requests SET status = 'expired' WHERE id = ${id} AND status = 'pending'`;
  await tx.$executeRaw`
    UPDATE check_runs SET status = 'cancelled', message = ${EXPIRED_MESSAGE}, finished_at = now()
    WHERE batch_id = ${batchId} AND status = 'awaiting_approval'`;
}

export async function decideApproval(db: PrismaClient, input: DecideInput): Promise<Decided> {
  const action = input.decision === 'approve' ? 'approval.approve' : 'approval.reject';
  const event = (e: Omit<AuditEventInput, 'actorId' | 'requestId' | 'action' | 'targetType' | 'targetId'>): AuditEventInput => ({
    ...e,
    action,
    actorId: input.actor.id,
    requestId: input.requestId ?? null,
    targetType: 'approval',
    targetId: input.id,
  });
  const result = await db.$transaction(async (tx): Promise<Decided> => {
    const [row] = await tx.$queryRaw<Row[]>`
      SELECT a.id, a.batch_id, a.status::text AS status, a.requested_by_id, u.email AS requested_by,
        a.expires_at <= now() AS overdue
      FROM approval_requests a LEFT JOIN users u ON u.id = a.requested_by_id
      WHERE a.id = ${input.id} FOR UPDATE OF a`;
    if (!row) return { ok: false, status: 404, error: 'There is no such approval request.' };
    if (!hasRole(input.actor.role, 'operator')) {
      await recordAudit(tx, event({ outcome: 'denied', details: { reason: 'needs the operator role' } }));
      return { ok: false, status: 403, error: 'Deciding an approval request needs the operator role.' };
    }
    if (row.status !== 'pending') {
      await recordAudit(tx, event({ outcome: 'failure', details: { reason: `already ${row.status}`, batchId: row.batch_id } }));
      return { ok: false, status: 409, error: `This request was already ${row.status}; nothing changed.` };
    }
    if (row.overdue) {
      await expire(tx, row.id, row.batch_id);
      await recordAudit(tx, event({ outcome: 'failure', details: { reason: 'expired', batchId: row.batch_id } }));
      return { ok: false, status: 409, error: EXPIRED_MESSAGE };
    }
    const own = row.requested_by_id === input.actor.id;
    const breakGlass = own && input.decision === 'approve' && input.actor.role === 'admin' && input.breakGlassAllowed;
    if (own && !breakGlass) {
      await recordAudit(
        tx,
        event({ outcome: 'denied', details: { reason: 'requester cannot decide their own request', batchId: row.batch_id } }),
      );
      return { ok: false, status: 403, error: NOT_YOURS };
    }
    if (breakGlass && !input.reason) {
      await recordAudit(
        tx,
        event({
          outcome: 'denied',
          details: { reason: 'break glass without a reason', batchId: row.batch_id, breakGlass: true },
        }),
      );
      return {
        ok: false,
        status: 403,
        error: 'Approving your own request (break glass) needs a reason.',
        fieldErrors: { reason: ['Say why this cannot wait for a second person.'] },
      };
    }
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    // Conditional on still pending and unexpired: with the lock held this is
    // belt and braces, and it keeps the rule in the statement itself.
    const changed = await tx.$executeRaw`
      UPDATE approval_requests
      SET status = ${status}::"ApprovalStatus", decided_by_id = ${input.actor.id}, decided_at = now(),
          decision_reason = ${input.reason ?? null}, break_glass = ${breakGlass}
      WHERE id = ${row.id} AND status = 'pending' AND expires_at > now()`;
    if (changed !== 1) return { ok: false, status: 409, error: 'This request changed meanwhile; nothing changed.' };
    let runIds: string[] = [];
    if (status === 'approved') {
      // Queued with their jobs in the decision's transaction, like a launch
      // (lib/queue/enqueue.ts). No owner yet: the worker that takes a job claims
      // its run. The grace lease keeps the sweep from judging an old request's
      // runs unclaimed before a worker has had its chance (lib/checks/orphans.ts).
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE check_runs SET status = 'queued', lease_owner = NULL,
          lease_expires_at = now() + ${UNCLAIMED_AFTER_MS}::int * interval '1 millisecond'
        WHERE batch_id = ${row.batch_id} AND status = 'awaiting_approval'
        RETURNING id`;
      await enqueueCheckRuns(
        tx,
        rows.map((r) => r.id),
      );
      // The check block and launch page streaming this launch hear it change.
      await tx.$queryRaw`SELECT pg_notify(${RUNS_CHANNEL}, ${row.batch_id})::text`;
      runIds = rows.map((r) => r.id);
    } else {
      await tx.$executeRaw`
        UPDATE check_runs SET status = 'rejected', message = ${REJECTED_MESSAGE}, finished_at = now()
        WHERE batch_id = ${row.batch_id} AND status = 'awaiting_approval'`;
      await tx.$queryRaw`SELECT pg_notify(${RUNS_CHANNEL}, ${row.batch_id})::text`;
    }
    await recordAudit(
      tx,
      event({
        outcome: 'success',
        // Both people in one row of the audit trail: the decider is its actor, the requester named here.
        details: {
          batchId: row.batch_id,
          reason: input.reason ?? null,
          requestedById: row.requested_by_id,
          requestedBy: row.requested_by,
          breakGlass,
        },
      }),
    );
    return { ok: true, status, batchId: row.batch_id, breakGlass, runs: runIds.map((id) => ({ id }) as QueuedRun) };
  });
  if (!result.ok || !result.runs.length) return result;
  return {
    ...result,
    runs: await loadQueuedRuns(
      db,
      result.runs.map((r) => r.id),
    ),
  };
}

/** Queued runs with everything executing them needs (the shape prepare-launch.ts hands over), in host order. */
export async function loadQueuedRuns(db: PrismaClient, ids: string[]): Promise<QueuedRun[]> {
  const rows = await db.checkRun.findMany({
    where: { id: { in: ids } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: {
      check: true,
      host: { select: { id: true, name: true, agentUrl: true, secretSealed: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    batchId: r.batchId!,
    createdAt: r.createdAt,
    argv: r.argv as string[],
    params: r.params as Record<string, string>,
    incidentId: r.incidentId,
    check: r.check,
    host: r.host,
  }));
}

/** Lapses every pending request past its window, cancelling its waiting runs; returns how many lapsed. */
export async function expireOverdueApprovals(db: PrismaClient): Promise<number> {
  const lapsed = await db.$queryRaw<{ batch_id: string }[]>`
    WITH lapsed AS (
      UPDATE approval_requests SET status = 'expired'
      WHERE status = 'pending' AND expires_at <= now()
      RETURNING batch_id
    ), cancelled AS (
      UPDATE check_runs SET status = 'cancelled', message = ${EXPIRED_MESSAGE}, finished_at = now()
      WHERE batch_id IN (SELECT batch_id FROM lapsed) AND status = 'awaiting_approval'
      RETURNING 1
    )
    SELECT batch_id FROM lapsed`;
  return lapsed.length;
}
