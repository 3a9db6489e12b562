// The notification hook point of the approval flow. Webhooks (an outbox with
// event names) are being built separately; when they land, this is the one
// place that emits `approval.requested`. Until then it does nothing.
export type ApprovalRequestedEvent = {
  approvalId: string;
  batchId: string;
  check: string;
  hosts: string[];
  requestedBy: string;
  reason: string;
  expiresAt: Date;
};

/** Emits `approval.requested`; a no-op until lib/notifications exists. */
export async function approvalRequested(_event: ApprovalRequestedEvent): Promise<void> {}

export type ApprovalDecidedEvent = {
  approvalId: string;
  status: 'approved' | 'rejected';
  decidedBy: string;
  /** An admin approved their own request under APPROVAL_BREAK_GLASS: notifications must say so. */
  breakGlass: boolean;
};

/** Emits `approval.approved` / `approval.rejected`; a no-op until lib/notifications exists. */
export async function approvalDecided(_event: ApprovalDecidedEvent): Promise<void> {}
