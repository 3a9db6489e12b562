// Time formatting for incident pages. Instants are stored in UTC and shown in the
// incident's own IANA zone, because that is the clock the responders were reading.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Most formatters kept (one per locale, zone and kind). Building an
 * Intl.DateTimeFormat loads locale and zone data and was the largest single
 * cost of an incident page view (a timeline formats dozens of instants);
 * reusing one is cheap. Zones come from stored incidents (IANA names, a few
 * hundred at most), so the bound is only a guard against unexpected input.
 */
export const MAX_CACHED_FORMATTERS = 1_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A shared formatter; Intl.DateTimeFormat is immutable, so sharing one is safe. */
export function cachedFormatter(kind: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}\u0000${locale}\u0000${options.timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    // A RangeError for an unknown zone is thrown here, before anything is kept.
    f = new Intl.DateTimeFormat(locale, options);
    if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

// en-GB gives the "14 Oct 2020, 13:50" order operators expect; zone names come
// from separate formatters below because en-GB only abbreviates British zones.
function dateTimeParts(date: Date, timeZone: string) {
  const parts = cachedFormatter('parts', 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: get('day'), month: get('month'), year: get('year'), hour: get('hour'), minute: get('minute') };
}

function shortZoneName(date: Date, timeZone: string, locale: string): string {
  const parts = cachedFormatter('zone', locale, { timeZone, timeZoneName: 'short' }).formatToParts(date);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * A short name for the zone at that instant: "CDT", "CEST", "UTC", or an offset
 * like "UTC+7" where CLDR has no abbreviation people would recognise.
 * en-US knows the North American names, en-GB the European ones.
 */
export function zoneAbbreviation(date: Date, timeZone: string): string {
  for (const locale of ['en-US', 'en-GB']) {
    const name = shortZoneName(date, timeZone, locale);
    if (name && !/^GMT[+-]/.test(name)) return name === 'GMT' && timeZone === 'UTC' ? 'UTC' : name;
  }
  return shortZoneName(date, timeZone, 'en-US').replace(/^GMT/, 'UTC');
}

/** "14 Oct 2020, 13:50 CDT": the instant on the incident's clock. */
export function formatDateTimeInZone(date: Date, timeZone: string): string {
  const p = dateTimeParts(date, timeZone);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${zoneAbbreviation(date, timeZone)}`;
}

/** "13:50": for timeline rows, where the date is usually the same as the row above. */
export function formatTimeInZone(date: Date, timeZone: string): string {
  const p = dateTimeParts(date, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** "14 Oct 2020": the calendar day in the given zone. */
export function formatDateInZone(date: Date, timeZone: string): string {
  const p = dateTimeParts(date, timeZone);
  return `${p.day} ${p.month} ${p.year}`;
}

/**
 * Calendar dates (action item due dates, review dates) are stored as UTC
 * midnight, so they must be read back in UTC or they shift a day west of Greenwich.
 */
export function formatCalendarDate(date: Date): string {
  return formatDateInZone(date, 'UTC');
}

/** "2020-10-14 18:50 UTC": the unambiguous form, for tooltips. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * "45m", "3h 55m", "2d 3h". Two units at most: past a day, minutes are noise.
 * Rounds down so an incident is never reported longer than it was.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

/** Duration from start to resolution, or "ongoing" while unresolved. */
export function formatIncidentDuration(startedAt: Date, resolvedAt: Date | null): string {
  return resolvedAt ? formatDuration(resolvedAt.getTime() - startedAt.getTime()) : 'ongoing';
}
