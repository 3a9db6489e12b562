// `npm run worker`: a queue worker on its own, against DATABASE_URL, for
// teams that scale out (several machines, or more check throughput than the
// worker inside `npm start` gives). It runs check jobs and sweeps expired runs;
// it serves no pages. WORKER_CONCURRENCY, AGENT_CONCURRENCY and
// LAUNCH_CONCURRENCY bound its work (lib/queue/limits.ts).
import { startWorker } from '../lib/queue/worker';
import { authSecret } from './lib/auth-secret';
import { DATA_DIR } from './lib/database';
import { poolClient } from './lib/prisma';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('[worker] DATABASE_URL is not set: point it at the PostgreSQL that `npm start` uses.');
  process.exit(2);
}

// Host secrets are sealed with the app's key: the same BETTER_AUTH_SECRET (or HOST_SECRET_KEY) as the app.
process.env.BETTER_AUTH_SECRET = authSecret(DATA_DIR).secret;
const db = poolClient(url);
const worker = await startWorker({ connectionString: url, db, probeHosts: true }).catch((err: Error) => {
  console.error(`[worker] cannot start: ${err.message}. Has the database been migrated (npm run db:migrate)?`);
  process.exit(1);
});
console.log('[worker] running check jobs; Ctrl-C to stop after the running checks are stored');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait; leases close the runs
    stopping = true;
    await worker.stop();
    await db.$disconnect();
    process.exit(0);
  });
}
