// `npm run hosts -- import [--format yaml|csv] [--dry-run] <file>`
// Registers or updates hosts from an inventory file (lib/hosts/inventory.ts), in
// one transaction, through the database like `npm run import`. Secrets are
// references (env:NAME, file:/path) read from this process's environment and
// files; the report names fields, never a secret.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { recordAudit } from '../lib/audit/record';
import { importInventory, type ImportReport } from '../lib/hosts/import';
import { formatOf, INVENTORY_MAX_BYTES } from '../lib/hosts/inventory';
import { cliSecretPolicy } from '../lib/hosts/secret-ref';
import { DATA_DIR, runWithDatabase } from './lib/database';
import { scriptClient } from './lib/prisma';

const USAGE = 'usage: npm run hosts -- import [--format yaml|csv] [--dry-run] <inventory-file>';

const { values, positionals } = parseArgs({
  options: { format: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  allowPositionals: true,
});
const [command, file] = positionals;
const format = values.format ?? (file ? formatOf(file) : undefined);
if (command !== 'import' || !file || positionals.length !== 2 || (format !== 'yaml' && format !== 'csv')) {
  console.error(USAGE);
  process.exit(2);
}

// Sealing needs the app's key. Beside `npm start` on the embedded database, that is
// the session secret it generated in the data folder.
const generated = path.join(DATA_DIR, 'auth-secret');
if (!process.env.HOST_SECRET_KEY && !process.env.BETTER_AUTH_SECRET && existsSync(generated)) {
  process.env.BETTER_AUTH_SECRET = readFileSync(generated, 'utf8').trim();
}

let text: string;
try {
  if (statSync(file).size > INVENTORY_MAX_BYTES) {
    console.error(`hosts: ${file} is larger than ${INVENTORY_MAX_BYTES / 1_000_000} MB; split it.`);
    process.exit(1);
  }
  text = readFileSync(file, 'utf8');
} catch (err) {
  console.error(`hosts: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  process.exit(1);
}

function print(report: ImportReport, dryRun: boolean): void {
  if (report.error) {
    console.error(`hosts: ${report.error}`);
    return;
  }
  for (const row of report.rows) {
    if (row.outcome === 'error')
      for (const e of row.errors) console.error(`  line ${row.line}${row.name ? ` (${row.name})` : ''}: ${e}`);
    else if (row.outcome === 'updated')
      console.log(`  line ${row.line}: ${row.name} ${dryRun ? 'would change' : 'changed'}: ${row.changes.join(', ')}`);
  }
  const { created, updated, unchanged, errors } = report.counts;
  const verb = report.applied ? '' : dryRun && !errors ? ' (dry run: nothing written)' : ' (nothing written)';
  console.log(`hosts import: ${created} created, ${updated} updated, ${unchanged} unchanged, ${errors} error(s)${verb}`);
}

await runWithDatabase('hosts', async ({ url }) => {
  const prisma = scriptClient(url);
  try {
    const dryRun = values['dry-run'] ?? false;
    const report = await importInventory(prisma, text, format, { policy: cliSecretPolicy(), apply: !dryRun });
    print(report, dryRun);
    if (!dryRun) {
      const { created, updated, unchanged, errors } = report.counts;
      // The CLI acts as no user; the audit says so with `via`.
      await recordAudit(prisma, {
        action: 'host.import',
        targetType: 'host',
        outcome: report.applied ? 'success' : 'failure',
        details: {
          via: 'cli',
          file: path.basename(file).slice(0, 200),
          format,
          rows: report.rows.length,
          created,
          updated,
          unchanged,
          errors,
          ...(report.error ? { reason: report.error } : {}),
        },
      });
    }
    if (report.error || report.counts.errors) process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
});
