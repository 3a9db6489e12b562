// GET /api/search as the route handler answers it (decision 030): the JSON
// shape, and the Server-Timing stages sent only with PMKB_SERVER_TIMING=on.
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { parseServerTiming } from '@/lib/metrics/stage-timer';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setAppEnv, setRequestHeaders } from '@/tests/request-scope';

const url = inject('databaseUrl');
setAppEnv(url, { ANONYMOUS_READ: 'true' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

await applyMigrations(url);
const { NextRequest } = await import('next/server');
const { GET } = await import('@/app/api/search/route');
const { stopCacheListener } = await import('@/lib/cache/tagged');

afterAll(async () => {
  delete process.env.PMKB_SERVER_TIMING;
  await stopCacheListener();
});

const get = (q: string) => {
  setRequestHeaders();
  return GET(new NextRequest(`http://localhost/api/search?${new URLSearchParams({ q })}`));
};

describe('GET /api/search', () => {
  it('answers JSON without Server-Timing by default', async () => {
    delete process.env.PMKB_SERVER_TIMING;
    const res = await get('gateway failed');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('server-timing')).toBeNull();
    expect(await res.json()).toMatchObject({ query: 'gateway failed', results: expect.any(Array) });
  });

  it('times its stages in Server-Timing with PMKB_SERVER_TIMING=on', async () => {
    process.env.PMKB_SERVER_TIMING = 'on';
    const res = await get('gateway failed');
    expect(res.status).toBe(200);
    const stages = parseServerTiming(res.headers.get('server-timing'));
    expect([...stages.keys()]).toEqual(['auth', 'thesaurus', 'search', 'shape', 'json']);
    for (const ms of stages.values()) expect(ms).toBeGreaterThanOrEqual(0);
  });
});
