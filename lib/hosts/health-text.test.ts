// The stored probe in words (lib/hosts/health-text.ts).
import { describe, expect, it } from 'vitest';
import { ago, healthText } from './health-text';

const now = new Date('2026-12-03T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const probe = { at: null, ok: null, error: null, agentVersion: null, failingSince: null };

describe('healthText', () => {
  it('says "not probed yet" before the first probe', () => {
    expect(healthText(probe, now)).toMatchObject({ tone: 'slate', label: 'not probed yet' });
  });

  it('says ok and how long ago, with the agent version', () => {
    expect(healthText({ ...probe, at: minutesAgo(2), ok: true, agentVersion: '1.4.0' }, now)).toEqual({
      tone: 'green',
      label: 'ok 2 min ago',
      detail: 'agent 1.4.0',
    });
  });

  it('says since when an agent is unreachable, and why', () => {
    expect(
      healthText({ ...probe, at: minutesAgo(1), ok: false, error: 'connection refused', failingSince: minutesAgo(75) }, now),
    ).toEqual({ tone: 'red', label: 'unreachable since 2026-12-03 10:45 UTC', detail: 'connection refused' });
  });

  it('warns when the last answer is old: the worker that probes may be down', () => {
    expect(healthText({ ...probe, at: minutesAgo(30), ok: true }, now)).toMatchObject({
      tone: 'amber',
      detail: 'agent up (last probe 30 min ago: is the worker running?)',
    });
  });

  it('rounds durations to what a person reads', () => {
    expect([ago(10_000), ago(90_000), ago(3 * 3_600_000), ago(72 * 3_600_000)]).toEqual([
      'just now',
      '2 min ago',
      '3 h ago',
      '3 days ago',
    ]);
  });
});
