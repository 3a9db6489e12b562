import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatDateTimeInZone,
  formatDuration,
  formatIncidentDuration,
  formatTimeInZone,
  formatUtc,
  zoneAbbreviation,
} from './time';

const gs14Start = new Date('2020-10-14T13:50:00-05:00');

describe('zoneAbbreviation', () => {
  it('names Central daylight time CDT in October 2020', () => {
    expect(zoneAbbreviation(gs14Start, 'America/Chicago')).toBe('CDT');
  });
  it('names Central standard time CST in winter', () => {
    expect(zoneAbbreviation(new Date('2020-12-01T12:00:00Z'), 'America/Chicago')).toBe('CST');
  });
  it('uses the European abbreviation for Paris in summer', () => {
    expect(zoneAbbreviation(new Date('2024-08-03T14:40:00Z'), 'Europe/Paris')).toBe('CEST');
  });
  it('falls back to a UTC offset where there is no common abbreviation', () => {
    expect(zoneAbbreviation(new Date('2023-04-08T19:00:00Z'), 'Asia/Bangkok')).toBe('UTC+7');
  });
  it('says UTC for UTC', () => {
    expect(zoneAbbreviation(gs14Start, 'UTC')).toBe('UTC');
  });
});

describe('formatDateTimeInZone', () => {
  it('shows the instant on the incident clock with its abbreviation', () => {
    expect(formatDateTimeInZone(gs14Start, 'America/Chicago')).toBe('14 Oct 2020, 13:50 CDT');
  });
  it('moves to the next day when the zone is ahead of UTC', () => {
    expect(formatDateTimeInZone(new Date('2023-04-08T19:00:00Z'), 'Asia/Bangkok')).toBe('9 Apr 2023, 02:00 UTC+7');
  });
  it('uses a 24-hour clock, including midnight', () => {
    expect(formatTimeInZone(new Date('2020-10-15T05:00:00Z'), 'America/Chicago')).toBe('00:00');
  });
});

describe('formatUtc and formatCalendarDate', () => {
  it('formats the UTC instant for tooltips', () => {
    expect(formatUtc(gs14Start)).toBe('2020-10-14 18:50 UTC');
  });
  it('reads calendar dates in UTC so they do not shift a day', () => {
    expect(formatCalendarDate(new Date('2020-11-30T00:00:00Z'))).toBe('30 Nov 2020');
  });
});

describe('formatDuration', () => {
  const minutes = (n: number) => n * 60_000;
  it('shows hours and minutes', () => {
    expect(formatDuration(minutes(3 * 60 + 55))).toBe('3h 55m');
  });
  it('shows days and hours, dropping minutes', () => {
    expect(formatDuration(minutes(2 * 24 * 60 + 3 * 60 + 59))).toBe('2d 3h');
  });
  it('omits a zero second unit', () => {
    expect(formatDuration(minutes(120))).toBe('2h');
    expect(formatDuration(minutes(24 * 60))).toBe('1d');
  });
  it('shows minutes alone under an hour, rounding down', () => {
    expect(formatDuration(minutes(45) + 59_000)).toBe('45m');
    expect(formatDuration(0)).toBe('0m');
  });
  it('refuses negative or invalid spans', () => {
    expect(formatDuration(-1)).toBe('–');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
  it('says ongoing for unresolved incidents', () => {
    expect(formatIncidentDuration(gs14Start, null)).toBe('ongoing');
    expect(formatIncidentDuration(gs14Start, new Date('2020-10-14T17:45:00-05:00'))).toBe('3h 55m');
  });
});

describe('cachedFormatter', () => {
  it('hands back the same formatter for the same kind, locale and zone, so a page view builds none', async () => {
    const { cachedFormatter } = await import('./time');
    const a = cachedFormatter('test', 'en-GB', { timeZone: 'Europe/Paris', hour: '2-digit' });
    expect(cachedFormatter('test', 'en-GB', { timeZone: 'Europe/Paris', hour: '2-digit' })).toBe(a);
    expect(cachedFormatter('test', 'en-GB', { timeZone: 'America/Chicago', hour: '2-digit' })).not.toBe(a);
  });
  it('keeps zones apart when formats interleave', () => {
    const t = new Date('2020-10-14T18:50:00Z');
    for (let i = 0; i < 3; i++) {
      expect(formatDateTimeInZone(t, 'America/Chicago')).toBe('14 Oct 2020, 13:50 CDT');
      expect(formatDateTimeInZone(t, 'Europe/Paris')).toBe('14 Oct 2020, 20:50 CEST');
      expect(formatTimeInZone(t, 'UTC')).toBe('18:50');
    }
  });
  it('still refuses an unknown zone every time', () => {
    expect(() => formatTimeInZone(new Date(), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => formatTimeInZone(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});
