// The charts as the server renders them: each a figure named by its title, an
// image named by title and summary, a data table behind a disclosure, series told
// apart by pattern and legend text (not colour alone), and no colour written as
// a literal (light and dark come from classes).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { computeInsights, SEVERITIES } from '@/lib/insights/figures';
import { BoxPlot } from './BoxPlot';
import { ChartFigure } from './ChartFigure';
import { StackedBars } from './StackedBars';

const insights = computeInsights(
  [
    {
      severity: 'SEV1',
      startedAt: new Date('2024-01-03T10:00:00Z'),
      detectedAt: new Date('2024-01-03T10:10:00Z'),
      mitigatedAt: null,
      resolvedAt: new Date('2024-01-03T12:00:00Z'),
      services: ['api'],
      trigger: 'capacity',
      factorCategories: ['capacity'],
      actionItems: [{ status: 'open', due: new Date('2024-02-01T00:00:00Z') }],
    },
    {
      severity: 'SEV3',
      startedAt: new Date('2024-03-05T10:00:00Z'),
      detectedAt: new Date('2024-03-05T11:00:00Z'),
      mitigatedAt: null,
      resolvedAt: null,
      services: ['api', 'db'],
      trigger: null,
      factorCategories: [null],
      actionItems: [],
    },
  ],
  [{ slug: 'capacity', label: 'Capacity' }],
  new Date('2024-06-01T00:00:00Z'),
);

describe('the charts', () => {
  it('stack months with zeros between, one pattern and legend entry per severity', () => {
    const html = renderToStaticMarkup(
      createElement(StackedBars, {
        id: 'per-month',
        rows: insights.perMonth.map((r) => ({ bucket: r.month, counts: r.counts, total: r.total })),
        series: SEVERITIES.map((s) => ({ key: s, label: s })),
      }),
    );
    expect(insights.perMonth.map((r) => r.total)).toEqual([1, 0, 1]);
    // One pattern per series in the chart, and one per legend swatch.
    expect(html.match(/<pattern /g)).toHaveLength(SEVERITIES.length * 2);
    for (const s of SEVERITIES) expect(html).toContain(`>${s}</li>`);
    expect(html).not.toMatch(/(fill|stroke)="#/);
  });

  it('wrap each chart in a named figure with an image summary and a data table', () => {
    const html = renderToStaticMarkup(
      createElement(ChartFigure, {
        id: 'detect',
        title: 'Time to detect, by severity',
        summary: 'SEV1: median 10 min.',
        chart: createElement(BoxPlot, {
          rows: insights.durations[0]!.bySeverity.map((s) => ({ label: s.severity, minutes: s.minutes, stats: s.stats })),
        }),
        table: createElement('table', null, createElement('tbody', null)),
      }),
    );
    expect(html).toMatch(/<figure aria-labelledby="detect-title"/);
    expect(html).toContain('<h2 id="detect-title"');
    expect(html).toContain('role="img" aria-label="Time to detect, by severity: SEV1: median 10 min."');
    expect(html).toMatch(/<details><summary[^>]*>Data table: Time to detect, by severity<\/summary>/);
    // SEV2 and SEV4 have no incidents: said in words, not left blank.
    expect(html.match(/no incidents with both times/g)).toHaveLength(2);
  });
});
