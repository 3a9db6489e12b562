// Horizontal bars with the value written at the end of each bar.
const ROW = 22;
const LABEL = 190;
const PLOT = 320;

export function HorizontalBars({ rows }: { rows: { label: string; value: number; note?: string }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * ROW + 4;
  return (
    <svg width={LABEL + PLOT + 60} height={height} viewBox={`0 0 ${LABEL + PLOT + 60} ${height}`} aria-hidden="true">
      {rows.map((r, i) => {
        const w = (r.value / max) * PLOT;
        const y = i * ROW + 2;
        return (
          <g key={r.label}>
            <text x={LABEL - 8} y={y + 14} textAnchor="end" fontSize="12" className="fill-current">
              {r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}
            </text>
            <rect
              x={LABEL}
              y={y + 3}
              width={Math.max(w, r.value ? 2 : 0)}
              height={ROW - 8}
              className="fill-sky-700 dark:fill-sky-400"
            />
            <text x={LABEL + w + 6} y={y + 14} fontSize="12" className="fill-current">
              {r.value}
              {r.note ?? ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
