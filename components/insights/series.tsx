// Series look: each series has a fill AND a pattern (solid, stripes, dots,
// cross-hatch, ...), so no series is told apart by colour alone; Tailwind
// classes give light and dark variants (the page follows prefers-color-scheme).

export type Series = { key: string; label: string };

const LOOKS = [
  { fill: 'fill-rose-700 dark:fill-rose-400', mark: 'none' },
  { fill: 'fill-amber-600 dark:fill-amber-300', mark: 'stripes' },
  { fill: 'fill-sky-700 dark:fill-sky-400', mark: 'dots' },
  { fill: 'fill-slate-500 dark:fill-slate-400', mark: 'cross' },
  { fill: 'fill-emerald-700 dark:fill-emerald-400', mark: 'stripes-back' },
] as const;

const MARK_CLASS = 'stroke-white fill-white dark:stroke-slate-950 dark:fill-slate-950';

export const patternId = (chart: string, i: number) => `${chart}-pattern-${i}`;

/** One series' pattern: its fill and its mark. */
function SeriesPattern({ id, index }: { id: string; index: number }) {
  const look = LOOKS[index % LOOKS.length]!;
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" className={look.fill} />
      {look.mark === 'stripes' && <path d="M0 6 L6 0" className={MARK_CLASS} strokeWidth="1.2" />}
      {look.mark === 'stripes-back' && <path d="M0 0 L6 6" className={MARK_CLASS} strokeWidth="1.2" />}
      {look.mark === 'dots' && <circle cx="3" cy="3" r="1.1" className={MARK_CLASS} />}
      {look.mark === 'cross' && <path d="M0 3 H6 M3 0 V6" className={MARK_CLASS} strokeWidth="1" />}
    </pattern>
  );
}

/** The <defs> one chart needs: a pattern per series. */
export function SeriesPatterns({ chart, count }: { chart: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => (
        <SeriesPattern key={i} id={patternId(chart, i)} index={i} />
      ))}
    </defs>
  );
}

/** The legend as HTML: swatches drawn with the same patterns, and the names in words. */
export function Legend({ chart, series }: { chart: string; series: Series[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Legend">
      {series.map((s, i) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <svg width="14" height="14" aria-hidden="true" className="shrink-0">
            <defs>
              <SeriesPattern id={`${chart}-legend-${i}`} index={i} />
            </defs>
            <rect width="14" height="14" fill={`url(#${chart}-legend-${i})`} className="stroke-current" strokeWidth="1" />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}
