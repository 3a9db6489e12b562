// POST /api/v1/approvals/{id}/approve (lib/approvals/decide.ts holds the four-eyes rule).
import { approveOp } from '@/lib/api/ops/approvals';
import { apiRoute } from '@/lib/api/route';
import { answerDecision } from '@/lib/approvals/decide-route';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(approveOp, async ({ viewer, params, body }) =>
  answerDecision(viewer, params.id, 'approve', body.reason),
);
