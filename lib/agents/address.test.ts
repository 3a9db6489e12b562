// The address rules for agent URLs (issue 10, class 6), on every spelling a URL allows.
import { describe, expect, it } from 'vitest';
import { addressProblem, classifyAddress, classifyHost } from './address';

const hostOf = (url: string) => new URL(url).hostname;

describe('agent addresses', () => {
  it.each([
    'http://169.254.169.254/',
    'http://169.254.0.1:7070/',
    'http://2852039166/', // 169.254.169.254 as one decimal number
    'http://0xA9FEA9FE/', // ... in hex
    'http://0251.0376.0251.0376/', // ... in octal
    'http://169.254.43518/', // ... with a short form
    'http://[::ffff:169.254.169.254]/', // IPv4-mapped IPv6
    'http://[::ffff:a9fe:a9fe]/',
    'http://[64:ff9b::169.254.169.254]/', // NAT64
    'http://[fd00:ec2::254]/', // AWS IPv6 metadata
    'http://[fe80::1]/',
    'http://[febf::1]/',
    'http://100.100.100.200/', // Alibaba metadata
    'http://metadata.google.internal/',
    'http://METADATA.google.internal./',
    'http://metadata/',
    'http://0.0.0.0:7070/',
    'http://0/',
    'http://[::]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
  ])('refuses %s', (url) => {
    expect(classifyHost(hostOf(url))).toBe('forbidden');
    expect(addressProblem(classifyHost(hostOf(url)), { allowLoopback: true })).toMatch(/refused/);
  });

  it.each([
    'http://127.0.0.1:7070/',
    'http://127.1/',
    'http://2130706433/',
    'http://[::1]/',
    'http://localhost:7070/',
    'http://[::ffff:127.0.0.1]/',
  ])('treats %s as loopback: only with the setting', (url) => {
    expect(classifyHost(hostOf(url))).toBe('loopback');
    expect(addressProblem('loopback', { allowLoopback: false })).toMatch(/AGENT_ALLOW_LOOPBACK/);
    expect(addressProblem('loopback', { allowLoopback: true })).toBeNull();
  });

  it.each([
    'http://10.0.0.5:7070/',
    'http://172.16.4.2/',
    'http://192.168.1.10/',
    'http://[fd12:3456::1]/',
    'http://[2001:db8::1]/',
    'http://agent.dc1.internal:7070/',
    'http://169.253.255.255/',
    'http://169.255.0.0/',
    'http://100.100.100.201/',
  ])('allows %s (internal networks, names checked on connect)', (url) => {
    expect(classifyHost(hostOf(url))).toBe('allowed');
  });

  it('classifies resolved addresses as DNS gives them', () => {
    expect(classifyAddress('169.254.169.254')).toBe('forbidden');
    expect(classifyAddress('::ffff:169.254.169.254')).toBe('forbidden');
    expect(classifyAddress('fe80::1%eth0')).toBe('forbidden');
    expect(classifyAddress('10.1.2.3')).toBe('allowed');
    expect(classifyAddress('127.0.0.53')).toBe('loopback');
    expect(classifyAddress('not an address')).toBeNull();
  });
});
