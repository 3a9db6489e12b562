// The host registry in the JSON API v1 against a real PostgreSQL: admins only,
// one host or an array (all or none), secrets sealed and never answered,
// partial changes, and hosts with runs kept.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { openSecret } from '@/lib/hosts/secret-box';
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

const hosts = await import('@/app/api/v1/hosts/route');
const host = await import('@/app/api/v1/hosts/[id]/route');

const RUN = `apihost${Math.random().toString(36).slice(2, 8)}`;
const SECRET = 'agent-secret-'.padEnd(40, 'x');
const prisma = scriptClient(url);
const tokens = { operator: '', admin: '' };
const userIds: string[] = [];

const newHost = (n: string) => ({ name: `${RUN}-${n}`, role: 'director', agentUrl: 'http://127.0.0.1:7070/', secret: SECRET });
const post = (body: unknown, token = tokens.admin) => callRoute(hosts.POST, '/api/v1/hosts', { method: 'POST', token, body });
const patch = (id: string, body: unknown, token = tokens.admin) =>
  callRoute(host.PATCH, `/api/v1/hosts/${id}`, { method: 'PATCH', token, body });
const remove = (id: string, token = tokens.admin) => callRoute(host.DELETE, `/api/v1/hosts/${id}`, { method: 'DELETE', token });

beforeAll(async () => {
  await applyMigrations(url);
  for (const role of ['operator', 'admin'] as const) {
    const { user, token } = await makeUserWithToken(prisma, {
      email: `${RUN}-${role}@example.com`,
      name: `${RUN} ${role}`,
      role,
    });
    tokens[role] = token;
    userIds.push(user.id);
  }
});

afterAll(async () => {
  await prisma.checkRun.deleteMany({ where: { host: { name: { startsWith: RUN } } } });
  await prisma.check.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.host.deleteMany({ where: { name: { startsWith: RUN } } });
  await prisma.user.deleteMany({ where: { id: { in: userIds } } });
  await prisma.$disconnect();
});

describe('hosts', () => {
  it('are for admins only', async () => {
    expect((await callRoute(hosts.GET, '/api/v1/hosts', { token: tokens.operator })).status).toBe(403);
    expect((await post(newHost('op'), tokens.operator)).status).toBe(403);
    expect((await patch('abc', { disabled: true }, tokens.operator)).status).toBe(403);
    expect((await remove('abc', tokens.operator)).status).toBe(403);
  });

  it('registers one host, seals its secret and never answers it', async () => {
    const res = await post(newHost('one'));
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.any(String),
      name: `${RUN}-one`,
      role: 'director',
      agentUrl: 'http://127.0.0.1:7070',
      disabled: false,
    });
    const stored = await prisma.host.findUniqueOrThrow({ where: { name: `${RUN}-one` } });
    expect(stored.secretSealed).not.toContain(SECRET);
    expect(openSecret(stored.secretSealed)).toBe(SECRET);
    const listed = await callRoute(hosts.GET, '/api/v1/hosts', { token: tokens.admin });
    expect(JSON.stringify(listed.json)).not.toContain(SECRET);
    expect(listed.json?.items).toContainEqual(expect.objectContaining({ name: `${RUN}-one`, runCount: 0 }));
    const audited = await prisma.auditEvent.findFirst({ where: { action: 'host.create', targetId: stored.id } });
    expect(JSON.stringify(audited?.details)).not.toContain(SECRET);
  });

  it('registers an array all or none', async () => {
    const both = await post([newHost('a'), newHost('b')]);
    expect(both.status).toBe(201);
    expect((both.json?.items as { name: string }[]).map((h) => h.name)).toEqual([`${RUN}-a`, `${RUN}-b`]);
    const clash = await post([newHost('c'), newHost('a')]);
    expect(clash.status).toBe(409);
    expect(await prisma.host.count({ where: { name: `${RUN}-c` } })).toBe(0);
  });

  it.each([
    ['a name twice', [newHost('d'), newHost('d')], 'body'],
    ['an empty array', [], 'body'],
    ['a bad agent URL', { ...newHost('e'), agentUrl: 'ftp://x' }, 'body.agentUrl'],
    ['a metadata address', { ...newHost('f'), agentUrl: 'http://169.254.169.254' }, 'body.agentUrl'],
    ['a short secret', { ...newHost('g'), secret: 'short' }, 'body.secret'],
    ['an unknown field', { ...newHost('h'), admin: true }, 'body'],
  ])('refuses %s with 400', async (_name, body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.json?.issues).toContainEqual({ path: expect.stringMatching(new RegExp(`^${path}`)), message: expect.any(String) });
  });

  it('changes only the fields sent, and audits it', async () => {
    const { id } = await prisma.host.findUniqueOrThrow({ where: { name: `${RUN}-a` } });
    const res = await patch(id, { role: 'gateway', disabled: true });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, name: `${RUN}-a`, role: 'gateway', agentUrl: 'http://127.0.0.1:7070', disabled: true });
    const actions = (await prisma.auditEvent.findMany({ where: { targetId: id } })).map((e) => e.action).sort();
    expect(actions).toEqual(['host.create', 'host.disable', 'host.update']);
    expect((await patch(id, {})).status).toBe(400);
    expect((await patch('nosuchhost', { disabled: false })).status).toBe(404);
    expect((await patch('not-an-id!', { disabled: false })).status).toBe(400);
  });

  it('deletes a host without runs, and keeps one with runs (409)', async () => {
    const kept = await prisma.host.findUniqueOrThrow({ where: { name: `${RUN}-b` } });
    const check = await prisma.check.create({ data: { slug: `${RUN}-echo`, title: 'Echo', argv: ['echo'] } });
    await prisma.checkRun.create({ data: { checkId: check.id, hostId: kept.id, argv: ['echo'], params: {} } });
    expect((await remove(kept.id)).status).toBe(409);
    const gone = await prisma.host.findUniqueOrThrow({ where: { name: `${RUN}-one` } });
    expect((await remove(gone.id)).status).toBe(204);
    expect((await remove(gone.id)).status).toBe(404);
  });

  it('answers 429 with Retry-After past the per-user write limit', async () => {
    const { user, token } = await makeUserWithToken(prisma, { email: `${RUN}-busy@example.com`, name: 'Busy', role: 'admin' });
    userIds.push(user.id);
    process.env.API_WRITES_PER_MINUTE = '2';
    try {
      expect((await patch('nosuchhost', { disabled: true }, token)).status).toBe(404);
      expect((await patch('nosuchhost', { disabled: true }, token)).status).toBe(404);
      const limited = await patch('nosuchhost', { disabled: true }, token);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(limited.json).toEqual({ error: expect.stringMatching(/2 writes a minute/) });
      // Reads are not counted.
      expect((await callRoute(hosts.GET, '/api/v1/hosts', { token })).status).toBe(200);
    } finally {
      delete process.env.API_WRITES_PER_MINUTE;
    }
  });
});
