// How much check work one worker process takes on at once. Each is read from
// the environment once, clamped into its range: a typo must not stop a worker,
// and no setting may open more connections to agents than a process can carry.

/** Jobs one worker process runs at once (graphile-worker's concurrency). */
export const WORKER_CONCURRENCY_DEFAULT = 32;
/** Above this a process spends its time on sockets and timers, not checks: scale out with `npm run worker` instead. */
export const WORKER_CONCURRENCY_MAX = 256;
/**
 * Checks one process runs at once against one agent: an agent is a small
 * service on a production host, and it answers "busy" past its own
 * maxConcurrent (agent/config.ts, default 4), which would end the run in error.
 */
export const AGENT_CONCURRENCY_DEFAULT = 4;
export const AGENT_CONCURRENCY_MAX = 64;
/** Checks of one launch that one process runs at once, so one 1,000-host launch cannot take every slot. */
export const LAUNCH_CONCURRENCY_DEFAULT = 24;
export const LAUNCH_CONCURRENCY_MAX = 256;

export function boundedInt(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value?.trim());
  if (!value?.trim() || !Number.isInteger(n) || n < 1) return fallback;
  return Math.min(n, max);
}

type Env = Record<string, string | undefined>;

export const workerConcurrency = (env: Env = process.env) =>
  boundedInt(env.WORKER_CONCURRENCY, WORKER_CONCURRENCY_DEFAULT, WORKER_CONCURRENCY_MAX);
export const agentConcurrency = (env: Env = process.env) =>
  boundedInt(env.AGENT_CONCURRENCY, AGENT_CONCURRENCY_DEFAULT, AGENT_CONCURRENCY_MAX);
export const launchConcurrency = (env: Env = process.env) =>
  boundedInt(env.LAUNCH_CONCURRENCY, LAUNCH_CONCURRENCY_DEFAULT, LAUNCH_CONCURRENCY_MAX);
