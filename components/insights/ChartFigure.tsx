// One chart: a <figure> named by its caption, the SVG as an image with a text
// summary, and the same numbers as a table in a <details> (screen readers,
// copying, exact values). Charts are hand-written SVG rendered on the server
// (decision 032): no client JavaScript, nothing for the CSP to allow, and a few
// dozen lines per chart type instead of a charting dependency.
import type { ReactNode } from 'react';

type Props = {
  id: string;
  title: string;
  /** One or two sentences: what is measured and how. */
  description?: ReactNode;
  /** The chart's text alternative: the figure in words. */
  summary: string;
  chart: ReactNode;
  table: ReactNode;
};

export function ChartFigure({ id, title, description, summary, chart, table }: Props) {
  return (
    <figure
      aria-labelledby={`${id}-title`}
      data-testid="insight-figure"
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <figcaption>
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {description && <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{description}</p>}
      </figcaption>
      <div role="img" aria-label={`${title}: ${summary}`} className="overflow-x-auto text-slate-800 dark:text-slate-200">
        {chart}
      </div>
      <details>
        <summary className="cursor-pointer text-sm font-medium text-blue-800 dark:text-sky-300">Data table: {title}</summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
    </figure>
  );
}

export const tableClass =
  'min-w-full text-left text-sm tabular-nums [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 dark:[&_td]:border-slate-800 [&_th]:px-2 [&_th]:py-1 [&_th]:font-semibold';
