// Four-eyes approval against a real PostgreSQL and a real agent process
// standing in for a host: the requester cannot decide their own request (API
// and server action, audited); a second operator can, and the runs execute;
// expired and rejected requests never run; two approvers racing approve once;
// break glass only with the setting and a reason; and the agent refuses a
// changing action its own config does not allow.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { startAgentProcess, type AgentProcess } from '@/tests/agents/start-agent';
import { callRoute } from '@/tests/api';
import { setAppEnv, setRequestHeaders } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';
import { withQueueWorker } from '@/tests/worker';

const url = inject('databaseUrl');
// Approved runs are jobs on the queue: a worker runs them, as under `npm start`.
withQueueWorker(url);
setAppEnv(url, { ANONYMOUS_READ: 'false' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const launchRoute = await import('@/app/api/v1/check-runs/route');
const listRoute = await import('@/app/api/v1/approvals/route');
const approveRoute = await import('@/app/api/v1/approvals/[id]/approve/route');
const rejectRoute = await import('@/app/api/v1/approvals/[id]/reject/route');
const { approveRequest } = await import('./actions');
const { decideApproval, expireOverdueApprovals } = await import('./decide');

const RUN = `appr${Math.random().toString(36).slice(2, 8)}`;
const SECRET = 'approvals-agent-secret-0123456789abcdef01';
const TOUCH = `${RUN}-touch`;
const REFUSED = `${RUN}-refused`;
const prisma = scriptClient(url);
const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-approvals-'));
let agent: AgentProcess;
let hostId = '';
const users: Record<'requester' | 'second' | 'admin' | 'viewer', { id: string; token: string; name: string }> = {} as never;

/** A marker file per request, so each test can tell whether its action ran. */
const marker = (name: string) => path.join(dir, name);
/** Only files in this test's folder: a parameter fills a whole argument. */
const MARKER_PATTERN = `${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[a-z0-9-]{1,40}`;

beforeAll(async () => {
  await applyMigrations(url);
  for (const [key, role] of [
    ['requester', 'operator'],
    ['second', 'operator'],
    ['admin', 'admin'],
    ['viewer', 'viewer'],
  ] as const) {
    const { user, token } = await makeUserWithToken(prisma, { email: `${RUN}-${key}@example.com`, name: `${RUN} ${key}`, role });
    users[key] = { id: user.id, token, name: user.name };
  }
  agent = await startAgentProcess({
    config: {
      name: `${RUN}-agent`,
      secret: SECRET,
      checks: [
        {
          slug: TOUCH,
          argv: ['touch', '{{file}}'],
          params: [{ name: 'file', pattern: MARKER_PATTERN }],
          timeoutMs: 5000,
          changesHost: true,
        },
        { slug: REFUSED, argv: ['touch', path.join(dir, 'refused')], params: [], timeoutMs: 5000, changesHost: true },
      ],
      // The host's owner allows the touch, not the other one.
      allowChanging: [TOUCH],
    },
  });
  hostId = (
    await prisma.host.create({
      data: { name: `${RUN}-host`, role: `${RUN}-role`, agentUrl: agent.url, secretSealed: sealSecret(SECRET) },
    })
  ).id;
  const changing = { readOnly: false, approvalRequired: true };
  await prisma.check.create({
    data: {
      slug: TOUCH,
      title: 'Touch a marker (test)',
      argv: ['touch', '{{file}}'],
      params: [{ name: 'file', pattern: MARKER_PATTERN }],
      ...changing,
    },
  });
  await prisma.check.create({ data: { slug: REFUSED, title: 'Refused (test)', argv: ['touch', 'refused'], ...changing } });
}, 60_000);

afterAll(async () => {
  delete process.env.APPROVAL_BREAK_GLASS;
  await agent?.close();
  rmSync(dir, { recursive: true, force: true });
  await prisma.approvalRequest.deleteMany({ where: { check: { slug: { startsWith: RUN } } } });
  await prisma.checkRun.deleteMany({ where: { check: { slug: { startsWith: RUN } } } });
  await prisma.check.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.host.deleteMany({ where: { name: { startsWith: RUN } } });
  await prisma.user.deleteMany({ where: { email: { startsWith: RUN } } });
  await prisma.$disconnect();
});

/** Requests the touch of `name` as `who`; returns the approval id and batch id. */
async function request(name: string, who: keyof typeof users = 'requester', check = TOUCH) {
  const res = await callRoute(launchRoute.POST, '/api/v1/check-runs', {
    method: 'POST',
    token: users[who].token,
    body: { check, hostIds: [hostId], params: check === TOUCH ? { file: marker(name) } : {}, reason: `test ${name}` },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  return res.json as { approvalId: string; batchId: string; runs: { status: string }[] };
}

const decideVia = (route: typeof approveRoute, id: string, who: keyof typeof users, body: object = {}) =>
  callRoute(route.POST, `/api/v1/approvals/${id}/${route === approveRoute ? 'approve' : 'reject'}`, {
    method: 'POST',
    token: users[who].token,
    body,
  });

const runsOf = (batchId: string) => prisma.checkRun.findMany({ where: { batchId } });

async function settled(batchId: string) {
  for (let i = 0; i < 100; i++) {
    const runs = await runsOf(batchId);
    if (runs.every((r) => !['queued', 'running'].includes(r.status))) return runs;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('runs did not finish');
}

describe('requesting', () => {
  it('needs a reason, and queues nothing runnable: runs wait in awaiting_approval without a lease', async () => {
    const missing = await callRoute(launchRoute.POST, '/api/v1/check-runs', {
      method: 'POST',
      token: users.requester.token,
      body: { check: TOUCH, hostIds: [hostId], params: { file: marker('no-reason') } },
    });
    expect(missing.status).toBe(400);
    const req = await request('waits');
    expect(req.runs.map((r) => r.status)).toEqual(['awaiting_approval']);
    const runs = await runsOf(req.batchId);
    expect(runs.map((r) => [r.status, r.leaseOwner])).toEqual([['awaiting_approval', null]]);
    const stored = await prisma.approvalRequest.findUniqueOrThrow({ where: { id: req.approvalId } });
    expect(stored).toMatchObject({
      status: 'pending',
      argv: ['touch', marker('waits')],
      params: { file: marker('waits') },
      reason: 'test waits',
    });
    expect(stored.hosts).toEqual([{ id: hostId, name: `${RUN}-host` }]);
    // About 30 minutes by default.
    const minutes = (stored.expiresAt.getTime() - stored.createdAt.getTime()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThan(31);
    expect(existsSync(marker('waits'))).toBe(false);

    const list = await callRoute(listRoute.GET, '/api/v1/approvals?status=pending', { token: users.second.token });
    expect(list.status).toBe(200);
    expect((list.json!.items as { id: string }[]).some((a) => a.id === req.approvalId)).toBe(true);
    expect((await callRoute(listRoute.GET, '/api/v1/approvals', { token: users.viewer.token })).status).toBe(403);
  });
});

describe('the four-eyes rule', () => {
  it('refuses the requester (403 via the API, refused via the action, both audited); a second operator approves and it runs', async () => {
    const req = await request('four-eyes');
    const own = await decideVia(approveRoute, req.approvalId, 'requester');
    expect(own.status).toBe(403);
    expect((await decideVia(rejectRoute, req.approvalId, 'requester')).status).toBe(403);

    setRequestHeaders({ authorization: `Bearer ${users.requester.token}`, 'x-request-id': `${RUN}-action` });
    const fd = new FormData();
    fd.set('id', req.approvalId);
    expect(await approveRequest(null, fd)).toMatchObject({ ok: false, status: 403 });

    const denied = await prisma.auditEvent.findMany({
      where: { targetId: req.approvalId, outcome: 'denied', actorId: users.requester.id },
    });
    expect(denied.length).toBe(3);
    expect((await runsOf(req.batchId))[0]!.status).toBe('awaiting_approval');

    const ok = await decideVia(approveRoute, req.approvalId, 'second', { reason: 'looks right' });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({ status: 'approved', batchId: req.batchId, breakGlass: false });
    const [run] = await settled(req.batchId);
    expect(run!.status).toBe('passed');
    expect(existsSync(marker('four-eyes'))).toBe(true);

    // The audit trail names both people.
    const trail = await prisma.auditEvent.findMany({
      where: { targetId: req.approvalId, outcome: 'success' },
      include: { actor: { select: { name: true } } },
      orderBy: { at: 'asc' },
    });
    expect(trail.map((e) => [e.action, e.actor?.name])).toEqual([
      ['approval.request', users.requester.name],
      ['approval.approve', users.second.name],
    ]);
    const stored = await prisma.approvalRequest.findUniqueOrThrow({ where: { id: req.approvalId } });
    expect(stored).toMatchObject({ status: 'approved', decidedById: users.second.id, decisionReason: 'looks right' });

    // Decided once: a second decision changes nothing.
    expect((await decideVia(rejectRoute, req.approvalId, 'admin')).status).toBe(409);
  });

  it('never runs an expired request: approving it is refused and its runs are cancelled', async () => {
    const req = await request('expired');
    await prisma.$executeRaw`UPDATE approval_requests SET expires_at = now() - interval '1 second' WHERE id = ${req.approvalId}`;
    const late = await decideVia(approveRoute, req.approvalId, 'second');
    expect(late.status).toBe(409);
    const runs = await runsOf(req.batchId);
    expect(runs.map((r) => r.status)).toEqual(['cancelled']);
    expect(runs[0]!.message).toMatch(/expired/);
    expect((await prisma.approvalRequest.findUniqueOrThrow({ where: { id: req.approvalId } })).status).toBe('expired');
    expect(existsSync(marker('expired'))).toBe(false);
  });

  it('lapses undecided requests in the sweep', async () => {
    const req = await request('lapsed');
    await prisma.$executeRaw`UPDATE approval_requests SET expires_at = now() - interval '1 second' WHERE id = ${req.approvalId}`;
    expect(await expireOverdueApprovals(prisma)).toBeGreaterThanOrEqual(1);
    expect((await runsOf(req.batchId)).map((r) => r.status)).toEqual(['cancelled']);
    expect((await decideVia(approveRoute, req.approvalId, 'second')).status).toBe(409);
    expect(existsSync(marker('lapsed'))).toBe(false);
  });

  it('never runs a rejected request', async () => {
    const req = await request('rejected');
    const res = await decideVia(rejectRoute, req.approvalId, 'second', { reason: 'wrong host' });
    expect(res.status).toBe(200);
    expect((await runsOf(req.batchId)).map((r) => [r.status, r.message])).toEqual([
      ['rejected', expect.stringMatching(/rejected/)],
    ]);
    expect((await decideVia(approveRoute, req.approvalId, 'admin')).status).toBe(409);
    expect(existsSync(marker('rejected'))).toBe(false);
  });

  it('lets exactly one of two racing approvers approve', async () => {
    const req = await request('race');
    const decide = (who: 'second' | 'admin') =>
      decideApproval(prisma, {
        id: req.approvalId,
        decision: 'approve',
        actor: { id: users[who].id, role: who === 'admin' ? 'admin' : 'operator' },
        breakGlassAllowed: false,
      });
    const results = await Promise.all([decide('second'), decide('admin')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ status: 409 });
    // The worker runs the winner's jobs; the loser queued none.
    await settled(req.batchId);
    expect((await runsOf(req.batchId)).map((r) => r.status)).toEqual(['passed']);
    expect(
      await prisma.auditEvent.count({ where: { targetId: req.approvalId, action: 'approval.approve', outcome: 'success' } }),
    ).toBe(1);
  });
});

describe('break glass', () => {
  it('lets an admin approve their own request only with the setting and a reason, flagged in the audit trail', async () => {
    const req = await request('glass', 'admin');
    delete process.env.APPROVAL_BREAK_GLASS;
    expect((await decideVia(approveRoute, req.approvalId, 'admin', { reason: 'outage' })).status).toBe(403);
    process.env.APPROVAL_BREAK_GLASS = 'true';
    try {
      expect((await decideVia(approveRoute, req.approvalId, 'admin')).status).toBe(403);
      const ok = await decideVia(approveRoute, req.approvalId, 'admin', { reason: 'outage, nobody else awake' });
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ breakGlass: true });
      const event = await prisma.auditEvent.findFirstOrThrow({
        where: { targetId: req.approvalId, action: 'approval.approve', outcome: 'success' },
      });
      expect(event.details).toMatchObject({ breakGlass: true, reason: 'outage, nobody else awake' });
      expect((await settled(req.batchId))[0]!.status).toBe('passed');

      // An operator (not admin) still cannot approve their own, setting or not.
      const op = await request('glass-op');
      expect((await decideVia(approveRoute, op.approvalId, 'requester', { reason: 'please' })).status).toBe(403);
    } finally {
      delete process.env.APPROVAL_BREAK_GLASS;
    }
  });
});

describe('the agent', () => {
  it('refuses an approved changing action that its own config does not allow', async () => {
    const req = await request('refused', 'requester', REFUSED);
    expect((await decideVia(approveRoute, req.approvalId, 'second')).status).toBe(200);
    const [run] = await settled(req.batchId);
    expect(run!.status).toBe('error');
    expect(run!.message).toMatch(/allowChanging/);
    expect(existsSync(marker('refused'))).toBe(false);
  });
});
