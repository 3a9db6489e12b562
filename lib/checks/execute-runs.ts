// Execute and store: runs queued runs (./prepare-launch.ts) on their hosts' agents and
// stores every status transition, the output as it streams, and the verdict. A run
// started from an incident is linked to it (check_runs.incident_id) but never
// written into its timeline here: an author attaches it as a new revision
// (./attach.ts, docs/decisions/037).
//
// Takes the Prisma client as an argument so the server action, the integration tests
// and the benchmark all drive the same code.
import { runOnAgent, type AgentRunOutcome } from '@/lib/agents/client';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import type { CheckExpectKind, CheckRunStatus } from '@/lib/generated/prisma/enums';
import { openSecret, SecretBoxError } from '@/lib/hosts/secret-box';
import { log } from '@/lib/log';
import { metrics, observeCheckRun } from '@/lib/metrics/registry';
import { notifyCheckFinished } from '@/lib/notifications/check-failed';
import { agentConcurrency, launchConcurrency } from '@/lib/queue/limits';
import { escapeControlChars } from '@/lib/validation/text';
import { KeyedSemaphore } from './keyed-semaphore';
import { INSTANCE_ID, keeperFor, LEASE_MS } from './leases';
import type { QueuedRun } from './prepare-launch';
import { RUNS_CHANNEL } from './run-channel';
import { judge } from './verdict';

/** The agent stops a check at its timeout; this much more covers the trip back. */
export const AGENT_DEADLINE_GRACE_MS = 1_500;
/** Runs one executeRuns call drives at once; the per-agent and per-launch bounds below apply on top. */
export const FANOUT_CONCURRENCY = 8;
/** Live output reaches the database (and so the page) at most this often per run; a run's first output goes at once. */
export const FLUSH_INTERVAL_MS = 250;
/** Per stream, what a run row keeps; agents cap their own output too. */
export const STORED_OUTPUT_MAX_BYTES = 1024 * 1024;

/** What was stored when a run finished; null when it was not this process's to run. */
export type Stored = Required<Omit<Finish, 'out'>> & { out: Required<Finish>['out']; finishedAt: Date };

// Per process, shared by every job this process runs: one agent is never
// asked for more than AGENT_CONCURRENCY checks at once, and one launch never
// holds more than LAUNCH_CONCURRENCY of this process's slots (lib/queue/limits.ts).
const g = globalThis as unknown as { pmkbAgentSlots?: KeyedSemaphore; pmkbLaunchSlots?: KeyedSemaphore };
const agentSlots = () => (g.pmkbAgentSlots ??= new KeyedSemaphore(agentConcurrency()));
const launchSlots = () => (g.pmkbLaunchSlots ??= new KeyedSemaphore(launchConcurrency()));

/**
 * Takes queued runs nobody has taken yet: this process becomes their lease
 * owner, in one statement, so of two workers handed the same run only one
 * gets it. The run stays queued (it waits for agent and launch slots) but its
 * lease is renewed from now on. Returns the ids this call took.
 */
export async function claimRuns(db: PrismaClient, ids: string[]): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE check_runs SET lease_owner = ${INSTANCE_ID}, lease_expires_at = now() + ${LEASE_MS}::int * interval '1 millisecond'
    WHERE id = ANY(${ids}::text[]) AND status = 'queued' AND lease_owner IS NULL
    RETURNING id`;
  return new Set(rows.map((r) => r.id));
}

/**
 * Claims queued runs and runs those it got with bounded concurrency; resolves
 * when all are stored as finished. While they wait and run, this process's
 * heartbeat renews their leases (leases.ts), so a sweeper leaves them alone.
 * A run another worker took, or that was closed meanwhile, maps to null.
 */
export async function executeRuns(
  db: PrismaClient,
  runs: QueuedRun[],
  concurrency = FANOUT_CONCURRENCY,
): Promise<Map<string, Stored | null>> {
  const results = new Map<string, Stored | null>(runs.map((r) => [r.id, null]));
  if (!runs.length) return results;
  const claimed = await claimRuns(
    db,
    runs.map((r) => r.id),
  );
  const queue = runs.filter((r) => claimed.has(r.id));
  const keeper = keeperFor(db);
  await keeper.hold(queue.map((r) => r.id));
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      let releaseAgent: (() => void) | undefined;
      let releaseLaunch: (() => void) | undefined;
      try {
        releaseLaunch = await launchSlots().acquire(run.batchId);
        releaseAgent = await agentSlots().acquire(run.host.agentUrl);
        results.set(run.id, await executeRun(db, run));
      } finally {
        releaseAgent?.();
        releaseLaunch?.();
        keeper.release(run.id);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  } finally {
    for (const id of claimed) keeper.release(id);
  }
  return results;
}

/** Writes to a run only while this process still owns it: once a sweeper closed it, the closed status stands. */
const owned = (id: string) => ({ id, leaseOwner: INSTANCE_ID, status: { in: ['queued', 'running'] as CheckRunStatus[] } });

type Finish = {
  status: CheckRunStatus;
  exitCode?: number | null;
  verdict?: string | null;
  message?: string | null;
  out?: Pick<AgentRunOutcome, 'stdout' | 'stderr' | 'stdoutTruncated' | 'stderrTruncated'>;
  durationMs?: number;
};

export function outcomeToFinish(
  outcome: AgentRunOutcome,
  check: { expectKind: CheckExpectKind; expectValue: string | null; timeoutMs: number },
): Finish {
  if (outcome.kind === 'error') {
    return { status: outcome.code === 'timeout' ? 'timed_out' : 'error', message: outcome.message, out: outcome };
  }
  if (outcome.timedOut) {
    return {
      status: 'timed_out',
      exitCode: outcome.exitCode,
      message: `The command ran past its ${(check.timeoutMs / 1000).toFixed(1)} s timeout and was stopped on the host.`,
      out: outcome,
      durationMs: outcome.durationMs,
    };
  }
  const { passed, verdict } = judge({ kind: check.expectKind, value: check.expectValue ?? '0' }, outcome);
  return {
    status: passed ? 'passed' : 'failed',
    exitCode: outcome.exitCode,
    verdict,
    out: outcome,
    durationMs: outcome.durationMs,
  };
}

/**
 * Streams output into the row: the first chunk at once (the first byte should
 * reach a watching browser within a few hundred ms), then at most every
 * FLUSH_INTERVAL_MS, with a trailing flush so a burst followed by silence is
 * not held back until the run ends. One write in flight at a time; each write
 * notifies the run's batch (run-stream.ts) in the same statement.
 */
class LiveOutput {
  stdout = '';
  stderr = '';
  private last = 0;
  private pending: Promise<unknown> = Promise.resolve();
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  constructor(
    private readonly db: PrismaClient,
    private readonly runId: string,
  ) {}
  push(stream: 'stdout' | 'stderr', data: string) {
    this[stream] += data;
    this.dirty = true;
    if (this.timer || this.closed) return;
    const wait = this.last + FLUSH_INTERVAL_MS - Date.now();
    if (wait <= 0) this.schedule();
    else this.timer = setTimeout(() => this.schedule(), wait);
  }
  private schedule() {
    this.timer = undefined;
    if (this.closed) return;
    this.last = Date.now();
    this.pending = this.pending.then(() => this.flush());
  }
  private async flush() {
    if (!this.dirty || this.closed) return;
    this.dirty = false;
    await this.db.$executeRaw`
      WITH u AS (
        UPDATE check_runs SET stdout = ${escapeControlChars(this.stdout)}, stderr = ${escapeControlChars(this.stderr)}
        WHERE id = ${this.runId} AND lease_owner = ${INSTANCE_ID} AND status = 'running'
        RETURNING batch_id)
      SELECT pg_notify(${RUNS_CHANNEL}, batch_id)::text FROM u WHERE batch_id IS NOT NULL`.catch(() => undefined); // a missed live update is harmless: the final write has everything
  }
  /** No more live writes; resolves when the last one is done, before the final store. */
  settled() {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.pending;
  }
}

export async function executeRun(db: PrismaClient, run: QueuedRun): Promise<Stored | null> {
  const started = Date.now();
  const runId = run.id;
  const finish = (f: Finish) => storeFinish(db, run, f, Date.now() - started);

  let secret: string;
  try {
    secret = openSecret(run.host.secretSealed);
  } catch (err) {
    return finish({ status: 'error', message: err instanceof SecretBoxError ? err.message : 'The host secret cannot be read.' });
  }
  // Only a queued run this process still owns starts: a sweeper may have
  // closed it meanwhile. The lease is set on the database's clock, like every renewal.
  const begun = await db.$queryRaw<{ id: string }[]>`
    WITH u AS (
      UPDATE check_runs SET status = 'running', started_at = now(), lease_expires_at = now() + ${LEASE_MS}::int * interval '1 millisecond'
      WHERE id = ${runId} AND status = 'queued' AND lease_owner = ${INSTANCE_ID}
      RETURNING id, batch_id)
    SELECT id, pg_notify(${RUNS_CHANNEL}, coalesce(batch_id, ''))::text AS notified FROM u`;
  if (begun.length === 0) return null;
  const live = new LiveOutput(db, runId);
  const inFlight = metrics().checkRunsInFlight;
  inFlight.inc();
  try {
    const outcome = await runOnAgent({
      baseUrl: run.host.agentUrl,
      secret,
      request: { check: run.check.slug, params: run.params, timeoutMs: run.check.timeoutMs, runId },
      deadlineMs: run.check.timeoutMs + AGENT_DEADLINE_GRACE_MS,
      maxOutputBytes: STORED_OUTPUT_MAX_BYTES,
      hostLabel: run.host.name,
      onEvent: (e) => {
        if (e.type === 'stdout' || e.type === 'stderr') live.push(e.type, e.data);
      },
    });
    await live.settled();
    return await finish(outcomeToFinish(outcome, run.check));
  } catch (err) {
    // runOnAgent resolves every network fault; this is a bug or the database.
    await live.settled();
    log.error({ err, runId }, 'check run failed inside the app');
    return finish({
      status: 'error',
      message: 'The run failed inside the app; see the server log.',
      out: { stdout: live.stdout, stderr: live.stderr, stdoutTruncated: false, stderrTruncated: false },
    });
  } finally {
    inFlight.dec();
  }
}

type Tx = Prisma.TransactionClient;

type RunWithRelations = Pick<QueuedRun, 'id' | 'batchId' | 'scheduled'> & {
  check: { title: string };
  host: { name: string };
};

async function storeFinish(db: PrismaClient, run: RunWithRelations, f: Finish, elapsedMs: number): Promise<Stored | null> {
  const finishedAt = new Date();
  // A host's output may hold any byte; PostgreSQL refuses a NUL in text, which
  // used to lose the whole run. Controls are stored as visible escapes instead
  // (the verdict was judged on the raw output before this point).
  const text = (value: string | null | undefined) => (value == null ? null : escapeControlChars(value));
  const stored: Stored = {
    status: f.status,
    exitCode: f.exitCode ?? null,
    verdict: text(f.verdict),
    message: text(f.message),
    out: {
      stdout: escapeControlChars(f.out?.stdout ?? ''),
      stderr: escapeControlChars(f.out?.stderr ?? ''),
      stdoutTruncated: f.out?.stdoutTruncated ?? false,
      stderrTruncated: f.out?.stderrTruncated ?? false,
    },
    durationMs: f.durationMs ?? elapsedMs,
    finishedAt,
  };
  const update = async (tx: Tx) => {
    const { count } = await tx.checkRun.updateMany({
      where: owned(run.id),
      data: {
        status: stored.status,
        exitCode: stored.exitCode,
        verdict: stored.verdict,
        message: stored.message,
        ...stored.out,
        durationMs: stored.durationMs,
        finishedAt,
        leaseExpiresAt: null,
      },
    });
    return count === 1;
  };
  // The finish and the batch's notification commit together.
  const kept = await db.$transaction(async (tx) => {
    if (!(await update(tx))) return false;
    await tx.$executeRaw`SELECT pg_notify(${RUNS_CHANNEL}, ${run.batchId})`;
    return true;
  });
  if (!kept) {
    // This process stalled past its lease and a sweeper closed the run; that answer was already shown.
    log.warn({ runId: run.id }, 'checks: run finished after its lease was taken; its result is discarded');
    return null;
  }
  observeCheckRun(stored.status, stored.durationMs);
  // A scheduled verification reports once when it turns failing (lib/verification/tick.ts), not every run every tick.
  if (!run.scheduled)
    await notifyCheckFinished(db, {
      id: run.id,
      status: stored.status,
      checkTitle: run.check.title,
      hostName: run.host.name,
      verdict: stored.verdict,
      message: stored.message,
    });
  return stored;
}
