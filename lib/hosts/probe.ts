// Agent health, probed in the background and stored on the host row, so a
// page shows the last answer instead of calling hundreds of agents per view
// (issue 15, item 4). The worker process starts the timer; several workers may
// each run one: a host probed recently by another is skipped.
//
// Takes the Prisma client as an argument so the worker, the tests and scripts
// drive the same code.
import type { EgressPolicy } from '@/lib/agents/address';
import { agentHealth } from '@/lib/agents/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { openSecret } from './secret-box';

/** Agents asked at once: enough for 1,000 hosts in seconds, without a burst of sockets from one worker. */
export const PROBE_CONCURRENCY = 16;
/** Upper bound on the concurrency a caller may ask for. */
export const PROBE_CONCURRENCY_MAX = 64;
/** One probe's budget: a healthy agent answers /v1/health in milliseconds. */
export const PROBE_TIMEOUT_MS = 3_000;
/** Stored error text: one sentence from lib/agents/errors.ts, not a dump. */
const PROBE_ERROR_MAX = 500;
/** The interval a worker uses when none is given. */
export const PROBE_EVERY_MS = 60_000;

export type ProbeOptions = {
  concurrency?: number;
  timeoutMs?: number;
  /** Skip hosts probed less than this long ago (by this or another worker); 0 probes all. */
  olderThanMs?: number;
  /** Only these hosts (a "probe now" for some, and tests); default every enabled host. */
  hostIds?: string[];
  /** Which addresses may be called; default from AGENT_ALLOW_LOOPBACK. */
  policy?: EgressPolicy;
};
export type ProbeSummary = { probed: number; ok: number; failed: number };

type Target = { id: string; name: string; agentUrl: string; secretSealed: string };
type Outcome = { ok: true; version: string } | { ok: false; error: string };

/** Probes every enabled host's agent (GET /v1/health, signed, egress-vetted) and stores the answer. */
export async function probeAgents(db: PrismaClient, options: ProbeOptions = {}): Promise<ProbeSummary> {
  const concurrency = Math.max(1, Math.min(PROBE_CONCURRENCY_MAX, Math.floor(options.concurrency ?? PROBE_CONCURRENCY)));
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const olderThan = new Date(Date.now() - (options.olderThanMs ?? 0));
  const targets: Target[] = await db.host.findMany({
    where: {
      disabled: false,
      ...(options.hostIds ? { id: { in: options.hostIds } } : {}),
      ...(options.olderThanMs ? { OR: [{ lastProbeAt: null }, { lastProbeAt: { lt: olderThan } }] } : {}),
    },
    select: { id: true, name: true, agentUrl: true, secretSealed: true },
    orderBy: { name: 'asc' },
  });
  const summary: ProbeSummary = { probed: 0, ok: 0, failed: 0 };
  let next = 0;
  // A fixed pool of loops, each taking the next host: at most `concurrency` calls in flight.
  const lanes = Array.from({ length: Math.min(concurrency, targets.length) }, async () => {
    while (next < targets.length) {
      const target = targets[next++]!;
      const outcome = await probeOne(target, timeoutMs, options.policy);
      await store(db, target.id, outcome);
      summary.probed++;
      summary[outcome.ok ? 'ok' : 'failed']++;
    }
  });
  await Promise.all(lanes);
  return summary;
}

async function probeOne(target: Target, timeoutMs: number, policy: EgressPolicy | undefined): Promise<Outcome> {
  let secret: string;
  try {
    secret = openSecret(target.secretSealed);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const res = await agentHealth({ baseUrl: target.agentUrl, secret, timeoutMs, hostLabel: target.name, policy });
  return res.ok ? { ok: true, version: res.data.version } : { ok: false, error: res.message };
}

/**
 * Raw SQL on purpose: a probe is not an edit, so `updated_at` stays, and
 * "failing since" keeps the first failure of a streak even when two workers
 * store at once.
 */
async function store(db: PrismaClient, hostId: string, outcome: Outcome): Promise<void> {
  const now = new Date();
  if (outcome.ok) {
    await db.$executeRaw`
      UPDATE hosts SET last_probe_at = ${now}, last_probe_ok = true, last_probe_error = NULL,
        agent_version = ${outcome.version.slice(0, 100)}, probe_failing_since = NULL
      WHERE id = ${hostId}`;
  } else {
    await db.$executeRaw`
      UPDATE hosts SET last_probe_at = ${now}, last_probe_ok = false,
        last_probe_error = ${outcome.error.slice(0, PROBE_ERROR_MAX)},
        probe_failing_since = COALESCE(probe_failing_since, ${now})
      WHERE id = ${hostId}`;
  }
}

export type HealthProbes = { stop(): Promise<void> };

/**
 * Probes every `everyMs`, one round at a time (a slow round delays the next
 * instead of overlapping it). For the worker process; the timer does not keep
 * the process alive. `onError` sees a round that failed (the database away).
 */
export function startHealthProbes(
  db: PrismaClient,
  everyMs: number = PROBE_EVERY_MS,
  options: ProbeOptions & { onError?: (err: unknown) => void } = {},
): HealthProbes {
  const { onError, ...probe } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> = Promise.resolve();
  const tick = () => {
    // Half the interval: another worker's fresh answers are not asked again.
    round = probeAgents(db, { olderThanMs: Math.floor(everyMs / 2), ...probe })
      .catch((err) => onError?.(err))
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, everyMs);
          timer.unref();
        }
      });
  };
  timer = setTimeout(tick, 0);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
