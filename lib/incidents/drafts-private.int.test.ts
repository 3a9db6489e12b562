// Drafts stay private everywhere (issue 10, class 5), against a real PostgreSQL:
// a reader's revision history and diffs, check runs linked to a draft (pages'
// queries and /api/check-runs), the export route, and search's spelling
// corrections never carry text that only ever existed in a draft. Since drafts
// became a flag beside status (docs/decisions/031), a draft that is already
// "resolved", or has no start time yet, must stay just as private.
import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setRequestHeaders, setAppEnv } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';
import { emptyIncidentForm, type IncidentForm } from './form';

const url = inject('databaseUrl');
setAppEnv(url, { ANONYMOUS_READ: 'true' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const { saveIncident } = await import('./actions');
const { listRevisions } = await import('./authoring-queries');
const { snapshotText } = await import('./revisions');
const { diffRevisionFields } = await import('./field-diff');
const { getBatchRuns, getRun, listRuns } = await import('@/lib/checks/queries');
const { runSearch } = await import('@/lib/search/engine');
const { getIncidentBySlug, getIncidentFacets, listIncidents, recentIncidents } = await import('./queries');
const { getStoredIncident } = await import('./authoring-queries');
const { parseIncidentListParams } = await import('./schema');
const { relatedToIncident } = await import('@/lib/search/queries');
const checkRunsRoute = await import('@/app/api/check-runs/route');
const exportRoute = await import('@/app/api/incidents/[slug]/export/route');

const RUN = `drf${Math.random().toString(36).slice(2, 8)}`;
// Letters only, so the search vocabulary would keep it (it skips words with digits).
const DRAFT_WORD = 'xylophonequokka';
const DRAFT_ONLY = `The ${DRAFT_WORD} cluster was wiped by hand`;
const SECRET_TITLE = `Unannounced breach ${DRAFT_WORD}`;

const prisma = scriptClient(url);
const tokens: Record<'author' | 'viewer', string> = { author: '', viewer: '' };
const userIds: string[] = [];
let historyIncidentId = '';
let draftSlug = '';
let runId = '';
let batchId = '';
let hostId = '';
const checkSlug = `${RUN}-check`;

const as = (who: 'author' | 'viewer' | 'anonymous') => {
  setRequestHeaders(who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` });
};

const form = (slug: string, over: Partial<IncidentForm>): IncidentForm => ({
  ...emptyIncidentForm(),
  draft: false,
  slug,
  title: 'Cache stampede on the API tier',
  summary: 'Expired keys made every request hit the database.',
  timezone: 'UTC',
  startedAt: '2024-06-01 10:00',
  services: [{ key: 'a', value: `${RUN}-api` }],
  symptoms: [{ key: 's', value: 'p99 latency above two seconds' }],
  timeline: [{ key: 'e', at: '2024-06-01 10:02', kind: 'detection', text: 'Latency alert.' }],
  ...over,
});

function fd(f: IncidentForm, ids: { incidentId?: string; version?: number } = {}) {
  const data = new FormData();
  data.set('form', JSON.stringify(f));
  data.set('incidentId', ids.incidentId ?? '');
  data.set('version', ids.version === undefined ? '' : String(ids.version));
  return data;
}

async function save(f: IncidentForm, ids: { incidentId?: string; version?: number } = {}) {
  as('author');
  const result = await saveIncident(null, fd(f, ids));
  if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result)}`);
  return result as typeof result & { version: number };
}

beforeAll(async () => {
  await applyMigrations(url);
  for (const role of ['author', 'viewer'] as const) {
    const { user, token } = await makeUserWithToken(
      prisma,
      { email: `${RUN}-${role}@example.com`, name: `Drafts ${role}`, role },
      RUN,
    );
    userIds.push(user.id);
    tokens[role] = token;
  }

  // History: two draft saves carry text that is gone before the first publish.
  const slug = `${RUN}-history`;
  await save(form(slug, { draft: true, narrative: DRAFT_ONLY, lessons: DRAFT_ONLY }));
  const { id } = await prisma.incident.findUniqueOrThrow({ where: { slug } });
  historyIncidentId = id;
  await save(form(slug, { draft: true, narrative: `${DRAFT_ONLY}, twice` }), { incidentId: id, version: 1 });
  await save(form(slug, { narrative: 'Keys now expire with jitter.' }), { incidentId: id, version: 2 });
  await save(form(slug, { narrative: 'Keys now expire with jitter and a lock.' }), { incidentId: id, version: 3 });

  // A draft never published, with a check run as its evidence.
  draftSlug = `${RUN}-secret`;
  await save(form(draftSlug, { draft: true, title: SECRET_TITLE, narrative: DRAFT_ONLY }));
  const draft = await prisma.incident.findUniqueOrThrow({ where: { slug: draftSlug } });
  const check = await prisma.check.create({ data: { slug: checkSlug, title: 'Uptime', argv: ['uptime'] } });
  const host = await prisma.host.create({
    data: { name: `${RUN}-host`, role: 'web', agentUrl: 'http://10.0.0.9:7070', secretSealed: 'x' },
  });
  hostId = host.id;
  batchId = randomUUID();
  const run = await prisma.checkRun.create({
    data: {
      checkId: check.id,
      hostId: host.id,
      incidentId: draft.id,
      batchId,
      status: 'passed',
      argv: ['uptime'],
      stdout: 'up 3 days',
    },
  });
  runId = run.id;
});

afterAll(async () => {
  await prisma.checkRun.deleteMany({ where: { hostId } });
  await prisma.host.deleteMany({ where: { name: { startsWith: RUN } } });
  await prisma.check.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.incident.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.service.deleteMany({ where: { name: { startsWith: RUN } } });
  await prisma.user.deleteMany({ where: { id: { in: userIds } } });
  await prisma.$disconnect();
});

describe("a reader's revision history", () => {
  it('lists only published versions, and no diff between them holds draft-only text', async () => {
    const revisions = await listRevisions(historyIncidentId, false);
    expect(revisions.map((r) => r.version)).toEqual([4, 3]);
    for (const from of revisions) {
      expect(snapshotText(from.snapshot)).not.toContain(DRAFT_WORD);
      for (const to of revisions) {
        expect(JSON.stringify(diffRevisionFields(from.snapshot, to.snapshot))).not.toContain(DRAFT_WORD);
      }
    }
  });

  it('still lists every version for authors', async () => {
    const revisions = await listRevisions(historyIncidentId, true);
    expect(revisions.map((r) => r.version)).toEqual([4, 3, 2, 1]);
    expect(JSON.stringify(diffRevisionFields(revisions[3]!.snapshot, revisions[0]!.snapshot))).toContain(DRAFT_WORD);
  });

  it('treats a snapshot without a status as unpublished', async () => {
    const incident = await prisma.incident.findUniqueOrThrow({ where: { id: historyIncidentId } });
    await prisma.incidentRevision.create({ data: { incidentId: incident.id, version: 99, snapshot: { title: DRAFT_ONLY } } });
    try {
      expect((await listRevisions(historyIncidentId, false)).map((r) => r.version)).toEqual([4, 3]);
    } finally {
      await prisma.incidentRevision.deleteMany({ where: { incidentId: incident.id, version: 99 } });
    }
  });
});

describe('check runs linked to a draft', () => {
  const leaks = (value: unknown) => {
    const text = JSON.stringify(value);
    return text.includes(draftSlug) || text.includes(DRAFT_WORD);
  };

  it('name neither its slug nor its title to a reader', async () => {
    const run = await getRun(runId, false);
    expect(run).toMatchObject({ incidentSlug: null, forDraftIncident: true, stdout: 'up 3 days' });
    expect(leaks(run)).toBe(false);
    expect(leaks(await getBatchRuns(batchId, false))).toBe(false);
    expect(leaks(await listRuns({ hostId }, false))).toBe(false);
    expect(leaks(await listRuns({ checkSlug }, false))).toBe(false);
  });

  it('link the draft for authors and above', async () => {
    expect(await getRun(runId, true)).toMatchObject({ incidentSlug: draftSlug, forDraftIncident: false });
  });

  it('/api/check-runs withholds the draft from viewers and anonymous readers', async () => {
    for (const who of ['viewer', 'anonymous'] as const) {
      as(who);
      const res = await checkRunsRoute.GET(new NextRequest(`http://localhost/api/check-runs?batch=${batchId}`));
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain(runId);
      expect(body).not.toContain(draftSlug);
      expect(body).not.toContain(DRAFT_WORD);
    }
    as('author');
    const res = await checkRunsRoute.GET(new NextRequest(`http://localhost/api/check-runs?batch=${batchId}`));
    expect(await res.text()).toContain(draftSlug);
  });
});

describe('a draft whose status is already chosen (decision 031)', () => {
  // Status "resolved" used to mean published; now only the flag decides.
  const WORD = 'quindecagonmarmot';
  const slug = () => `${RUN}-resolved-draft`;
  let publishedId = '';

  beforeAll(async () => {
    await save(
      form(slug(), {
        draft: true,
        status: 'resolved',
        title: `Resolved but unpublished ${WORD}`,
        // A year no published incident has, to see that the year facet stays blind to it.
        startedAt: '1999-03-01 10:00',
        resolvedAt: '1999-03-01 11:00',
        timeline: [{ key: 'e', at: '1999-03-01 10:02', kind: 'detection', text: `The ${WORD} alarm.` }],
        symptoms: [{ key: 's', value: `${RUN} shared symptom: p99 latency above two seconds ${WORD}` }],
      }),
    );
    // A published twin sharing its symptom, so "similar incidents" would find the draft if it could.
    const twin = `${RUN}-twin`;
    await save(form(twin, { symptoms: [{ key: 's', value: `${RUN} shared symptom: p99 latency above two seconds` }] }));
    publishedId = (await prisma.incident.findUniqueOrThrow({ where: { slug: twin } })).id;
    // One more draft with nothing but a title: no start time at all.
    await save({ ...emptyIncidentForm(), draft: true, title: `${RUN} only a title ${WORD}` });
  });

  it('is stored as a draft that keeps its status', async () => {
    expect(await prisma.incident.findUniqueOrThrow({ where: { slug: slug() } })).toMatchObject({
      draft: true,
      status: 'resolved',
    });
  });

  it('is absent from the page, the list, the home page, the facets and the document read', async () => {
    expect(await getIncidentBySlug(slug(), false)).toBeNull();
    expect(await getStoredIncident({ slug: slug() }, false)).toBeNull();
    const listed = JSON.stringify([
      // Oldest first: a 1999 incident would lead the first page.
      await listIncidents(parseIncidentListParams({ dir: 'asc' })),
      await listIncidents(parseIncidentListParams({ q: WORD })),
      await recentIncidents(50),
    ]);
    expect(listed).not.toContain(WORD);
    expect(listed).not.toContain(`${RUN}-resolved-draft`);
    expect((await getIncidentFacets()).years.map((y) => y.value)).not.toContain(1999);
    // Authors still see it.
    expect((await getIncidentBySlug(slug(), true))?.draft).toBe(true);
  });

  it('is found by no search and no "similar incidents"', async () => {
    const exec = <T>(query: Parameters<typeof prisma.$queryRaw>[0]) => prisma.$queryRaw<T[]>(query);
    for (const q of [WORD, 'Resolved but unpublished', `${RUN} shared symptom`]) {
      const outcome = await runSearch(exec, { q, limit: 50, offset: 0 });
      // The outcome repeats the query; what it found must not name the draft.
      expect(JSON.stringify(outcome.hits)).not.toContain(WORD);
      expect(JSON.stringify(outcome.hits)).not.toContain(slug());
    }
    expect(JSON.stringify(await relatedToIncident(publishedId))).not.toContain(WORD);
  });

  it('has no revision a reader may see, and the export route answers 404', async () => {
    const { id } = await prisma.incident.findUniqueOrThrow({ where: { slug: slug() } });
    expect(await listRevisions(id, false)).toEqual([]);
    for (const who of ['viewer', 'anonymous'] as const) {
      as(who);
      const res = await exportRoute.GET(new NextRequest(`http://localhost/api/incidents/${slug()}/export`));
      expect(res.status).toBe(404);
    }
  });

  it('never feeds the spelling vocabulary', async () => {
    const terms = await prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM search_terms WHERE word LIKE 'quindecagonmarm%'`;
    expect(terms[0]!.n).toBe(0);
  });
});

describe('other ways out', () => {
  it('the export route answers 404 for a draft to a viewer', async () => {
    as('viewer');
    const res = await exportRoute.GET(new NextRequest(`http://localhost/api/incidents/${draftSlug}/export`));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(DRAFT_WORD);
  });

  it('search never corrects a misspelling to a word found only in drafts', async () => {
    const exec = <T>(query: Parameters<typeof prisma.$queryRaw>[0]) => prisma.$queryRaw<T[]>(query);
    const outcome = await runSearch(exec, { q: 'xylophonequoka', limit: 10, offset: 0 });
    expect(JSON.stringify(outcome)).not.toContain(DRAFT_WORD);
    const terms = await prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM search_terms WHERE word LIKE 'xylophonequok%'`;
    expect(terms[0]!.n).toBe(0);
  });

  it('publishing a draft adds its words to the vocabulary', async () => {
    const slug = `${RUN}-later`;
    await save(form(slug, { draft: true, narrative: 'The zanzibarquill relay dropped frames' }));
    const { id } = await prisma.incident.findUniqueOrThrow({ where: { slug } });
    const count = async () =>
      (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM search_terms WHERE word LIKE 'zanzibarqui%'`)[0]!.n;
    expect(await count()).toBe(0);
    await save(form(slug, { narrative: 'The zanzibarquill relay dropped frames' }), { incidentId: id, version: 1 });
    expect(await count()).toBe(1);
  });
});
