// `npm test`: typecheck, lint, format check, unit tests, integration tests on a real
// PostgreSQL (TEST_DATABASE_URL) or an embedded one, and Playwright e2e in
// Chromium against a production build. Ends with one summary line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SpawnedAgent } from '../agent/spawn';
import { E2E_AUTH_SECRET } from '../e2e/env';
import { syncContent } from '../lib/content/sync';
import type { PrismaClient } from '../lib/generated/prisma/client';
import { startWorker, type QueueWorker } from '../lib/queue/worker';
import { openTestDatabase, resetDatabase } from '../tests/test-database';
import { buildIfNeeded } from './lib/build';
import { startLocalAgent } from './lib/local-agent';
import { poolClient, scriptClient } from './lib/prisma';
import { applyMigrations, ROOT } from './lib/schema-engine';

const OUT = path.join(ROOT, 'test-results', 'summary');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

interface Step {
  name: string;
  ok: boolean;
  seconds: number;
}
const steps: Step[] = [];
const tally = { passed: 0, failed: 0, skipped: 0 };
// The tests' agents listen on loopback, which production refuses (lib/agents/address.ts).
process.env.AGENT_ALLOW_LOOPBACK ??= 'true';
const only = new Set((process.env.TEST_ONLY ?? '').split(',').filter(Boolean));
const wanted = (name: string) => only.size === 0 || only.has(name);

// Asynchronous on purpose: when the e2e database is the embedded one, this
// process serves it, and a blocked event loop would leave the app waiting.
async function run(name: string, cmd: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  if (!wanted(name)) return true;
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const t = performance.now();
  const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const ok = code === 0;
  steps.push({ name, ok, seconds: (performance.now() - t) / 1000 });
  return ok;
}

const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function countVitest(file: string) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  tally.passed += r.numPassedTests;
  tally.failed += r.numFailedTests;
  tally.skipped += r.numPendingTests + r.numTodoTests;
}

function countPlaywright(file: string) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  tally.passed += r.stats.expected + r.stats.flaky;
  tally.failed += r.stats.unexpected;
  tally.skipped += r.stats.skipped;
}

/** Chromium comes from Debian; install it when we may (root with apt), else say how. */
function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("Chromium is missing; installing Debian's chromium package for the e2e tests...");
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (existsSync(CHROMIUM)) return true;
  console.error(`e2e: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  return false;
}

await run('typecheck', bin('tsc'), ['--noEmit']);
await run('lint', bin('eslint'), ['.', '--max-warnings=0']);
// Formatting is checked, never applied here: a test run must not rewrite the tree (decision 020).
await run('format', bin('prettier'), ['--check', '.', '--log-level=warn']);

const vitestJson = (name: string) => [
  `--reporter=default`,
  `--reporter=json`,
  `--outputFile.json=${path.join(OUT, `${name}.json`)}`,
];
await run('unit', bin('vitest'), ['run', '--project', 'unit', ...vitestJson('unit')]);
countVitest(path.join(OUT, 'unit.json'));
await run('integration', bin('vitest'), ['run', '--project', 'integration', ...vitestJson('integration')]);
countVitest(path.join(OUT, 'integration.json'));

if (wanted('e2e')) {
  const t = performance.now();
  let ok = false;
  const database = await openTestDatabase();
  let agent: SpawnedAgent | undefined;
  let agentDir: string | undefined;
  let worker: QueueWorker | undefined;
  let workerDb: PrismaClient | undefined;
  try {
    if (ensureChromium()) {
      console.log(
        `\n=== e2e: preparing ${database.kind === 'postgres' ? 'PostgreSQL from TEST_DATABASE_URL' : 'embedded PGlite (in memory)'}`,
      );
      await resetDatabase(database.url);
      await applyMigrations(database.url);
      const prisma = scriptClient(database.url);
      const report = await syncContent(prisma, path.join(ROOT, 'content'));
      if (report.errors.length) throw new Error(report.errors.map((e) => e.message).join('\n'));
      // The e2e tests run checks on host `localhost`, as a new user of the demo would.
      agentDir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-e2e-agent-'));
      agent = await startLocalAgent({
        db: prisma,
        dataDir: agentDir,
        contentDir: path.join(ROOT, 'content'),
        authSecret: E2E_AUTH_SECRET,
      });
      await prisma.$disconnect();
      // Launched checks are queue jobs: a worker here runs them, as `npm start`'s own
      // process does, with the app's secret and the loopback agent allowed.
      process.env.BETTER_AUTH_SECRET = E2E_AUTH_SECRET;
      process.env.AGENT_ALLOW_LOOPBACK = 'true';
      workerDb = poolClient(database.url);
      worker = await startWorker({ connectionString: database.url, db: workerDb });
      buildIfNeeded();
      ok = await run('e2e', bin('playwright'), ['test', ...(process.env.E2E_FILES ?? '').split(' ').filter(Boolean)], {
        E2E_DATABASE_URL: database.url,
        E2E_EMBEDDED: database.kind === 'embedded' ? '1' : '0',
        PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(OUT, 'e2e.json'),
      });
      steps.pop();
      countPlaywright(path.join(OUT, 'e2e.json'));
    }
  } catch (err) {
    console.error(`e2e setup failed: ${(err as Error).message}`);
  } finally {
    await worker?.stop();
    await workerDb?.$disconnect();
    await agent?.stop();
    if (agentDir) rmSync(agentDir, { recursive: true, force: true });
    await database.stop();
  }
  steps.push({ name: 'e2e', ok, seconds: (performance.now() - t) / 1000 });
}

console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(12)} ${s.seconds.toFixed(1)}s`);
const failedSteps = steps.filter((s) => !s.ok).length;
// A failed step without failed tests (typecheck, lint, format, setup) still fails the run.
if (failedSteps && tally.failed === 0) tally.failed = failedSteps;
console.log(`tests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(failedSteps ? 1 : 0);
