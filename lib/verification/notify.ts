// The notification of scheduled verification: `check.failed` to the webhooks
// (lib/notifications), once per passing -> failing transition of a runbook. Its
// runs do not notify one by one (lib/checks/execute-runs.ts skips scheduled runs).
// Never fails the tick: a notification that cannot be recorded is logged and dropped.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { log } from '@/lib/log';
import { siteUrl } from '@/lib/notifications/events';
import { emitEvent } from '@/lib/notifications/outbox';

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

export async function verificationFailed(db: PrismaClient, event: VerificationFailedEvent): Promise<void> {
  const result = event.total ? `${event.passed} of ${event.total} passed` : (event.problems[0] ?? 'nothing could run');
  try {
    await db.$transaction((tx) =>
      emitEvent(tx, 'check.failed', {
        text: `Runbook "${event.runbookTitle}" verification is failing: ${result}`,
        url: siteUrl(`/runbooks/${encodeURIComponent(event.runbookSlug)}`),
        data: { kind: 'runbook-verification', ...event, failingSince: event.failingSince.toISOString() },
      }),
    );
  } catch (err) {
    log.error({ err, runbook: event.runbookSlug }, 'webhooks: check.failed for a verification could not be recorded');
  }
}
