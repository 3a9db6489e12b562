// Reads for /approvals and GET /api/v1/approvals.
import 'server-only';
import { db } from '@/lib/db';
import type { ApprovalStatus } from '@/lib/generated/prisma/enums';

/** Rows per list: pending requests are few; older decisions live in the audit trail. */
export const APPROVALS_LIST_MAX = 100;

export type ApprovalView = {
  id: string;
  batchId: string;
  check: { slug: string; title: string };
  argv: string[];
  hosts: { id: string; name: string }[];
  params: Record<string, string>;
  reason: string;
  requestedBy: { id: string; name: string } | null;
  /** A pending request past its window reads as expired even before the sweeper marks it. */
  status: ApprovalStatus;
  decidedBy: { id: string; name: string } | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  breakGlass: boolean;
  expiresAt: Date;
  createdAt: Date;
};

export async function listApprovals(opts: { status?: ApprovalStatus; limit?: number } = {}): Promise<ApprovalView[]> {
  const now = new Date();
  const where =
    opts.status === 'pending'
      ? { status: 'pending' as const, expiresAt: { gt: now } }
      : opts.status === 'expired'
        ? { OR: [{ status: 'expired' as const }, { status: 'pending' as const, expiresAt: { lte: now } }] }
        : opts.status
          ? { status: opts.status }
          : {};
  const rows = await db.approvalRequest.findMany({
    where,
    orderBy: opts.status === 'pending' ? { createdAt: 'asc' } : { createdAt: 'desc' },
    take: Math.min(opts.limit ?? APPROVALS_LIST_MAX, APPROVALS_LIST_MAX),
    include: {
      check: { select: { slug: true, title: true } },
      requestedBy: { select: { id: true, name: true } },
      decidedBy: { select: { id: true, name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    batchId: r.batchId,
    check: r.check,
    argv: r.argv as string[],
    hosts: r.hosts as { id: string; name: string }[],
    params: r.params as Record<string, string>,
    reason: r.reason,
    requestedBy: r.requestedBy,
    status: r.status === 'pending' && r.expiresAt <= now ? 'expired' : r.status,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    decisionReason: r.decisionReason,
    breakGlass: r.breakGlass,
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
  }));
}

/** Decided (or lapsed) requests, newest first, for the page's "recent decisions". */
export async function recentDecisions(limit = 20): Promise<ApprovalView[]> {
  const all = await listApprovals({ limit: limit * 2 });
  return all.filter((a) => a.status !== 'pending').slice(0, limit);
}
