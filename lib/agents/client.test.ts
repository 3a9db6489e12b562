import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '@/agent/protocol';
import { startInProcessAgent, TEST_SECRET, type InProcessAgent } from '@/tests/agents/agent-server';
import { startFaultAgent, type FaultAgentOptions, type FaultMode } from '@/tests/agents/fault-agent';
import { freePort, startAgentProcess, type AgentProcess } from '@/tests/agents/start-agent';
import { agentHealth, listAgentChecks, runOnAgent, type AgentRunOutcome, type RunOnAgentOptions } from './client';
import { failureForErrno } from './errors';

/** The promise: every fault ends within the deadline plus two seconds. */
const GRACE_MS = 2_000;
const DEADLINE_MS = 1_500;

async function timed(
  options: Partial<RunOnAgentOptions> & { baseUrl: string },
): Promise<{ outcome: AgentRunOutcome; elapsed: number }> {
  const started = Date.now();
  const outcome = await runOnAgent({
    secret: TEST_SECRET,
    request: { check: 'echo', params: {} },
    deadlineMs: DEADLINE_MS,
    hostLabel: 'web-1',
    ...options,
  });
  const elapsed = Date.now() - started;
  expect(elapsed).toBeLessThan((options.deadlineMs ?? DEADLINE_MS) + GRACE_MS);
  return { outcome, elapsed };
}

async function againstFault(mode: FaultMode, options: FaultAgentOptions = {}, run: Partial<RunOnAgentOptions> = {}) {
  const fault = await startFaultAgent(mode, options);
  try {
    return await timed({ baseUrl: fault.url, ...run });
  } finally {
    await fault.close();
  }
}

describe('runOnAgent against faults', () => {
  it('agent down: connection refused', async () => {
    const { outcome } = await timed({ baseUrl: `http://127.0.0.1:${await freePort()}` });
    expect(outcome).toMatchObject({
      kind: 'error',
      code: 'refused',
      message: 'The agent at host web-1 refused the connection: it is probably not running',
    });
  });

  it('unroutable address: an error within the deadline', async () => {
    const { outcome } = await timed({ baseUrl: 'http://10.255.255.1:7700', deadlineMs: 1_000 });
    // unreachable or timeout on a real network; some sandboxes answer for any address (then http_error).
    expect(['unreachable', 'timeout', 'http_error']).toContain(outcome.kind === 'error' && outcome.code);
  });

  it('names network failures in words', () => {
    expect(failureForErrno('EHOSTUNREACH', 'web-1', false)).toEqual({
      code: 'unreachable',
      message: 'The agent host web-1 could not be reached over the network',
    });
    expect(failureForErrno('ENETUNREACH', 'web-1', false).code).toBe('unreachable');
    expect(failureForErrno('ETIMEDOUT', 'web-1', false).code).toBe('unreachable');
    expect(failureForErrno('ENOTFOUND', 'web-1', false)).toEqual({
      code: 'unreachable',
      message: 'The agent host web-1 could not be found (DNS lookup failed)',
    });
    expect(failureForErrno('ECONNREFUSED', 'web-1', false).code).toBe('refused');
    expect(failureForErrno('ECONNRESET', 'web-1', true).code).toBe('bad_response');
  });

  it('unknown host name: unreachable or timeout', async () => {
    const { outcome } = await timed({ baseUrl: 'http://agent.does-not-exist.invalid:7700', deadlineMs: 1_000 });
    expect(['unreachable', 'timeout']).toContain(outcome.kind === 'error' && outcome.code);
  });

  it('hung: no answer at all ends as timeout at the deadline', async () => {
    const { outcome, elapsed } = await againstFault('hang');
    expect(outcome).toMatchObject({
      kind: 'error',
      code: 'timeout',
      message: 'The agent at host web-1 did not answer within 1.5 s',
    });
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
  });

  it('hung after the headers: timeout that says the check did not finish', async () => {
    const { outcome } = await againstFault('headers-then-hang');
    expect(outcome).toMatchObject({
      kind: 'error',
      code: 'timeout',
      message: expect.stringContaining('did not finish within 1.5 s'),
    });
  });

  it('slow trickle: timeout keeping the partial output', async () => {
    const seen: AgentEvent[] = [];
    const { outcome } = await againstFault('trickle', { trickleMs: 200 }, { onEvent: (e) => seen.push(e) });
    expect(outcome).toMatchObject({ kind: 'error', code: 'timeout' });
    expect(outcome.stdout).toMatch(/^line 1\nline 2\n/);
    expect(seen.filter((e) => e.type === 'stdout').length).toBeGreaterThanOrEqual(3);
  });

  it('HTTP 500: http_error with the status', async () => {
    const { outcome } = await againstFault('http500');
    expect(outcome).toMatchObject({
      kind: 'error',
      code: 'http_error',
      status: 500,
      message: 'The agent at host web-1 failed with HTTP 500',
    });
  });

  it('non-JSON: bad_response', async () => {
    const { outcome } = await againstFault('non-json');
    expect(outcome).toMatchObject({
      kind: 'error',
      code: 'bad_response',
      message: 'The agent at host web-1 answered with something that is not the agent protocol',
    });
  });

  it('10 MB of output: kept up to the cap and marked truncated, memory bounded', async () => {
    const before = process.memoryUsage().rss;
    let kept = 0;
    const { outcome } = await againstFault(
      'huge',
      {},
      {
        deadlineMs: 10_000,
        maxOutputBytes: 1024 * 1024,
        onEvent: (e) => {
          if (e.type === 'stdout') kept += e.data.length;
        },
      },
    );
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0, stdoutTruncated: true, stderrTruncated: false });
    expect(outcome.stdout.length).toBe(1024 * 1024);
    expect(kept).toBe(1024 * 1024);
    // Ten megabytes were received; far less may stay resident.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('wrong secret: auth, naming the secret as the thing to check', async () => {
    const { outcome } = await againstFault('wrong-secret');
    expect(outcome).toMatchObject({ kind: 'error', code: 'auth', status: 401 });
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      /^The agent at host web-1 rejected the app's signature: check the host's secret/,
    );
  });

  it('connection left open after exit: the client stops at the exit event', async () => {
    const { outcome, elapsed } = await againstFault('slow-close', {}, { deadlineMs: 5_000 });
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0, stdout: 'ok\n' });
    expect(elapsed).toBeLessThan(1_000);
  });

  it('stream that ends without exit: bad_response keeping the output', async () => {
    const { outcome } = await againstFault('no-exit');
    expect(outcome).toMatchObject({ kind: 'error', code: 'bad_response', stdout: 'partial\n' });
  });

  it('skips event types of a later protocol version, refuses malformed known ones', async () => {
    expect((await againstFault('future-event')).outcome).toMatchObject({ kind: 'exited', stdout: 'ok\n' });
    expect((await againstFault('malformed-event')).outcome).toMatchObject({ kind: 'error', code: 'bad_response' });
  });

  it('a throwing onEvent listener does not change the outcome', async () => {
    const { outcome } = await againstFault(
      'slow-close',
      {},
      {
        onEvent: () => {
          throw new Error('listener failed');
        },
      },
    );
    expect(outcome).toMatchObject({ kind: 'exited', stdout: 'ok\n' });
  });

  it('connection reset: bad_response', async () => {
    const { outcome } = await againstFault('reset');
    expect(outcome).toMatchObject({
      kind: 'error',
      code: 'bad_response',
      message: 'The agent at host web-1 closed the connection without answering',
    });
  });

  it('cancelled by the caller: aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const { outcome, elapsed } = await againstFault('hang', {}, { signal: controller.signal, deadlineMs: 5_000 });
    expect(outcome).toMatchObject({ kind: 'error', code: 'aborted' });
    expect(elapsed).toBeLessThan(1_000);
  });

  it('no message leaks the secret', async () => {
    for (const mode of ['wrong-secret', 'http500', 'non-json'] as const) {
      const { outcome } = await againstFault(mode);
      expect(JSON.stringify(outcome)).not.toContain(TEST_SECRET);
    }
  });
});

describe('runOnAgent against a real agent', () => {
  let agent: InProcessAgent;
  beforeAll(async () => {
    agent = await startInProcessAgent({
      maxConcurrent: 1,
      checks: [
        { slug: 'echo', argv: ['echo', '{{word}}'], params: [{ name: 'word', pattern: '[a-z]+' }], timeoutMs: 5_000 },
        { slug: 'sleep', argv: ['sleep', '5'], timeoutMs: 400 },
        { slug: 'missing', argv: ['ipvsadm-not-installed'], timeoutMs: 5_000 },
      ],
    });
  });
  afterAll(() => agent.close());
  const on = (request: RunOnAgentOptions['request'], extra: Partial<RunOnAgentOptions> = {}) =>
    timed({ baseUrl: agent.url, request, ...extra });

  it('runs a check and streams its events', async () => {
    const events: AgentEvent[] = [];
    const { outcome } = await on({ check: 'echo', params: { word: 'hello' } }, { onEvent: (e) => events.push(e) });
    expect(outcome).toMatchObject({
      kind: 'exited',
      exitCode: 0,
      signal: null,
      timedOut: false,
      stdout: 'hello\n',
      stderr: '',
      stdoutTruncated: false,
    });
    expect(events.map((e) => e.type)).toEqual(['started', 'stdout', 'exit']);
  });

  it('reports a check the agent timed out as exited with timedOut', async () => {
    const { outcome } = await on({ check: 'sleep' });
    expect(outcome).toMatchObject({ kind: 'exited', timedOut: true, signal: 'SIGTERM', exitCode: null });
  });

  it('turns refusals into rejected, busy and spawn_failed', async () => {
    const bad = (await on({ check: 'echo', params: { word: '; id' } })).outcome;
    expect(bad).toMatchObject({ kind: 'error', code: 'rejected', status: 400, field: 'word' });
    expect(bad.kind === 'error' && bad.message).toBe('The agent at host web-1 refused a parameter: word');
    const unknown = (await on({ check: 'nope' })).outcome;
    expect(unknown).toMatchObject({ kind: 'error', code: 'rejected', status: 404 });
    const missing = (await on({ check: 'missing' })).outcome;
    expect(missing).toMatchObject({
      kind: 'error',
      code: 'spawn_failed',
      message: 'The check could not start on host web-1: command not found on this host: ipvsadm-not-installed',
    });

    const running = on({ check: 'sleep' });
    await expect.poll(() => agent.server.running()).toBe(1);
    const busy = (await on({ check: 'echo', params: { word: 'x' } })).outcome;
    expect(busy).toMatchObject({ kind: 'error', code: 'busy', status: 429 });
    await running;
  });

  it('health and the check list, signed', async () => {
    const health = await agentHealth({ baseUrl: agent.url, secret: TEST_SECRET, timeoutMs: 2_000 });
    expect(health).toEqual({ ok: true, data: expect.objectContaining({ ok: true, name: 'test-agent', maxConcurrent: 1 }) });
    const checks = await listAgentChecks({ baseUrl: agent.url, secret: TEST_SECRET, timeoutMs: 2_000 });
    expect(checks.ok && checks.data.checks.map((c) => c.slug)).toEqual(['echo', 'sleep', 'missing']);
    const wrong = await agentHealth({ baseUrl: agent.url, secret: 'y'.repeat(40), timeoutMs: 2_000, hostLabel: 'web-1' });
    expect(wrong).toMatchObject({ ok: false, code: 'auth', status: 401 });
    const down = await agentHealth({ baseUrl: `http://127.0.0.1:${await freePort()}`, secret: TEST_SECRET, timeoutMs: 2_000 });
    expect(down).toMatchObject({ ok: false, code: 'refused' });
  });
});

describe('the real agent process (npm run agent)', () => {
  let agent: AgentProcess;
  beforeAll(async () => {
    agent = await startAgentProcess({
      config: {
        name: 'process-agent',
        secretEnv: 'PMKB_TEST_AGENT_SECRET',
        checks: [{ slug: 'uname', argv: ['uname', '-s'], timeoutMs: 5_000 }],
      },
      env: { PMKB_TEST_AGENT_SECRET: TEST_SECRET },
    });
  }, 30_000);
  afterAll(() => agent?.close());

  it('serves runs over loopback', async () => {
    const { outcome } = await timed({ baseUrl: agent.url, request: { check: 'uname' }, deadlineMs: 5_000 });
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0, stdout: 'Linux\n' });
  });

  it('exits on SIGTERM', async () => {
    await agent.close();
    const { outcome } = await timed({ baseUrl: agent.url, request: { check: 'uname' } });
    expect(outcome).toMatchObject({ kind: 'error', code: 'refused' });
  });
});
