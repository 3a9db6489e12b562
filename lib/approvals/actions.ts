'use server';
// Approve / reject from /approvals, through lib/actions/pipeline.ts. The
// pipeline checks the operator role; decide.ts enforces the four-eyes rule.
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { decide } from './mutations';
import { decisionSchema } from './schema';

const decisionAction = (decision: 'approve' | 'reject') =>
  action({
    name: decision === 'approve' ? 'approval.approve' : 'approval.reject',
    role: 'operator',
    input: 'form',
    schema: decisionSchema,
    handler: async (data, { viewer }): Promise<ActionResult<{ batchId: string; decision: string }>> => {
      const result = await decide(viewer, data.id, decision, data.reason);
      if (!result.ok) {
        const { ok, error, status, fieldErrors } = result;
        // 403 stays a refusal for the caller; 404/409 are ordinary failures of the form.
        return { ok, error, fieldErrors, ...(status === 403 ? { status } : {}) };
      }
      return { ok: true, batchId: result.batchId, decision: result.status };
    },
    // No revalidation: a re-render would drop the decided request, and with it the
    // decider's confirmation and its link to the runs. /approvals reads fresh on the next visit.
  });

export const approveRequest = decisionAction('approve');
export const rejectRequest = decisionAction('reject');
