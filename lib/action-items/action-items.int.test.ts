// Action items across postmortems (issue 17 item 1): the list's filters and
// counts, "also proposed in" by trigram similarity, drafts hidden from readers,
// and the in-place change: authors only, audited, a new revision of the
// incident, and a change made from an outdated page refused.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { IncidentDocumentInput } from '@/lib/content/schema';
import { incidentDocumentSchema } from '@/lib/content/schema';
import { writeIncident } from '@/lib/incidents/store';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setAppEnv } from '@/tests/request-scope';
import { actAsNewUser, removeRunData } from '@/tests/users';

const url = inject('databaseUrl');
setAppEnv(url);
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const { listActionItems, getActionItemFacets } = await import('./queries');
const { updateActionItem } = await import('./actions');
const { parseActionItemListParams } = await import('./schema');
const { stopCacheListener } = await import('@/lib/cache/tagged');
const { GET } = await import('@/app/api/v1/action-items/route');
const { NextRequest } = await import('next/server');
const { requestScope } = await import('@/tests/request-scope');

const RUN = `ai${Date.now().toString(36)}`;
const prisma = scriptClient(url);
const NOW = new Date('2024-01-01T12:00:00Z');
const API = `${RUN}-api`;
const DB = `${RUN}-db`;
let authorId = '';

const doc = (slug: string, status: 'draft' | 'resolved', service: string, actionItems: IncidentDocumentInput['actionItems']) =>
  incidentDocumentSchema.parse({
    slug,
    title: `Incident ${slug}`,
    summary: 'Summary.',
    severity: 'SEV2',
    status,
    startedAt: '2023-06-01T10:00:00Z',
    services: [service],
    symptoms: ['Something broke'],
    timeline: [{ at: '2023-06-01T10:05:00Z', kind: 'detection', text: 'Alert fired.' }],
    actionItems,
  } satisfies IncidentDocumentInput);

const params = (raw: Record<string, string>) => parseActionItemListParams(raw);
const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

beforeAll(async () => {
  await applyMigrations(url);
  const write = (d: ReturnType<typeof doc>) => prisma.$transaction((tx) => writeIncident(tx, d));
  await write(
    doc(`${RUN}-a`, 'resolved', API, [
      { text: `Buy dedicated KVMs for the ${RUN} game server hosts`, owner: 'Infra', due: '2020-11-30', status: 'open' },
      { text: `Document the ${RUN} failover address procedure`, status: 'done' },
    ]),
  );
  await write(
    doc(`${RUN}-b`, 'resolved', DB, [
      { text: `Buy dedicated KVM for ${RUN} game server hosts`, owner: 'infra', due: '2099-01-01', status: 'in_progress' },
    ]),
  );
  await write(doc(`${RUN}-c`, 'draft', API, [{ text: `Buy dedicated KVMs for ${RUN} game server machines`, status: 'open' }]));
  authorId = (await actAsNewUser(prisma, 'author', `${RUN}-author`)).id;
});

afterAll(async () => {
  await removeRunData(prisma, RUN, authorId);
  await stopCacheListener();
  await prisma.$disconnect();
});

describe('listActionItems', () => {
  it('filters by service and hides drafts from readers', async () => {
    const reader = await listActionItems(params({ service: API }), false, NOW);
    expect(reader.items.map((i) => i.incident.slug)).toEqual([`${RUN}-a`, `${RUN}-a`]);
    const author = await listActionItems(params({ service: API }), true, NOW);
    expect(author.items.map((i) => i.incident.slug).sort()).toEqual([`${RUN}-a`, `${RUN}-a`, `${RUN}-c`]);
  });

  it('counts by status over the owner and service filters, and counts the overdue', async () => {
    const { counts } = await listActionItems(params({ service: API, status: 'done' }), false, NOW);
    expect(counts).toEqual({ open: 1, in_progress: 0, done: 1, wont_do: 0, total: 2, overdue: 1 });
  });

  it('matches owners whatever their case, and lists the overdue only', async () => {
    const owned = await listActionItems(params({ owner: 'INFRA' }), false, NOW);
    expect(owned.items.filter((i) => i.incident.slug.startsWith(RUN)).map((i) => i.incident.slug)).toEqual([
      `${RUN}-a`,
      `${RUN}-b`,
    ]);
    const overdue = await listActionItems(params({ owner: 'infra', overdue: '1' }), false, NOW);
    const mine = overdue.items.filter((i) => i.incident.slug.startsWith(RUN));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ overdue: true, due: '2020-11-30', status: 'open', owner: 'Infra' });
  });

  it('ignores a bad filter value instead of failing', async () => {
    expect(params({ status: 'bogus', overdue: 'yes', service: API })).toEqual({ service: API, overdue: false });
  });

  it('links an item to similar items of other postmortems, drafts only for those who see them', async () => {
    const reader = await listActionItems(params({ service: API, status: 'open' }), false, NOW);
    const kvm = reader.items.find((i) => i.text.includes('KVMs for the'))!;
    expect(kvm.alsoProposedIn.map((a) => a.slug)).toEqual([`${RUN}-b`]);
    expect(kvm.alsoProposedIn[0]!.similarity).toBeGreaterThanOrEqual(0.5);
    const author = await listActionItems(params({ service: API, status: 'open' }), true, NOW);
    const kvmForAuthor = author.items.find((i) => i.text.includes('KVMs for the'))!;
    expect(kvmForAuthor.alsoProposedIn.map((a) => a.slug).sort()).toEqual([`${RUN}-b`, `${RUN}-c`]);
    // A different remedy does not pair with anything.
    const done = await listActionItems(params({ service: API, status: 'done' }), true, NOW);
    expect(done.items[0]!.alsoProposedIn).toEqual([]);
  });

  it('offers owners and services that readers may see', async () => {
    const facets = await getActionItemFacets(false);
    expect(facets.services).toContain(API);
    expect(facets.owners).toEqual(expect.arrayContaining(['Infra', 'infra']));
  });
});

describe('updateActionItem', () => {
  it('records the change as a new revision and in the audit trail, and refuses a stale page', async () => {
    const before = await prisma.incident.findUniqueOrThrow({ where: { slug: `${RUN}-a` } });
    const result = await updateActionItem(
      null,
      form({ slug: `${RUN}-a`, position: '0', version: String(before.version), status: 'done', owner: 'Platform team' }),
    );
    expect(result).toMatchObject({ ok: true, version: before.version + 1 });

    const item = await prisma.actionItem.findFirstOrThrow({ where: { incident: { slug: `${RUN}-a` }, position: 0 } });
    expect(item).toMatchObject({ status: 'done', owner: 'Platform team' });
    // The other item, and the rest of the incident, are as they were.
    expect(await prisma.actionItem.findFirstOrThrow({ where: { incident: { slug: `${RUN}-a` }, position: 1 } })).toMatchObject({
      status: 'done',
      owner: null,
    });
    const revision = await prisma.incidentRevision.findFirstOrThrow({
      where: { incidentId: before.id, version: before.version + 1 },
    });
    expect(revision.authorId).toBe(authorId);
    expect((revision.snapshot as { actionItems: { status: string }[] }).actionItems[0]!.status).toBe('done');
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: 'action-item.update', targetId: before.id, outcome: 'success' },
    });
    expect(event.actorId).toBe(authorId);
    expect(event.details).toMatchObject({ statusFrom: 'open', statusTo: 'done', ownerFrom: 'Infra', ownerTo: 'Platform team' });

    // The same page again: its version is now outdated, so nothing is overwritten.
    const stale = await updateActionItem(
      null,
      form({ slug: `${RUN}-a`, position: '0', version: String(before.version), status: 'open' }),
    );
    expect(stale).toMatchObject({ ok: false, status: 409 });
    expect((await prisma.actionItem.findFirstOrThrow({ where: { incident: { slug: `${RUN}-a` }, position: 0 } })).status).toBe(
      'done',
    );
    expect(await prisma.incidentRevision.count({ where: { incidentId: before.id } })).toBe(2);
  });

  it('refuses bad input as a field error, not a 500', async () => {
    const result = await updateActionItem(null, form({ slug: `${RUN}-b`, position: 'x', version: '1', status: 'finished' }));
    expect(result).toMatchObject({ ok: false });
    expect((result as { fieldErrors?: object }).fieldErrors).toHaveProperty('position');
    expect((result as { fieldErrors?: object }).fieldErrors).toHaveProperty('status');
  });

  it('refuses a viewer, and the refusal is audited', async () => {
    const viewer = await actAsNewUser(prisma, 'viewer', `${RUN}-viewer`);
    const incident = await prisma.incident.findUniqueOrThrow({ where: { slug: `${RUN}-b` } });
    const result = await updateActionItem(
      null,
      form({ slug: `${RUN}-b`, position: '0', version: String(incident.version), status: 'done' }),
    );
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(
      await prisma.auditEvent.count({ where: { action: 'action-item.update', actorId: viewer.id, outcome: { not: 'success' } } }),
    ).toBe(1);
    expect((await prisma.actionItem.findFirstOrThrow({ where: { incidentId: incident.id } })).status).toBe('in_progress');
    await prisma.user.delete({ where: { id: viewer.id } });
  });
});

describe('GET /api/v1/action-items', () => {
  const get = async (query: string) => {
    const req = new NextRequest(`http://localhost/api/v1/action-items?${query}`);
    for (const [k, v] of requestScope.headers) req.headers.set(k, v);
    const res = await GET(req);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('gives a viewer the items of published incidents only, with their links', async () => {
    const viewer = await actAsNewUser(prisma, 'viewer', `${RUN}-api-viewer`);
    const { status, body } = await get(`service=${API}`);
    expect(status).toBe(200);
    const items = body.items as { text: string; incident: { slug: string; url: string } }[];
    expect(items.map((i) => i.incident.slug)).toEqual([`${RUN}-a`, `${RUN}-a`]);
    expect(items[0]!.incident.url).toBe(`/incidents/${RUN}-a`);
    expect(body.counts).toMatchObject({ total: 2 });
    await prisma.user.delete({ where: { id: viewer.id } });
  });

  it('refuses an unknown or bad parameter with a 400 naming it', async () => {
    const viewer = await actAsNewUser(prisma, 'viewer', `${RUN}-api-viewer2`);
    expect(await get('color=red')).toMatchObject({ status: 400, body: { issues: [{ path: 'query.color' }] } });
    expect(await get('status=finished')).toMatchObject({ status: 400, body: { issues: [{ path: 'query.status' }] } });
    await prisma.user.delete({ where: { id: viewer.id } });
  });
});
