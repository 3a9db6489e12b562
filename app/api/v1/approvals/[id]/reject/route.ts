// POST /api/v1/approvals/{id}/reject (lib/approvals/decide.ts holds the four-eyes rule).
import { rejectOp } from '@/lib/api/ops/approvals';
import { apiRoute } from '@/lib/api/route';
import { answerDecision } from '@/lib/approvals/decide-route';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(rejectOp, async ({ viewer, params, body }) =>
  answerDecision(viewer, params.id, 'reject', body.reason),
);
