import { describe, expect, it } from 'vitest';
import { verificationSummary, type VerificationStatus } from './status';

const now = new Date('2026-12-03T15:00:00Z');
const hoursAgo = (n: number) => new Date(now.getTime() - n * 3_600_000);
const base: VerificationStatus = { every: 21_600, role: 'director', failingSince: null, latest: null, result: null };

describe('verificationSummary', () => {
  it('says when nothing was verified yet', () => {
    expect(verificationSummary(base, now)).toMatchObject({
      text: 'Not verified yet',
      href: null,
      schedule: 'every 6h on director',
    });
  });

  it('says "Verified 2 h ago: N of M passed" and links to the launch', () => {
    const s = {
      ...base,
      latest: { startedAt: hoursAgo(2), evaluated: true },
      result: { startedAt: hoursAgo(2), passed: 11, total: 12, problems: [], batchId: 'b1' },
    };
    expect(verificationSummary(s, now)).toMatchObject({ text: 'Verified 2 h ago: 11 of 12 passed', href: '/checks/batches/b1' });
  });

  it('carries the failing-since time', () => {
    const s = {
      ...base,
      failingSince: hoursAgo(8),
      result: {
        startedAt: hoursAgo(2),
        passed: 0,
        total: 0,
        problems: ['No enabled host has the role "director".'],
        batchId: null,
      },
    };
    expect(verificationSummary(s, now)).toMatchObject({
      text: 'Could not verify 2 h ago: No enabled host has the role "director".',
      failingSince: hoursAgo(8),
      tone: 'failing',
    });
  });
});
