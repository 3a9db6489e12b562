import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isAlive,
  readEvents,
  runBody,
  signedFetch,
  startInProcessAgent,
  TEST_SECRET,
  type InProcessAgent,
} from '../tests/agents/agent-server';
import { canaryPath, injectionCorpus } from '../tests/agents/injection-corpus';
import { PATTERNS } from './argv';
import type { CheckConfig } from './config';
import { signRequest } from './signing';

const node = process.execPath;
const canary = canaryPath('server');
const touchCanary = canaryPath('touch');

/** Spawns `sleep 30` in its own process group, prints both pids, and ignores SIGTERM so only SIGKILL works. */
const FAMILY_SCRIPT = [
  "const { spawn } = require('node:child_process');",
  "const child = spawn('sleep', ['30'], { stdio: 'ignore' });",
  "process.on('SIGTERM', () => {});",
  'console.log(JSON.stringify({ parent: process.pid, child: child.pid }));',
  'setInterval(() => {}, 1000);',
].join(' ');

const checks: Array<Omit<CheckConfig, 'params'> & { params?: CheckConfig['params'] }> = [
  { slug: 'echo', argv: ['echo', '{{word}}'], params: [{ name: 'word', pattern: '[a-z0-9]{1,20}' }], timeoutMs: 5_000 },
  { slug: 'echo-iface', argv: ['echo', '{{iface}}'], params: [{ name: 'iface', pattern: PATTERNS.interface }], timeoutMs: 5_000 },
  // Deliberately permissive: shell syntax passes the pattern and must still be inert in argv.
  { slug: 'echo-loose', argv: ['echo', '{{text}}'], params: [{ name: 'text', pattern: '[ -~]*' }], timeoutMs: 5_000 },
  { slug: 'touch-canary', argv: ['touch', touchCanary], timeoutMs: 5_000 },
  { slug: 'uname', argv: ['uname', '-a'], timeoutMs: 5_000 },
  { slug: 'ip-route', argv: ['ip', 'route', 'show'], timeoutMs: 5_000 },
  { slug: 'slow', argv: [node, '-e', "console.log('first'); setTimeout(() => console.log('second'), 800)"], timeoutMs: 5_000 },
  {
    slug: 'split-utf8',
    argv: [
      node,
      '-e',
      'process.stdout.write(Buffer.from([0xe2])); setTimeout(() => process.stdout.write(Buffer.from([0x82, 0xac, 0x0a])), 100)',
    ],
    timeoutMs: 5_000,
  },
  // Room for node to start and print its pids on a loaded machine before the timeout.
  { slug: 'family', argv: [node, '-e', FAMILY_SCRIPT], timeoutMs: 1_500 },
  { slug: 'short', argv: [node, '-e', 'setInterval(() => {}, 1000)'], timeoutMs: 300 },
  { slug: 'forever', argv: [node, '-e', 'console.log(process.pid); setInterval(() => {}, 1000)'], timeoutMs: 30_000 },
  { slug: 'zeros', argv: ['head', '-c', '3000000', '/dev/zero'], timeoutMs: 10_000 },
  { slug: 'env', argv: ['printenv'], timeoutMs: 5_000 },
  { slug: 'missing', argv: ['ipvsadm-not-installed', '-L'], timeoutMs: 5_000 },
];

let agent: InProcessAgent;
beforeAll(async () => {
  process.env.PMKB_AGENT_TEST_SECRET = 'must-not-reach-checks';
  agent = await startInProcessAgent({ maxConcurrent: 2, maxOutputBytes: 1024 * 1024, checks });
});
afterAll(async () => {
  await agent.close();
  delete process.env.PMKB_AGENT_TEST_SECRET;
});

const run = (check: string, params: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  signedFetch(agent.url, '/v1/runs', { body: runBody(check, params, extra) });
const stdoutOf = (events: Awaited<ReturnType<typeof readEvents>>) =>
  events.flatMap((e) => (e.type === 'stdout' ? [e.data] : [])).join('');

describe('agent server: runs', () => {
  it('runs an allowed check and streams started, output and exit as NDJSON', async () => {
    const response = await run('echo', { word: 'hello' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const events = await readEvents(response);
    expect(events[0]).toMatchObject({ type: 'started', pid: expect.any(Number) });
    expect(stdoutOf(events)).toBe('hello\n');
    expect(events.at(-1)).toMatchObject({
      type: 'exit',
      exitCode: 0,
      signal: null,
      timedOut: false,
      stdoutBytes: 6,
      stdoutTruncated: false,
    });
  });

  it('notes a well-formed runId in the access log', async () => {
    await readEvents(await run('echo', { word: 'x' }, { runId: 'traced-1' }));
    await readEvents(await run('echo', { word: 'x' }, { runId: 'forged\nGET / 200' }));
    expect(agent.log.join('\n')).not.toContain('forged');
  });

  it('runs real system commands', async () => {
    for (const slug of ['uname', 'ip-route']) {
      const events = await readEvents(await run(slug));
      expect(events.at(-1), slug).toMatchObject({ type: 'exit', exitCode: 0 });
      expect(stdoutOf(events).length, slug).toBeGreaterThan(0);
    }
  });

  it('streams output as it comes, before the process exits', async () => {
    const events = await readEvents(await run('slow'));
    const first = events.find((e) => e.type === 'stdout');
    const exit = events.find((e) => e.type === 'exit');
    expect(first?.type === 'stdout' && first.data).toBe('first\n');
    expect(exit!.receivedAt - first!.receivedAt).toBeGreaterThan(500);
    expect(stdoutOf(events)).toBe('first\nsecond\n');
  });

  it('decodes a character split between two writes', async () => {
    const events = await readEvents(await run('split-utf8'));
    expect(stdoutOf(events)).toBe('€\n');
    expect(events.at(-1)).toMatchObject({ type: 'exit', exitCode: 0, stdoutBytes: 4 });
  });

  it('reports a command missing on the host as an error event', async () => {
    const events = await readEvents(await run('missing'));
    expect(events).toEqual([
      expect.objectContaining({ type: 'error', message: 'command not found on this host: ipvsadm-not-installed' }),
    ]);
  });

  it('gives checks only PATH, LANG and LC_ALL', async () => {
    const lines = stdoutOf(await readEvents(await run('env')))
      .trim()
      .split('\n')
      .sort();
    expect(lines).toEqual(['LANG=C', 'LC_ALL=C', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  });

  it('caps output per stream and says it truncated', async () => {
    const events = await readEvents(await run('zeros'));
    expect(stdoutOf(events).length).toBe(1024 * 1024);
    expect(events.at(-1)).toMatchObject({
      type: 'exit',
      exitCode: 0,
      stdoutBytes: 3_000_000,
      stdoutTruncated: true,
      stderrTruncated: false,
    });
  });
});

describe('agent server: process groups', () => {
  it('kills the whole process group on timeout, escalating to SIGKILL', async () => {
    const started = Date.now();
    const events = await readEvents(await run('family'));
    const pids = JSON.parse(stdoutOf(events)) as { parent: number; child: number };
    expect(events.at(-1)).toMatchObject({ type: 'exit', timedOut: true, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(1_500 + 1_000 + 1_500);
    expect(isAlive(pids.parent)).toBe(false);
    await expect.poll(() => isAlive(pids.child), { timeout: 2_000 }).toBe(false);
  });

  it('honours a shorter timeout in the request but never a longer one', async () => {
    const events = await readEvents(await run('forever', {}, { timeoutMs: 300 }));
    expect(events.at(-1)).toMatchObject({ type: 'exit', timedOut: true, signal: 'SIGTERM' });
    expect((events.at(-1) as { durationMs: number }).durationMs).toBeLessThan(1_500);
    const capped = await readEvents(await run('short', {}, { timeoutMs: 100_000 }));
    expect(capped.at(-1)).toMatchObject({ type: 'exit', timedOut: true });
    expect((capped.at(-1) as { durationMs: number }).durationMs).toBeLessThan(1_500);
  });

  it('kills the process when the client disconnects', async () => {
    const controller = new AbortController();
    const response = await signedFetch(agent.url, '/v1/runs', { body: runBody('forever'), signal: controller.signal });
    let pid = 0;
    await readEvents(response, (event) => {
      if (event.type === 'stdout') {
        pid = Number(event.data.trim());
        controller.abort();
      }
    }).catch(() => {});
    expect(pid).toBeGreaterThan(0);
    await expect.poll(() => isAlive(pid), { timeout: 3_000 }).toBe(false);
    await expect.poll(() => agent.server.running(), { timeout: 3_000 }).toBe(0);
  });

  it('answers 429 busy with Retry-After beyond the concurrency limit', async () => {
    const controllers = [new AbortController(), new AbortController()];
    const busy = await Promise.all(
      controllers.map((c) => signedFetch(agent.url, '/v1/runs', { body: runBody('forever'), signal: c.signal })),
    );
    expect(busy.map((r) => r.status)).toEqual([200, 200]);
    const refused = await run('echo', { word: 'x' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ error: { code: 'busy' } });
    const health = await (await signedFetch(agent.url, '/v1/health')).json();
    expect(health).toMatchObject({ running: 2, maxConcurrent: 2 });
    for (const c of controllers) c.abort();
    await expect.poll(() => agent.server.running(), { timeout: 3_000 }).toBe(0);
  });
});

describe('agent server: refusals run nothing', () => {
  it('404 for an unknown check, 401 for a bad signature, and the command never runs', async () => {
    const unknown = await run('touch-canary-x');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'unknown_check', message: expect.stringContaining('touch-canary-x') },
    });
    const wrong = await signedFetch(agent.url, '/v1/runs', { body: runBody('touch-canary'), secret: 'x'.repeat(40) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'bad_signature' } });
    expect(existsSync(touchCanary)).toBe(false);
  });

  it('rejects a replayed request and a stale one', async () => {
    const body = runBody('touch-canary');
    const headers = {
      'content-type': 'application/json',
      ...signRequest({ secret: TEST_SECRET, method: 'POST', path: '/v1/runs', body }),
    };
    const first = await fetch(`${agent.url}/v1/runs`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    await readEvents(first);
    expect(existsSync(touchCanary)).toBe(true);
    rmSync(touchCanary);
    const replayed = await fetch(`${agent.url}/v1/runs`, { method: 'POST', headers, body });
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: { code: 'replay' } });
    const staleHeaders = signRequest({
      secret: TEST_SECRET,
      method: 'POST',
      path: '/v1/runs',
      body,
      timestamp: Date.now() - 60_000,
    });
    const stale = await fetch(`${agent.url}/v1/runs`, { method: 'POST', headers: staleHeaders, body });
    expect(await stale.json()).toMatchObject({ error: { code: 'stale_timestamp' } });
    expect(existsSync(touchCanary)).toBe(false);
  });

  it('400 bad_parameter naming the field; 400 bad_request for malformed bodies', async () => {
    const bad = await run('echo', { word: 'UPPER' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_parameter', field: 'word' } });
    const extra = await run('echo', { word: 'ok', other: 'x' });
    expect(await extra.json()).toMatchObject({ error: { code: 'bad_parameter', field: 'other' } });
    const notJson = await signedFetch(agent.url, '/v1/runs', { body: 'check=echo' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'bad_request' } });
    const badSlug = await signedFetch(agent.url, '/v1/runs', { body: JSON.stringify({ check: '../x' }) });
    expect(await badSlug.json()).toMatchObject({ error: { code: 'bad_request', field: 'check' } });
    const numeric = await signedFetch(agent.url, '/v1/runs', { body: JSON.stringify({ check: 'echo', params: { word: 42 } }) });
    expect(await numeric.json()).toEqual({ error: { code: 'bad_parameter', field: 'word', message: 'word must be text' } });
    const badTimeout = await run('echo', { word: 'x' }, { timeoutMs: 5 });
    expect(await badTimeout.json()).toMatchObject({ error: { code: 'bad_request', field: 'timeoutMs' } });
  });

  it('rejects every injection corpus entry with 400 and the canary never appears', async () => {
    for (const { name, value } of injectionCorpus(canary)) {
      const response = await run('echo-iface', { iface: value });
      expect(response.status, name).toBe(400);
      expect(await response.json(), name).toMatchObject({ error: { code: 'bad_parameter', field: 'iface' } });
    }
    expect(existsSync(canary)).toBe(false);
  });

  it('passes shell syntax through a permissive pattern only as one inert argument', async () => {
    const shellish = injectionCorpus(canary).filter(
      ({ value }) => /^[ -~]+$/.test(value) && !value.startsWith('-') && value.length <= 256,
    );
    expect(shellish.length).toBeGreaterThan(10);
    for (const { name, value } of shellish) {
      const events = await readEvents(await run('echo-loose', { text: value }));
      expect(stdoutOf(events), name).toBe(`${value}\n`);
    }
    expect(existsSync(canary)).toBe(false);
  });
});

describe('agent server: endpoints', () => {
  it('health and checks need a signature and describe the agent', async () => {
    expect((await fetch(`${agent.url}/v1/health`)).status).toBe(401);
    expect(await (await signedFetch(agent.url, '/v1/health')).json()).toEqual({
      ok: true,
      name: 'test-agent',
      version: expect.any(String),
      running: 0,
      maxConcurrent: 2,
    });
    const list = await (await signedFetch(agent.url, '/v1/checks')).json();
    expect(list.name).toBe('test-agent');
    expect(list.checks.find((c: { slug: string }) => c.slug === 'echo')).toEqual({
      slug: 'echo',
      argv: ['echo', '{{word}}'],
      params: [{ name: 'word', pattern: '[a-z0-9]{1,20}' }],
      timeoutMs: 5_000,
    });
  });

  it('404, 405 and 413 as JSON errors', async () => {
    const notFound = await signedFetch(agent.url, '/v1/nothing');
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ error: { code: 'not_found' } });
    const wrongMethod = await signedFetch(agent.url, '/v1/runs');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const big = await signedFetch(agent.url, '/v1/runs', { body: runBody('echo', { word: 'x'.repeat(20_000) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'too_large' } });
  });

  it('logs one line per request without secrets or signatures', () => {
    const joined = agent.log.join('\n');
    expect(joined).toMatch(/POST \/v1\/runs 200 check=echo \d+ms exit=0/);
    expect(joined).toMatch(/POST \/v1\/runs 200 check=echo \d+ms run=traced-1 exit=0/);
    expect(joined).not.toContain('test-secret');
    expect(joined).not.toMatch(/v1=[0-9a-f]{64}/);
  });
});
