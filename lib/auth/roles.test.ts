import { describe, expect, it } from 'vitest';
import { hasRole, isRole, ROLES } from './roles';

describe('hasRole', () => {
  it('orders viewer < author < operator < admin', () => {
    for (const [i, actual] of ROLES.entries()) {
      for (const [j, needed] of ROLES.entries()) expect(hasRole(actual, needed)).toBe(i >= j);
    }
  });
  it('denies anonymous callers and unknown values', () => {
    expect(hasRole(null, 'viewer')).toBe(false);
    expect(hasRole(undefined, 'viewer')).toBe(false);
    expect(isRole('root')).toBe(false);
    expect(isRole('admin')).toBe(true);
  });
});
