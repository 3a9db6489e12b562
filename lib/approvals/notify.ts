// The notification hook point of the approval flow: the one place that emits
// `approval.requested` and `approval.decided` to the webhooks (lib/notifications).
import { notifyApproval } from '@/lib/notifications/mutations';

export type ApprovalRequestedEvent = {
  approvalId: string;
  batchId: string;
  check: string;
  hosts: string[];
  requestedBy: string;
  reason: string;
  expiresAt: Date;
};

/** Emits `approval.requested`: pending requests reach the team's chat, not only /approvals. */
export async function approvalRequested(event: ApprovalRequestedEvent): Promise<void> {
  await notifyApproval(
    'approval.requested',
    `Approval needed: ${event.check} on ${event.hosts.length} host(s), asked by ${event.requestedBy}: ${event.reason}`,
    event.batchId,
    { ...event, expiresAt: event.expiresAt.toISOString() },
  );
}

export type ApprovalDecidedEvent = {
  approvalId: string;
  status: 'approved' | 'rejected';
  decidedBy: string;
  /** An admin approved their own request under APPROVAL_BREAK_GLASS: notifications must say so. */
  breakGlass: boolean;
};

/** Emits `approval.decided`; a self-approval under break glass says so in its text. */
export async function approvalDecided(event: ApprovalDecidedEvent & { batchId: string }): Promise<void> {
  const glass = event.breakGlass ? ' (BREAK GLASS: approved by the requester)' : '';
  await notifyApproval('approval.decided', `Request ${event.status} by ${event.decidedBy}${glass}`, event.batchId, event);
}
