import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, SecretBoxError } from './secret-box';

const env = { BETTER_AUTH_SECRET: 'a'.repeat(40) };

describe('secret box', () => {
  it('round-trips and never stores the plain text', () => {
    const sealed = sealSecret('agent-secret-0123456789abcdef0123456789', env);
    expect(sealed).not.toContain('agent-secret');
    expect(openSecret(sealed, env)).toBe('agent-secret-0123456789abcdef0123456789');
  });

  it('seals the same secret differently each time', () => {
    expect(sealSecret('x'.repeat(32), env)).not.toBe(sealSecret('x'.repeat(32), env));
  });

  it('refuses a sealed value under another key or tampered with', () => {
    const sealed = sealSecret('y'.repeat(32), env);
    expect(() => openSecret(sealed, { BETTER_AUTH_SECRET: 'b'.repeat(40) })).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(parts.join('.'), env)).toThrow(/cannot be opened/);
  });

  it('prefers HOST_SECRET_KEY and needs some key', () => {
    const sealed = sealSecret('z'.repeat(32), { ...env, HOST_SECRET_KEY: 'k'.repeat(32) });
    expect(() => openSecret(sealed, env)).toThrow(SecretBoxError);
    expect(() => sealSecret('z', {})).toThrow(/must be set/);
  });
});
