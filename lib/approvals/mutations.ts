// The approvals area's writes with the app's database client; the rules are in decide.ts.
import 'server-only';
import { requestId } from '@/lib/auth/session';
import type { Viewer } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { decideApproval, expireOverdueApprovals, type Decided, type Decision } from './decide';
import { approvalDecided } from './notify';
import { breakGlassEnabled } from './settings';

export type DecideResult = Decided;

/** Approves or rejects; an approval queues the runs' jobs, which workers run like any launch's. */
export async function decide(viewer: Viewer, id: string, decision: Decision, reason?: string): Promise<DecideResult> {
  const result = await decideApproval(db, {
    id,
    decision,
    reason,
    actor: { id: viewer.id, role: viewer.role },
    breakGlassAllowed: breakGlassEnabled(),
    requestId: await requestId(),
  });
  if (!result.ok) return result;
  await approvalDecided({
    approvalId: id,
    batchId: result.batchId,
    status: result.status,
    decidedBy: viewer.name,
    breakGlass: result.breakGlass,
  });
  return result;
}

/** Lapses pending requests past their window (called by the run sweeper). */
export const expireOverdue = () => expireOverdueApprovals(db);
