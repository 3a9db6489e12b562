// The runbooks area's writes: "Mark reviewed". Version-checked so a review
// recorded from a stale page (someone changed the runbook meanwhile) is refused.
import 'server-only';
import { notifyChange } from '@/lib/cache/notify';
import { invalidateLocal } from '@/lib/cache/process';
import { db } from '@/lib/db';

export type MarkReviewed =
  | { ok: true; slug: string; version: number }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'conflict'; version: number };

/** Sets reviewedAt to today (the database's date) and the reviewer, if the runbook is still at `version`. */
export async function markRunbookReviewed(runbookId: string, version: number, reviewerId: string): Promise<MarkReviewed> {
  try {
    return await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ slug: string; version: number }[]>`
        UPDATE runbooks SET reviewed_at = current_date, reviewed_by_id = ${reviewerId}, version = version + 1, updated_at = now()
        WHERE id = ${runbookId} AND version = ${version}
        RETURNING slug, version`;
      if (rows[0]) {
        await notifyChange(tx, ['runbooks']);
        return { ok: true as const, ...rows[0] };
      }
      const current = await tx.runbook.findUnique({ where: { id: runbookId }, select: { version: true } });
      return current
        ? { ok: false as const, reason: 'conflict' as const, version: current.version }
        : { ok: false as const, reason: 'missing' as const };
    });
  } finally {
    // After commit: a read between the notify and the commit may have cached the old row.
    invalidateLocal(['runbooks']);
  }
}
