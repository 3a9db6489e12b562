import { describe, expect, it } from 'vitest';
import { hasRole, isRole, LADDER, ROLES } from './roles';

describe('hasRole', () => {
  it('orders viewer < author < operator < admin', () => {
    for (const [i, actual] of LADDER.entries()) {
      for (const [j, needed] of LADDER.entries()) expect(hasRole(actual, needed)).toBe(i >= j);
    }
  });
  it('gives integration nothing on the ladder, not even viewer', () => {
    for (const needed of LADDER) expect(hasRole('integration', needed)).toBe(false);
    expect(hasRole('integration', 'integration')).toBe(true);
  });
  it('lets authors and above do what integration does (post alerts), not viewers', () => {
    expect(hasRole('viewer', 'integration')).toBe(false);
    for (const actual of ['author', 'operator', 'admin'] as const) expect(hasRole(actual, 'integration')).toBe(true);
  });
  it('denies anonymous callers and unknown values', () => {
    expect(hasRole(null, 'viewer')).toBe(false);
    expect(hasRole(undefined, 'viewer')).toBe(false);
    expect(hasRole(null, 'integration')).toBe(false);
    expect(isRole('root')).toBe(false);
    expect(isRole('admin')).toBe(true);
    expect(ROLES).toContain('integration');
  });
});
