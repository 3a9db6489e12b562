// The events a webhook may subscribe to, and how many times a delivery is tried.
// No server-only imports: the admin form, the worker and the tests share it.
export const WEBHOOK_EVENTS = [
  'incident.created',
  'incident.published',
  'alert.matched',
  'check.failed',
  'approval.requested',
  'approval.decided',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  'incident.created': 'an alert opened a draft incident',
  'incident.published': 'a draft incident was published',
  'alert.matched': 'an alert group matched past incidents or runbooks',
  'check.failed': 'a diagnostic check run failed, timed out or could not run',
  'approval.requested': 'an operator asked a second person to approve an action that changes a host',
  'approval.decided': 'an approval request was approved (break glass flagged) or rejected',
};

/**
 * Tries per delivery by default. With graphile-worker's backoff (exp(n) seconds
 * after the n-th failure) eight tries span about 25 minutes: a chat server's
 * restart is waited out, a wrong URL lands in the dead-letter list the same hour.
 */
export const WEBHOOK_MAX_ATTEMPTS_DEFAULT = 8;
/** A receiver that has not answered by then is counted as a failed try. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** What is kept of a receiver's error answer: enough to read the reason, not a page of HTML. */
export const WEBHOOK_ERROR_MAX = 500;

/** WEBHOOK_MAX_ATTEMPTS (1-25), else the default. */
export function webhookMaxAttempts(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.WEBHOOK_MAX_ATTEMPTS);
  return Number.isInteger(n) && n >= 1 && n <= 25 ? n : WEBHOOK_MAX_ATTEMPTS_DEFAULT;
}

/** The body every format starts from. */
export interface EventEnvelope {
  event: WebhookEvent;
  /** When it happened, ISO 8601. */
  at: string;
  /** One line for people (the chat formats show it). */
  text: string;
  /** A link to the page it is about, absolute when BETTER_AUTH_URL is set. */
  url: string | null;
  data: Record<string, unknown>;
}

/** A path of this site as a link: absolute under BETTER_AUTH_URL, else as given. */
export function siteUrl(path: string, env: Record<string, string | undefined> = process.env): string {
  const base = env.BETTER_AUTH_URL;
  if (!base) return path;
  try {
    return new URL(path, base).href;
  } catch {
    return path;
  }
}
