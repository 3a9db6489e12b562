// Search synonyms end to end (issue 13 item 3, decision 023): the search reads
// the groups from the database through the read cache, typed words outrank their
// synonyms, expanded words are neither corrected nor reported; admins edit the
// groups through the action pipeline, every edit is audited in its own
// transaction, other roles are refused and a stale form never overwrites.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setAppEnv, setRequestHeaders } from '@/tests/request-scope';
import { actAsNewUser, makeUserWithToken } from '@/tests/users';

const url = inject('databaseUrl');
setAppEnv(url);
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));

const { createSynonymGroupAction, updateSynonymGroupAction, deleteSynonymGroupAction } = await import('./actions');
const { searchApi } = await import('@/lib/search/queries');
const { syncSynonyms } = await import('./sync');
const { stopCacheListener } = await import('@/lib/cache/tagged');

// Letters only: words of this run must look like plain words to the vocabulary (engine.ts).
const RUN = `syn${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
const prisma = scriptClient(url);
let adminId = '';
let adminHeaders: Headers;
let operatorToken = '';
const made: { k8sGroup?: string } = {};

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
const asAdmin = () => setRequestHeaders(adminHeaders);
const search = (q: string) => searchApi({ q, limit: 10, offset: 0 });

async function incident(slug: string, title: string, symptom: string) {
  await prisma.incident.create({
    data: {
      slug,
      title,
      summary: `Summary. ${RUN}`,
      severity: 'SEV3',
      status: 'resolved',
      startedAt: new Date(Date.UTC(2023, 2, 1)),
      symptoms: { create: [{ position: 0, text: symptom }] },
    },
  });
}

beforeAll(async () => {
  await applyMigrations(url);
  adminId = (await actAsNewUser(prisma, 'admin', `${RUN}-admin`)).id;
  adminHeaders = new Headers({ authorization: '' });
  // actAsNewUser made the admin the caller; keep those headers for asAdmin().
  const { requestScope } = await import('@/tests/request-scope');
  adminHeaders = new Headers(requestScope.headers);
  operatorToken = (await makeUserWithToken(prisma, { email: `${RUN}-op@example.com`, name: 'Operator', role: 'operator' }, RUN))
    .token;
  // Other files may have loaded content/synonyms.yaml into this database; the group is needed either way.
  if (!(await prisma.synonymGroup.findFirst({ where: { terms: { has: 'k8s' } } })))
    made.k8sGroup = (await prisma.synonymGroup.create({ data: { terms: ['k8s', 'kubernetes'] } })).id;
  // Two documents equal but for k8s / kubernetes in a symptom (the titles are equal: title similarity is part of the rank).
  await incident(`${RUN}-short`, `Worker ${RUN} unavailable`, `k8s node not ready after ${RUN} upgrade`);
  await incident(`${RUN}-long`, `Worker ${RUN} unavailable`, `kubernetes node not ready after ${RUN} upgrade`);
  await incident(`${RUN}-gear`, `Bilgepump ${RUN}longword stalls`, `the ${RUN}longword stalls at night`);
});

afterAll(async () => {
  await prisma.incident.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.synonymGroup.deleteMany({
    where: {
      OR: [
        { terms: { hasSome: [`${RUN}abbr`, `${RUN}x`, `${RUN}y`, `${RUN}z`] } },
        ...(made.k8sGroup ? [{ id: made.k8sGroup }] : []),
      ],
    },
  });
  await prisma.user.deleteMany({ where: { email: { startsWith: RUN } } });
  await stopCacheListener();
  await prisma.$disconnect();
});

describe('search with synonyms', () => {
  it('finds "kubernetes" for "k8s", and ranks the document that says "k8s" first', async () => {
    const r = await search(`k8s node not ready ${RUN}`);
    expect(r.results.map((h) => h.slug).slice(0, 2)).toEqual([`${RUN}-short`, `${RUN}-long`]);
    expect(r.results[0]!.score).toBeGreaterThan(r.results[1]!.score);
    expect(r.alsoSearched).toEqual(['kubernetes']);
    expect(r.corrections).toEqual([]);
    expect(r.unmatched).toEqual([]);
  });

  it('works the other way round', async () => {
    const r = await search(`kubernetes node not ready ${RUN}`);
    expect(r.results.map((h) => h.slug).slice(0, 2)).toEqual([`${RUN}-long`, `${RUN}-short`]);
    expect(r.results[0]!.score).toBeGreaterThan(r.results[1]!.score);
    expect(r.alsoSearched).toEqual(['k8s']);
  });

  it('uses a group as soon as an admin adds it, and neither corrects nor reports the expanded word', async () => {
    // Before: no document says "<run>abbr", so it is reported (or corrected into something else).
    const before = await search(`${RUN}abbr`);
    expect(before.results).toEqual([]);
    expect([...before.unmatched, ...before.corrections.map((c) => c.from)]).toContain(`${RUN}abbr`);

    asAdmin();
    const created = await createSynonymGroupAction(null, form({ terms: `${RUN}abbr, ${RUN}longword` }));
    expect(created).toMatchObject({ ok: true });
    const after = await search(`${RUN}abbr`);
    expect(after.results.map((h) => h.slug)).toEqual([`${RUN}-gear`]);
    expect(after).toMatchObject({ corrections: [], unmatched: [], alsoSearched: [`${RUN}longword`] });
  });
});

describe('editing the groups', () => {
  it('audits every edit with its actor, and refuses a stale version without writing', async () => {
    asAdmin();
    const created = await createSynonymGroupAction(null, form({ terms: `${RUN}x, ${RUN}y` }));
    if (!created.ok) throw new Error(created.error);
    const id = created.id;
    const updated = await updateSynonymGroupAction(null, form({ groupId: id, version: '1', terms: `${RUN}x, ${RUN}y, ${RUN}z` }));
    expect(updated).toMatchObject({ ok: true });

    // A second admin's form was loaded at version 1: refused, the group keeps version 2's terms.
    const stale = await updateSynonymGroupAction(null, form({ groupId: id, version: '1', terms: `${RUN}x, ${RUN}q` }));
    expect(stale).toMatchObject({ ok: false, fieldErrors: { terms: [expect.stringMatching(/changed by someone else/i)] } });
    expect(stale.ok ? null : stale.values).toMatchObject({ terms: `${RUN}x, ${RUN}q` });
    const staleDelete = await deleteSynonymGroupAction(null, form({ groupId: id, version: '1' }));
    expect(staleDelete).toMatchObject({ ok: false });
    expect(await prisma.synonymGroup.findUnique({ where: { id } })).toMatchObject({
      terms: [`${RUN}x`, `${RUN}y`, `${RUN}z`],
      version: 2,
    });

    expect(await deleteSynonymGroupAction(null, form({ groupId: id, version: '2' }))).toMatchObject({ ok: true });
    expect(await prisma.synonymGroup.count({ where: { id } })).toBe(0);

    const events = await prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { at: 'asc' } });
    expect(events.map((e) => [e.action, e.outcome, e.actorId])).toEqual([
      ['synonym.create', 'success', adminId],
      ['synonym.update', 'success', adminId],
      ['synonym.delete', 'success', adminId],
    ]);
    expect(events[1]!.details).toMatchObject({ from: `${RUN}x, ${RUN}y`, to: `${RUN}x, ${RUN}y, ${RUN}z` });
  });

  it('refuses a term that is already in another group, by field', async () => {
    asAdmin();
    const r = await createSynonymGroupAction(null, form({ terms: `${RUN}abbr, ${RUN}other` }));
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { terms: [expect.stringContaining(`"${RUN}abbr" is already in the group`)] },
    });
  });

  it('names the field of a malformed group', async () => {
    asAdmin();
    const r = await createSynonymGroupAction(null, form({ terms: `${RUN}solo` }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { terms: ['A group needs at least two terms.'] } });
  });

  // Attack (issue 10): content/synonyms.yaml holds at most GROUPS_MAX groups, but the
  // admin form added without end, and every process holds every group per search.
  it('refuses a group past GROUPS_MAX, as the file does', async () => {
    const { GROUPS_MAX } = await import('./schema');
    const missing = GROUPS_MAX - (await prisma.synonymGroup.count());
    const filler = Array.from({ length: missing }, (_, i) => ({ terms: [`${RUN}fill${i}a`, `${RUN}fill${i}b`] }));
    await prisma.synonymGroup.createMany({ data: filler });
    try {
      asAdmin();
      const r = await createSynonymGroupAction(null, form({ terms: `${RUN}over, ${RUN}limit` }));
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/groups already/) });
      expect(await prisma.synonymGroup.count()).toBe(GROUPS_MAX);
    } finally {
      await prisma.synonymGroup.deleteMany({ where: { terms: { hasSome: filler.map((f) => f.terms[0]!) } } });
    }
  });

  it('refuses an operator, audits the refusal and writes nothing', async () => {
    setRequestHeaders({ authorization: `Bearer ${operatorToken}`, 'x-request-id': `${RUN}-denied` });
    const r = await createSynonymGroupAction(null, form({ terms: `${RUN}p, ${RUN}r` }));
    expect(r).toMatchObject({ ok: false, status: 403 });
    expect(await prisma.synonymGroup.count({ where: { terms: { has: `${RUN}p` } } })).toBe(0);
    expect(
      await prisma.auditEvent.count({ where: { requestId: `${RUN}-denied`, action: 'synonym.create', outcome: 'denied' } }),
    ).toBe(1);
  });
});

describe('loading content/synonyms.yaml', () => {
  it('does not bring back defaults into a table admins have edited, even when they deleted every group', async () => {
    const file = path.resolve(import.meta.dirname, '../../content/synonyms.yaml');
    const rollback = new Error('rollback');
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.synonymGroup.deleteMany();
        expect(await syncSynonyms(tx, file)).toBe('unchanged');
        expect(await tx.synonymGroup.count()).toBe(0);
        expect(await syncSynonyms(tx, `${file}.missing`)).toBe('absent');
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});
