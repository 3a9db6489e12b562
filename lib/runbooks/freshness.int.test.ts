// Runbook freshness against a real PostgreSQL: the stale filter of /runbooks
// and "Mark reviewed" (authors, version-checked, audited).
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setAppEnv, setRequestHeaders } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';

const url = inject('databaseUrl');
setAppEnv(url, { ANONYMOUS_READ: 'false' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const { markReviewed } = await import('./actions');
const { parseRunbook } = await import('@/lib/content/parse');
const { syncRunbook } = await import('@/lib/content/sync');
const { listStaleRunbooks } = await import('./queries');

const RUN = `fresh${Math.random().toString(36).slice(2, 8)}`;
const prisma = scriptClient(url);
const tokens = { author: '', viewer: '' };
let authorId = '';
const ids: Record<'stale' | 'fresh' | 'open', string> = { stale: '', fresh: '', open: '' };
const daysAgo = (n: number) =>
  new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - n));

const as = (who: keyof typeof tokens) =>
  setRequestHeaders({ authorization: `Bearer ${tokens[who]}`, 'x-request-id': `${RUN}-${who}` });
const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

beforeAll(async () => {
  await applyMigrations(url);
  for (const role of ['author', 'viewer'] as const) {
    const { user, token } = await makeUserWithToken(prisma, {
      email: `${RUN}-${role}@example.com`,
      name: `${RUN} ${role}`,
      role,
    });
    tokens[role] = token;
    if (role === 'author') authorId = user.id;
  }
  const make = async (key: keyof typeof ids, reviewedAt: Date | null, reviewEveryDays: number | null) => {
    ids[key] = (
      await prisma.runbook.create({
        data: { slug: `${RUN}-${key}`, title: `${RUN} ${key}`, body: '# Steps\n\nDo it.\n', reviewedAt, reviewEveryDays },
      })
    ).id;
  };
  await make('stale', daysAgo(102), 90);
  await make('fresh', daysAgo(10), 90);
  await make('open', daysAgo(4000), null);
});

afterAll(async () => {
  await prisma.runbook.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.user.deleteMany({ where: { email: { startsWith: RUN } } });
  await prisma.$disconnect();
});

const staleSlugs = async () => (await listStaleRunbooks()).map((r) => r.slug).filter((s) => s.startsWith(RUN));

describe('runbook freshness', () => {
  it('filters to runbooks whose review is overdue', async () => {
    expect(await staleSlugs()).toEqual([`${RUN}-stale`]);
  });

  it('marks a runbook reviewed (author), audited, version-checked, and it is no longer stale', async () => {
    as('viewer');
    expect(await markReviewed(null, form({ runbookId: ids.stale, version: '1' }))).toMatchObject({ ok: false, status: 403 });

    as('author');
    const ok = await markReviewed(null, form({ runbookId: ids.stale, version: '1' }));
    expect(ok).toMatchObject({ ok: true, slug: `${RUN}-stale`, version: 2 });
    const row = await prisma.runbook.findUniqueOrThrow({ where: { id: ids.stale } });
    expect(row.reviewedById).toBe(authorId);
    expect(row.reviewedAt?.toISOString().slice(0, 10)).toBe(daysAgo(0).toISOString().slice(0, 10));
    expect(await staleSlugs()).toEqual([]);

    // From a page read before that review: refused, nothing changes.
    const stale = await markReviewed(null, form({ runbookId: ids.stale, version: '1' }));
    expect(stale).toMatchObject({ ok: false, error: expect.stringMatching(/changed since you opened it/) });
    expect((await prisma.runbook.findUniqueOrThrow({ where: { id: ids.stale } })).version).toBe(2);

    const events = await prisma.auditEvent.findMany({
      where: { action: 'runbook.review', targetId: ids.stale },
      orderBy: { at: 'asc' },
    });
    expect(events.map((e) => [e.outcome, e.actorId])).toEqual([
      ['success', authorId],
      ['failure', authorId],
    ]);
  });

  it('keeps an app review newer than the content file when the file is synced again, and takes a newer file date', async () => {
    const file = (updatedAt: string, body: string) =>
      parseRunbook(
        `${RUN}-stale.md`,
        `---\nslug: ${RUN}-stale\ntitle: ${RUN} stale\nreviewEvery: 90d\nupdatedAt: "${updatedAt}"\n---\n# Steps\n\n${body}\n`,
      );
    await prisma.$transaction((tx) => syncRunbook(tx, 'x.md', file('2020-01-01', 'Do it again, with more words.')));
    let row = await prisma.runbook.findUniqueOrThrow({ where: { id: ids.stale } });
    expect(row.reviewedById).toBe(authorId);
    expect(row.reviewedAt?.toISOString().slice(0, 10)).toBe(daysAgo(0).toISOString().slice(0, 10));
    expect(row.reviewEveryDays).toBe(90);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await prisma.$transaction((tx) => syncRunbook(tx, 'x.md', file(tomorrow, 'Do it a third way, with other words.')));
    row = await prisma.runbook.findUniqueOrThrow({ where: { id: ids.stale } });
    expect(row.reviewedById).toBeNull();
    expect(row.reviewedAt?.toISOString().slice(0, 10)).toBe(tomorrow);
  });
});
