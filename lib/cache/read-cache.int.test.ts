// The read cache against a real database (docs/decisions/018): what one
// viewer's request puts in the cache never reaches another viewer with less
// access, a save is seen by the next read, a cached view runs no SQL, and (on
// PostgreSQL) a write's NOTIFY reaches a second cache instance on the same database.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { emptyIncidentForm, type IncidentForm } from '@/lib/incidents/form';
import { generateToken } from '@/lib/tokens/token';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { CacheListener } from './listener';
import { TaggedStore } from './store';

const url = inject('databaseUrl');
process.env.DATABASE_URL = url;
process.env.ANONYMOUS_READ = 'true';
process.env.BETTER_AUTH_SECRET = 'read-cache-test-secret-0123456789abcdefgh';
process.env.BETTER_AUTH_URL = 'http://localhost:3000';

let requestHeaders = new Headers();
vi.mock('next/headers', () => ({
  headers: async () => requestHeaders,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} }));
vi.mock('next/server', async (original) => ({ ...(await original<object>()), connection: async () => {} }));

const { saveIncident } = await import('@/lib/incidents/actions');
const { getIncidentBySlug, listIncidents } = await import('@/lib/incidents/queries');
const { relatedToIncident } = await import('@/lib/search/queries');
const { parseIncidentListParams } = await import('@/lib/incidents/schema');
const { listRuns } = await import('@/lib/checks/queries');
const { cacheListening, stopCacheListener } = await import('./tagged');

const RUN = `rc${Math.random().toString(36).slice(2, 8)}`;
const prisma = scriptClient(url);
const userIds: string[] = [];
let authorToken = '';

/** SQL statements sent by this process while `fn` runs (every pg client: the app's pool included). */
async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const original = pg.Client.prototype.query;
  let queries = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    queries++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { result: await fn(), queries };
  } finally {
    pg.Client.prototype.query = original;
  }
}

const form = (slug: string, over: Partial<IncidentForm>): IncidentForm => ({
  ...emptyIncidentForm(),
  draft: false,
  slug,
  title: 'Replica lag after a vacuum storm',
  summary: 'Autovacuum on every large table at once starved the replicas.',
  timezone: 'UTC',
  startedAt: '2024-03-01 08:00',
  services: [{ key: 'a', value: `${RUN}-db` }],
  symptoms: [{ key: 's', value: 'replica lag above five minutes on every replica' }],
  timeline: [{ key: 'e', at: '2024-03-01 08:05', kind: 'detection', text: 'Lag alert.' }],
  ...over,
});

async function save(f: IncidentForm, ids: { incidentId?: string; version?: number } = {}) {
  requestHeaders = new Headers({ authorization: `Bearer ${authorToken}` });
  const data = new FormData();
  data.set('form', JSON.stringify(f));
  data.set('incidentId', ids.incidentId ?? '');
  data.set('version', ids.version === undefined ? '' : String(ids.version));
  const result = await saveIncident(null, data);
  if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result)}`);
  return result;
}

beforeAll(async () => {
  await applyMigrations(url);
  const user = await prisma.user.create({ data: { email: `${RUN}-author@example.com`, name: 'Cache author', role: 'author' } });
  userIds.push(user.id);
  const { token, hash, prefix } = generateToken();
  await prisma.apiToken.create({ data: { userId: user.id, name: RUN, prefix, tokenHash: hash } });
  authorToken = token;
  await cacheListening();
});

afterAll(async () => {
  await prisma.incident.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.user.deleteMany({ where: { id: { in: userIds } } });
  await prisma.$disconnect();
  await stopCacheListener();
});

describe('read cache', () => {
  it('never gives a reader the draft an author request cached', async () => {
    const slug = `${RUN}-draft`;
    await save(form(slug, { draft: true, status: 'investigating', title: `Secret draft ${RUN}` }));
    // The author's page view caches the draft under "drafts visible"...
    expect((await getIncidentBySlug(slug, true))?.title).toBe(`Secret draft ${RUN}`);
    expect((await getIncidentBySlug(slug, true))?.title).toBe(`Secret draft ${RUN}`);
    // ...and a reader's view of the same slug does not find it.
    expect(await getIncidentBySlug(slug, false)).toBeNull();
    const list = await listIncidents(parseIncidentListParams({ service: `${RUN}-db` }));
    expect(list.rows.map((r) => r.slug)).not.toContain(slug);
  });

  it('serves a repeated view from the cache, and the view after a save shows the new version', async () => {
    const slug = `${RUN}-published`;
    const first = await save(form(slug, { title: 'Replica lag, first version' }));
    const cold = await countQueries(() => getIncidentBySlug(slug, false));
    expect(cold.result?.title).toBe('Replica lag, first version');
    const warm = await countQueries(async () => [await getIncidentBySlug(slug, false), await relatedToIncident(cold.result!.id)]);
    // relatedToIncident was not read before: its two statements only, the incident itself from the cache.
    const again = await countQueries(async () => [
      await getIncidentBySlug(slug, false),
      await relatedToIncident(cold.result!.id),
    ]);
    console.log(
      `incident page reads: ${cold.queries} SQL statements cold, ${warm.queries} with only similar-incidents cold, ${again.queries} cached`,
    );
    expect(again.queries).toBe(0);

    await save(form(slug, { title: 'Replica lag, second version' }), { incidentId: cold.result!.id, version: first.version });
    expect((await getIncidentBySlug(slug, false))?.title).toBe('Replica lag, second version');
  });

  it('an incident with no check runs costs its page one SQL statement for runs, not six', async () => {
    const slug = `${RUN}-no-runs`;
    await save(form(slug, { title: 'Replica lag, never checked' }));
    const incident = await getIncidentBySlug(slug, false);
    const runs = await countQueries(() => listRuns({ incidentId: incident!.id }, false));
    expect(runs.result).toEqual({ runs: [], total: 0, pageCount: 1 });
    // The count alone; the run rows (and their four relation lookups) are not read when there are none.
    expect(runs.queries).toBe(1);
  });

  it('a write in one process reaches a second cache instance through NOTIFY', async () => {
    const other = new TaggedStore({ maxEntries: 10, ttlMs: 60_000 });
    const listener = new CacheListener(url, other);
    try {
      await listener.ready();
      await other.get('incident-page', ['incidents'], async () => 'old', { store: listener.live });
      await other.get('catalog', ['checks'], async () => 'catalog', { store: listener.live });
      expect(other.size).toBe(2);
      await save(form(`${RUN}-notify`, { title: 'Seen by every instance' }));
      const deadline = Date.now() + 5_000;
      while (other.size > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await other.get('incident-page', ['incidents'], async () => 'new', { store: true })).toBe('new');
      expect(await other.get('catalog', ['checks'], async () => 'reloaded', { store: true })).toBe('catalog');
    } finally {
      await listener.stop();
    }
  });
});
