// The figures of /insights (and GET /api/v1/insights) on a small dataset whose
// answers are worked out by hand; drafts count only for those who may see them.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { incidentDocumentSchema, type IncidentDocumentInput } from '@/lib/content/schema';
import { writeIncident } from '@/lib/incidents/store';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setAppEnv } from '@/tests/request-scope';

const url = inject('databaseUrl');
setAppEnv(url);
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));

const { getInsights, getInsightsFacets } = await import('./queries');
const { parseInsightsParams } = await import('./schema');
const { stopCacheListener } = await import('@/lib/cache/tagged');
const { listIncidents, getIncidentFacets } = await import('@/lib/incidents/queries');
const { parseIncidentListParams } = await import('@/lib/incidents/schema');
const { incidentListHref } = await import('@/lib/incidents/url');

const RUN = `ins${Date.now().toString(36)}`;
const SERVICE = `${RUN}-svc`;
const NOW = new Date('2024-01-01T12:00:00Z');
const prisma = scriptClient(url);

const at = (start: string, minutes: number) => new Date(new Date(start).getTime() + minutes * 60_000).toISOString();

function incident(
  name: string,
  o: { severity: 'SEV1' | 'SEV2'; start: string; detect?: number; mitigate?: number; resolve?: number; draft?: boolean } & Pick<
    IncidentDocumentInput,
    'trigger' | 'contributingFactors' | 'actionItems'
  >,
) {
  return incidentDocumentSchema.parse({
    slug: `${RUN}-${name}`,
    title: `Insight ${name}`,
    summary: 'Summary.',
    severity: o.severity,
    status: o.draft ? 'draft' : 'resolved',
    startedAt: o.start,
    ...(o.detect !== undefined ? { detectedAt: at(o.start, o.detect) } : {}),
    ...(o.mitigate !== undefined ? { mitigatedAt: at(o.start, o.mitigate) } : {}),
    ...(o.resolve !== undefined ? { resolvedAt: at(o.start, o.resolve) } : {}),
    services: [SERVICE],
    symptoms: ['It broke'],
    timeline: [{ at: o.start, kind: 'detection', text: 'Alert.' }],
    trigger: o.trigger,
    contributingFactors: o.contributingFactors ?? [],
    actionItems: o.actionItems ?? [],
  } satisfies IncidentDocumentInput);
}

beforeAll(async () => {
  await applyMigrations(url);
  const docs = [
    incident('x1', {
      severity: 'SEV1',
      start: '2023-03-01T10:00:00Z',
      detect: 10,
      mitigate: 30,
      resolve: 60,
      trigger: 'capacity',
      contributingFactors: [
        { title: 'Disk full', category: 'capacity' },
        { title: 'No alert on disk', category: 'process' },
      ],
      actionItems: [
        { text: 'Add disk alert', status: 'done' },
        { text: 'Grow the disk', status: 'open', due: '2023-04-01' },
      ],
    }),
    incident('x2', {
      severity: 'SEV1',
      start: '2023-03-15T10:00:00Z',
      detect: 20,
      mitigate: 90,
      resolve: 120,
      trigger: 'capacity',
      contributingFactors: [{ title: 'Something nobody categorized' }],
      actionItems: [{ text: 'Rewrite everything', status: 'wont_do' }],
    }),
    incident('x3', {
      severity: 'SEV2',
      start: '2023-05-02T10:00:00Z',
      detect: 5,
      resolve: 300,
      actionItems: [{ text: 'Automate failover', status: 'in_progress', due: '2099-01-01' }],
    }),
    incident('draft', { severity: 'SEV1', start: '2023-04-10T10:00:00Z', detect: 1000, draft: true }),
  ];
  for (const doc of docs) await prisma.$transaction((tx) => writeIncident(tx, doc));
});

afterAll(async () => {
  await prisma.incident.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.service.deleteMany({ where: { name: SERVICE } });
  await stopCacheListener();
  await prisma.$disconnect();
});

const filtered = (extra: Record<string, string> = {}) => parseInsightsParams({ service: SERVICE, ...extra });

describe('getInsights', () => {
  it('computes every figure of a reader on the known sample, drafts left out', async () => {
    const insights = await getInsights(filtered(), false, NOW);
    expect(insights.incidents).toBe(3);
    expect(insights.perMonth).toEqual([
      { month: '2023-03', counts: { SEV1: 2, SEV2: 0, SEV3: 0, SEV4: 0 }, total: 2 },
      { month: '2023-04', counts: { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 }, total: 0 },
      { month: '2023-05', counts: { SEV1: 0, SEV2: 1, SEV3: 0, SEV4: 0 }, total: 1 },
    ]);
    expect(insights.byService).toEqual([{ service: SERVICE, count: 3 }]);

    const measure = (key: string, severity: string) =>
      insights.durations.find((d) => d.measure === key)!.bySeverity.find((s) => s.severity === severity)!;
    expect(measure('detect', 'SEV1')).toMatchObject({
      minutes: [10, 20],
      stats: { n: 2, median: 15, p90: 19, min: 10, max: 20 },
    });
    expect(measure('detect', 'SEV2').stats).toMatchObject({ n: 1, median: 5, p90: 5 });
    expect(measure('mitigate', 'SEV1').stats).toMatchObject({ median: 60, p90: 84 });
    // SEV2 was never marked mitigated: left out, not counted as zero.
    expect(measure('mitigate', 'SEV2').stats).toBeNull();
    expect(measure('resolve', 'SEV1').stats).toMatchObject({ median: 90, q1: 75, q3: 105 });
    expect(measure('detect', 'SEV3').stats).toBeNull();

    const category = (slug: string) => insights.factorsByCategory.find((c) => c.category === slug)!;
    expect(category('capacity')).toMatchObject({ label: 'Capacity', factors: 1, triggers: 2 });
    expect(category('process')).toMatchObject({ factors: 1, triggers: 0 });
    expect(category('uncategorized')).toMatchObject({ factors: 1, triggers: 0 });

    expect(insights.actionItems).toMatchObject({ total: 4, done: 1, wontDo: 1, pending: 1, overdue: 1 });
    expect(insights.actionItems.completion).toBeCloseTo(1 / 3);
    expect(insights.actionItems.byIncidentMonth).toEqual([
      { month: '2023-03', done: 1, wontDo: 1, pending: 0, overdue: 1, total: 3 },
      { month: '2023-04', done: 0, wontDo: 0, pending: 0, overdue: 0, total: 0 },
      { month: '2023-05', done: 0, wontDo: 0, pending: 1, overdue: 0, total: 1 },
    ]);
  });

  it('counts drafts for authors', async () => {
    const insights = await getInsights(filtered(), true, NOW);
    expect(insights.incidents).toBe(4);
    expect(insights.perMonth[1]).toMatchObject({ month: '2023-04', total: 1 });
    expect(insights.durations[0]!.bySeverity[0]!.minutes).toEqual([10, 20, 1000]);
  });

  it('filters by year and severity; a bad filter value is ignored', async () => {
    expect((await getInsights(filtered({ year: '2022' }), false, NOW)).incidents).toBe(0);
    expect((await getInsights(filtered({ year: '2023', severity: 'SEV2' }), false, NOW)).incidents).toBe(1);
    expect(filtered({ year: 'soon', severity: 'SEV9' })).toEqual({ service: SERVICE });
  });

  it('offers the years and services readers may see', async () => {
    const facets = await getInsightsFacets(false);
    expect(facets.years).toContain(2023);
    expect(facets.services).toContain(SERVICE);
  });
});

describe('the incident list by factor category', () => {
  const slugs = async (category: string) =>
    (await listIncidents(parseIncidentListParams({ service: SERVICE, category }))).rows.map((r) => r.slug).sort();

  it('finds incidents a category triggered or has a factor in, drafts left out', async () => {
    expect(await slugs('capacity')).toEqual([`${RUN}-x1`, `${RUN}-x2`]);
    expect(await slugs('process')).toEqual([`${RUN}-x1`]);
    expect(await slugs('user-behaviour-change')).toEqual([]);
  });

  it('keeps the category in the URL and offers it as a facet with its label', async () => {
    const params = parseIncidentListParams({ category: 'capacity', tag: 'x' });
    expect(incidentListHref(params)).toBe('/incidents?tag=x&category=capacity');
    expect(parseIncidentListParams({ category: 'Not A Slug' }).category).toBeUndefined();
    const capacity = (await getIncidentFacets()).categories.find((c) => c.value === 'capacity');
    expect(capacity).toMatchObject({ label: 'Capacity' });
    expect(capacity!.count).toBeGreaterThanOrEqual(2);
  });
});
