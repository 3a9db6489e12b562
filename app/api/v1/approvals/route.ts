// GET /api/v1/approvals?status=pending (operators; lib/api/ops/approvals.ts).
import { listApprovalsOp } from '@/lib/api/ops/approvals';
import { apiRoute, json } from '@/lib/api/route';
import { presentApproval } from '@/lib/approvals/present';
import { listApprovals } from '@/lib/approvals/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(listApprovalsOp, async ({ query }) => {
  const items = await listApprovals({ status: query.status });
  return json({ items: items.map(presentApproval) });
});
