// The postmortem actions against a real PostgreSQL: optimistic concurrency,
// many filings at once, a revision per save, audit events, restore and import.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setAppEnv } from '@/tests/request-scope';
import { actAsNewUser, removeRunData } from '@/tests/users';
import { emptyIncidentForm, type IncidentForm } from './form';

const url = inject('databaseUrl');
setAppEnv(url);
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));

const { importIncident, restoreRevision, saveIncident } = await import('./actions');
// Everything this file creates carries the run's prefix and is removed afterwards,
// so other test files sharing the database (search relevance) never see it.
const RUN = `act${Math.random().toString(36).slice(2, 8)}`;
const prisma = scriptClient(url);
let authorId = '';

beforeAll(async () => {
  await applyMigrations(url);
  authorId = (await actAsNewUser(prisma, 'author', 'actions')).id;
});
afterAll(async () => {
  await removeRunData(prisma, RUN, authorId);
  await prisma.$disconnect();
});

const published = (slug: string, title = 'Disk full on db1'): IncidentForm => ({
  ...emptyIncidentForm(),
  draft: false,
  slug,
  title,
  summary: 'The WAL volume filled up.',
  timezone: 'Europe/Paris',
  startedAt: '2024-05-01 10:00',
  detectedAt: '2024-05-01 10:05',
  services: [
    { key: 'a', value: `${RUN}-db1` },
    { key: 'b', value: `${RUN}-shared` },
  ],
  tags: [{ key: 't', value: `${RUN}-postgres` }],
  symptoms: [{ key: 's', value: `${RUN} queue consumer lag grows` }],
  timeline: [{ key: 'e', at: '2024-05-01 10:05', kind: 'detection', text: 'Alert fired.' }],
  resolutionSteps: [{ key: 'r', text: 'Check free space.', command: 'df -h', check: '' }],
});

function fd(form: IncidentForm, ids: { incidentId?: string; version?: number } = {}) {
  const data = new FormData();
  data.set('form', JSON.stringify(form));
  data.set('incidentId', ids.incidentId ?? '');
  data.set('version', ids.version === undefined ? '' : String(ids.version));
  return data;
}

const unique = (p: string) => `${RUN}-${p}-${Math.random().toString(36).slice(2, 10)}`;

describe('saving postmortems', () => {
  it('files one, appends a revision per save and audits create, edit and publish', async () => {
    const slug = unique('filed');
    const draft = { ...published(slug), draft: true };
    const created = await saveIncident(null, fd(draft));
    expect(created).toMatchObject({ ok: true, slug, version: 1 });
    const incident = await prisma.incident.findUniqueOrThrow({ where: { slug } });
    // A draft keeps the status chosen for it (docs/decisions/031).
    expect(incident).toMatchObject({ draft: true, status: 'resolved' });
    expect(incident.startedAt?.toISOString()).toBe('2024-05-01T08:00:00.000Z');

    const edited = await saveIncident(
      null,
      fd({ ...published(slug), title: 'Disk full on db1 (edited)' }, { incidentId: incident.id, version: 1 }),
    );
    expect(edited).toMatchObject({ ok: true, version: 2 });
    const revisions = await prisma.incidentRevision.findMany({ where: { incidentId: incident.id }, orderBy: { version: 'asc' } });
    expect(revisions.map((r) => [r.version, r.authorId])).toEqual([
      [1, authorId],
      [2, authorId],
    ]);
    expect((revisions[1]!.snapshot as { title: string; startedAt: string }).title).toBe('Disk full on db1 (edited)');
    expect((revisions[1]!.snapshot as { startedAt: string }).startedAt).toBe('2024-05-01T10:00:00+02:00');
    const events = await prisma.auditEvent.findMany({ where: { targetId: incident.id }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['incident.create', 'incident.edit', 'incident.publish']);
  });

  it('refuses a duplicate slug with a field error', async () => {
    const slug = unique('dup');
    expect((await saveIncident(null, fd(published(slug)))).ok).toBe(true);
    const again = await saveIncident(null, fd(published(slug)));
    expect(again).toMatchObject({ ok: false, fieldErrors: { slug: [expect.stringMatching(/already exists/)] } });
  });

  it('reports bad input by field, never throws', async () => {
    const bad = { ...published(unique('bad')), detectedAt: '2024-05-01 09:00' };
    bad.timeline = [{ key: 'x', at: '2024-05-01 10:00', kind: 'action', text: '' }];
    const result = await saveIncident(null, fd(bad));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors).toMatchObject({
      detectedAt: [expect.any(String)],
      'timeline.0.text': ['Required.'],
    });
    const junk = new FormData();
    junk.set('form', '{not json');
    expect(await saveIncident(null, junk)).toMatchObject({ ok: false });
  });

  it('links a resolution step to a catalog check only if the check exists', async () => {
    const slug = unique('checked');
    const form = published(slug);
    const checkSlug = unique('ip-route');
    form.resolutionSteps = [{ key: 'r', text: 'Look at the routes.', command: 'ip route', check: checkSlug }];
    expect(await saveIncident(null, fd(form))).toMatchObject({
      ok: false,
      fieldErrors: { 'resolutionSteps.0.check': [expect.stringMatching(/No check/)] },
    });
    await prisma.check.create({ data: { slug: checkSlug, title: 'Routes', argv: ['ip', 'route'] } });
    expect(await saveIncident(null, fd(form))).toMatchObject({ ok: true });
    const step = await prisma.resolutionStep.findFirstOrThrow({ where: { incident: { slug } } });
    expect(step.checkSlug).toBe(checkSlug);
  });

  it('lets exactly one of two saves of the same version win; the other gets a conflict with the current version', async () => {
    const slug = unique('race');
    await saveIncident(null, fd(published(slug)));
    const { id } = await prisma.incident.findUniqueOrThrow({ where: { slug } });
    const results = await Promise.all([
      saveIncident(null, fd({ ...published(slug), title: 'Alice was here' }, { incidentId: id, version: 1 })),
      saveIncident(null, fd({ ...published(slug), title: 'Bob was here' }, { incidentId: id, version: 1 })),
    ]);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const loser = losers[0]!;
    expect(!loser.ok && loser.conflict?.version).toBe(2);
    const stored = await prisma.incident.findUniqueOrThrow({ where: { slug } });
    expect(stored.version).toBe(2);
    expect(!loser.ok && loser.conflict?.form.title).toBe(stored.title);
    expect(await prisma.incidentRevision.count({ where: { incidentId: id } })).toBe(2);
  });

  it('files 50 postmortems at once without an error', async () => {
    const batch = unique('batch');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => saveIncident(null, fd(published(`${batch}-${i}`, `Batch incident ${i}`)))),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await prisma.incident.count({ where: { slug: { startsWith: `${batch}-` } } })).toBe(50);
    expect(await prisma.incidentRevision.count({ where: { incident: { slug: { startsWith: `${batch}-` } } } })).toBe(50);
    expect(await prisma.service.count({ where: { name: `${RUN}-shared` } })).toBe(1);
  });
});

describe('restore and import', () => {
  it('restores an old revision as a new one', async () => {
    const slug = unique('restore');
    await saveIncident(null, fd(published(slug, 'Original title')));
    const { id } = await prisma.incident.findUniqueOrThrow({ where: { slug } });
    await saveIncident(null, fd(published(slug, 'Changed title'), { incidentId: id, version: 1 }));
    const first = await prisma.incidentRevision.findFirstOrThrow({ where: { incidentId: id, version: 1 } });
    const form = new FormData();
    form.set('revisionId', first.id);
    form.set('version', '2');
    expect(await restoreRevision(null, form)).toMatchObject({ ok: true, version: 3 });
    expect((await prisma.incident.findUniqueOrThrow({ where: { id } })).title).toBe('Original title');
    expect(await prisma.auditEvent.count({ where: { targetId: id, action: 'incident.restore' } })).toBe(1);
  });

  it('imports a file, reports every bad field, and updates on a second import', async () => {
    const slug = unique('imported');
    const file = (fm: string) => {
      const data = new FormData();
      data.set('file', new File([`---\n${fm}\n---\nThe story.\n`], 'upload.md'));
      return data;
    };
    const good = `slug: ${slug}\ntitle: Imported\nsummary: S.\nseverity: SEV3\nstatus: resolved\nstartedAt: "2024-01-01T10:00:00Z"\nservices: [${RUN}-api]\nsymptoms: [${RUN} slow]\ntimeline:\n  - at: "2024-01-01T10:00:00Z"\n    kind: detection\n    text: Seen.`;
    expect(await importIncident(null, file(good))).toMatchObject({ ok: true, slug, created: true });
    expect(await importIncident(null, file(good.replace('title: Imported', 'title: Imported again')))).toMatchObject({
      ok: true,
      created: false,
    });
    const bad = await importIncident(
      null,
      file(`slug: ${slug}\ntitle: ""\nseverity: SEV9\nstatus: resolved\nstartedAt: "yesterday"`),
    );
    expect(bad.ok).toBe(false);
    expect(Object.keys((!bad.ok && bad.fieldErrors) || {}).sort()).toEqual(
      expect.arrayContaining(['severity', 'startedAt', 'title']),
    );
    const { id } = await prisma.incident.findUniqueOrThrow({ where: { slug } });
    expect(await prisma.incidentRevision.count({ where: { incidentId: id } })).toBe(2);
    expect(await prisma.auditEvent.count({ where: { targetId: id, action: 'incident.import' } })).toBe(2);
  });
});
