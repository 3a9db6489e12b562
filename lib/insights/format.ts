// Durations for people: "45 min", "3 h 20 min", "2 d 4 h". No server-only imports (charts use it).
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) return '–';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
