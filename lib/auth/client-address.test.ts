import { describe, expect, it } from 'vitest';
import {
  FORWARDED_FOR_HANDOFF,
  handOffForwardedFor,
  normalizeAddress,
  parseTrustedProxies,
  resolveClientAddress,
} from './client-address';

/** Headers as the route handler sees them: the peer set by Next, the claimed chain handed off by the proxy. */
function seen(peer: string, claimed?: string) {
  const h = new Headers(claimed ? { 'x-forwarded-for': claimed } : {});
  handOffForwardedFor(h);
  h.set('x-forwarded-for', peer);
  return h;
}

describe('resolveClientAddress', () => {
  const none = parseTrustedProxies(undefined);

  it('is the TCP peer when no proxy is trusted, whatever the client claims', () => {
    expect(resolveClientAddress(seen('127.0.0.2', '198.51.100.1'), none)).toBe('127.0.0.2');
    expect(resolveClientAddress(seen('::ffff:127.0.0.2'), none)).toBe('127.0.0.2');
  });

  it('walks a trusted chain from the right to the first untrusted hop', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 127.0.0.1');
    expect(resolveClientAddress(seen('127.0.0.1', '203.0.113.9, 198.51.100.4, 10.1.2.3'), trusted)).toBe('198.51.100.4');
    expect(resolveClientAddress(seen('127.0.0.1'), trusted)).toBe('127.0.0.1');
    // A malformed hop stops the walk at the proxy that reported it.
    expect(resolveClientAddress(seen('127.0.0.1', 'evil, 10.1.2.3'), trusted)).toBe('10.1.2.3');
  });

  it('refuses to guess when the proxy did not run', () => {
    expect(resolveClientAddress(new Headers({ 'x-forwarded-for': '198.51.100.1' }), none)).toBeNull();
    const forged = new Headers({ 'x-forwarded-for': '1.1.1.1, 127.0.0.2', [FORWARDED_FOR_HANDOFF]: 'none' });
    expect(resolveClientAddress(forged, none)).toBeNull();
  });
});

describe('parseTrustedProxies', () => {
  it('accepts addresses and CIDR ranges of both families', () => {
    const t = parseTrustedProxies('192.168.0.0/16,::1,fd00::/8');
    expect(t.list.check('192.168.4.5', 'ipv4')).toBe(true);
    expect(t.list.check('fd12::1', 'ipv6')).toBe(true);
  });
  it('refuses a malformed entry instead of ignoring it', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies('proxy.internal')).toThrow(/TRUSTED_PROXIES/);
  });
  it('normalizes mapped and bracketed addresses', () => {
    expect(normalizeAddress('[::1]')).toBe('::1');
    expect(normalizeAddress('nope')).toBeNull();
  });
});
