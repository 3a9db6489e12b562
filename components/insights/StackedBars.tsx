// Vertical stacked bars: one bar per bucket (a month), one segment per series.
import { Legend, patternId, SeriesPatterns, type Series } from './series';

type Row = { bucket: string; counts: Record<string, number>; total: number };

const HEIGHT = 180;
const BAR = 22;
const GAP = 8;
const LEFT = 32;
const BOTTOM = 34;

export function StackedBars({ id, rows, series }: { id: string; rows: Row[]; series: Series[] }) {
  const max = Math.max(1, ...rows.map((r) => r.total));
  const width = LEFT + rows.length * (BAR + GAP) + GAP;
  const y = (v: number) => HEIGHT - (v / max) * HEIGHT;
  // Label every bucket when few, else every third, so labels never overlap.
  const every = rows.length > 18 ? 3 : 1;
  return (
    <>
      <svg width={width} height={HEIGHT + BOTTOM + 8} viewBox={`0 -8 ${width} ${HEIGHT + BOTTOM + 8}`} aria-hidden="true">
        <SeriesPatterns chart={id} count={series.length} />
        <line x1={LEFT - 4} x2={width} y1={HEIGHT} y2={HEIGHT} className="stroke-current" />
        <text x={LEFT - 8} y={y(max) + 4} textAnchor="end" fontSize="11" className="fill-current">
          {max}
        </text>
        <text x={LEFT - 8} y={HEIGHT} textAnchor="end" fontSize="11" className="fill-current">
          0
        </text>
        {rows.map((r, i) => {
          const x = LEFT + GAP + i * (BAR + GAP);
          let acc = 0;
          return (
            <g key={r.bucket}>
              {series.map((s, si) => {
                const v = r.counts[s.key] ?? 0;
                if (!v) return null;
                const top = y(acc + v);
                const h = y(acc) - top;
                acc += v;
                return (
                  <rect
                    key={s.key}
                    x={x}
                    y={top}
                    width={BAR}
                    height={h}
                    fill={`url(#${patternId(id, si)})`}
                    className="stroke-current"
                    strokeWidth="0.5"
                  >
                    <title>{`${r.bucket}: ${s.label} ${v}`}</title>
                  </rect>
                );
              })}
              {r.total > 0 && (
                <text x={x + BAR / 2} y={y(r.total) - 3} textAnchor="middle" fontSize="10" className="fill-current">
                  {r.total}
                </text>
              )}
              {i % every === 0 && (
                <text x={x + BAR / 2} y={HEIGHT + 14} textAnchor="middle" fontSize="10" className="fill-current">
                  {r.bucket.slice(2)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend chart={id} series={series} />
    </>
  );
}
