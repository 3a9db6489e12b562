// `npm run db:seed`: syncs content/ into the database (idempotent, by slug).
import path from 'node:path';
import { syncContent } from '../lib/content/sync';
import { runWithDatabase } from './lib/database';
import { scriptClient } from './lib/prisma';
import { ROOT } from './lib/schema-engine';

await runWithDatabase('db:seed', async ({ url }) => {
  const prisma = scriptClient(url);
  try {
    const report = await syncContent(prisma, path.join(ROOT, 'content'));
    console.log(
      `db:seed: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.errors.length} failed`,
    );
    for (const err of report.errors) console.error(`  content/${err.message}`);
    if (report.errors.length) process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
});
