import type { Metadata } from 'next';
import Link from 'next/link';
import { BoxPlot } from '@/components/insights/BoxPlot';
import { ChartFigure, tableClass } from '@/components/insights/ChartFigure';
import { HorizontalBars } from '@/components/insights/HorizontalBars';
import { InsightsFilters } from '@/components/insights/InsightsFilters';
import { StackedBars } from '@/components/insights/StackedBars';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { plural } from '@/lib/format/text';
import { SEVERITIES } from '@/lib/insights/figures';
import { formatMinutes } from '@/lib/insights/format';
import { getInsights, getInsightsFacets } from '@/lib/insights/queries';
import { parseInsightsParams } from '@/lib/insights/schema';

export const metadata: Metadata = { title: 'Insights' };

const SEVERITY_SERIES = SEVERITIES.map((s) => ({ key: s, label: s }));
const ITEM_SERIES = [
  { key: 'done', label: 'Done' },
  { key: 'wontDo', label: "Won't do" },
  { key: 'pending', label: 'Open or in progress, not due yet' },
  { key: 'overdue', label: 'Overdue' },
];

export default async function InsightsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const viewer = await requirePageRole('reader', '/insights');
  const params = parseInsightsParams(raw);
  const includeDrafts = hasRole(viewer?.role, 'author');
  const [insights, facets] = await Promise.all([getInsights(params, includeDrafts), getInsightsFacets(includeDrafts)]);
  const { perMonth, byService, durations, factorsByCategory, actionItems } = insights;
  const busiest = [...perMonth].sort((a, b) => b.total - a.total)[0];
  const counted = factorsByCategory.filter((c) => c.factors || c.triggers);
  const factorSummary = counted.length
    ? `${counted.map((c) => `${c.label}: ${plural(c.factors, 'factor')}, ${c.triggers} as trigger`).join('; ')}.`
    : 'no contributing factors recorded.';

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Insights</h1>
      <p className="text-slate-700 dark:text-slate-300">
        {plural(insights.incidents, 'incident')}
        {includeDrafts ? ' (drafts included)' : ''}. Times are in UTC; durations are distributions (median, 90th percentile, every
        incident as a point), never averages. Percentiles interpolate linearly between the closest ranks (the method of NumPy, R
        and PostgreSQL&apos;s percentile_cont). JSON:{' '}
        <Link href="/api/v1/insights" className="underline">
          /api/v1/insights
        </Link>
        .
      </p>
      <InsightsFilters params={params} years={facets.years} services={facets.services} />

      <ChartFigure
        id="per-month"
        title="Incidents per month, by severity"
        description="Counted in the month the incident started (UTC)."
        summary={
          perMonth.length
            ? `${perMonth.length} months from ${perMonth[0]!.month} to ${perMonth.at(-1)!.month}; the busiest was ${busiest!.month} with ${busiest!.total}.`
            : 'no incidents.'
        }
        chart={
          <StackedBars
            id="per-month"
            rows={perMonth.map((r) => ({ bucket: r.month, counts: r.counts, total: r.total }))}
            series={SEVERITY_SERIES}
          />
        }
        table={
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">Month</th>
                {SEVERITIES.map((s) => (
                  <th key={s} scope="col">
                    {s}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {perMonth.map((r) => (
                <tr key={r.month}>
                  <th scope="row">{r.month}</th>
                  {SEVERITIES.map((s) => (
                    <td key={s}>{r.counts[s]}</td>
                  ))}
                  <td>{r.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <ChartFigure
        id="by-service"
        title="Incidents by service"
        description="An incident that affected several services counts once for each."
        summary={
          byService.length
            ? byService
                .slice(0, 5)
                .map((s) => `${s.service} ${s.count}`)
                .join(', ') + '.'
            : 'no incidents.'
        }
        chart={<HorizontalBars rows={byService.map((s) => ({ label: s.service, value: s.count }))} />}
        table={
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Incidents</th>
              </tr>
            </thead>
            <tbody>
              {byService.map((s) => (
                <tr key={s.service}>
                  <th scope="row">{s.service}</th>
                  <td>{s.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      {durations.map((d) => (
        <ChartFigure
          key={d.measure}
          id={`duration-${d.measure}`}
          title={`${d.label}, by severity`}
          description={
            <>
              {d.label} = {d.definition} (the incident&apos;s recorded times). Incidents missing either time are left out; n says
              how many are counted. Box: quartiles; thick line: median; diamond: 90th percentile; whiskers: shortest and longest;
              dots: each incident.
            </>
          }
          summary={
            d.bySeverity
              .filter((s) => s.stats)
              .map(
                (s) =>
                  `${s.severity}: median ${formatMinutes(s.stats!.median)}, p90 ${formatMinutes(s.stats!.p90)} (n=${s.stats!.n})`,
              )
              .join('; ') || 'no incidents with both times.'
          }
          chart={<BoxPlot rows={d.bySeverity.map((s) => ({ label: s.severity, minutes: s.minutes, stats: s.stats }))} />}
          table={
            <table className={tableClass}>
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">n</th>
                  <th scope="col">Median</th>
                  <th scope="col">p90</th>
                  <th scope="col">Q1</th>
                  <th scope="col">Q3</th>
                  <th scope="col">Shortest</th>
                  <th scope="col">Longest</th>
                </tr>
              </thead>
              <tbody>
                {d.bySeverity.map(({ severity, stats }) => (
                  <tr key={severity}>
                    <th scope="row">{severity}</th>
                    <td>{stats?.n ?? 0}</td>
                    {stats
                      ? [stats.median, stats.p90, stats.q1, stats.q3, stats.min, stats.max].map((v, i) => (
                          <td key={i}>{formatMinutes(v)}</td>
                        ))
                      : Array.from({ length: 6 }, (_, i) => <td key={i}>–</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      ))}

      <ChartFigure
        id="factors"
        title="Contributing factors by category"
        description="Each contributing factor counts once in its category; the trigger (what set the incident off) is counted beside it."
        summary={factorSummary}
        chart={
          <HorizontalBars
            rows={factorsByCategory.map((c) => ({
              label: c.label,
              value: c.factors,
              note: c.triggers ? ` (trigger of ${c.triggers})` : '',
            }))}
          />
        }
        table={
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Factors</th>
                <th scope="col">Incidents it triggered</th>
              </tr>
            </thead>
            <tbody>
              {factorsByCategory.map((c) => (
                <tr key={c.category}>
                  <th scope="row">{c.label}</th>
                  <td>{c.factors}</td>
                  <td>{c.triggers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <ChartFigure
        id="action-items"
        title="Action items: completion and overdue, by incident month"
        description={
          <>
            Each bar is the action items of the incidents that started that month, in their state today. Completion = done ÷ (all
            items − won&apos;t do). Overdue = open or in progress with a due date before today.{' '}
            <Link href="/action-items?overdue=1" className="underline">
              See the overdue items
            </Link>
            .
          </>
        }
        summary={`${actionItems.total} items: ${actionItems.done} done, ${actionItems.wontDo} won't do, ${actionItems.pending} pending, ${actionItems.overdue} overdue; completion ${actionItems.completion === null ? 'not applicable' : `${Math.round(actionItems.completion * 100)}%`}.`}
        chart={
          <StackedBars
            id="action-items"
            rows={actionItems.byIncidentMonth.map((r) => ({
              bucket: r.month,
              counts: { done: r.done, wontDo: r.wontDo, pending: r.pending, overdue: r.overdue },
              total: r.total,
            }))}
            series={ITEM_SERIES}
          />
        }
        table={
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">Incident month</th>
                {ITEM_SERIES.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {actionItems.byIncidentMonth.map((r) => (
                <tr key={r.month}>
                  <th scope="row">{r.month}</th>
                  <td>{r.done}</td>
                  <td>{r.wontDo}</td>
                  <td>{r.pending}</td>
                  <td>{r.overdue}</td>
                  <td>{r.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
