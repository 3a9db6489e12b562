// Vitest global setup for *.int.test.ts: one clean database for the run.
import type { TestProject } from 'vitest/node';
import { openTestDatabase, resetDatabase } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await openTestDatabase();
  await resetDatabase(database.url);
  console.log(
    `integration tests: ${database.kind === 'postgres' ? 'PostgreSQL from TEST_DATABASE_URL' : 'embedded PGlite (in memory)'}`,
  );
  project.provide('databaseUrl', database.url);
  // The app's pool settings for the embedded database (lib/db-pool.ts), as under `npm start`;
  // the test workers start after this and inherit it.
  if (database.kind === 'embedded') process.env.PMKB_EMBEDDED_DB = '1';
  return () => database.stop();
}
