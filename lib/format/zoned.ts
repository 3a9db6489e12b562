// Conversions between instants and wall-clock times in an IANA zone, for the
// content format (ISO 8601 with the zone's offset) and the postmortem form
// (a local "YYYY-MM-DD HH:MM" typed in the incident's zone). Intl only: the
// zone data is the runtime's, the same the pages use to display times.

import { cachedFormatter } from './time';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** Wall-clock fields of an instant in a zone. */
function wallClock(date: Date, timeZone: string) {
  const parts = cachedFormatter('wall', 'en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The zone's offset from UTC at that instant, in minutes (Chicago in summer: -300). */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** "2020-10-14T13:50:00-05:00": the instant on the zone's clock, with its offset. */
export function toOffsetIso(date: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000);
  const ms = local.getUTCMilliseconds();
  const base = local.toISOString().slice(0, 19) + (ms ? `.${pad(ms, 3)}` : '');
  return `${base}${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** "2020-10-14 13:50": how the form shows an instant in the incident's zone. */
export function toLocalInput(date: Date, timeZone: string): string {
  return toOffsetIso(date, timeZone).slice(0, 16).replace('T', ' ');
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/;

/**
 * The instant a wall-clock time in a zone stands for, or null if the text is not
 * a real "YYYY-MM-DD HH:MM". In a DST gap or overlap the earlier offset wins.
 */
export function fromLocalInput(text: string, timeZone: string): Date | null {
  const m = LOCAL_INPUT.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(asUtc).getUTCDate() !== day) return null; // 31 June and friends
  // Two passes: the offset at the guess can differ from the offset at the answer near a DST change.
  let guess = asUtc - zoneOffsetMinutes(new Date(asUtc), timeZone) * 60_000;
  guess = asUtc - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** Whether the runtime knows this IANA zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
