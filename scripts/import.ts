// `npm run import -- <file-or-dir>`                 project markdown (+ YAML frontmatter)
// `npm run import -- --format link-list <file>`     public postmortem link lists
// Idempotent: documents are upserted by slug and unchanged ones are skipped.
import { parseArgs } from 'node:util';
import { recordAudit } from '../lib/audit/record';
import { importLinkList, importMarkdown } from '../lib/import/load';
import { runWithDatabase } from './lib/database';
import { scriptClient } from './lib/prisma';

const USAGE = 'usage: npm run import -- [--format markdown|link-list] <file-or-dir>';

const { values, positionals } = parseArgs({
  options: { format: { type: 'string', default: 'markdown' } },
  allowPositionals: true,
});
const format = values.format;
if (positionals.length !== 1 || (format !== 'markdown' && format !== 'link-list')) {
  console.error(USAGE);
  process.exit(2);
}
const target = positionals[0]!;

await runWithDatabase('import', async ({ url }) => {
  const prisma = scriptClient(url);
  try {
    const report = format === 'link-list' ? await importLinkList(prisma, target) : await importMarkdown(prisma, target);
    console.log(
      `import: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.errors.length} skipped`,
    );
    for (const err of report.errors) console.error(`  ${typeof err === 'string' ? err : err.message}`);
    // Every import is a write and goes to the audit trail; the CLI acts as no user.
    for (const outcome of ['created', 'updated'] as const) {
      for (const file of report[outcome]) {
        await recordAudit(prisma, {
          action: 'content.import',
          targetType: 'file',
          outcome: 'success',
          details: { file, result: outcome, via: 'cli', format },
        });
      }
    }
    if (report.errors.length) process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
});
