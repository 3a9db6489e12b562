// Settings of the four-eyes approval (README: APPROVAL_WINDOW_MINUTES, APPROVAL_BREAK_GLASS).
import { z } from 'zod';

type Env = Record<string, string | undefined>;

/** A request nobody decided within this many minutes lapses and never runs. */
export const DEFAULT_APPROVAL_WINDOW_MINUTES = 30;
/** Longer than a day and the reason it was asked for is stale. */
export const MAX_APPROVAL_WINDOW_MINUTES = 24 * 60;

const windowSchema = z.coerce.number().int().min(1).max(MAX_APPROVAL_WINDOW_MINUTES);

/** APPROVAL_WINDOW_MINUTES, or the default when unset or not a whole number in range. */
export function approvalWindowMinutes(env: Env = process.env): number {
  const parsed = windowSchema.safeParse(env.APPROVAL_WINDOW_MINUTES);
  return parsed.success ? parsed.data : DEFAULT_APPROVAL_WINDOW_MINUTES;
}

/** APPROVAL_BREAK_GLASS=true lets an admin approve their own request, with a reason; off unless said. */
export function breakGlassEnabled(env: Env = process.env): boolean {
  return env.APPROVAL_BREAK_GLASS?.toLowerCase() === 'true';
}
