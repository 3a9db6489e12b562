import { describe, expect, it } from 'vitest';
import { isSlug } from './slug';

describe('isSlug', () => {
  it('accepts content slugs', () => {
    expect(isSlug('gs14-host-network-loss-2020-10')).toBe(true);
  });
  it('rejects anything else', () => {
    for (const bad of ['', 'UPPER', 'a--b', '-a', 'a-', 'a b', '../etc', 'a'.repeat(121), 'é']) {
      expect(isSlug(bad)).toBe(false);
    }
  });
});
