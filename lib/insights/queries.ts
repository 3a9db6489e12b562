// Reads for /insights and GET /api/v1/insights: the incidents that pass the
// filters, as the plain rows ./figures.ts computes from. Drafts count only for
// those who may see them (lib/incidents/selects.ts's `visible`).
//
// Everything is computed in the app from one narrow select (times, severity,
// labels, categories, item states: no text). At the 100k-incident synthetic
// corpus that is about 100k small rows per view; the page is for periodic
// review, not for every request, so the simple shape wins for now.
import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { visible } from '@/lib/incidents/selects';
import { computeInsights, type InsightIncident, type Insights } from './figures';
import type { InsightsParams } from './schema';
import { startOfDayUtc } from './stats';

export function insightsWhere(params: InsightsParams, includeDrafts: boolean): Prisma.IncidentWhereInput {
  return {
    ...(includeDrafts ? {} : visible),
    ...(params.severity ? { severity: params.severity } : {}),
    ...(params.service ? { services: { some: { service: { name: params.service } } } } : {}),
    ...(params.year
      ? { startedAt: { gte: new Date(Date.UTC(params.year, 0, 1)), lt: new Date(Date.UTC(params.year + 1, 0, 1)) } }
      : {}),
  };
}

export async function getInsights(params: InsightsParams, includeDrafts: boolean, now: Date = new Date()): Promise<Insights> {
  const [rows, categories] = await Promise.all([
    db.incident.findMany({
      where: insightsWhere(params, includeDrafts),
      select: {
        severity: true,
        startedAt: true,
        detectedAt: true,
        mitigatedAt: true,
        resolvedAt: true,
        trigger: true,
        services: { select: { service: { select: { name: true } } } },
        factors: { select: { category: true } },
        actionItems: { select: { status: true, due: true } },
      },
    }),
    db.factorCategory.findMany({ select: { slug: true, label: true }, orderBy: [{ position: 'asc' }, { slug: 'asc' }] }),
  ]);
  // A draft may not have a start time yet: nothing to place it on a chart by.
  const dated = rows.flatMap((r) => (r.startedAt ? [{ ...r, startedAt: r.startedAt }] : []));
  const incidents = dated.map((r): InsightIncident => ({
    severity: r.severity,
    startedAt: r.startedAt,
    detectedAt: r.detectedAt,
    mitigatedAt: r.mitigatedAt,
    resolvedAt: r.resolvedAt,
    trigger: r.trigger,
    services: r.services.map((s) => s.service.name),
    factorCategories: r.factors.map((f) => f.category),
    actionItems: r.actionItems,
  }));
  return computeInsights(incidents, categories, startOfDayUtc(now));
}

/** The filter choices: years and services of incidents the caller may see. */
export async function getInsightsFacets(includeDrafts: boolean): Promise<{ years: number[]; services: string[] }> {
  const where = includeDrafts ? {} : visible;
  const [span, services] = await Promise.all([
    db.incident.aggregate({ where, _min: { startedAt: true }, _max: { startedAt: true } }),
    db.service.findMany({
      where: { incidents: { some: { incident: where } } },
      select: { name: true },
      orderBy: { name: 'asc' },
    }),
  ]);
  const years: number[] = [];
  if (span._min.startedAt && span._max.startedAt) {
    for (let y = span._max.startedAt.getUTCFullYear(); y >= span._min.startedAt.getUTCFullYear(); y--) years.push(y);
  }
  return { years, services: services.map((s) => s.name) };
}
