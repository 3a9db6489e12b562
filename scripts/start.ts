// `npm start`: one command from a fresh clone to a running knowledge base.
// Without DATABASE_URL it runs an embedded PostgreSQL (PGlite) kept in .data/,
// migrates it, loads the demo content when the database is empty, builds the
// app if needed and serves it. With DATABASE_URL it does the same against that
// PostgreSQL. See docs/decisions/003-embedded-database.md.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { SpawnedAgent } from '../agent/spawn';
import { anonymousReadEnabled } from '../lib/auth/settings';
import { FACTOR_CATEGORIES_FILE, fillRunbookBodyText, SYNONYMS_FILE, syncContent } from '../lib/content/sync';
import type { PrismaClient } from '../lib/generated/prisma/client';
import { workerConcurrency } from '../lib/queue/limits';
import { startWorker, type QueueWorker } from '../lib/queue/worker';
import { authSecret } from './lib/auth-secret';
import { buildIfNeeded } from './lib/build';
import { DATA_DIR, describeUrl, EmbeddedBusyError, serveEmbeddedDatabase, type ResolvedDatabase } from './lib/database';
import { ensureFirstAdmin } from './lib/first-admin';
import { startLocalAgent } from './lib/local-agent';
import { poolClient, scriptClient } from './lib/prisma';
import { applyMigrations, ROOT } from './lib/schema-engine';
import { withStartupLock } from './lib/startup-lock';

const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST; // unset: listen on every interface, as `next start` does
const wildcardHost = !HOST || HOST === '0.0.0.0' || HOST === '::';
const bracketed = (h: string) => (h.includes(':') ? `[${h}]` : h);
/** The address people (and Better Auth's origin checks) use for this server. */
const publicUrl = `http://${wildcardHost ? 'localhost' : bracketed(HOST)}:${PORT}`;
/** How long the server may take to answer its health check before we give up. */
const READY_TIMEOUT_MS = 60_000;

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
const log = (line: string) => console.log(`[start] ${line}`);

if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) {
  console.error(`[start] PORT must be a number between 1 and 65535 (got "${process.env.PORT}")`);
  process.exit(2);
}

// Fail early and clearly if the port is taken, rather than after migrating and building.
const portFree = await new Promise<boolean>((resolve) => {
  const probe = net.createServer();
  probe.once('error', () => resolve(false));
  probe.listen(PORT, HOST, () => probe.close(() => resolve(true)));
});
if (!portFree) {
  console.error(`[start] Port ${PORT} is already in use. Stop what is using it, or choose another with PORT=...`);
  process.exit(1);
}

let database: ResolvedDatabase;
try {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    database = { url, description: describeUrl(url), embedded: false, release: async () => {} };
  } else {
    database = await serveEmbeddedDatabase();
  }
} catch (err) {
  console.error(
    `[start] ${err instanceof EmbeddedBusyError ? err.message : `cannot open the database: ${(err as Error).message}`}`,
  );
  process.exit(1);
}
log(`Database: ${database.description}`);

let agent: SpawnedAgent | null = null;
// The demo's local agent: on for the embedded database, off for a team's
// PostgreSQL (hosts are registered by admins); LOCAL_AGENT=1|0 overrides.
const wantLocalAgent = process.env.LOCAL_AGENT ? process.env.LOCAL_AGENT === '1' : database.embedded;
const secret = authSecret(DATA_DIR);

let worker: QueueWorker | null = null;
let workerDb: PrismaClient | null = null;
// Check runs are jobs on the database's queue (docs/decisions/029). This
// process runs a worker beside `next start`, so the web process only enqueues;
// PMKB_WORKER=0 leaves the jobs to `npm run worker` processes elsewhere.
const wantWorker = process.env.PMKB_WORKER !== '0';

async function shutdown(code: number) {
  // Lets running checks be stored first; a second signal exits at once (their leases close them).
  await worker?.stop().catch(() => {});
  await workerDb?.$disconnect().catch(() => {});
  await agent?.stop().catch(() => {});
  await database.release().catch(() => {});
  process.exit(code);
}

/** Migrations, demo content, check catalog and first admin: what must not run twice at once. */
async function prepareDatabase() {
  const applied = await applyMigrations(database.url);
  log(applied.length ? `Applied ${applied.length} migration(s)` : 'Migrations: up to date');

  const prisma = scriptClient(database.url);
  try {
    const [incidents, runbooks] = await Promise.all([prisma.incident.count(), prisma.runbook.count()]);
    if (incidents + runbooks === 0) {
      const report = await syncContent(prisma, path.join(ROOT, 'content'));
      log(`Loaded demo content: ${report.created.length} documents`);
      for (const err of report.errors) console.error(`[start]   ${err.message}`);
    } else {
      // Checks are not edited in the app: content/checks stays their source of truth.
      // Synonyms load only into a table no admin has edited (lib/synonyms/sync.ts).
      // The factor taxonomy too: its file is the list's source (lib/factors/sync.ts).
      const catalog = await syncContent(prisma, path.join(ROOT, 'content'), ['factor-categories', 'checks', 'synonyms']);
      const changed = [...catalog.created, ...catalog.updated].filter(
        (f) => f !== SYNONYMS_FILE && f !== FACTOR_CATEGORIES_FILE,
      ).length;
      if (changed) log(`Check catalog: ${changed} check(s) added or updated`);
      if (catalog.created.includes(SYNONYMS_FILE)) log('Loaded the default search synonyms');
      for (const err of catalog.errors) console.error(`[start]   ${err.message}`);
    }
    // Runbooks written before their plain text was stored, or changed by plain SQL (search snippets).
    const plain = await fillRunbookBodyText(prisma);
    if (plain) log(`Search snippets: plain text made for ${plain} runbook(s)`);
    const admin = await ensureFirstAdmin(prisma);
    if (admin?.generatedPassword) {
      // Printed this once only; it is not stored anywhere in clear.
      log(`Created the first admin account: ${admin.email} with one-time password ${admin.generatedPassword}`);
      log(
        'Sign in at /sign-in: you will be asked to choose your own password first. Set ADMIN_EMAIL / ADMIN_PASSWORD to choose them instead.',
      );
    } else if (admin) {
      log(`Created the first admin account: ${admin.email} (password from ADMIN_PASSWORD)`);
    }
  } finally {
    await prisma.$disconnect();
  }
}

try {
  // Several instances on one PostgreSQL may start together: one prepares the
  // database while the others wait, then find it ready. The embedded database
  // has one server by construction (.data/owner.json).
  if (database.embedded) await prepareDatabase();
  else
    await withStartupLock(database.url, prepareDatabase, () =>
      log('Another instance is preparing the database; waiting for it...'),
    );

  if (buildIfNeeded(log)) log(`Build finished (${elapsed()})`);

  if (wantLocalAgent) {
    const agentDb = scriptClient(database.url);
    try {
      agent = await startLocalAgent({
        db: agentDb,
        dataDir: DATA_DIR,
        contentDir: path.join(ROOT, 'content'),
        authSecret: secret.secret,
      });
      log(
        `Local agent: host "localhost" at ${agent.url} (the catalog's read-only checks; config in ${path.relative(ROOT, DATA_DIR)}/agent.json)`,
      );
    } catch (err) {
      // Reading still works without it; only launching checks on localhost does not.
      console.error(`[start] The local agent did not start, so checks cannot run on localhost: ${(err as Error).message}`);
    } finally {
      await agentDb.$disconnect();
    }
  }
} catch (err) {
  console.error(`[start] ${(err as Error).message}`);
  await shutdown(1);
}

if (wantWorker) {
  // The worker calls the agents and opens host secrets here, in this process, as the server would.
  process.env.BETTER_AUTH_SECRET = secret.secret;
  process.env.PMKB_EMBEDDED_DB = database.embedded ? '1' : '0';
  process.env.AGENT_ALLOW_LOOPBACK ??= agent ? 'true' : 'false';
  workerDb = poolClient(database.url);
  try {
    worker = await startWorker({ connectionString: database.url, db: workerDb, probeHosts: true });
    log(`Check worker: running up to ${workerConcurrency()} checks at once (PMKB_WORKER=0 to leave them to npm run worker)`);
  } catch (err) {
    // Pages still work; launched checks wait for a worker (and are closed with a reason if none comes).
    console.error(`[start] The check worker did not start, so launched checks will not run here: ${(err as Error).message}`);
  }
} else {
  log('Check worker: off (PMKB_WORKER=0); launched checks run only where `npm run worker` runs');
}

if (secret.source === 'generated')
  log(
    `Generated a session signing secret in ${path.relative(ROOT, DATA_DIR)}/auth-secret (set BETTER_AUTH_SECRET in production)`,
  );
const embeddedFlag = database.embedded ? '1' : '0';
log(
  anonymousReadEnabled({ ...process.env, PMKB_EMBEDDED_DB: embeddedFlag })
    ? 'Anonymous reading is ON: anyone who can reach this server can read incidents and runbooks (ANONYMOUS_READ=false to turn it off)'
    : 'Anonymous reading is OFF: visitors must sign in to read (ANONYMOUS_READ=true to turn it on)',
);

const args = [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(PORT)];
if (HOST) args.push('-H', HOST);
const child = spawn(process.execPath, args, {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    PMKB_EMBEDDED_DB: embeddedFlag,
    NEXT_TELEMETRY_DISABLED: '1',
    BETTER_AUTH_SECRET: secret.secret,
    BETTER_AUTH_URL: process.env.BETTER_AUTH_URL ?? publicUrl,
    // The demo's local agent listens on 127.0.0.1; without it loopback agents are refused.
    AGENT_ALLOW_LOOPBACK: process.env.AGENT_ALLOW_LOOPBACK ?? (agent ? 'true' : 'false'),
  },
});
// Keep Next's own output, minus its banner lines that repeat what we print.
child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(chunk));

let signalled = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (signalled) process.exit(1); // a second Ctrl-C: stop now; leases close any run left open
    signalled = true;
    child.kill(signal);
  });
}
child.on('exit', async (code) => {
  log('Server stopped.');
  await shutdown(code ?? 0);
});

const pollHost = wildcardHost ? '127.0.0.1' : bracketed(HOST);
const deadline = Date.now() + READY_TIMEOUT_MS;
while (Date.now() < deadline && child.exitCode === null) {
  const ok = await fetch(`http://${pollHost}:${PORT}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) {
    log(
      `Ready in ${elapsed()}: serving on ${publicUrl} (database: ${database.embedded ? 'embedded PGlite' : 'external PostgreSQL'})`,
    );
    break;
  }
  await new Promise((r) => setTimeout(r, 250));
}
