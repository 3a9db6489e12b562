// The launch rules the browser checks before sending (CheckBlock), without zod:
// CheckBlock is on incident and runbook pages, and the zod schema
// (launch-schema.ts, which the server action parses with) would bring zod, the
// content schema and the markdown limits into those pages' JavaScript.
// launch-rules.test.ts keeps these answers equal to the schema's.

/**
 * Hosts one launch may fan out to: a fleet's whole director tier. Runs are jobs
 * on the queue with bounded concurrency per worker, agent and launch
 * (lib/queue/limits.ts); a 1,000-host launch queues in one transaction, well under a second.
 */
export const FANOUT_MAX_HOSTS = 1000;

export const NO_HOST = 'Pick at least one host.';
export const TOO_MANY_HOSTS = `At most ${FANOUT_MAX_HOSTS} hosts per launch.`;
export const HOST_TWICE = 'A host is listed twice.';

/** What is wrong with the picked hosts, or null; the server action validates everything again. */
export function hostPickProblem(hostIds: readonly string[]): string | null {
  if (hostIds.length < 1) return NO_HOST;
  if (hostIds.length > FANOUT_MAX_HOSTS) return TOO_MANY_HOSTS;
  if (new Set(hostIds).size !== hostIds.length) return HOST_TWICE;
  return null;
}
