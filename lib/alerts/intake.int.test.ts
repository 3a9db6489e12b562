// The alert intake against a real PostgreSQL with the seed content: who may
// post, validation, the draft it opens (with the OVH incident under "Seen
// before"), idempotent replay, joining the open incident, recovery on resolve,
// and Grafana's payload mapped to the same shape.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { syncContent } from '@/lib/content/sync';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { callRoute } from '@/tests/api';
import { setAppEnv } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';

const url = inject('databaseUrl');
setAppEnv(url, { ANONYMOUS_READ: 'true' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const alertmanager = await import('@/app/api/v1/alerts/alertmanager/route');
const grafana = await import('@/app/api/v1/alerts/grafana/route');
const incidents = await import('@/app/api/v1/incidents/route');

const ROOT = path.resolve(import.meta.dirname, '../..');
const OVH = 'ovh-reverse-proxy-ip-lost-2024-08';
const RUN = `alerts${Math.random().toString(36).slice(2, 8)}`;
const prisma = scriptClient(url);
const tokens = { viewer: '', author: '', integration: '' };
const userIds: string[] = [];

type Payload = Record<string, unknown> & { alerts: Record<string, unknown>[] };
const fixture = JSON.parse(
  readFileSync(path.join(ROOT, 'tests/fixtures/alerts/alertmanager-gateway-failed.json'), 'utf8'),
) as Payload;
/** The fixture under a group key of this run, so reruns and other files never meet it. */
const payload = (key: string, over: Partial<Payload> = {}): Payload => ({
  ...structuredClone(fixture),
  groupKey: `${RUN}:${key}`,
  ...over,
});
const post = (body: unknown, token = tokens.integration, handler = alertmanager.POST, p = '/api/v1/alerts/alertmanager') =>
  callRoute(handler, p, { method: 'POST', token, body });

async function incidentOf(slug: string) {
  return prisma.incident.findUniqueOrThrow({
    where: { slug },
    include: { symptoms: { orderBy: { position: 'asc' } }, timeline: { orderBy: { position: 'asc' } } },
  });
}

beforeAll(async () => {
  await applyMigrations(url);
  const seeded = await syncContent(prisma, path.join(ROOT, 'content'));
  expect(seeded.errors).toEqual([]);
  for (const role of ['viewer', 'author', 'integration'] as const) {
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
  const groups = await prisma.alertGroup.findMany({ where: { groupKey: { startsWith: RUN } }, select: { incidentId: true } });
  await prisma.alertGroup.deleteMany({ where: { groupKey: { startsWith: RUN } } });
  const ids = groups.map((g) => g.incidentId).filter((id): id is string => !!id);
  await prisma.incident.deleteMany({ where: { id: { in: ids } } });
  await prisma.user.deleteMany({ where: { id: { in: userIds } } });
  await prisma.$disconnect();
});

describe('who may post alerts', () => {
  it('refuses anonymous callers and viewers', async () => {
    expect((await post(payload('anon'), '')).status).toBe(401);
    const viewer = await post(payload('viewer'), tokens.viewer);
    expect(viewer.status).toBe(403);
    expect(await prisma.alertGroup.count({ where: { groupKey: `${RUN}:viewer` } })).toBe(0);
  });

  it('lets an integration token post alerts and nothing else, even with anonymous reading on', async () => {
    expect((await post(payload('integration'))).status).toBe(200);
    const read = await callRoute(incidents.GET, '/api/v1/incidents?limit=1', { token: tokens.integration });
    expect(read.status).toBe(403);
    const write = await callRoute(incidents.POST, '/api/v1/incidents', {
      method: 'POST',
      token: tokens.integration,
      body: { slug: `${RUN}-nope`, title: 'No', severity: 'SEV4', status: 'draft', startedAt: '2026-01-01T00:00:00Z' },
    });
    expect(write.status).toBe(403);
  });

  it('lets an author post alerts', async () => {
    expect((await post(payload('author'), tokens.author)).status).toBe(200);
  });
});

describe('validation', () => {
  it.each([
    ['another payload version', { version: '3' }, 'body.version'],
    ['no group key', { groupKey: undefined }, 'body.groupKey'],
    ['no alerts', { alerts: [] }, 'body.alerts'],
    ['a start that is not a time', { alerts: [{ ...fixture.alerts[0], startsAt: 'yesterday' }] }, 'body.alerts.0.startsAt'],
    ['a status Alertmanager never sends', { status: 'exploded' }, 'body.status'],
  ])('answers 400 with issues for %s', async (_label, over, where) => {
    const res = await post({ ...payload('invalid'), ...over });
    expect(res.status).toBe(400);
    const issues = res.json!.issues as { path: string }[];
    expect(issues.map((i) => i.path)).toContain(where);
  });

  it('answers 413 past the API body limit, before parsing', async () => {
    const { API_BODY_MAX_BYTES } = await import('@/lib/api/body');
    const huge = JSON.stringify({ ...payload('huge'), padding: 'x'.repeat(API_BODY_MAX_BYTES) });
    const res = await callRoute(alertmanager.POST, '/api/v1/alerts/alertmanager', {
      method: 'POST',
      token: tokens.integration,
      body: huge,
    });
    expect(res.status).toBe(413);
    expect(await prisma.alertGroup.count({ where: { groupKey: `${RUN}:huge` } })).toBe(0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await callRoute(alertmanager.POST, '/api/v1/alerts/alertmanager', {
      method: 'POST',
      token: tokens.integration,
      body: '{"version": "4",',
    });
    expect(res.status).toBe(400);
  });
});

describe('a firing group', () => {
  const key = 'gateway';
  let slug = '';

  it('opens a draft incident with the alerts as symptoms, a detection entry and the OVH incident under Seen before', async () => {
    const res = await post(payload(key));
    expect(res.status).toBe(200);
    const body = res.json as { incident: { slug: string; url: string }; matches: { type: string; slug: string }[] };
    slug = body.incident.slug;
    expect(body.incident.url).toBe(`/incidents/${slug}`);
    expect(body.matches).toContainEqual(expect.objectContaining({ type: 'incident', slug: OVH }));
    const incident = await incidentOf(slug);
    expect(incident).toMatchObject({ draft: true, status: 'investigating' });
    expect(incident.symptoms.map((s) => s.text)).toEqual([
      'GatewayArpFailed: Gateway 193.70.55.1 shows FAILED in ip neigh on eth1 (lb-03:9100, reverse-proxy, node-exporter)',
    ]);
    expect(incident.timeline).toEqual([expect.objectContaining({ kind: 'detection', at: new Date('2026-12-03T09:58:00Z') })]);
    expect(incident.narrative).toContain('## Seen before');
    expect(incident.narrative).toContain(`](/incidents/${OVH})`);
    // runbook_url is honoured as a link.
    expect(incident.narrative).toContain('<https://wiki.example.internal/runbooks/gateway-arp>');
    const group = await prisma.alertGroup.findFirstOrThrow({ where: { groupKey: `${RUN}:${key}` }, include: { alerts: true } });
    expect(group).toMatchObject({ source: 'alertmanager', status: 'firing', receiver: 'pmkb' });
    expect(group.alerts).toEqual([expect.objectContaining({ fingerprint: 'a1b2c3d4e5f60718', status: 'firing', endsAt: null })]);
  });

  it('changes nothing when the same payload is posted again', async () => {
    const before = await incidentOf(slug);
    const group = await prisma.alertGroup.findFirstOrThrow({ where: { groupKey: `${RUN}:${key}` } });
    const revisions = await prisma.incidentRevision.count({ where: { incidentId: before.id } });
    const res = await post(payload(key));
    expect(res.status).toBe(200);
    expect((res.json as { incident: { slug: string } }).incident.slug).toBe(slug);
    const after = await incidentOf(slug);
    expect(after.version).toBe(before.version);
    expect(await prisma.incidentRevision.count({ where: { incidentId: before.id } })).toBe(revisions);
    expect(await prisma.alertGroup.findFirstOrThrow({ where: { groupKey: `${RUN}:${key}` } })).toEqual(group);
    expect(await prisma.alert.count({ where: { groupId: group.id } })).toBe(1);
  });

  it('joins the same open incident when the group gains an alert', async () => {
    const second = {
      ...structuredClone(fixture.alerts[0]!),
      fingerprint: 'b2c3d4e5f6071829',
      labels: { ...(fixture.alerts[0]!.labels as object), instance: 'lb-04:9100' },
      startsAt: '2026-12-03T10:01:00Z',
    };
    const res = await post(payload(key, { alerts: [fixture.alerts[0]!, second] }));
    expect((res.json as { incident: { slug: string } }).incident.slug).toBe(slug);
    const incident = await incidentOf(slug);
    expect(incident.symptoms).toHaveLength(2);
    expect(incident.timeline.map((t) => t.kind)).toEqual(['detection', 'detection']);
    expect(await prisma.alertGroup.count({ where: { incidentId: incident.id } })).toBe(1);
  });

  it('adds a recovery entry when the group resolves, once', async () => {
    const resolved = fixture.alerts.map((a) => ({ ...a, status: 'resolved', endsAt: '2026-12-03T10:30:00Z' }));
    const body = payload(key, { status: 'resolved', alerts: resolved });
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    const incident = await incidentOf(slug);
    const recovery = incident.timeline.filter((t) => t.kind === 'recovery');
    expect(recovery).toEqual([expect.objectContaining({ at: new Date('2026-12-03T10:30:00Z') })]);
    expect(recovery[0]!.text).toMatch(/resolved GatewayArpFailed/);
  });
});

describe('Grafana', () => {
  it('maps its webhook to the same intake', async () => {
    const body = {
      ...payload('grafana'),
      version: '1',
      orgId: 1,
      title: '[FIRING:1] GatewayArpFailed reverse-proxy',
      state: 'alerting',
      message: 'Gateway 193.70.55.1 shows FAILED in ip neigh',
    };
    const res = await post(body, tokens.integration, grafana.POST, '/api/v1/alerts/grafana');
    expect(res.status).toBe(200);
    const { incident, matches } = res.json as { incident: { slug: string }; matches: { slug: string }[] };
    expect(matches.map((m) => m.slug)).toContain(OVH);
    const stored = await incidentOf(incident.slug);
    expect(stored.title).toBe('[FIRING:1] GatewayArpFailed reverse-proxy');
    expect((await prisma.alertGroup.findFirstOrThrow({ where: { groupKey: `${RUN}:grafana` } })).source).toBe('grafana');
  });
});
