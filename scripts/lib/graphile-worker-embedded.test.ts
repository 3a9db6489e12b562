// graphile-worker (the job queue) on the embedded database, as on PostgreSQL:
// its workers share named prepared statements across pooled connections
// (`get_job/graphile_worker` on each) and learn of new jobs by LISTEN on one
// connection while add_job NOTIFYs from another. The poll interval is set far
// beyond the bound, so every job is picked up through a notification or not at
// all. Runs on its own in-memory PGlite (no PostgreSQL needed).
import { EventEmitter } from 'node:events';
import { Logger, run, runMigrations, type Runner, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

/** Starting PGlite and running graphile-worker's migrations take seconds on a busy machine. */
const START_TIMEOUT_MS = 120_000;
const JOBS = 20;
const CONCURRENCY = 4;
/** Generous: on PostgreSQL these jobs complete in milliseconds. */
const ALL_DONE_WITHIN_MS = 10_000;
/** Polling would find the jobs too; set beyond the bound so only a notification can. */
const POLL_INTERVAL_MS = 10 * 60_000;

let server: EmbeddedPostgres;
let pool: pg.Pool;
let runner: Runner | undefined;

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir: 'memory://' });
  pool = new pg.Pool({ connectionString: server.url, max: CONCURRENCY + 2 });
  await runMigrations({ pgPool: pool, logger: quietLogger() });
}, START_TIMEOUT_MS);

afterAll(async () => {
  await runner?.stop();
  await pool?.end();
  await server?.stop();
}, START_TIMEOUT_MS);

/** graphile-worker logs every job at info level; keep the test output to errors. */
const quietLogger = () =>
  new Logger(() => (level, message) => {
    if (level === 'error') console.error(message);
  });

async function until(check: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

it(
  `runs ${JOBS} jobs added from another connection with ${CONCURRENCY} workers, each picked up on its notification`,
  async () => {
    const done = new Set<string>();
    // Add jobs only once every worker has looked for one and found none (and
    // the listening connection is up): otherwise a worker's first look could
    // find them without any notification.
    const events = new EventEmitter() as WorkerEvents;
    let idleWorkers = 0;
    let listening = false;
    events.on('worker:getJob:empty', () => idleWorkers++);
    events.on('worker:getJob:error', () => idleWorkers++);
    events.on('pool:listen:success', () => (listening = true));
    runner = await run({
      events,
      pgPool: pool,
      concurrency: CONCURRENCY,
      noHandleSignals: true,
      pollInterval: POLL_INTERVAL_MS,
      logger: quietLogger(),
      taskList: {
        record_run: async (payload) => {
          done.add((payload as { key: string }).key);
        },
      },
    });
    await until(() => listening && idleWorkers >= CONCURRENCY, ALL_DONE_WITHIN_MS);
    const adder = new pg.Client({ connectionString: server.url });
    await adder.connect();
    try {
      for (let i = 0; i < JOBS; i++) {
        await adder.query("SELECT graphile_worker.add_job('record_run', json_build_object('key', $1::text))", [`job-${i}`]);
      }
    } finally {
      await adder.end();
    }
    await until(() => done.size === JOBS, ALL_DONE_WITHIN_MS);
    expect(done.size).toBe(JOBS);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM graphile_worker.jobs');
    expect(rows[0]!.n).toBe(0);
  },
  ALL_DONE_WITHIN_MS + 30_000,
);
