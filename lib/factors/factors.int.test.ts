// The factor taxonomy's admin edits (issue 17 item 3): admins only, each edit
// audited with the write; a rename made on an outdated page and the deletion of
// a category in use are refused; once admins edit the list, the content file no
// longer overrides it. Only categories this file makes are touched.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { incidentDocumentSchema } from '@/lib/content/schema';
import { writeIncident } from '@/lib/incidents/store';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setAppEnv } from '@/tests/request-scope';
import { actAsNewUser } from '@/tests/users';

const url = inject('databaseUrl');
setAppEnv(url);
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));

const { createFactorCategoryAction, updateFactorCategoryAction, deleteFactorCategoryAction } = await import('./actions');
const { syncFactorCategories } = await import('./sync');
const { stopCacheListener } = await import('@/lib/cache/tagged');

const RUN = `fc${Date.now().toString(36)}`;
const prisma = scriptClient(url);
const users: string[] = [];

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

beforeAll(async () => {
  await applyMigrations(url);
});

afterAll(async () => {
  await prisma.incident.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.factorCategory.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.user.deleteMany({ where: { id: { in: users } } });
  await stopCacheListener();
  await prisma.$disconnect();
});

describe('admin edits of the factor categories', () => {
  it('refuses an author, and audits the refusal', async () => {
    const author = await actAsNewUser(prisma, 'author', `${RUN}-author`);
    users.push(author.id);
    expect(await createFactorCategoryAction(null, form({ slug: `${RUN}-x`, label: 'X' }))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await prisma.factorCategory.count({ where: { slug: `${RUN}-x` } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: 'factor-category.create', actorId: author.id } })).toBe(1);
  });

  it('creates, renames against the label shown, and deletes only what nothing uses', async () => {
    const admin = await actAsNewUser(prisma, 'admin', `${RUN}-admin`);
    users.push(admin.id);
    const slug = `${RUN}-cert`;
    expect(await createFactorCategoryAction(null, form({ slug, label: 'Certificate expiry' }))).toMatchObject({ ok: true });
    expect(await createFactorCategoryAction(null, form({ slug, label: 'Again' }))).toMatchObject({
      ok: false,
      fieldErrors: { slug: [expect.any(String)] },
    });
    expect(await createFactorCategoryAction(null, form({ slug: 'Not A Slug', label: 'X' }))).toMatchObject({
      ok: false,
      fieldErrors: { slug: [expect.any(String)] },
    });

    const rename = (previousLabel: string, label: string) =>
      updateFactorCategoryAction(null, form({ slug, label, previousLabel, position: '90' }));
    expect(await rename('Certificate expiry', 'Expired certificate')).toMatchObject({ ok: true });
    // A second page still showing the first label: refused, the rename kept.
    expect(await rename('Certificate expiry', 'Cert')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Expired certificate/),
    });
    expect((await prisma.factorCategory.findUniqueOrThrow({ where: { slug } })).label).toBe('Expired certificate');

    // In use by a factor: not deleted.
    await prisma.$transaction((tx) =>
      writeIncident(
        tx,
        incidentDocumentSchema.parse({
          slug: `${RUN}-inc`,
          title: 'Cert expired',
          severity: 'SEV3',
          status: 'draft',
          startedAt: '2024-01-01T00:00:00Z',
          contributingFactors: [{ title: 'Nobody renewed it', category: slug }],
        }),
      ),
    );
    expect(await deleteFactorCategoryAction(null, form({ slug }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/In use by 1/),
    });
    await prisma.incident.delete({ where: { slug: `${RUN}-inc` } });
    expect(await deleteFactorCategoryAction(null, form({ slug }))).toMatchObject({ ok: true });
    expect(await prisma.factorCategory.count({ where: { slug } })).toBe(0);

    const events = await prisma.auditEvent.findMany({
      where: { actorId: admin.id, outcome: 'success' },
      orderBy: { at: 'asc' },
      select: { action: true, targetId: true },
    });
    expect(events).toEqual([
      { action: 'factor-category.create', targetId: slug },
      { action: 'factor-category.update', targetId: slug },
      { action: 'factor-category.delete', targetId: slug },
    ]);
  });

  it('refuses an unknown category in a document as a field error of the store', async () => {
    const doc = incidentDocumentSchema.parse({
      slug: `${RUN}-unknown`,
      title: 'Unknown category',
      severity: 'SEV3',
      status: 'draft',
      startedAt: '2024-01-01T00:00:00Z',
      trigger: `${RUN}-nope`,
    });
    await expect(prisma.$transaction((tx) => writeIncident(tx, doc))).rejects.toMatchObject({ field: 'trigger' });
  });

  it('stops applying the content file once admins have edited the list', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pmkb-fc-'));
    const file = path.join(dir, 'factor-categories.yaml');
    await writeFile(file, `version: 1\ncategories:\n  - { slug: ${RUN}-from-file, label: From the file }\n`);
    expect(await prisma.$transaction((tx) => syncFactorCategories(tx, file))).toBe('unchanged');
    expect(await prisma.factorCategory.count({ where: { slug: `${RUN}-from-file` } })).toBe(0);
  });
});
