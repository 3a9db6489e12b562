import { describe, expect, it } from 'vitest';
import { bearerToken, generateToken, hashToken, TOKEN_PREFIX } from './token';

describe('API tokens', () => {
  it('are random, prefixed, and stored only as a hash', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token.slice(TOKEN_PREFIX.length));
    expect(a.token.startsWith(a.prefix)).toBe(true);
  });
  it('are read from a Bearer header only when well-formed', () => {
    const { token } = generateToken();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer ${token}`)).toBe(token);
    expect(bearerToken('Bearer someone-elses-jwt')).toBeNull();
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
