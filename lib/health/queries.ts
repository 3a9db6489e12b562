import 'server-only';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { db } from '@/lib/db';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  database: { reachable: boolean; mode: 'embedded' | 'external'; latencyMs: number | null };
  migrations: { applied: number; pending: string[]; failed: string[] } | null;
  checkedAt: string;
}

async function migrationFolders(): Promise<string[]> {
  // Read at run time from where the server was started; the comment keeps
  // Turbopack from tracing process.cwd() (the whole project) into the build.
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), 'prisma', 'migrations');
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Database reachability and migration state, without any detail an attacker could use. */
export async function checkHealth(): Promise<Health> {
  const mode = process.env.PMKB_EMBEDDED_DB === '1' ? 'embedded' : 'external';
  const checkedAt = new Date().toISOString();
  const started = performance.now();
  try {
    const rows = await db.$queryRaw<{ migration_name: string; finished: boolean; rolled_back: boolean }[]>`
      SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
      FROM _prisma_migrations`;
    const latencyMs = Math.round(performance.now() - started);
    const applied = new Set(rows.filter((r) => r.finished && !r.rolled_back).map((r) => r.migration_name));
    const failed = rows.filter((r) => !r.finished && !r.rolled_back).map((r) => r.migration_name);
    const pending = (await migrationFolders()).filter((name) => !applied.has(name));
    return {
      status: pending.length || failed.length ? 'degraded' : 'ok',
      database: { reachable: true, mode, latencyMs },
      migrations: { applied: applied.size, pending, failed },
      checkedAt,
    };
  } catch {
    // Either unreachable or not migrated at all; try the cheapest query to tell which.
    const reachable = await db.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    return {
      status: reachable ? 'degraded' : 'down',
      database: { reachable, mode, latencyMs: reachable ? Math.round(performance.now() - started) : null },
      migrations: reachable ? { applied: 0, pending: await migrationFolders(), failed: [] } : null,
      checkedAt,
    };
  }
}

export interface Readiness {
  ready: boolean;
  database: Health['database'];
  migrations: Health['migrations'];
  checkedAt: string;
}

/** Ready = the database answers and no migration is pending or failed (what /api/health calls "ok"). */
export async function checkReadiness(): Promise<Readiness> {
  const { status, database, migrations, checkedAt } = await checkHealth();
  return { ready: status === 'ok', database, migrations, checkedAt };
}
