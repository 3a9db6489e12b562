import { describe, expect, it } from 'vitest';
import { NonceCache, REPLAY_WINDOW_MS, signRequest, verifyRequest } from './signing';

const secret = 'a'.repeat(40);
const base = { method: 'POST', path: '/v1/runs', body: '{"check":"ip-route"}' };

function verify(
  headers: Record<string, string>,
  overrides: Partial<typeof base & { secret: string; now: number }> = {},
  nonces = new NonceCache(),
) {
  return verifyRequest({ secret, ...base, headers, nonces, ...overrides });
}

describe('signRequest / verifyRequest', () => {
  it('accepts a fresh, correct signature', () => {
    const headers = signRequest({ secret, ...base });
    expect(headers['x-pmkb-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(headers['x-pmkb-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verify(headers)).toEqual({ ok: true });
  });

  it('rejects a changed body, path or method, and another secret', () => {
    const headers = signRequest({ secret, ...base });
    expect(verify(headers, { body: '{"check":"ip-neigh"}' })).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(verify(headers, { path: '/v1/checks' })).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(verify(headers, { method: 'GET' })).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(verify(headers, { secret: 'b'.repeat(40) })).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('rejects missing or malformed headers', () => {
    const headers = signRequest({ secret, ...base });
    expect(verify({ ...headers, 'x-pmkb-signature': '' })).toMatchObject({ code: 'bad_signature' });
    expect(verify({ ...headers, 'x-pmkb-signature': headers['x-pmkb-signature'].replace('v1=', 'v2=') })).toMatchObject({
      code: 'bad_signature',
    });
    expect(verify({ ...headers, 'x-pmkb-signature': 'v1=abc' })).toMatchObject({ code: 'bad_signature' });
    expect(verify({ ...headers, 'x-pmkb-nonce': 'short' })).toMatchObject({ code: 'bad_signature' });
    expect(verify({ ...headers, 'x-pmkb-timestamp': 'soon' })).toMatchObject({ code: 'bad_signature' });
  });

  it('rejects timestamps outside the replay window either side', () => {
    const now = 1_800_000_000_000;
    const old = signRequest({ secret, ...base, timestamp: now - REPLAY_WINDOW_MS - 1 });
    const future = signRequest({ secret, ...base, timestamp: now + REPLAY_WINDOW_MS + 1 });
    const edge = signRequest({ secret, ...base, timestamp: now - REPLAY_WINDOW_MS });
    expect(verify(old, { now })).toMatchObject({ ok: false, code: 'stale_timestamp' });
    expect(verify(future, { now })).toMatchObject({ ok: false, code: 'stale_timestamp' });
    expect(verify(edge, { now })).toEqual({ ok: true });
  });

  it('rejects a reused nonce within the window', () => {
    const nonces = new NonceCache();
    const headers = signRequest({ secret, ...base });
    expect(verify(headers, {}, nonces)).toEqual({ ok: true });
    expect(verify(headers, {}, nonces)).toMatchObject({ ok: false, code: 'replay' });
    expect(verify(signRequest({ secret, ...base }), {}, nonces)).toEqual({ ok: true });
  });

  it('does not spend a nonce on a request with a bad signature', () => {
    const nonces = new NonceCache();
    const headers = signRequest({ secret, ...base });
    expect(verify(headers, { secret: 'c'.repeat(40) }, nonces)).toMatchObject({ code: 'bad_signature' });
    expect(verify(headers, {}, nonces)).toEqual({ ok: true });
  });
});

describe('NonceCache', () => {
  it('forgets nonces after their lifetime and stays within its bound', () => {
    const cache = new NonceCache(1_000, 3);
    expect(cache.claim('a', 0)).toBe(true);
    expect(cache.claim('a', 999)).toBe(false);
    expect(cache.claim('a', 1_000)).toBe(true);
    for (const n of ['b', 'c', 'd', 'e']) cache.claim(n, 1_001);
    expect(cache.size).toBe(3);
  });
});
