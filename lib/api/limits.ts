// How many writes one caller may send through the JSON API per minute.
// A script filing postmortems or registering a rack stays far below it; a
// runaway loop is stopped with 429 before it floods revisions and the audit trail.
export const API_WRITES_PER_MINUTE_DEFAULT = 120;

/** API_WRITES_PER_MINUTE, or the default when unset or not a positive whole number. */
export function apiWritesPerMinute(env: Record<string, string | undefined> = process.env): number {
  const raw = env.API_WRITES_PER_MINUTE;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : API_WRITES_PER_MINUTE_DEFAULT;
}
