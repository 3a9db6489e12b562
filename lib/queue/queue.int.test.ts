// Check runs as jobs on the PostgreSQL queue (issue 15, item 1): a launch and
// its jobs commit together; workers run them against real agent processes;
// two workers never run one run twice; a run whose worker dies is closed, never
// left running; a run no worker takes is closed with its reason.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimRuns } from '@/lib/checks/execute-runs';
import { closeExpiredRuns, NO_WORKER, OWNER_STOPPED, UNCLAIMED_AFTER_MS, UNCLAIMED_GIVE_UP_MS } from '@/lib/checks/orphans';
import { prepareLaunch } from '@/lib/checks/prepare-launch';
import { isFinished } from '@/lib/checks/types';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { startAgentProcess, type AgentProcess } from '@/tests/agents/start-agent';
import { killProcess, spawnWorkerProcess, startTestWorker, type TestWorker } from '@/tests/worker';
import { enqueueCheckRuns } from './enqueue';

process.env.BETTER_AUTH_SECRET ??= 'queue-test-secret-0123456789abcdef0123';
const url = inject('databaseUrl');
const db = scriptClient(url);
const SECRET = 'queue-agent-secret-0123456789abcdef0123';
const tag = Date.now().toString(36);
const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-queue-'));
const counter = path.join(dir, 'executions.txt');
/** Hosts in the double-run test: enough that two workers both take some. */
const FANOUT = 24;

let agent: AgentProcess;
const hostIds: string[] = [];
const children = new Set<ChildProcess>();

function script(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const spawnWorker = () => spawnWorkerProcess(url).then((c) => (children.add(c), c));
const kill = killProcess;

const jobsFor = (ids: string[]) =>
  db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE key = ANY(${ids}::text[])`;

const launch = async (check: string, hosts = [hostIds[0]!]) => {
  const prepared = await prepareLaunch(db, { check: `${check}-${tag}`, hostIds: hosts, params: {} }, null);
  if (!prepared.ok) throw new Error(prepared.error);
  return prepared;
};

const batchRuns = (batchId: string) =>
  db.checkRun.findMany({ where: { batchId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
const allFinished = (batchId: string) => async () => {
  const runs = await batchRuns(batchId);
  return runs.every((r) => isFinished(r.status)) ? runs : null;
};

beforeAll(async () => {
  await applyMigrations(url);
  const checks = [
    { slug: `hello-${tag}`, argv: ['echo', 'hello from the queue'], timeoutMs: 5_000 },
    { slug: `count-${tag}`, argv: [script('count.sh', `echo run >> ${counter}\nsleep 0.2\necho counted`)], timeoutMs: 5_000 },
    { slug: `forever-${tag}`, argv: [script('forever.sh', 'echo started\nsleep 55')], timeoutMs: 60_000 },
  ];
  agent = await startAgentProcess({
    config: { name: 'queue', secret: SECRET, maxConcurrent: 32, checks: checks.map((c) => ({ ...c, params: [] })) },
  });
  for (let i = 0; i < FANOUT; i++) {
    const h = await db.host.create({
      data: { name: `queue-${i}-${tag}`, role: `queue-${tag}`, agentUrl: agent.url, secretSealed: sealSecret(SECRET) },
    });
    hostIds.push(h.id);
  }
  for (const c of checks)
    await db.check.create({ data: { slug: c.slug, title: `${c.slug} (test)`, argv: c.argv, timeoutMs: c.timeoutMs } });
}, 60_000);

afterAll(async () => {
  await Promise.all([...children].map((c) => kill(c, 'SIGKILL')));
  await agent?.close();
  rmSync(dir, { recursive: true, force: true });
  await db.$disconnect();
});

describe('enqueueing', () => {
  it('a launch writes one job per run, keyed by the run, in its own transaction', async () => {
    const prepared = await launch('hello', hostIds.slice(0, 3));
    const ids = prepared.runs.map((r) => r.id);
    expect((await jobsFor(ids)).map((j) => j.key).sort()).toEqual([...ids].sort());
    const runs = await batchRuns(prepared.batchId);
    // Nobody owns them until a worker takes them.
    expect(runs.every((r) => r.status === 'queued' && r.leaseOwner === null)).toBe(true);
  });

  it('a rolled-back launch leaves neither runs nor jobs', async () => {
    const check = await db.check.findUniqueOrThrow({ where: { slug: `hello-${tag}` } });
    let runId = '';
    await expect(
      db.$transaction(async (tx) => {
        const run = await tx.checkRun.create({ data: { checkId: check.id, hostId: hostIds[0]!, batchId: crypto.randomUUID() } });
        runId = run.id;
        await enqueueCheckRuns(tx, [run.id]);
        expect(await tx.$queryRaw<unknown[]>`SELECT 1 FROM graphile_worker.jobs WHERE key = ${run.id}`).toHaveLength(1);
        throw new Error('the launch fails after enqueueing');
      }),
    ).rejects.toThrow('the launch fails');
    expect(runId).not.toBe('');
    expect(await db.checkRun.findUnique({ where: { id: runId } })).toBeNull();
    expect(await jobsFor([runId])).toHaveLength(0);
  });
});

describe('workers', () => {
  let worker: TestWorker;
  beforeAll(async () => {
    worker = await startTestWorker(url);
  });
  afterAll(async () => {
    await worker?.stop();
  });

  it('runs queued launches on the real agent and stores the output', async () => {
    const prepared = await launch('hello', hostIds.slice(0, 4));
    const runs = await waitFor('the runs to finish', allFinished(prepared.batchId));
    expect(runs.map((r) => r.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(runs.every((r) => r.stdout === 'hello from the queue\n' && r.leaseExpiresAt === null && r.startedAt)).toBe(true);
    // The jobs are done and gone.
    await waitFor('the jobs to be removed', async () => (await jobsFor(runs.map((r) => r.id))).length === 0);
  });

  it('two workers in two processes on one database run every run exactly once', async () => {
    const other = await spawnWorker();
    try {
      writeFileSync(counter, '');
      const prepared = await launch('count', hostIds);
      const runs = await waitFor('the fan-out to finish', allFinished(prepared.batchId), 60_000);
      expect(runs).toHaveLength(FANOUT);
      expect(runs.every((r) => r.status === 'passed' && r.stdout === 'counted\n')).toBe(true);
      // The host-side script appends a line per execution: one per run, none twice.
      expect(readFileSync(counter, 'utf8').trim().split('\n')).toHaveLength(FANOUT);
      // A run another worker already took is not taken again.
      expect(await claimRuns(db, [runs[0]!.id])).toEqual(new Set());
    } finally {
      await kill(other, 'SIGTERM');
    }
  });

  it('a run whose worker is killed mid-run is closed by the sweep, never left running, and not run again', async () => {
    // The in-process worker must not take this one: stop it, and let a separate worker process take it.
    await worker.stop();
    const other = await spawnWorker();
    const prepared = await launch('forever');
    const runId = prepared.runs[0]!.id;
    const held = await waitFor('the other worker to start the run', async () => {
      const row = await db.checkRun.findUniqueOrThrow({ where: { id: runId } });
      return row.status === 'running' && row.stdout.includes('started') ? row : null;
    });
    expect(held.leaseOwner).toContain(`:${other.pid}:`);
    await kill(other, 'SIGKILL');
    // Its lease would run out within LEASE_MS; play that time forward.
    await db.$executeRaw`UPDATE check_runs SET lease_expires_at = now() - interval '1 second' WHERE id = ${runId}`;
    expect(await closeExpiredRuns(db)).toContain(runId);
    const closed = await db.checkRun.findUniqueOrThrow({ where: { id: runId } });
    expect(closed).toMatchObject({ status: 'error', message: OWNER_STOPPED, leaseExpiresAt: null });
    expect(closed.finishedAt).not.toBeNull();
    // A new worker on the database does not run it again.
    worker = await startTestWorker(url);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await db.checkRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: 'error',
      message: OWNER_STOPPED,
    });
  });
});

describe('runs no worker takes', () => {
  it('are closed with their reason after UNCLAIMED_AFTER_MS, but not while a worker is busy', async () => {
    const check = await db.check.findUniqueOrThrow({ where: { slug: `hello-${tag}` } });
    const old = new Date(Date.now() - UNCLAIMED_AFTER_MS - 60_000);
    const waiting = await db.checkRun.create({
      data: { checkId: check.id, hostId: hostIds[0]!, batchId: crypto.randomUUID(), createdAt: old },
    });
    // Some worker holds a live lease on another run: the queue is busy, not abandoned.
    const busy = await db.checkRun.create({
      data: {
        checkId: check.id,
        hostId: hostIds[1]!,
        status: 'running',
        leaseOwner: 'busy:1:00000000',
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    // ...unless it has waited past UNCLAIMED_GIVE_UP_MS (its job may have failed before the claim).
    const ancient = await db.checkRun.create({
      data: {
        checkId: check.id,
        hostId: hostIds[0]!,
        batchId: crypto.randomUUID(),
        createdAt: new Date(Date.now() - UNCLAIMED_GIVE_UP_MS - 60_000),
      },
    });
    const whileBusy = await closeExpiredRuns(db);
    expect(whileBusy).not.toContain(waiting.id);
    expect(whileBusy).toContain(ancient.id);
    await db.checkRun.update({
      where: { id: busy.id },
      data: { status: 'passed', leaseExpiresAt: null, finishedAt: new Date() },
    });
    expect(await closeExpiredRuns(db)).toContain(waiting.id);
    expect(await db.checkRun.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({
      status: 'error',
      message: NO_WORKER,
    });
  });
});
