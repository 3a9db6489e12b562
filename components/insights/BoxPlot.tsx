// A box plot per severity with every incident drawn as a point (a strip plot),
// so a small sample is seen as what it is. The box is the quartiles, the thick
// line the median, the diamond p90, the whiskers min and max. Minutes on a
// square-root scale, so a two-day outage does not flatten the ten-minute ones.
import { formatMinutes } from '@/lib/insights/format';
import type { Distribution } from '@/lib/insights/stats';

type Row = { label: string; minutes: number[]; stats: Distribution | null };

const ROW = 34;
const LABEL = 60;
const PLOT = 420;

export function BoxPlot({ rows }: { rows: Row[] }) {
  const max = Math.max(1, ...rows.flatMap((r) => (r.stats ? [r.stats.max] : [])));
  // No point at all: an axis would only show made-up minutes.
  const empty = rows.every((r) => !r.stats);
  const x = (m: number) => LABEL + Math.sqrt(m / max) * PLOT;
  const height = rows.length * ROW + 24;
  const ticks = empty ? [] : [0, max / 16, max / 4, max].filter((t, i, all) => all.indexOf(t) === i);
  return (
    <svg width={LABEL + PLOT + 30} height={height} viewBox={`0 0 ${LABEL + PLOT + 30} ${height}`} aria-hidden="true">
      {rows.map((r, i) => {
        const mid = i * ROW + ROW / 2;
        const s = r.stats;
        return (
          <g key={r.label}>
            <text x={LABEL - 8} y={mid + 4} textAnchor="end" fontSize="12" className="fill-current">
              {r.label}
            </text>
            {!s ? (
              <text x={LABEL} y={mid + 4} fontSize="11" className="fill-current">
                no incidents with both times
              </text>
            ) : (
              <>
                <line x1={x(s.min)} x2={x(s.max)} y1={mid} y2={mid} className="stroke-current" />
                <rect
                  x={x(s.q1)}
                  y={mid - 8}
                  width={Math.max(1, x(s.q3) - x(s.q1))}
                  height={16}
                  className="fill-sky-200 stroke-current dark:fill-sky-900"
                />
                <line x1={x(s.median)} x2={x(s.median)} y1={mid - 10} y2={mid + 10} className="stroke-current" strokeWidth="3" />
                <path d={`M${x(s.p90)} ${mid - 6} l5 6 l-5 6 l-5 -6 z`} className="fill-current" />
                {r.minutes.map((m, j) => (
                  <circle key={j} cx={x(m)} cy={mid + 12} r="2" className="fill-current" opacity="0.7">
                    <title>{formatMinutes(m)}</title>
                  </circle>
                ))}
              </>
            )}
          </g>
        );
      })}
      {ticks.map((t) => (
        <text key={t} x={x(t)} y={height - 4} textAnchor="middle" fontSize="10" className="fill-current">
          {formatMinutes(t)}
        </text>
      ))}
    </svg>
  );
}
