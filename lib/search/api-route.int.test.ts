// GET /api/search as the route handler answers it (decision 030): the JSON
// shape, the Server-Timing stages sent only with PMKB_SERVER_TIMING=on, and the
// vocabulary kept between searches until an incident is written (decision 040).
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { notifyChange } from '@/lib/cache/notify';
import { parseServerTiming } from '@/lib/metrics/stage-timer';
import { scriptClient } from '@/scripts/lib/prisma';
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
const { cacheListening, stopCacheListener } = await import('@/lib/cache/tagged');
const prisma = scriptClient(url);

afterAll(async () => {
  delete process.env.PMKB_SERVER_TIMING;
  await stopCacheListener();
  await prisma.$disconnect();
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

describe('the vocabulary kept between searches', () => {
  // Letters only, so the vocabulary treats it as a plain word (lib/search/engine.ts).
  const word = `quokka${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
  const slug = `vocab-cache-${word}`;

  afterAll(() => prisma.incident.deleteMany({ where: { slug } }));

  it('forgets a word it did not know once an incident holding it is written', async () => {
    await cacheListening();
    const before = await (await get(word)).json();
    expect(before).toMatchObject({ total: 0, unmatched: [word] });
    await prisma.$transaction(async (tx) => {
      await tx.incident.create({
        data: {
          slug,
          title: `Edge cache ${word} evicted everything`,
          summary: 'The cache lost its entries.',
          severity: 'SEV3',
          status: 'resolved',
          startedAt: new Date(Date.UTC(2024, 4, 2)),
          symptoms: { create: [{ position: 0, text: `${word} hit ratio fell to zero` }] },
        },
      });
      // What every write path does (lib/cache/notify.ts).
      await notifyChange(tx, ['incidents']);
    });
    const after = await (await get(word)).json();
    expect(after.unmatched).toEqual([]);
    expect(after.results.map((r: { slug: string }) => r.slug)).toEqual([slug]);
  });
});
