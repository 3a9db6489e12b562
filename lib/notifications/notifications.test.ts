import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from './egress';
import { formatBody } from './format';
import { signature, verifySignature } from './sign';

describe('webhookUrlProblem', () => {
  const strict = { allowLoopback: false };
  it.each([
    ['https://chat.example.com/hooks/abc', null],
    ['http://10.0.0.5:8065/hooks/abc', null],
    ['ftp://chat.example.com/x', /Only http and https/],
    ['https://user:pw@chat.example.com/x', /no user or password/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://metadata.google.internal/', /link-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://127.0.0.1:3000/api', /WEBHOOK_ALLOW_LOOPBACK/],
    ['http://localhost/', /WEBHOOK_ALLOW_LOOPBACK/],
    ['not a url', /Not a URL/],
  ])('%s', (url, expected) => {
    const problem = webhookUrlProblem(url, strict);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('allows loopback only when the setting says so', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9/x', { allowLoopback: true })).toBeNull();
    expect(webhookUrlProblem('http://169.254.169.254/', { allowLoopback: true })).toMatch(/link-local/);
  });
});

describe('signature', () => {
  it('verifies the body with its timestamp, and refuses an old or altered one', () => {
    const sig = signature('s3cret', 1_000_000, '{"a":1}');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', sig, '1000000', '{"a":1}', 1_000_010)).toBe(true);
    expect(verifySignature('s3cret', sig, '1000000', '{"a":2}', 1_000_010)).toBe(false);
    expect(verifySignature('s3cret', sig, '1000001', '{"a":1}', 1_000_010)).toBe(false);
    expect(verifySignature('s3cret', sig, '1000000', '{"a":1}', 1_000_000 + 301)).toBe(false);
  });
});

describe('formatBody', () => {
  const envelope = {
    event: 'alert.matched' as const,
    at: '2026-12-03T10:00:00Z',
    text: 'Gateway <down> & [x]',
    url: 'https://kb.example/incidents/x',
    data: {},
  };
  it('writes Slack and Mattermost links with their own escaping', () => {
    expect(JSON.parse(formatBody('slack', envelope))).toEqual({
      text: '<https://kb.example/incidents/x|Gateway &lt;down&gt; &amp; [x]>',
    });
    expect(JSON.parse(formatBody('mattermost', envelope))).toEqual({
      text: '[Gateway <down> & \\[x\\]](https://kb.example/incidents/x)',
    });
    expect(JSON.parse(formatBody('generic', envelope))).toEqual(envelope);
  });
});
