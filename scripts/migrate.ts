// `npm run db:migrate`: applies prisma/migrations to the configured database.
import { runWithDatabase } from './lib/database';
import { applyMigrations } from './lib/schema-engine';

await runWithDatabase('db:migrate', async ({ url }) => {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
});
