// The database tests run against: TEST_DATABASE_URL (a real PostgreSQL that the
// tests may wipe), or else a throwaway in-memory embedded one.
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../scripts/lib/embedded-postgres';

export interface TestDatabase {
  url: string;
  kind: 'postgres' | 'embedded';
  stop(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { url, kind: 'postgres', stop: async () => {} };
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: 'memory://' });
  return { url: embedded.url, kind: 'embedded', stop: () => embedded.stop() };
}

/** Drops everything in the public schema and the job queue: every test run starts from nothing. */
export async function resetDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('DROP SCHEMA IF EXISTS graphile_worker CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}
