// The figures of /insights from plain rows, with no database: the page, the API
// and the tests compute them the same way. Definitions (also stated on the page):
//   time to detect   = detectedAt  - startedAt
//   time to mitigate = mitigatedAt - startedAt
//   time to resolve  = resolvedAt  - startedAt
// in minutes; an incident missing either time (or with them out of order) is left
// out of that measure, and each measure says how many incidents it covers.
import { ActionItemStatus, Severity } from '@/lib/generated/prisma/enums';
import { distribution, minutesBetween, monthOf, monthRange, stack, type Distribution } from './stats';

export const SEVERITIES = Object.values(Severity);
export const UNCATEGORIZED = 'uncategorized';

export type InsightIncident = {
  severity: Severity;
  startedAt: Date;
  detectedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  services: string[];
  trigger: string | null;
  factorCategories: (string | null)[];
  actionItems: { status: ActionItemStatus; due: Date | null }[];
};

export const MEASURES = [
  { key: 'detect', label: 'Time to detect', to: 'detectedAt', definition: 'detected − started' },
  { key: 'mitigate', label: 'Time to mitigate', to: 'mitigatedAt', definition: 'mitigated − started' },
  { key: 'resolve', label: 'Time to resolve', to: 'resolvedAt', definition: 'resolved − started' },
] as const;
export type MeasureKey = (typeof MEASURES)[number]['key'];

export type DurationFigure = {
  measure: MeasureKey;
  label: string;
  definition: string;
  bySeverity: { severity: Severity; minutes: number[]; stats: Distribution | null }[];
};

export type ActionItemMonth = { month: string; done: number; wontDo: number; pending: number; overdue: number; total: number };

export type Insights = {
  incidents: number;
  perMonth: { month: string; counts: Record<Severity, number>; total: number }[];
  byService: { service: string; count: number }[];
  durations: DurationFigure[];
  factorsByCategory: { category: string; label: string; factors: number; triggers: number }[];
  actionItems: {
    total: number;
    done: number;
    wontDo: number;
    pending: number;
    overdue: number;
    /** done / (total - won't do): the share of the items still meant to be done that are. */
    completion: number | null;
    /** By the month of the incident that proposed them, their state today. */
    byIncidentMonth: ActionItemMonth[];
  };
};

/** Everything /insights shows, from the incidents that pass the filters. `today` is a UTC midnight. */
export function computeInsights(
  incidents: readonly InsightIncident[],
  categories: readonly { slug: string; label: string }[],
  today: Date,
): Insights {
  const months = incidents.length
    ? monthRange(
        monthOf(new Date(Math.min(...incidents.map((i) => i.startedAt.getTime())))),
        monthOf(new Date(Math.max(...incidents.map((i) => i.startedAt.getTime())))),
      )
    : [];
  const perMonth = stack(
    incidents,
    months,
    SEVERITIES,
    (i) => monthOf(i.startedAt),
    (i) => i.severity,
  ).map((r) => ({
    month: r.bucket,
    counts: r.counts as Record<Severity, number>,
    total: r.total,
  }));

  const services = new Map<string, number>();
  for (const i of incidents) for (const s of new Set(i.services)) services.set(s, (services.get(s) ?? 0) + 1);
  const byService = [...services]
    .map(([service, count]) => ({ service, count }))
    .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service));

  const durations = MEASURES.map((m): DurationFigure => ({
    measure: m.key,
    label: m.label,
    definition: m.definition,
    bySeverity: SEVERITIES.map((severity) => {
      const minutes = incidents
        .filter((i) => i.severity === severity)
        .map((i) => minutesBetween(i.startedAt, i[m.to]))
        .filter((x): x is number => x !== null)
        .sort((a, b) => a - b);
      return { severity, minutes, stats: distribution(minutes) };
    }),
  }));

  const known = new Set(categories.map((c) => c.slug));
  const slot = (c: string | null) => (c && known.has(c) ? c : UNCATEGORIZED);
  const factorCounts = new Map<string, { factors: number; triggers: number }>(
    [...categories.map((c) => c.slug), UNCATEGORIZED].map((c) => [c, { factors: 0, triggers: 0 }]),
  );
  for (const i of incidents) {
    for (const c of i.factorCategories) factorCounts.get(slot(c))!.factors += 1;
    if (i.trigger) factorCounts.get(slot(i.trigger))!.triggers += 1;
  }
  const labels = new Map(categories.map((c) => [c.slug, c.label]));
  const factorsByCategory = [...factorCounts].map(([category, n]) => ({
    category,
    label: labels.get(category) ?? 'Not categorized',
    ...n,
  }));

  const itemMonths = new Map<string, ActionItemMonth>(
    months.map((month) => [month, { month, done: 0, wontDo: 0, pending: 0, overdue: 0, total: 0 }]),
  );
  const totals = { total: 0, done: 0, wontDo: 0, pending: 0, overdue: 0 };
  for (const i of incidents) {
    const row = itemMonths.get(monthOf(i.startedAt))!;
    for (const a of i.actionItems) {
      // Each item lands in exactly one state, so the stacked bars add up to the total.
      const state =
        a.status === ActionItemStatus.done
          ? 'done'
          : a.status === ActionItemStatus.wont_do
            ? 'wontDo'
            : a.due && a.due < today
              ? 'overdue'
              : 'pending';
      row[state] += 1;
      row.total += 1;
      totals[state] += 1;
      totals.total += 1;
    }
  }
  const meant = totals.total - totals.wontDo;
  return {
    incidents: incidents.length,
    perMonth,
    byService,
    durations,
    factorsByCategory,
    actionItems: { ...totals, completion: meant > 0 ? totals.done / meant : null, byIncidentMonth: [...itemMonths.values()] },
  };
}
