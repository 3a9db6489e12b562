// The notification hook of scheduled verification. Webhooks (an outbox with
// event names, lib/notifications) are being built separately; when they land,
// this is the one place that emits `check.failed` for a runbook whose
// verification turned failing. Until then it does nothing.
export type VerificationFailedEvent = {
  runbookSlug: string;
  runbookTitle: string;
  verificationId: string;
  batchIds: string[];
  passed: number;
  total: number;
  /** Why some checks could not be launched at all (no host in the role, a refused launch). */
  problems: string[];
  failingSince: Date;
};

/** Emits `check.failed` once per passing -> failing transition; a no-op until lib/notifications exists. */
export async function verificationFailed(_event: VerificationFailedEvent): Promise<void> {}
