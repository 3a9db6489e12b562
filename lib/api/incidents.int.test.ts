// The incident routes of the JSON API v1 against a real PostgreSQL: roles,
// validation, 404/409/412/428, drafts private, keyset paging, and writes that
// append a revision and an audit event like the form's.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { callRoute } from '@/tests/api';
import { setAppEnv } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';

const url = inject('databaseUrl');
setAppEnv(url, { ANONYMOUS_READ: 'false' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const list = await import('@/app/api/v1/incidents/route');
const one = await import('@/app/api/v1/incidents/[slug]/route');

const RUN = `apiinc${Math.random().toString(36).slice(2, 8)}`;
const SERVICE = `${RUN}-svc`;
const prisma = scriptClient(url);
const tokens = { viewer: '', author: '' };
const userIds: string[] = [];

const doc = (slug: string, over: Record<string, unknown> = {}) => ({
  slug,
  title: 'Gateway shows FAILED in ip neigh',
  summary: 'The default gateway stopped answering ARP.',
  severity: 'SEV2',
  status: 'investigating',
  timezone: 'UTC',
  startedAt: '2024-03-01T10:00:00Z',
  services: [SERVICE],
  symptoms: ['193.70.55.1 dev eth1 FAILED'],
  timeline: [{ at: '2024-03-01T10:02:00Z', kind: 'detection', text: 'Alert fired.' }],
  narrative: '## What happened\n\nThe gateway went away.',
  ...over,
});

const create = (body: unknown, token = tokens.author) =>
  callRoute(list.POST, '/api/v1/incidents', { method: 'POST', token, body });
const slugs = (json: Record<string, unknown> | null) => (json?.items as { slug: string }[]).map((i) => i.slug);

beforeAll(async () => {
  await applyMigrations(url);
  for (const role of ['viewer', 'author'] as const) {
    const { user, token } = await makeUserWithToken(prisma, {
      email: `${RUN}-${role}@example.com`,
      name: `${RUN} ${role}`,
      role,
    });
    tokens[role] = token;
    userIds.push(user.id);
  }
  // Three published incidents a minute apart and one draft, all on this run's service.
  for (const [i, minute] of [10, 20, 30].entries()) {
    expect((await create(doc(`${RUN}-pub-${i}`, { startedAt: `2024-03-01T10:${minute}:00Z` }))).status).toBe(201);
  }
  expect((await create(doc(`${RUN}-draft`, { draft: true, title: 'Secret draft' }))).status).toBe(201);
});

afterAll(async () => {
  await prisma.incident.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.service.deleteMany({ where: { name: { startsWith: RUN } } });
  await prisma.user.deleteMany({ where: { id: { in: userIds } } });
  await prisma.$disconnect();
});

describe('GET /api/v1/incidents', () => {
  it('refuses anonymous callers when anonymous reading is off', async () => {
    const res = await callRoute(list.GET, '/api/v1/incidents');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: expect.any(String) });
  });

  it('pages newest first with an opaque cursor until nextCursor is null', async () => {
    const first = await callRoute(list.GET, `/api/v1/incidents?service=${SERVICE}&limit=2`, { token: tokens.viewer });
    expect(first.status).toBe(200);
    expect(slugs(first.json)).toEqual([`${RUN}-pub-2`, `${RUN}-pub-1`]);
    expect(first.json?.items).toContainEqual({
      slug: `${RUN}-pub-2`,
      title: 'Gateway shows FAILED in ip neigh',
      severity: 'SEV2',
      status: 'investigating',
      draft: false,
      startedAt: '2024-03-01T10:30:00.000Z',
      url: `/incidents/${RUN}-pub-2`,
      version: 1,
    });
    const cursor = first.json?.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await callRoute(list.GET, `/api/v1/incidents?service=${SERVICE}&limit=2&cursor=${cursor}`, {
      token: tokens.viewer,
    });
    expect(slugs(second.json)).toEqual([`${RUN}-pub-0`]);
    expect(second.json?.nextCursor).toBeNull();
  });

  it('keeps drafts from viewers, also when they ask for draft=true', async () => {
    const all = await callRoute(list.GET, `/api/v1/incidents?service=${SERVICE}`, { token: tokens.viewer });
    expect(slugs(all.json)).not.toContain(`${RUN}-draft`);
    const drafts = await callRoute(list.GET, `/api/v1/incidents?service=${SERVICE}&draft=true`, { token: tokens.viewer });
    expect(drafts.status).toBe(200);
    expect(drafts.json?.items).toEqual([]);
    const q = await callRoute(list.GET, `/api/v1/incidents?q=secret`, { token: tokens.viewer });
    expect(slugs(q.json)).not.toContain(`${RUN}-draft`);
  });

  it('lists drafts for authors', async () => {
    const drafts = await callRoute(list.GET, `/api/v1/incidents?service=${SERVICE}&draft=true`, { token: tokens.author });
    expect(slugs(drafts.json)).toEqual([`${RUN}-draft`]);
  });

  it('filters by words, severity and tag', async () => {
    const words = await callRoute(list.GET, `/api/v1/incidents?service=${SERVICE}&q=gateway+FAILED`, { token: tokens.viewer });
    expect(slugs(words.json)).toHaveLength(3);
    const sev = await callRoute(list.GET, `/api/v1/incidents?service=${SERVICE}&severity=SEV1`, { token: tokens.viewer });
    expect(sev.json?.items).toEqual([]);
    const tag = await callRoute(list.GET, `/api/v1/incidents?service=${SERVICE}&tag=${RUN}-none`, { token: tokens.viewer });
    expect(tag.json?.items).toEqual([]);
  });

  it.each([
    ['limit=0', 'query.limit'],
    ['limit=101', 'query.limit'],
    ['limit=ten', 'query.limit'],
    ['severity=SEV9', 'query.severity'],
    ['status=closed', 'query.status'],
    ['q=', 'query.q'],
    ['q=a%00b', 'query.q'],
    ['colour=red', 'query.colour'],
    ['cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
  ])('answers 400 with issues for %s', async (search, path) => {
    const res = await callRoute(list.GET, `/api/v1/incidents?${search}`, { token: tokens.viewer });
    expect(res.status).toBe(400);
    expect(res.json?.issues).toContainEqual({ path: expect.stringMatching(new RegExp(`^${path}`)), message: expect.any(String) });
  });
});

describe('GET /api/v1/incidents/{slug}', () => {
  it('answers the document with narrative, version, url and an ETag', async () => {
    const res = await callRoute(one.GET, `/api/v1/incidents/${RUN}-pub-0`, { token: tokens.viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.json).toMatchObject({
      slug: `${RUN}-pub-0`,
      title: 'Gateway shows FAILED in ip neigh',
      severity: 'SEV2',
      status: 'investigating',
      startedAt: '2024-03-01T10:10:00+00:00',
      timezone: 'UTC',
      services: [SERVICE],
      symptoms: ['193.70.55.1 dev eth1 FAILED'],
      timeline: [{ at: '2024-03-01T10:02:00+00:00', kind: 'detection', text: 'Alert fired.' }],
      narrative: '## What happened\n\nThe gateway went away.',
      version: 1,
      url: `/incidents/${RUN}-pub-0`,
    });
  });

  it('answers 304 when If-None-Match names the version', async () => {
    const res = await callRoute(one.GET, `/api/v1/incidents/${RUN}-pub-0`, {
      token: tokens.viewer,
      headers: { 'if-none-match': '"1"' },
    });
    expect(res.status).toBe(304);
  });

  it('answers 404 for a draft below author, and the draft to an author', async () => {
    const hidden = await callRoute(one.GET, `/api/v1/incidents/${RUN}-draft`, { token: tokens.viewer });
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.json)).not.toContain('Secret');
    const shown = await callRoute(one.GET, `/api/v1/incidents/${RUN}-draft`, { token: tokens.author });
    expect(shown.json).toMatchObject({ draft: true, status: 'investigating', title: 'Secret draft' });
  });

  it('answers 404 for an unknown slug and 400 for one that cannot be a slug', async () => {
    expect((await callRoute(one.GET, `/api/v1/incidents/${RUN}-nothing`, { token: tokens.viewer })).status).toBe(404);
    const bad = await callRoute(one.GET, '/api/v1/incidents/Not%20A%20Slug', { token: tokens.viewer });
    expect(bad.status).toBe(400);
    expect(bad.json?.issues).toContainEqual({ path: 'path.slug', message: expect.any(String) });
  });
});

describe('POST /api/v1/incidents', () => {
  it('refuses viewers with 403 and audits the refusal', async () => {
    const res = await create(doc(`${RUN}-by-viewer`), tokens.viewer);
    expect(res.status).toBe(403);
    const refused = await prisma.auditEvent.findFirst({
      where: { action: 'incident.create', outcome: 'denied', actorId: userIds[0] },
    });
    expect(refused).not.toBeNull();
  });

  it('files through the form write path: 201, a revision and an audit event via api', async () => {
    const slug = `${RUN}-new`;
    const res = await create(doc(slug));
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ slug, version: 1, url: `/incidents/${slug}` });
    const incident = await prisma.incident.findUniqueOrThrow({ where: { slug }, include: { revisions: true } });
    expect(incident.revisions.map((r) => r.version)).toEqual([1]);
    expect(incident.rendered).toBeTruthy();
    const events = await prisma.auditEvent.findMany({ where: { targetId: incident.id, outcome: 'success' } });
    // As the form: a new incident filed published is also a publish.
    expect(events.map((e) => e.action).sort()).toEqual(['incident.create', 'incident.publish']);
    expect(events.find((e) => e.action === 'incident.create')?.details).toMatchObject({ via: 'api', slug });
  });

  it('answers 409 for a slug that exists, a draft included', async () => {
    expect((await create(doc(`${RUN}-pub-0`))).status).toBe(409);
    expect((await create(doc(`${RUN}-draft`))).status).toBe(409);
  });

  it('answers 400 with issues by field', async () => {
    const res = await create(doc(`${RUN}-bad`, { title: '', severity: 'SEV9', timeline: [], extra: 1 }));
    expect(res.status).toBe(400);
    const paths = (res.json?.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.severity']));
  });

  it('refuses a check the catalog does not have, by field', async () => {
    const res = await create(doc(`${RUN}-nocheck`, { resolutionSteps: [{ text: 'Look.', check: `${RUN}-no-check` }] }));
    expect(res.status).toBe(400);
    expect(res.json?.issues).toContainEqual({ path: 'resolutionSteps.0.check', message: expect.stringMatching(/No check/) });
  });

  it('answers 400 for a body that is not JSON, and 413 past the size limit', async () => {
    const notJson = await callRoute(list.POST, '/api/v1/incidents', { method: 'POST', token: tokens.author, body: '{"slug":' });
    expect(notJson.status).toBe(400);
    const wrongType = await callRoute(list.POST, '/api/v1/incidents', {
      method: 'POST',
      token: tokens.author,
      body: 'slug=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(400);
    const huge = await create(doc(`${RUN}-huge`, { narrative: 'x'.repeat(3_100_000) }));
    expect(huge.status).toBe(413);
    expect(huge.json).toEqual({ error: expect.stringMatching(/larger than/) });
  });
});

describe('PUT /api/v1/incidents/{slug}', () => {
  const put = (slug: string, body: unknown, headers: Record<string, string> = {}, token = tokens.author) =>
    callRoute(one.PUT, `/api/v1/incidents/${slug}`, { method: 'PUT', token, body, headers });

  it('answers 428 without If-Match', async () => {
    const res = await put(`${RUN}-pub-1`, doc(`${RUN}-pub-1`));
    expect(res.status).toBe(428);
  });

  it('saves with the current version, then refuses the stale one with 412 and the current version', async () => {
    const slug = `${RUN}-pub-1`;
    const saved = await put(slug, doc(slug, { title: 'Gateway FAILED, edited' }), { 'if-match': '"1"' });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ slug, version: 2, url: `/incidents/${slug}` });
    expect(saved.headers.get('etag')).toBe('"2"');
    const stale = await put(slug, doc(slug, { title: 'Lost update' }), { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.json).toMatchObject({ error: expect.any(String), version: 2 });
    const stored = await prisma.incident.findUniqueOrThrow({ where: { slug }, include: { revisions: true } });
    expect(stored.title).toBe('Gateway FAILED, edited');
    expect(stored.revisions.map((r) => r.version).sort()).toEqual([1, 2]);
  });

  it('takes back what GET answered, with the ETag as If-Match', async () => {
    const slug = `${RUN}-pub-2`;
    const read = await callRoute(one.GET, `/api/v1/incidents/${slug}`, { token: tokens.author });
    const edited = { ...read.json, summary: 'Edited after a read.' };
    const res = await put(slug, edited, { 'if-match': read.headers.get('etag')! });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ slug, version: 2 });
    const again = await callRoute(one.GET, `/api/v1/incidents/${slug}`, { token: tokens.author });
    expect(again.json).toMatchObject({ ...read.json, summary: 'Edited after a read.', version: 2 });
  });

  it('audits publishing a draft', async () => {
    const slug = `${RUN}-draft`;
    const res = await put(slug, doc(slug), { 'if-match': '1' });
    expect(res.status).toBe(200);
    const incident = await prisma.incident.findUniqueOrThrow({ where: { slug } });
    const actions = (await prisma.auditEvent.findMany({ where: { targetId: incident.id, outcome: 'success' } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['incident.edit', 'incident.publish']));
  });

  it('answers 404 for an unknown slug, 400 for a changed slug or If-Match *, 403 for a viewer', async () => {
    expect((await put(`${RUN}-none`, doc(`${RUN}-none`), { 'if-match': '"1"' })).status).toBe(404);
    expect((await put(`${RUN}-pub-0`, doc(`${RUN}-other`), { 'if-match': '"1"' })).status).toBe(400);
    expect((await put(`${RUN}-pub-0`, doc(`${RUN}-pub-0`), { 'if-match': '*' })).status).toBe(400);
    expect((await put(`${RUN}-pub-0`, doc(`${RUN}-pub-0`), { 'if-match': '"1"' }, tokens.viewer)).status).toBe(403);
  });
});

describe('unexpected errors', () => {
  it('answer a generic JSON sentence with the request id, never the stack', async () => {
    const { apiRoute } = await import('./route');
    const { operation } = await import('./operation');
    const boom = (method: 'GET' | 'POST') =>
      apiRoute(
        operation({
          id: 'test.boom',
          method,
          path: '/api/v1/boom',
          tag: 'Test',
          summary: 'Throws',
          access: 'viewer',
          responses: {},
        }),
        async () => {
          throw new Error('secret internals at /work/lib/x.ts:1');
        },
      );
    const read = await callRoute(boom('GET'), '/api/v1/boom', { token: tokens.viewer });
    expect(read.status).toBe(503);
    expect(read.json).toEqual({ error: 'Unavailable, try again shortly. (request id api-test)' });
    const write = await callRoute(boom('POST'), '/api/v1/boom', { method: 'POST', token: tokens.viewer });
    expect(write.status).toBe(500);
    expect(JSON.stringify(write.json)).not.toMatch(/secret internals|\.ts:/);
  });
});

describe('with the session cookie', () => {
  it('reads, and writes only with an Origin of this site', async () => {
    const { makeUserWithPassword } = await import('@/tests/users');
    const { getAuth } = await import('@/lib/auth/auth');
    const email = `${RUN}-cookie@example.com`;
    const password = 'a-long-and-unusual-passphrase-42';
    const user = await makeUserWithPassword(prisma, { email, name: 'Cookie author', role: 'author' }, password);
    userIds.push(user.id);
    const signedIn = await getAuth().api.signInEmail({
      body: { email, password },
      headers: new Headers({ 'x-pmkb-forwarded-for': 'none', 'x-forwarded-for': '127.0.9.1' }),
      asResponse: true,
    });
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).toMatch(/pmkb\.session_token=/);
    const headers = { cookie, host: 'localhost:3000' };

    const read = await callRoute(list.GET, `/api/v1/incidents?service=${SERVICE}&limit=1`, { headers });
    expect(read.status).toBe(200);
    const body = doc(`${RUN}-by-cookie`);
    const noOrigin = await callRoute(list.POST, '/api/v1/incidents', { method: 'POST', headers, body });
    expect(noOrigin.status).toBe(403);
    const foreign = await callRoute(list.POST, '/api/v1/incidents', {
      method: 'POST',
      headers: { ...headers, origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    expect(await prisma.incident.count({ where: { slug: `${RUN}-by-cookie` } })).toBe(0);
    const own = await callRoute(list.POST, '/api/v1/incidents', {
      method: 'POST',
      headers: { ...headers, origin: 'http://localhost:3000' },
      body,
    });
    expect(own.status).toBe(201);
  });
});

// Attack (issue 10): the holder of a token that was revoked, has expired, or
// whose owner was disabled or given a one-time password. Guarded by
// lib/tokens/queries.ts findTokenOwner and lib/auth/session.ts authorize.
describe('tokens that no longer open the API', () => {
  const cases = [
    ['revoked', { revokedAt: new Date() }, {}, 401],
    ['expired', { expiresAt: new Date(Date.now() - 1000) }, {}, 401],
    ['of a disabled user', {}, { disabled: true }, 401],
    ['of a user with a one-time password', {}, { mustChangePassword: true }, 403],
  ] as const;

  it.each(cases)('a token %s reads nothing and writes nothing', async (label, token, user, status) => {
    const made = await makeUserWithToken(prisma, {
      email: `${RUN}-stale-${label.replace(/\W+/g, '-')}@example.com`,
      name: `${RUN} stale`,
      role: 'author',
    });
    userIds.push(made.user.id);
    await prisma.apiToken.updateMany({ where: { userId: made.user.id }, data: token });
    await prisma.user.update({ where: { id: made.user.id }, data: user });
    expect((await callRoute(list.GET, '/api/v1/incidents', { token: made.token })).status).toBe(status);
    expect((await callRoute(one.GET, `/api/v1/incidents/${RUN}-draft`, { token: made.token })).status).toBe(status);
    expect((await create(doc(`${RUN}-stale-${status}-${label.length}`), made.token)).status).toBe(status);
    expect(await prisma.incident.count({ where: { slug: `${RUN}-stale-${status}-${label.length}` } })).toBe(0);
  });
});
