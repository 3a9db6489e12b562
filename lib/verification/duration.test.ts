import { describe, expect, it } from 'vitest';
import { ago, formatDuration, parseDuration, VERIFY_EVERY_MAX_SECONDS, VERIFY_EVERY_MIN_SECONDS } from './duration';

describe('parseDuration', () => {
  it('reads minutes, hours and days', () => {
    expect(parseDuration('15m')).toEqual({ ok: true, seconds: 900 });
    expect(parseDuration('6h')).toEqual({ ok: true, seconds: 21_600 });
    expect(parseDuration('30d')).toEqual({ ok: true, seconds: VERIFY_EVERY_MAX_SECONDS });
    expect(parseDuration(' 2d ')).toEqual({ ok: true, seconds: 172_800 });
  });

  it('keeps the bounds', () => {
    expect(parseDuration('14m').ok).toBe(false);
    expect(parseDuration('31d').ok).toBe(false);
    expect(parseDuration('0h').ok).toBe(false);
    expect(parseDuration('15m')).toEqual({ ok: true, seconds: VERIFY_EVERY_MIN_SECONDS });
    expect(parseDuration('721h').ok).toBe(false);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '6', 'h', '6 h', '6hours', '1.5h', '-6h', '6H', '6w', '99999999h', '6h30m'])
      expect(parseDuration(bad), bad).toMatchObject({ ok: false });
  });
});

describe('formatDuration', () => {
  it('uses the largest whole unit', () => {
    expect(formatDuration(21_600)).toBe('6h');
    expect(formatDuration(5_400)).toBe('90m');
    expect(formatDuration(172_800)).toBe('2d');
  });
});

describe('ago', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it('is coarse', () => {
    expect(ago(new Date('2026-12-03T11:59:30Z'), now)).toBe('just now');
    expect(ago(new Date('2026-12-03T11:55:00Z'), now)).toBe('5 min ago');
    expect(ago(new Date('2026-12-03T10:00:00Z'), now)).toBe('2 h ago');
    expect(ago(new Date('2026-11-30T12:00:00Z'), now)).toBe('3 d ago');
  });
});
