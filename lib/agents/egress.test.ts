// Outbound requests to agents (issue 10, class 6), against real local HTTP
// servers: redirects are never followed, forbidden addresses are never
// connected to (also after DNS), and nothing of an agent's error body is kept.
import { lookup } from 'node:dns/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { agentHealth, runOnAgent, type AgentRunOutcome } from '@/lib/agents/client';
import { vettingLookup } from './egress';
import { REASON_MAX } from './reason';

const SECRET = 'egress-test-secret-0123456789abcdef';
const MARKER = 'INTERNAL-BODY-MARKER';
const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const run = (baseUrl: string, allowLoopback = true) =>
  runOnAgent({
    baseUrl,
    secret: SECRET,
    request: { check: 'echo', params: {} },
    deadlineMs: 3_000,
    hostLabel: 'web-1',
    policy: { allowLoopback },
  });

const messageOf = (outcome: AgentRunOutcome) => (outcome.kind === 'error' ? outcome.message : '');

describe('redirects', () => {
  it('a 302 is an error with a reason, and its target is never called', async () => {
    const target = await serve((_req, res) => res.end('{"ok":true}'));
    const redirecting = await serve((_req, res) => {
      res.writeHead(302, { location: `${target.url}/v1/runs` });
      res.end(`${MARKER} moved`);
    });
    const outcome = await run(redirecting.url);
    expect(outcome).toMatchObject({ kind: 'error', code: 'redirect', status: 302 });
    expect(messageOf(outcome)).toBe(
      'The agent at host web-1 answered with a redirect (HTTP 302), which is not followed: check the agent URL',
    );
    const health = await agentHealth({
      baseUrl: redirecting.url,
      secret: SECRET,
      timeoutMs: 3_000,
      hostLabel: 'web-1',
      policy: { allowLoopback: true },
    });
    expect(health).toMatchObject({ ok: false, code: 'redirect', status: 302 });
    expect(target.hits()).toBe(0);
  });

  it.each([301, 303, 307, 308])('HTTP %i too', async (status) => {
    const redirecting = await serve((_req, res) => {
      res.writeHead(status, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    });
    expect(await run(redirecting.url)).toMatchObject({ kind: 'error', code: 'redirect', status });
  });
});

describe('error bodies', () => {
  it('a 500 keeps the status, never the body', async () => {
    const agent = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(`<h1>${MARKER}</h1><script>alert(1)</script>\u0000\u001b[31m`);
    });
    const outcome = await run(agent.url);
    expect(messageOf(outcome)).toBe('The agent at host web-1 failed with HTTP 500');
  });

  it("a protocol error object is said in the app's words: no agent text, no controls, short", async () => {
    const agent = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            code: 'bad_parameter',
            message: `${MARKER} <img src=x onerror=alert(1)> \u001b[2J ${'x'.repeat(5000)}`,
            field: 'word',
          },
        }),
      );
    });
    const outcome = await run(agent.url);
    expect(outcome).toMatchObject({ kind: 'error', code: 'rejected', status: 400, field: 'word' });
    expect(messageOf(outcome)).toBe('The agent at host web-1 refused a parameter: word');
  });

  it('a field that is not a plain name is left out', async () => {
    const agent = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: MARKER, message: MARKER, field: `<b>${MARKER}</b>` } }));
    });
    const outcome = await run(agent.url);
    const message = messageOf(outcome);
    expect(message).toBe('The agent at host web-1 refused the request (HTTP 400)');
    expect(outcome).not.toHaveProperty('field');
    expect(message.length).toBeLessThanOrEqual(REASON_MAX);
  });

  it("an agent's spawn error is one short line without control characters", async () => {
    const agent = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(`${JSON.stringify({ type: 'error', message: `boom\u001b[31m\n\r\u0000 ${'y'.repeat(1000)}` })}\n`);
    });
    const message = messageOf(await run(agent.url));
    expect(message.startsWith('The check could not start on host web-1: boom')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(REASON_MAX);
    expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
  });
});

describe('addresses', () => {
  it('loopback is not called unless allowed', async () => {
    const agent = await serve((_req, res) => res.end());
    const outcome = await run(agent.url, false);
    expect(outcome).toMatchObject({ kind: 'error', code: 'forbidden_address' });
    expect(messageOf(outcome)).toMatch(/AGENT_ALLOW_LOOPBACK/);
    expect(agent.hits()).toBe(0);
  });

  it.each([
    'http://169.254.169.254',
    'http://2852039166',
    'http://[::ffff:169.254.169.254]',
    'http://metadata.google.internal',
    'http://0.0.0.0:7070',
  ])('%s is never called, even with loopback allowed', async (url) => {
    expect(await run(url)).toMatchObject({ kind: 'error', code: 'forbidden_address' });
  });

  it('a name is checked after DNS, and the vetted address is the one connected to', async () => {
    const lookup = (policy: { allowLoopback: boolean }, name: string, all: boolean) =>
      new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        vettingLookup(policy)(name, { all }, (err: NodeJS.ErrnoException | null, address: unknown) => resolve({ err, address })),
      );
    // 'localhost' resolves to loopback: refused by the lookup itself when not allowed.
    expect((await lookup({ allowLoopback: false }, 'localhost', false)).err?.code).toBe('EAGENTADDRESS');
    expect((await lookup({ allowLoopback: false }, 'localhost', true)).err?.code).toBe('EAGENTADDRESS');
    const allowed = await lookup({ allowLoopback: true }, 'localhost', true);
    expect(allowed.err).toBeNull();
    expect(allowed.address).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.stringMatching(/^(127\.|::1$)/) })]),
    );
    expect((await lookup({ allowLoopback: true }, '169.254.169.254', false)).err?.code).toBe('EAGENTADDRESS');
  });

  it('a name that resolves to loopback is refused on connect, not only by its spelling', async (ctx) => {
    // The machine's own name usually resolves to 127.x; where it does not, this part is skipped.
    const name = os.hostname();
    const resolved = await lookup(name, { all: true }).catch(() => []);
    if (!resolved.length || !resolved.every((a) => a.address.startsWith('127.'))) {
      console.log(`egress test: ${name} does not resolve to loopback only here; skipping the end-to-end DNS case`);
      return ctx.skip();
    }
    const agent = await serve((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const byName = agent.url.replace('127.0.0.1', name);
    expect(await run(byName, false)).toMatchObject({ kind: 'error', code: 'forbidden_address' });
    expect(agent.hits()).toBe(0);
    expect(await run(byName, true)).toMatchObject({ kind: 'error', code: 'http_error', status: 500 });
    expect(agent.hits()).toBe(1);
  });
});
