// Agent URLs at registration (issue 10, class 6): link-local, metadata and
// reserved addresses are refused in every spelling; loopback only when allowed.
import { afterEach, describe, expect, it } from 'vitest';
import { agentUrlSchema } from './schema';

const before = process.env.AGENT_ALLOW_LOOPBACK;
afterEach(() => {
  process.env.AGENT_ALLOW_LOOPBACK = before;
});

const message = (url: string) => {
  const parsed = agentUrlSchema.safeParse(url);
  return parsed.success ? null : parsed.error.issues.map((i) => i.message).join(' ');
};

describe('agentUrlSchema', () => {
  it.each([
    'http://169.254.169.254',
    'http://2852039166/',
    'http://0251.0376.0251.0376:7070',
    'http://[::ffff:169.254.169.254]:7070',
    'http://[fd00:ec2::254]',
    'http://[fe80::1]:7070',
    'http://100.100.100.200',
    'http://metadata.google.internal',
    'http://0.0.0.0:7070',
  ])('refuses %s', (url) => {
    process.env.AGENT_ALLOW_LOOPBACK = 'true';
    expect(message(url)).toMatch(/not allowed: link-local, metadata and reserved addresses are refused/);
  });

  it('refuses loopback unless AGENT_ALLOW_LOOPBACK=true', () => {
    process.env.AGENT_ALLOW_LOOPBACK = 'false';
    for (const url of ['http://127.0.0.1:7070', 'http://localhost:7070', 'http://[::1]:7070', 'http://2130706433']) {
      expect(message(url)).toMatch(/AGENT_ALLOW_LOOPBACK/);
    }
    process.env.AGENT_ALLOW_LOOPBACK = 'true';
    expect(agentUrlSchema.parse('http://127.0.0.1:7070/')).toBe('http://127.0.0.1:7070');
  });

  it('keeps private networks and names', () => {
    process.env.AGENT_ALLOW_LOOPBACK = 'false';
    for (const url of [
      'http://10.0.0.5:7070',
      'http://172.16.0.9:7070',
      'https://192.168.1.10',
      'http://dir-1.dc.internal:7070',
    ]) {
      expect(message(url)).toBeNull();
    }
  });

  it('answers a bad URL with a field message, not an exception', () => {
    expect(message('not a url')).toMatch(/agent URL/);
    expect(message('ftp://10.0.0.5')).toMatch(/agent URL/);
  });
});
