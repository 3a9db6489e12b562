// `npm run bench:checks`: what the bridge adds to a check run. 100 launches of a
// trivial check (`true`) on a real agent process, measured three ways in one run:
//   1. baseline: the agent called directly (signed request, streamed answer);
//   2. the bridge in-process: validate, queue, call the agent, store the result;
//   3. the launchCheck server action over HTTP against `next start`: the whole
//      path an operator's click takes (session, role, audit, enqueue, a queue
//      worker in this process runs it, store, response), as under `npm start`.
// Uses TEST_DATABASE_URL (it may be wiped) or an in-memory embedded database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnAgent } from '../agent/spawn';
import { runOnAgent } from '../lib/agents/client';
import { executeRuns } from '../lib/checks/execute-runs';
import { prepareLaunch } from '../lib/checks/prepare-launch';
import { sealSecret } from '../lib/hosts/secret-box';
import { startWorker } from '../lib/queue/worker';
import { generateToken } from '../lib/tokens/token';
import { openTestDatabase, resetDatabase } from '../tests/test-database';
import { buildIfNeeded } from './lib/build';
import { freePort } from './lib/embedded-postgres';
import { poolClient, scriptClient } from './lib/prisma';
import { applyMigrations, ROOT } from './lib/schema-engine';

// The benchmark's agent listens on loopback, which production refuses (lib/agents/address.ts).
process.env.AGENT_ALLOW_LOOPBACK ??= 'true';

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const WARMUP = 10;
const AUTH_SECRET = 'bench-checks-secret-0123456789abcdef0123';
const AGENT_SECRET = 'bench-agent-secret-0123456789abcdef012345';
const CHECK = 'bench-true';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
async function sample(label: string, once: () => Promise<void>) {
  for (let i = 0; i < WARMUP; i++) await once();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await once();
    xs.push(performance.now() - t);
  }
  return { label, p50: pct(xs, 50), p95: pct(xs, 95) };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmkb-bench-checks-'));
const configPath = path.join(tmp, 'agent.json');
writeFileSync(
  configPath,
  JSON.stringify({ name: 'bench', secret: AGENT_SECRET, checks: [{ slug: CHECK, argv: ['true'], params: [], timeoutMs: 5000 }] }),
  { mode: 0o600 },
);
process.env.BETTER_AUTH_SECRET = AUTH_SECRET;

const database = await openTestDatabase();
const agent = await spawnAgent({ configPath, host: '127.0.0.1' });
let server: ChildProcess | undefined;
let stopWorker: (() => Promise<void>) | undefined;
try {
  if (database.kind === 'postgres') await resetDatabase(database.url);
  await applyMigrations(database.url);
  const prisma = scriptClient(database.url);
  await prisma.check.create({ data: { slug: CHECK, title: 'Trivial check', argv: ['true'] } });
  const host = await prisma.host.create({
    data: { name: 'bench', role: 'bench', agentUrl: agent.url, secretSealed: sealSecret(AGENT_SECRET) },
  });
  const user = await prisma.user.create({
    data: { email: 'bench-operator@example.com', name: 'Bench operator', role: 'operator' },
  });
  const { token, hash, prefix } = generateToken();
  await prisma.apiToken.create({ data: { userId: user.id, name: 'bench', prefix, tokenHash: hash } });
  console.log(
    `bench:checks: ${RUNS} launches each (after ${WARMUP} warm-up), database: ${database.kind === 'postgres' ? 'PostgreSQL (TEST_DATABASE_URL)' : 'embedded PGlite'}, agent ${agent.url}`,
  );

  const direct = await sample('agent called directly', async () => {
    const outcome = await runOnAgent({
      baseUrl: agent.url,
      secret: AGENT_SECRET,
      request: { check: CHECK, params: {} },
      deadlineMs: 5000,
    });
    if (outcome.kind !== 'exited' || outcome.exitCode !== 0) throw new Error(`direct run failed: ${JSON.stringify(outcome)}`);
  });
  const inProcess = await sample('bridge in-process (queue, run, store)', async () => {
    const prepared = await prepareLaunch(prisma, { check: CHECK, hostIds: [host.id], params: {} }, user.id);
    if (!prepared.ok) throw new Error(prepared.error);
    await executeRuns(prisma, prepared.runs);
  });
  await prisma.$disconnect();

  // The server action, as the browser calls it; the worker runs the job, as `npm start`'s does.
  const workerDb = poolClient(database.url);
  stopWorker = (await startWorker({ connectionString: database.url, db: workerDb })).stop;
  buildIfNeeded();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PMKB_EMBEDDED_DB: database.kind === 'embedded' ? '1' : '0',
        NEXT_TELEMETRY_DISABLED: '1',
        BETTER_AUTH_URL: base,
      },
      stdio: 'ignore',
    },
  );
  for (
    let i = 0;
    i < 120 &&
    !(await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((r) => setTimeout(r, 500));
  const manifest = JSON.parse(readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const actionId = Object.entries(manifest.node).find(
    ([, v]) => v.filename === 'lib/checks/actions.ts' && v.exportedName === 'launchCheck',
  )?.[0];
  if (!actionId) throw new Error('launchCheck is not in the build');
  const body = JSON.stringify([{ check: CHECK, hostIds: [host.id], params: {} }]);
  const viaAction = await sample('launchCheck server action over HTTP', async () => {
    const res = await fetch(base, {
      method: 'POST',
      headers: {
        'next-action': actionId,
        origin: base,
        'content-type': 'text/plain;charset=UTF-8',
        authorization: `Bearer ${token}`,
      },
      body,
    });
    const text = await res.text();
    if (!res.ok || !text.includes('"status":"passed"'))
      throw new Error(`action call failed: HTTP ${res.status} ${text.slice(0, 300)}`);
  });

  console.log(
    `\n${'path'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'overhead p50'.padStart(13)} ${'overhead p95'.padStart(13)}`,
  );
  for (const r of [direct, inProcess, viaAction]) {
    const over = r === direct ? ['', ''] : [(r.p50 - direct.p50).toFixed(1), (r.p95 - direct.p95).toFixed(1)];
    console.log(
      `${r.label.padEnd(40)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${over[0]!.padStart(13)} ${over[1]!.padStart(13)}`,
    );
  }
  const overhead = viaAction.p50 - direct.p50;
  console.log(
    `\nbridge overhead (server action vs direct), p50: ${overhead.toFixed(1)} ms (target <= 20 ms: ${overhead <= 20 ? 'met' : 'NOT met'})`,
  );
} finally {
  server?.kill();
  await stopWorker?.();
  await agent.stop();
  await database.stop();
  rmSync(tmp, { recursive: true, force: true });
}
