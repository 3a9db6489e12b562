// The webhook outbox against a real PostgreSQL and graphile-worker, with a
// local receiver: a delivery that fails twice is delivered on the third try
// with a verifiable signature, one that keeps failing lands in the dead-letter
// list and "retry" sends it again, and the intake's events reach the outbox.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { run, runMigrations, type Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { syncContent } from '@/lib/content/sync';
import { sealSecret } from '@/lib/hosts/secret-box';
import { taskList } from '@/lib/queue/tasks';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { callRoute } from '@/tests/api';
import { setAppEnv } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';
import { emitEvent } from './outbox';
import { newWebhookSecret, verifySignature } from './sign';

const url = inject('databaseUrl');
// Three tries: graphile-worker waits exp(1) then exp(2) seconds between them (about 10 s in all).
setAppEnv(url, { ANONYMOUS_READ: 'false', WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_MAX_ATTEMPTS: '3' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUN = `hooks${Math.random().toString(36).slice(2, 8)}`;
const prisma = scriptClient(url);
let runner: Runner;

/** A receiver that answers 500 to its first `failures` requests, then 200; it keeps what it got. */
function receiver(failures: number) {
  const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let answer = (n: number) => (n <= failures ? 500 : 200);
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(answer(got.length)).end(answer(got.length) === 200 ? 'ok' : 'receiver down');
    });
  });
  return {
    got,
    server,
    heal: () => (answer = () => 200),
    async url() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    },
  };
}
const receivers: ReturnType<typeof receiver>[] = [];

async function webhook(target: string, events: string[], format: 'generic' | 'slack' = 'generic') {
  const secret = newWebhookSecret();
  const hook = await prisma.webhook.create({
    data: { name: `${RUN} hook`, url: target, events, format, secretSealed: sealSecret(secret) },
  });
  return { id: hook.id, secret };
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  await applyMigrations(url);
  await runMigrations({ connectionString: url });
  runner = await run({
    connectionString: url,
    // The shared worker's tasks: webhook deliveries, and the check runs check.failed comes from.
    taskList: taskList(prisma),
    concurrency: 2,
    noHandleSignals: true,
    pollInterval: 200,
  });
});

afterAll(async () => {
  await runner?.stop();
  for (const r of receivers) r.server.close();
  await prisma.webhook.deleteMany({ where: { name: `${RUN} hook` } });
  await prisma.$disconnect();
});

describe('delivery', () => {
  it('retries a failing receiver with backoff and delivers on the third try, signed', async () => {
    const r = receiver(2);
    receivers.push(r);
    const hook = await webhook(await r.url(), ['check.failed']);
    await prisma.$transaction((tx) =>
      emitEvent(tx, 'check.failed', { text: 'Check "ip neigh" on lb-03: failed', url: '/checks/runs/x', data: { runId: 'x' } }),
    );
    const delivery = await until(
      () => prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } }),
      (d) => d.status === 'delivered',
    );
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
    expect(r.got).toHaveLength(3);
    const last = r.got.at(-1)!;
    expect(JSON.parse(last.body)).toMatchObject({ event: 'check.failed', data: { runId: 'x' } });
    expect(
      verifySignature(
        hook.secret,
        last.headers['x-pmkb-signature'] as string,
        last.headers['x-pmkb-timestamp'] as string,
        last.body,
      ),
    ).toBe(true);
    // A replay later than the tolerance, or with another secret, does not verify.
    const ts = last.headers['x-pmkb-timestamp'] as string;
    expect(verifySignature(hook.secret, last.headers['x-pmkb-signature'] as string, ts, last.body, Number(ts) + 3600)).toBe(
      false,
    );
    expect(verifySignature(newWebhookSecret(), last.headers['x-pmkb-signature'] as string, ts, last.body)).toBe(false);
  }, 40_000);

  it('puts a delivery that keeps failing in the dead-letter list, and retry sends it again', async () => {
    const r = receiver(Infinity);
    receivers.push(r);
    const hook = await webhook(await r.url(), ['incident.published'], 'slack');
    await prisma.$transaction((tx) =>
      emitEvent(tx, 'incident.published', { text: 'Published: gateway <lost>', url: 'https://kb.example/incidents/x', data: {} }),
    );
    const dead = await until(
      () => prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } }),
      (d) => d.status === 'dead',
    );
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, lastError: 'HTTP 500: receiver down' });
    expect(JSON.parse(r.got[0]!.body)).toEqual({ text: '<https://kb.example/incidents/x|Published: gateway &lt;lost&gt;>' });

    r.heal();
    const { retryDelivery } = await import('./mutations');
    expect(await retryDelivery(dead.id)).toBe('queued');
    const again = await until(
      () => prisma.webhookDelivery.findUniqueOrThrow({ where: { id: dead.id } }),
      (d) => d.status === 'delivered',
    );
    expect(again).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(r.got).toHaveLength(4);
    // Only a dead delivery is retried.
    expect(await retryDelivery(dead.id)).toBe('missing');
  }, 40_000);

  it('refuses to call a link-local address even when loopback is allowed, at the first try', async () => {
    const hook = await webhook('http://169.254.169.254/latest/meta-data/', ['alert.matched']);
    await prisma.$transaction((tx) => emitEvent(tx, 'alert.matched', { text: 'x', url: null, data: {} }));
    const d = await until(
      () => prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } }),
      (x) => x.status === 'dead',
    );
    expect(d).toMatchObject({ status: 'dead', attempts: 1 });
    expect(d.lastError).toMatch(/address refused: link-local/);
    await prisma.webhook.update({ where: { id: hook.id }, data: { disabled: true } });
  }, 40_000);
});

describe('events from the intake', () => {
  it('writes incident.created and alert.matched deliveries with the group', async () => {
    await syncContent(prisma, path.join(ROOT, 'content'));
    const r = receiver(0);
    receivers.push(r);
    const hook = await webhook(await r.url(), ['incident.created', 'alert.matched']);
    const { user, token } = await makeUserWithToken(prisma, { email: `${RUN}@example.com`, name: RUN, role: 'integration' });
    const body = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/alerts/alertmanager-gateway-failed.json'), 'utf8'));
    const { POST } = await import('@/app/api/v1/alerts/alertmanager/route');
    const res = await callRoute(POST, '/api/v1/alerts/alertmanager', {
      method: 'POST',
      token,
      body: { ...body, groupKey: `${RUN}:events` },
    });
    expect(res.status).toBe(200);
    const deliveries = await until(
      () => prisma.webhookDelivery.findMany({ where: { webhookId: hook.id } }),
      (ds) => ds.length === 2 && ds.every((d) => d.status === 'delivered'),
    );
    expect(deliveries.map((d) => d.event).sort()).toEqual(['alert.matched', 'incident.created']);
    const matched = r.got.map((g) => JSON.parse(g.body)).find((b) => b.event === 'alert.matched');
    expect(matched.data.matches.map((m: { slug: string }) => m.slug)).toContain('ovh-reverse-proxy-ip-lost-2024-08');
    // A replay sends nothing more.
    await callRoute(POST, '/api/v1/alerts/alertmanager', { method: 'POST', token, body: { ...body, groupKey: `${RUN}:events` } });
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(2);
    const group = await prisma.alertGroup.findFirstOrThrow({ where: { groupKey: `${RUN}:events` } });
    await prisma.alertGroup.delete({ where: { id: group.id } });
    if (group.incidentId) await prisma.incident.delete({ where: { id: group.incidentId } });
    await prisma.user.delete({ where: { id: user.id } });
  }, 40_000);
});

describe('events from the write paths', () => {
  it('incident.published when a draft is published, not when it is saved as a draft again', async () => {
    const hook = await webhook('https://chat.example.com/hooks/never-called', ['incident.published']);
    const { user, token } = await makeUserWithToken(prisma, {
      email: `${RUN}-author@example.com`,
      name: `${RUN} author`,
      role: 'author',
    });
    const slug = `${RUN}-published`;
    const doc = {
      slug,
      title: 'Gateway lost',
      summary: 'The gateway went away.',
      severity: 'SEV3',
      status: 'investigating',
      draft: true,
      startedAt: '2026-12-01T10:00:00Z',
      services: ['edge'],
      symptoms: ['Gateway FAILED in ip neigh'],
      timeline: [{ at: '2026-12-01T10:00:00Z', kind: 'detection', text: 'Seen.' }],
    };
    const list = await import('@/app/api/v1/incidents/route');
    const one = await import('@/app/api/v1/incidents/[slug]/route');
    expect((await callRoute(list.POST, '/api/v1/incidents', { method: 'POST', token, body: doc })).status).toBe(201);
    const put = (version: number, draft: boolean) =>
      callRoute(one.PUT, `/api/v1/incidents/${slug}`, {
        method: 'PUT',
        token,
        body: { ...doc, draft },
        headers: { 'if-match': `"${version}"` },
      });
    expect((await put(1, true)).status).toBe(200);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(0);
    expect((await put(2, false)).status).toBe(200);
    const [delivery] = await prisma.webhookDelivery.findMany({ where: { webhookId: hook.id } });
    expect(delivery).toMatchObject({
      event: 'incident.published',
      payload: expect.objectContaining({ data: expect.objectContaining({ slug }) }),
    });
    await prisma.webhook.delete({ where: { id: hook.id } });
    await prisma.incident.delete({ where: { slug } });
    await prisma.user.delete({ where: { id: user.id } });
  }, 40_000);

  it('check.failed when a run does not pass', async () => {
    const hook = await webhook('https://chat.example.com/hooks/never-called', ['check.failed']);
    const { user, token } = await makeUserWithToken(prisma, {
      email: `${RUN}-op@example.com`,
      name: `${RUN} op`,
      role: 'operator',
    });
    const check = await prisma.check.create({ data: { slug: `${RUN}-echo`, title: `${RUN} echo`, argv: ['echo', 'hi'] } });
    // A closed port: the launch is accepted and its run ends in error at once.
    const host = await prisma.host.create({
      data: { name: `${RUN}-lb`, role: `${RUN}-role`, agentUrl: 'http://127.0.0.1:9', secretSealed: sealSecret('s'.repeat(32)) },
    });
    const launch = await import('@/app/api/v1/check-runs/route');
    const res = await callRoute(launch.POST, '/api/v1/check-runs', {
      method: 'POST',
      token,
      body: { check: check.slug, hostIds: [host.id] },
    });
    expect(res.status).toBe(202);
    const deliveries = await until(
      () => prisma.webhookDelivery.findMany({ where: { webhookId: hook.id } }),
      (ds) => ds.length > 0,
    );
    expect(deliveries).toEqual([
      expect.objectContaining({
        event: 'check.failed',
        payload: expect.objectContaining({ data: expect.objectContaining({ status: 'error', host: `${RUN}-lb` }) }),
      }),
    ]);
    await prisma.webhook.delete({ where: { id: hook.id } });
    await prisma.checkRun.deleteMany({ where: { checkId: check.id } });
    await prisma.host.delete({ where: { id: host.id } });
    await prisma.check.delete({ where: { id: check.id } });
    await prisma.user.delete({ where: { id: user.id } });
  }, 40_000);
});
