// Durations as runbook authors write them: `15m`, `6h`, `2d` (one number, one
// unit). Stored as seconds. Pure, so the front matter schema and the page share it.

const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;

/** Shortest interval: the tick runs every minute, and a check launched more often than this only loads the hosts. */
export const VERIFY_EVERY_MIN_SECONDS = 15 * 60;
/** Longest interval: verified less than monthly, a runbook's checks say little about today. */
export const VERIFY_EVERY_MAX_SECONDS = 30 * 86_400;

const DURATION = /^(\d{1,5})([mhd])$/;

export type DurationResult = { ok: true; seconds: number } | { ok: false; error: string };

export function parseDuration(text: string): DurationResult {
  const match = DURATION.exec(text.trim());
  if (!match) return { ok: false, error: 'a number and a unit (m, h or d), e.g. 6h' };
  const seconds = Number.parseInt(match[1]!, 10) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds < VERIFY_EVERY_MIN_SECONDS || seconds > VERIFY_EVERY_MAX_SECONDS)
    return {
      ok: false,
      error: `between ${formatDuration(VERIFY_EVERY_MIN_SECONDS)} and ${formatDuration(VERIFY_EVERY_MAX_SECONDS)}`,
    };
  return { ok: true, seconds };
}

/** The largest whole unit: 21600 -> "6h", 5400 -> "90m". */
export function formatDuration(seconds: number): string {
  if (seconds % UNIT_SECONDS.d === 0) return `${seconds / UNIT_SECONDS.d}d`;
  if (seconds % UNIT_SECONDS.h === 0) return `${seconds / UNIT_SECONDS.h}h`;
  return `${Math.round(seconds / UNIT_SECONDS.m)}m`;
}

/** "2 h ago", "5 min ago", "3 d ago": how long ago, coarse, for the runbook page. */
export function ago(from: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
