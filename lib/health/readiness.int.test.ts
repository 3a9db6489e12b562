// Liveness and readiness against the real database: ready only when every
// migration folder is applied; liveness never asks the database.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';

const url = inject('databaseUrl');
process.env.DATABASE_URL = url;
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const ready = await import('@/app/api/health/ready/route');
const live = await import('@/app/api/health/live/route');
const health = await import('@/app/api/health/route');
const prisma = scriptClient(url);

beforeAll(() => applyMigrations(url));
afterAll(() => prisma.$disconnect());

describe('health routes', () => {
  it('ready: 200 when the database answers and every migration is applied', async () => {
    const res = await ready.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ready: true,
      database: { reachable: true },
      migrations: { pending: [], failed: [] },
    });
    // The combined route keeps answering as before (npm start and .ci/run poll it).
    expect((await health.GET()).status).toBe(200);
  });

  it('ready: 503 while a migration is pending, and ready again once it is applied', async () => {
    const [latest] = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    // Marking the newest migration rolled back makes it pending, as after a deploy that skipped `db:migrate`.
    await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${latest!.migration_name}`;
    try {
      const res = await ready.GET();
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ready: false, migrations: { pending: [latest!.migration_name] } });
    } finally {
      await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${latest!.migration_name}`;
    }
    expect((await ready.GET()).status).toBe(200);
  });

  it('live: 200, and the route cannot reach the database at all', async () => {
    const res = await live.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    // Liveness must not fail when the database does: it imports nothing that queries.
    expect(readFileSync('app/api/health/live/route.ts', 'utf8')).not.toMatch(/@\/lib\//);
  });
});
