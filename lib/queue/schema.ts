// Installs or upgrades graphile-worker's own schema (`graphile_worker`) on the
// database. applyMigrations (scripts/lib/schema-engine.ts) calls it after
// Prisma's migrations, so `npm start`, `npm run db:migrate` and the tests all
// get the queue with the tables. graphile-worker keeps its own migration
// history in that schema, apart from Prisma's (docs/decisions/029).
import { runMigrations } from 'graphile-worker';
import { queueLogger } from './logger';

/** Where graphile-worker's tables and functions live (its default). */
export const QUEUE_SCHEMA = 'graphile_worker';

export async function installQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, schema: QUEUE_SCHEMA, logger: queueLogger(), maxPoolSize: 1 });
}
