// Several app processes on one PostgreSQL (issue 11, item 4). "Instance A" is
// this test process driving the bridge (executeRuns and its lease heartbeat),
// "instance B" is a real separate app process on the same database: `next
// start` when a production build of these sources exists, else the same
// startup sweeper run by tests/instances/check-instance.ts. A third process
// holds a run and is killed, to play a server that dies mid-check.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { sealSecret } from '@/lib/hosts/secret-box';
import { buildIsCurrent } from '@/scripts/lib/build';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations, ROOT } from '@/scripts/lib/schema-engine';
import { freePort, startAgentProcess, type AgentProcess } from '@/tests/agents/start-agent';
import { executeRuns } from './execute-runs';
import { HEARTBEAT_MS, INSTANCE_ID, LEASE_MS, worstCaseCloseMs } from './leases';
import { closeExpiredRuns, OWNER_STOPPED } from './orphans';
import { prepareLaunch } from './prepare-launch';

process.env.BETTER_AUTH_SECRET ??= 'leases-test-secret-0123456789abcdef0123';
const url = inject('databaseUrl');
const db = scriptClient(url);
const SECRET = 'leases-agent-secret-0123456789abcdef0123';
const tag = Date.now().toString(36);
const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-leases-'));
/** Longer than a whole lease: only heartbeats keep A's run alive, and B restarts meanwhile. */
const LONG_RUN_S = LEASE_MS / 1000 + 4;
/** How long instance B may take to come up on a busy 2-core machine. */
const INSTANCE_START_MS = 30_000;

let agent: AgentProcess;
let hostId: string;
const children = new Set<ChildProcess>();
/** Run ids that instance B's sweepers reported closing, from their JSON log lines. */
const closedByB: string[] = [];

function script(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function spawnWithLines(args: string[], env: Record<string, string>, onLine: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (buffered + chunk).split('\n');
    buffered = lines.pop() ?? '';
    lines.forEach(onLine);
  });
  child.stderr!.resume();
  return child;
}

function json(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

const useNextStart = buildIsCurrent();

/** Starts instance B and resolves once its startup (the run sweep) is done. */
async function startInstanceB(): Promise<ChildProcess> {
  const onLine = (line: string) => {
    const closed = json(line)?.closed;
    if (Array.isArray(closed)) closedByB.push(...(closed as string[]));
  };
  if (useNextStart) {
    const port = await freePort();
    const child = spawnWithLines(
      [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        DATABASE_URL: url,
        PORT: String(port),
        BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        AGENT_ALLOW_LOOPBACK: 'true',
      },
      onLine,
    );
    // Next awaits instrumentation's register() (which sweeps) before it answers any request.
    await waitFor(
      'next start to answer',
      () =>
        fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.ok,
          () => false,
        ),
      INSTANCE_START_MS,
    );
    return child;
  }
  let ready = false;
  const child = spawnWithLines(
    ['--import', 'tsx', path.join(ROOT, 'tests/instances/check-instance.ts'), 'sweeper'],
    { DATABASE_URL: url },
    (line) => {
      if (json(line)?.ready) ready = true;
      onLine(line);
    },
  );
  await waitFor('the instance to start', async () => ready, INSTANCE_START_MS);
  return child;
}

const runRow = (id: string) => db.checkRun.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  console.log(
    useNextStart
      ? 'leases: instance B is `next start` on the current production build'
      : "leases: no current production build (npm run build), so instance B runs the app's startup sweeper in its own process instead of `next start`",
  );
  await applyMigrations(url);
  const long = script('long.sh', `echo started\nsleep ${LONG_RUN_S}\necho finished`);
  const medium = script('medium.sh', 'echo started\nsleep 3\necho finished');
  const forever = script('forever.sh', 'echo started\nsleep 55');
  const checks = [
    { slug: `long-${tag}`, argv: [long], timeoutMs: (LONG_RUN_S + 15) * 1000 },
    { slug: `medium-${tag}`, argv: [medium], timeoutMs: 10_000 },
    { slug: `forever-${tag}`, argv: [forever], timeoutMs: 60_000 },
  ];
  agent = await startAgentProcess({
    config: { name: 'leases', secret: SECRET, checks: checks.map((c) => ({ ...c, params: [] })) },
  });
  const host = await db.host.create({
    data: { name: `leases-${tag}`, role: `leases-${tag}`, agentUrl: agent.url, secretSealed: sealSecret(SECRET) },
  });
  hostId = host.id;
  for (const c of checks)
    await db.check.create({ data: { slug: c.slug, title: `${c.slug} (test)`, argv: c.argv, timeoutMs: c.timeoutMs } });
}, 60_000);

afterAll(async () => {
  await Promise.all([...children].map((c) => stop(c, 'SIGKILL')));
  await agent?.close();
  rmSync(dir, { recursive: true, force: true });
  await db.$disconnect();
});

async function launch(check: string) {
  const prepared = await prepareLaunch(db, { check: `${check}-${tag}`, hostIds: [hostId], params: {} }, null);
  if (!prepared.ok) throw new Error(prepared.error);
  return prepared.runs;
}

const running = (id: string) => async () => {
  const row = await runRow(id);
  return row.status === 'running' && row.stdout.includes('started') ? row : null;
};

describe('several app processes on one database', () => {
  // First, before any other process sweeps this database.
  it('two sweepers racing close each expired run once', async () => {
    const check = await db.check.findUniqueOrThrow({ where: { slug: `medium-${tag}` } });
    const past = new Date(Date.now() - 60_000);
    const rows = await db.checkRun.createManyAndReturn({
      data: Array.from({ length: 20 }, () => ({
        checkId: check.id,
        hostId,
        status: 'running' as const,
        leaseOwner: 'gone:1:00000000',
        leaseExpiresAt: past,
      })),
      select: { id: true },
    });
    const other = scriptClient(url);
    try {
      const [first, second] = await Promise.all([closeExpiredRuns(db), closeExpiredRuns(other)]);
      const ids = rows.map((r) => r.id).sort();
      const both = [...first, ...second].filter((id) => ids.includes(id)).sort();
      expect(both).toEqual(ids);
    } finally {
      await other.$disconnect();
    }
  });

  // Both stories share instance B and its restart, and run side by side to keep the file under a minute.
  it.concurrent(
    "A's long run finishes normally while B starts and restarts, and a dead process's run is closed once, after its lease",
    async () => {
      let b = await startInstanceB();

      // Story 2 begins: a third process takes a run and is killed mid-check.
      let holderOut = '';
      const holder = spawnWithLines(
        ['--import', 'tsx', path.join(ROOT, 'tests/instances/check-instance.ts'), 'hold', `forever-${tag}`, hostId],
        { DATABASE_URL: url },
        (line) => (holderOut += `${line}\n`),
      );
      const deadRunId = await waitFor(
        'the holder to queue its run',
        async () => /"runId":"([^"]+)"/.exec(holderOut)?.[1] ?? null,
        INSTANCE_START_MS,
      );

      // Story 1 begins: A (this process) runs a check longer than a lease.
      const [aRun] = await launch('long');
      const aDone = executeRuns(db, [aRun!]);
      await waitFor("A's run to start", running(aRun!.id));

      const held = await waitFor("the holder's run to start", running(deadRunId));
      expect(held.leaseOwner).toContain(`:${holder.pid}:`);
      expect(held.leaseOwner).not.toBe(INSTANCE_ID);
      await stop(holder, 'SIGKILL');
      const killedAt = Date.now();
      /** Its last renewal was at most a heartbeat before the kill; nothing may close it sooner than this. */
      const earliestClose = killedAt + LEASE_MS - HEARTBEAT_MS - 1_000;

      // B restarts while both runs are open: its startup sweep must close neither
      // (A is alive; the dead holder's lease has not run out yet).
      await stop(b);
      b = await startInstanceB();
      expect((await runRow(aRun!.id)).status).toMatch(/^(running|passed)$/); // passed only on a very slow restart
      if (Date.now() < earliestClose) expect((await runRow(deadRunId)).status).toBe('running');
      expect(closedByB).not.toContain(aRun!.id);

      // A's run outlives its first lease on heartbeats alone and ends as the agent reported it.
      const results = await aDone;
      const a = await runRow(aRun!.id);
      expect(a).toMatchObject({ status: 'passed', exitCode: 0, message: null, leaseExpiresAt: null });
      expect(a.stdout).toBe('started\nfinished\n');
      expect(a.durationMs!).toBeGreaterThan(LEASE_MS);
      expect(results.get(aRun!.id)).toMatchObject({ status: 'passed' });
      expect(closedByB).not.toContain(aRun!.id);

      // The dead holder's run: closed after its lease ran out, by B's sweeper or
      // ours racing it, exactly once, and never left running.
      const ours: string[] = [];
      const closed = await waitFor(
        "the dead holder's run to be closed",
        async () => {
          ours.push(...(await closeExpiredRuns(db)));
          const row = await runRow(deadRunId);
          return row.status === 'running' ? null : row;
        },
        worstCaseCloseMs() + 15_000,
      );
      expect(closed).toMatchObject({ status: 'error', message: OWNER_STOPPED });
      expect(closed.finishedAt!.getTime()).toBeGreaterThanOrEqual(earliestClose);
      await new Promise((r) => setTimeout(r, 500)); // let B's log line of that sweep arrive
      expect([...ours, ...closedByB].filter((id) => id === deadRunId)).toHaveLength(1);
      await stop(b);
    },
    90_000,
  );

  it.concurrent('a process whose lease was taken does not overwrite the closed status', async () => {
    const [run] = await launch('medium');
    const done = executeRuns(db, [run!]);
    await waitFor('the run to start', running(run!.id));
    // This process stalls past its lease and a sweeper closes the run. In one
    // transaction, so our own heartbeat cannot renew the lease in between.
    const swept = await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE check_runs SET lease_expires_at = now() - interval '1 second' WHERE id = ${run!.id}`;
      return closeExpiredRuns(tx as unknown as PrismaClient);
    });
    expect(swept).toContain(run!.id);
    const results = await done; // the agent still answers "passed" after 3 s
    expect(results.get(run!.id)).toBeNull();
    const row = await runRow(run!.id);
    expect(row).toMatchObject({ status: 'error', message: OWNER_STOPPED });
    expect(row.stdout).not.toContain('finished');
  });
});
