// Drafting as a flag beside status (issue 17 item 5, docs/decisions/031), against
// a real PostgreSQL: the migration that turns old `status = 'draft'` rows into
// flagged drafts, a draft that keeps "Mitigated", a draft with only a title, and
// Publish still asking for everything a reader needs.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations, MIGRATIONS_DIR } from '@/scripts/lib/schema-engine';
import { setAppEnv } from '@/tests/request-scope';
import { actAsNewUser, removeRunData } from '@/tests/users';
import { documentToForm, emptyIncidentForm, type IncidentForm } from './form';

const url = inject('databaseUrl');
setAppEnv(url);
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));

const { saveIncident } = await import('./actions');
const { getStoredIncident } = await import('./authoring-queries');

const RUN = `dfl${Math.random().toString(36).slice(2, 8)}`;
const THIS_MIGRATION = '20261203162000_draft_flag';
const prisma = scriptClient(url);
let authorId = '';

beforeAll(async () => {
  await applyMigrations(url);
  authorId = (await actAsNewUser(prisma, 'author', 'draftflag')).id;
});
afterAll(async () => {
  await removeRunData(prisma, RUN, authorId);
  await prisma.$disconnect();
});

function fd(form: IncidentForm, ids: { incidentId?: string; version?: number } = {}) {
  const data = new FormData();
  data.set('form', JSON.stringify(form));
  data.set('incidentId', ids.incidentId ?? '');
  data.set('version', ids.version === undefined ? '' : String(ids.version));
  return data;
}

const complete = (slug: string): IncidentForm => ({
  ...emptyIncidentForm(),
  slug,
  title: 'Gateway lost its neighbour',
  summary: 'ARP entries for the gateway went FAILED.',
  startedAt: '2024-05-01 10:00',
  mitigatedAt: '2024-05-01 10:40',
  services: [{ key: 'a', value: `${RUN}-edge` }],
  symptoms: [{ key: 's', value: 'ip neigh shows FAILED' }],
  timeline: [{ key: 'e', at: '2024-05-01 10:05', kind: 'detection', text: 'Alert fired.' }],
});

describe(`migration ${THIS_MIGRATION}`, () => {
  // The migrations up to the one before, in a scratch schema of the test
  // database; then rows as the old code wrote them; then this migration.
  const schema = `mig_${RUN}`;
  const client = new pg.Client({ connectionString: url });

  beforeAll(async () => {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    // pg_trgm lives in public; the scratch schema comes first for everything created.
    await client.query(`SET search_path TO ${schema}, public`);
  });
  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('turns status = draft into draft + investigating, in rows and revision snapshots, and drops the enum value', async () => {
    const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(names).toContain(THIS_MIGRATION);
    for (const name of names.filter((n) => n < THIS_MIGRATION)) {
      await client.query(await readFile(path.join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8'));
    }
    const insert = `INSERT INTO incidents (id, slug, title, summary, severity, status, started_at, updated_at)
      VALUES ($1, $2, $3, '', 'SEV3', $4, '2024-01-01T10:00:00Z', now())`;
    await client.query(insert, ['old-draft', 'old-draft', 'Old draft with zebrafinchquartz', 'draft']);
    await client.query(insert, ['old-live', 'old-live', 'Old published', 'mitigated']);
    const revision = `INSERT INTO incident_revisions (id, incident_id, version, snapshot) VALUES ($1, $2, $3, $4)`;
    await client.query(revision, ['r1', 'old-draft', 1, JSON.stringify({ slug: 'old-draft', status: 'draft' })]);
    await client.query(revision, ['r2', 'old-live', 1, JSON.stringify({ slug: 'old-live', status: 'mitigated' })]);
    await client.query('DELETE FROM search_terms');

    await client.query(await readFile(path.join(MIGRATIONS_DIR, THIS_MIGRATION, 'migration.sql'), 'utf8'));

    const rows = await client.query('SELECT id, draft, status::text FROM incidents ORDER BY id');
    expect(rows.rows).toEqual([
      { id: 'old-draft', draft: true, status: 'investigating' },
      { id: 'old-live', draft: false, status: 'mitigated' },
    ]);
    const snaps = await client.query('SELECT id, snapshot FROM incident_revisions ORDER BY id');
    expect(snaps.rows.map((r) => r.snapshot)).toEqual([
      { slug: 'old-draft', status: 'investigating', draft: true },
      { slug: 'old-live', status: 'mitigated', draft: false },
    ]);
    const labels = await client.query(
      `SELECT enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
        JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'IncidentStatus' AND n.nspname = $1 ORDER BY enumsortorder`,
      [schema],
    );
    expect(labels.rows.map((r) => r.enumlabel)).toEqual(['investigating', 'mitigated', 'resolved']);
    // Turning the old draft into a flagged one is not a publish: its words stay out of the vocabulary.
    const terms = await client.query(`SELECT count(*)::int AS n FROM search_terms WHERE word LIKE 'zebrafinch%'`);
    expect(terms.rows[0].n).toBe(0);
    // A published incident without a start time is refused by the database itself.
    await expect(client.query(`UPDATE incidents SET started_at = NULL WHERE id = 'old-live'`)).rejects.toThrow(
      /incidents_published_started_at/,
    );
    await client.query(`UPDATE incidents SET started_at = NULL WHERE id = 'old-draft'`);
  });
});

describe('saving drafts', () => {
  it('keeps the status chosen for a draft (Mitigated), through save, reload and publish', async () => {
    const slug = `${RUN}-mitigated`;
    const saved = await saveIncident(null, fd({ ...complete(slug), draft: true, status: 'mitigated' }));
    expect(saved).toMatchObject({ ok: true, version: 1 });
    expect(await prisma.incident.findUniqueOrThrow({ where: { slug } })).toMatchObject({ draft: true, status: 'mitigated' });
    // The edit form shows what was chosen, not a status guessed from the times.
    const stored = await getStoredIncident({ slug }, true);
    const reloaded = documentToForm(stored!.document);
    expect(reloaded).toMatchObject({ draft: true, status: 'mitigated' });
    const published = await saveIncident(null, fd({ ...reloaded, draft: false }, { incidentId: stored!.id, version: 1 }));
    expect(published).toMatchObject({ ok: true, version: 2 });
    expect(await prisma.incident.findUniqueOrThrow({ where: { slug } })).toMatchObject({ draft: false, status: 'mitigated' });
  });

  it('saves a draft with only a title: slug from the title, no start time', async () => {
    const title = `${RUN} Only a title`;
    const saved = await saveIncident(null, fd({ ...emptyIncidentForm(), draft: true, title }));
    const slug = `${RUN}-only-a-title`;
    expect(saved).toMatchObject({ ok: true, slug });
    expect(await prisma.incident.findUniqueOrThrow({ where: { slug } })).toMatchObject({ draft: true, startedAt: null, title });
  });

  it('still refuses to publish without what a reader needs, each at its field', async () => {
    const result = await saveIncident(null, fd({ ...emptyIncidentForm(), draft: false, title: `${RUN} Publish too early` }));
    expect(result.ok).toBe(false);
    const errors = !result.ok ? (result.fieldErrors ?? {}) : {};
    expect(Object.keys(errors).sort()).toEqual(['services', 'startedAt', 'summary', 'symptoms', 'timeline']);
    expect(await prisma.incident.count({ where: { slug: `${RUN}-publish-too-early` } })).toBe(0);
  });

  it('stores tags typed with capitals and spaces as the form shows them', async () => {
    const slug = `${RUN}-tags`;
    const form = { ...complete(slug), draft: true, tags: [{ key: 't', value: `${RUN} Disk Full` }] };
    expect(await saveIncident(null, fd(form))).toMatchObject({ ok: true });
    expect((await getStoredIncident({ slug }, true))!.document.tags).toEqual([`${RUN}-disk-full`]);
  });
});
