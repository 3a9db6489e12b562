import { describe, expect, it } from 'vitest';
import { metricsAccess, normalizeAddress, parseMetricsSettings } from './access';

const TOKEN = 'scrape-token-0123456789abcdef';
const check = (env: Record<string, string>, peer: string | undefined, authorization: string | null = null) =>
  metricsAccess({ authorization, peer }, parseMetricsSettings(env));

describe('metrics access rule', () => {
  it('with no setting, admits loopback only', () => {
    expect(check({}, '127.0.0.1').ok).toBe(true);
    expect(check({}, '127.8.9.10').ok).toBe(true);
    expect(check({}, '::1').ok).toBe(true);
    expect(check({}, '::ffff:127.0.0.1').ok).toBe(true);
    expect(check({}, '10.0.0.5')).toMatchObject({ ok: false, status: 403 });
    expect(check({}, '::ffff:10.0.0.5')).toMatchObject({ ok: false, status: 403 });
  });

  it('fails closed when the peer address is unknown', () => {
    expect(check({}, undefined)).toMatchObject({ ok: false, status: 403 });
    expect(check({ METRICS_ALLOW: '0.0.0.0/0' }, undefined)).toMatchObject({ ok: false, status: 403 });
  });

  it('with METRICS_ALLOW, admits addresses and ranges in the list, and no longer loopback by default', () => {
    const env = { METRICS_ALLOW: '10.0.0.0/8, 192.0.2.7, 2001:db8::/32' };
    expect(check(env, '10.200.3.4').ok).toBe(true);
    expect(check(env, '::ffff:10.1.1.1').ok).toBe(true);
    expect(check(env, '192.0.2.7').ok).toBe(true);
    expect(check(env, '2001:db8::42').ok).toBe(true);
    expect(check(env, '192.0.2.8')).toMatchObject({ ok: false, status: 403 });
    expect(check(env, '127.0.0.1')).toMatchObject({ ok: false, status: 403 });
  });

  it('with METRICS_TOKEN, admits the bearer of the token and answers 401 to others', () => {
    const env = { METRICS_TOKEN: TOKEN };
    expect(check(env, '203.0.113.9', `Bearer ${TOKEN}`).ok).toBe(true);
    expect(check(env, '203.0.113.9', `bearer   ${TOKEN}`).ok).toBe(true);
    expect(check(env, '203.0.113.9', `Bearer ${TOKEN}x`)).toMatchObject({ ok: false, status: 401 });
    expect(check(env, '203.0.113.9', TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(check(env, '203.0.113.9')).toMatchObject({ ok: false, status: 401 });
    // A token setting replaces the loopback default: loopback needs the token too.
    expect(check(env, '127.0.0.1')).toMatchObject({ ok: false, status: 401 });
  });

  it('with both settings, either one admits', () => {
    const env = { METRICS_TOKEN: TOKEN, METRICS_ALLOW: '10.0.0.0/8' };
    expect(check(env, '10.1.2.3').ok).toBe(true);
    expect(check(env, '198.51.100.1', `Bearer ${TOKEN}`).ok).toBe(true);
    expect(check(env, '198.51.100.1')).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses bad settings with a sentence naming them', () => {
    expect(() => parseMetricsSettings({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16/);
    expect(() => parseMetricsSettings({ METRICS_ALLOW: '10.0.0.0/33' })).toThrow(/METRICS_ALLOW: "10.0.0.0\/33"/);
    expect(() => parseMetricsSettings({ METRICS_ALLOW: 'prometheus.internal' })).toThrow(/METRICS_ALLOW/);
    expect(() => parseMetricsSettings({ METRICS_ALLOW: '10.0.0.0/8/1' })).toThrow(/METRICS_ALLOW/);
    expect(parseMetricsSettings({ METRICS_TOKEN: '  ', METRICS_ALLOW: ' , ' })).toEqual({ token: null, allow: null });
  });

  it('reads IPv4-mapped IPv6 addresses as IPv4', () => {
    expect(normalizeAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8::1');
  });
});
