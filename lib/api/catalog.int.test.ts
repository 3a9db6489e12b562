// Runbooks, checks and check runs in the JSON API v1 against a real
// PostgreSQL: roles, validation, sanitized HTML, launching by host or role,
// and a run's link to a draft incident kept from readers below author.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { callRoute } from '@/tests/api';
import { setAppEnv } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';
import { withQueueWorker } from '@/tests/worker';

const url = inject('databaseUrl');
// Launches are jobs on the queue: a worker runs them, as under `npm start`.
withQueueWorker(url);
setAppEnv(url, { ANONYMOUS_READ: 'false' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const runbooks = await import('@/app/api/v1/runbooks/route');
const runbook = await import('@/app/api/v1/runbooks/[slug]/route');
const checks = await import('@/app/api/v1/checks/route');
const launch = await import('@/app/api/v1/check-runs/route');
const batch = await import('@/app/api/v1/check-runs/[batchId]/route');

const RUN = `apicat${Math.random().toString(36).slice(2, 8)}`;
const CHECK = `${RUN}-echo`;
const WRITER = `${RUN}-writer`;
const HOST_ROLE = `${RUN}-director`;
const prisma = scriptClient(url);
const tokens = { viewer: '', author: '', operator: '' };
const userIds: string[] = [];
const hostIds: string[] = [];
let draftSlug = '';

beforeAll(async () => {
  await applyMigrations(url);
  for (const role of ['viewer', 'author', 'operator'] as const) {
    const { user, token } = await makeUserWithToken(prisma, {
      email: `${RUN}-${role}@example.com`,
      name: `${RUN} ${role}`,
      role,
    });
    tokens[role] = token;
    userIds.push(user.id);
  }
  await prisma.runbook.create({
    data: {
      slug: `${RUN}-arp`,
      title: 'Checking ARP on the directors',
      summary: 'ip neigh on each director.',
      body: '# ARP\n\nRun `ip neigh`.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n',
    },
  });
  await prisma.check.create({ data: { slug: CHECK, title: 'Echo', argv: ['echo', 'hi'], targetRole: HOST_ROLE } });
  await prisma.check.create({ data: { slug: WRITER, title: 'Writes', argv: ['touch', '/tmp/x'], readOnly: false } });
  // Closed ports: launches are accepted and each run ends in error at once.
  for (const n of [1, 2]) {
    const host = await prisma.host.create({
      data: { name: `${RUN}-lb${n}`, role: HOST_ROLE, agentUrl: 'http://127.0.0.1:9', secretSealed: sealSecret('s'.repeat(32)) },
    });
    hostIds.push(host.id);
  }
  draftSlug = `${RUN}-draft`;
  await prisma.incident.create({
    data: {
      slug: draftSlug,
      title: 'Secret draft',
      summary: '',
      severity: 'SEV3',
      status: 'investigating',
      draft: true,
      startedAt: new Date('2024-01-01T00:00:00Z'),
    },
  });
});

/** Runs execute after the 202; wait for them to finish before their rows go. */
async function settled() {
  for (let i = 0; i < 100; i++) {
    if (!(await prisma.checkRun.count({ where: { check: { slug: CHECK }, status: { in: ['queued', 'running'] } } }))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  await settled();
  await prisma.checkRun.deleteMany({ where: { check: { slug: { startsWith: RUN } } } });
  await prisma.host.deleteMany({ where: { name: { startsWith: RUN } } });
  await prisma.check.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.runbook.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.incident.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.user.deleteMany({ where: { id: { in: userIds } } });
  await prisma.$disconnect();
});

describe('runbooks', () => {
  it('lists runbooks with their page url, for signed-in readers only', async () => {
    expect((await callRoute(runbooks.GET, '/api/v1/runbooks')).status).toBe(401);
    const res = await callRoute(runbooks.GET, '/api/v1/runbooks', { token: tokens.viewer });
    expect(res.status).toBe(200);
    expect(res.json?.items).toContainEqual(
      expect.objectContaining({ slug: `${RUN}-arp`, title: 'Checking ARP on the directors', url: `/runbooks/${RUN}-arp` }),
    );
  });

  it('answers one runbook as markdown and sanitized HTML', async () => {
    const res = await callRoute(runbook.GET, `/api/v1/runbooks/${RUN}-arp`, { token: tokens.viewer });
    expect(res.status).toBe(200);
    expect(res.json?.markdown).toContain('<script>alert(1)</script>');
    const html = res.json?.html as string;
    expect(html).toContain('<code>ip neigh</code>');
    expect(html).not.toMatch(/<script|javascript:/i);
  });

  it('answers 404 for an unknown runbook and 400 for a bad slug', async () => {
    expect((await callRoute(runbook.GET, `/api/v1/runbooks/${RUN}-none`, { token: tokens.viewer })).status).toBe(404);
    expect((await callRoute(runbook.GET, '/api/v1/runbooks/NOPE', { token: tokens.viewer })).status).toBe(400);
  });
});

describe('checks', () => {
  it('lists the catalog by slug, without row ids', async () => {
    const res = await callRoute(checks.GET, '/api/v1/checks', { token: tokens.viewer });
    expect(res.status).toBe(200);
    const echo = (res.json?.items as Record<string, unknown>[]).find((c) => c.slug === CHECK);
    expect(echo).toMatchObject({ title: 'Echo', argv: ['echo', 'hi'], readOnly: true, targetRole: HOST_ROLE });
    expect(echo).not.toHaveProperty('id');
  });
});

describe('check runs', () => {
  const post = (body: unknown, token = tokens.operator) =>
    callRoute(launch.POST, '/api/v1/check-runs', { method: 'POST', token, body });

  it('refuses readers and authors', async () => {
    expect((await post({ check: CHECK, hostIds }, tokens.viewer)).status).toBe(403);
    expect((await post({ check: CHECK, hostIds }, tokens.author)).status).toBe(403);
  });

  it('launches on the given hosts with 202, then answers the runs of the launch', async () => {
    const res = await post({ check: CHECK, hostIds, params: {} });
    expect(res.status).toBe(202);
    expect(res.json?.runs).toEqual(hostIds.map((hostId) => ({ id: expect.any(String), hostId, status: 'queued' })));
    const batchId = res.json?.batchId as string;
    await settled();
    const runs = await callRoute(batch.GET, `/api/v1/check-runs/${batchId}`, { token: tokens.viewer });
    expect(runs.status).toBe(200);
    expect((runs.json?.runs as { hostId: string; status: string }[]).map((r) => [r.hostId, r.status])).toEqual(
      hostIds.map((id) => [id, 'error']),
    );
    const audited = await prisma.auditEvent.findFirst({ where: { action: 'check.launch', outcome: 'success', targetId: CHECK } });
    expect(audited?.details).toMatchObject({ batchId });
  });

  it('launches on every enabled host of a role', async () => {
    const res = await post({ check: CHECK, role: HOST_ROLE });
    expect(res.status).toBe(202);
    expect((res.json?.runs as { hostId: string }[]).map((r) => r.hostId).sort()).toEqual([...hostIds].sort());
  });

  it('keeps the draft incident of a run from viewers', async () => {
    const res = await post({ check: CHECK, hostIds: [hostIds[0]], incidentSlug: draftSlug });
    expect(res.status).toBe(202);
    const path = `/api/v1/check-runs/${res.json?.batchId as string}`;
    const asViewer = await callRoute(batch.GET, path, { token: tokens.viewer });
    expect(asViewer.json?.runs).toEqual([expect.objectContaining({ incidentSlug: null, forDraftIncident: true })]);
    expect(JSON.stringify(asViewer.json)).not.toContain(draftSlug);
    const asAuthor = await callRoute(batch.GET, path, { token: tokens.author });
    expect(asAuthor.json?.runs).toEqual([expect.objectContaining({ incidentSlug: draftSlug })]);
  });

  it.each([
    ['neither hosts nor role', { check: CHECK }, 'body.hostIds'],
    ['both hosts and role', { check: CHECK, hostIds: ['abc'], role: HOST_ROLE }, 'body.hostIds'],
    ['a role no host has', { check: CHECK, role: `${RUN}-nobody` }, 'body.role'],
    ['an unknown host', { check: CHECK, hostIds: ['nosuchhost'] }, 'body.hostIds'],
    ['a host twice', { check: CHECK, hostIds: ['abc', 'abc'] }, 'body.hostIds'],
    ['an unknown check', { check: `${RUN}-nope`, role: HOST_ROLE }, 'body.check'],
    ['an unknown incident', { check: CHECK, role: HOST_ROLE, incidentSlug: `${RUN}-none` }, 'body.incidentSlug'],
    ['an unknown field', { check: CHECK, role: HOST_ROLE, sudo: true }, 'body'],
  ])('answers 400 for %s', async (_name, body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.json?.issues).toContainEqual({ path: expect.stringMatching(new RegExp(`^${path}`)), message: expect.any(String) });
  });

  it('refuses a check that changes the host', async () => {
    const res = await post({ check: WRITER, hostIds: [hostIds[0]] });
    expect(res.status).toBe(400);
    expect(res.json?.error).toMatch(/read-only/);
  });

  it('answers 404 for an unknown launch and 400 for one that is not an id', async () => {
    const unknown = await callRoute(batch.GET, '/api/v1/check-runs/00000000-0000-4000-8000-000000000000', {
      token: tokens.viewer,
    });
    expect(unknown.status).toBe(404);
    expect((await callRoute(batch.GET, '/api/v1/check-runs/nope', { token: tokens.viewer })).status).toBe(400);
  });
});
