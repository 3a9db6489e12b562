// The queue's scheduler: what runs on a clock rather than on demand.
import { parseCronItems, type ParsedCronItem } from 'graphile-worker';

/** The scheduled-verification tick's task (lib/verification/tick.ts; named here so this file stays light). */
export const VERIFY_TICK_TASK = 'verify-tick';

/**
 * The scheduler: one tick a minute. graphile-worker's cron records each
 * tick in its own table, so with several workers each minute's job is added
 * once; the tick also claims its work in the database (lib/verification/tick.ts).
 * No backfill: ticks missed while no worker ran are not replayed, the next one
 * finds everything that is due. One attempt: the next minute's tick is the retry.
 */
export function cronItems(): ParsedCronItem[] {
  return parseCronItems([
    { task: VERIFY_TICK_TASK, match: '* * * * *', identifier: VERIFY_TICK_TASK, options: { backfillPeriod: 0, maxAttempts: 1 } },
  ]);
}
