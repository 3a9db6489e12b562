import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput, toOffsetIso } from './zoned';

describe('zoned times', () => {
  it('writes an instant with its zone offset', () => {
    const at = new Date('2020-10-14T18:50:00Z');
    expect(toOffsetIso(at, 'America/Chicago')).toBe('2020-10-14T13:50:00-05:00');
    expect(toOffsetIso(at, 'Asia/Kolkata')).toBe('2020-10-15T00:20:00+05:30');
    expect(toOffsetIso(at, 'UTC')).toBe('2020-10-14T18:50:00+00:00');
    expect(toOffsetIso(new Date('2020-01-14T18:50:00.123Z'), 'America/Chicago')).toBe('2020-01-14T12:50:00.123-06:00');
  });
  it('reads a typed local time in the zone, summer and winter', () => {
    expect(fromLocalInput('2020-10-14 13:50', 'America/Chicago')?.toISOString()).toBe('2020-10-14T18:50:00.000Z');
    expect(fromLocalInput('2020-01-14 13:50', 'America/Chicago')?.toISOString()).toBe('2020-01-14T19:50:00.000Z');
    expect(toLocalInput(new Date('2020-10-14T18:50:00Z'), 'America/Chicago')).toBe('2020-10-14 13:50');
  });
  it('refuses what is not a real time', () => {
    for (const bad of ['2020-02-30 10:00', '2020-10-14 24:00', '14/10/2020 13:50', '', '2020-10-14']) {
      expect(fromLocalInput(bad, 'UTC')).toBeNull();
    }
  });
});
