import { describe, expect, it } from 'vitest';
import { parseServerTiming, serverTimingEnabled, StageTimer } from './stage-timer';

describe('StageTimer', () => {
  it('sums a stage timed twice and writes a Server-Timing header that parses back', async () => {
    const t = new StageTimer();
    await t.time('sql', async () => 1);
    t.add('sql', 2);
    t.timeSync('json', () => JSON.stringify({ a: 1 }));
    const parsed = parseServerTiming(t.header());
    expect([...parsed.keys()]).toEqual(['sql', 'json']);
    expect(parsed.get('sql')).toBeGreaterThanOrEqual(2);
  });

  it('refuses a stage name that is not a header token', () => {
    expect(() => new StageTimer().add('a b;c', 1)).toThrow(/header token/);
  });

  it('is on only when PMKB_SERVER_TIMING=on', () => {
    expect(serverTimingEnabled({})).toBe(false);
    expect(serverTimingEnabled({ PMKB_SERVER_TIMING: '1' })).toBe(false);
    expect(serverTimingEnabled({ PMKB_SERVER_TIMING: 'on' })).toBe(true);
  });

  it('reads headers from elsewhere, skipping entries without a duration', () => {
    expect([...parseServerTiming('cache;desc="hit", db;dur=53, app;dur=47.2')]).toEqual([
      ['db', 53],
      ['app', 47.2],
    ]);
    expect(parseServerTiming(null).size).toBe(0);
  });
});
