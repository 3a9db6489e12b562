// GET /api/v1/check-runs/{batchId}/events (issue 15, item 2): the route handler
// called as Next calls it, its Server-Sent Events read from the stream. The
// runs are executed by `npm run worker` in another process, so every event
// reached this process through PostgreSQL LISTEN/NOTIFY: the instance serving
// the stream is not the one that wrote the changes.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { startAgentProcess, type AgentProcess } from '@/tests/agents/start-agent';
import { setAppEnv, setRequestHeaders } from '@/tests/request-scope';
import { killProcess, spawnWorkerProcess } from '@/tests/worker';
import { prepareLaunch } from './prepare-launch';
import type { RunPatch } from './run-patch';
import type { RunView } from './types';

const url = inject('databaseUrl');
setAppEnv(url, { ANONYMOUS_READ: 'true' });

vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const db = scriptClient(url);
const SECRET = 'stream-agent-secret-0123456789abcdef0123';
const tag = Date.now().toString(36);
const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-stream-'));
/** The check prints, then waits for this file: the test decides when the run may end. */
const go = path.join(dir, 'go');

let agent: AgentProcess;
let worker: ChildProcess | undefined;
const hostIds: string[] = [];

type Event = { event: string; data: unknown };

/** Reads SSE frames from a response body; comment lines (heartbeats) are skipped. */
async function* events(body: ReadableStream<Uint8Array>): AsyncGenerator<Event> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const lines = frame.split('\n').filter((l) => !l.startsWith(':'));
      if (!lines.length) continue;
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
      yield { event, data: data ? JSON.parse(data) : null };
    }
  }
}

const route = () => import('@/app/api/v1/check-runs/[batchId]/events/route');
const request = (id: string, init?: { signal?: AbortSignal }) =>
  new NextRequest(`http://localhost/api/v1/check-runs/${id}/events`, init);

beforeAll(async () => {
  await applyMigrations(url);
  const script = path.join(dir, 'talk.sh');
  writeFileSync(
    script,
    `#!/bin/sh\necho one\nsleep 0.1\necho more\nwhile [ ! -f ${go} ]; do sleep 0.05; done\necho two\necho oops >&2\n`,
  );
  chmodSync(script, 0o755);
  agent = await startAgentProcess({
    config: { name: 'stream', secret: SECRET, checks: [{ slug: `talk-${tag}`, argv: [script], params: [], timeoutMs: 30_000 }] },
  });
  for (const i of [1, 2]) {
    const h = await db.host.create({
      data: { name: `stream-${i}-${tag}`, role: `stream-${tag}`, agentUrl: agent.url, secretSealed: sealSecret(SECRET) },
    });
    hostIds.push(h.id);
  }
  await db.check.create({ data: { slug: `talk-${tag}`, title: 'Talk (test)', argv: [script], timeoutMs: 30_000 } });
  setRequestHeaders();
}, 60_000);

afterAll(async () => {
  if (worker) await killProcess(worker, 'SIGKILL');
  await agent?.close();
  rmSync(dir, { recursive: true, force: true });
  await db.$disconnect();
});

describe('the live event stream of a launch', () => {
  it('sends a snapshot, then status and output in order as another process runs them, and ends with done', async () => {
    const prepared = await prepareLaunch(db, { check: `talk-${tag}`, hostIds, params: {} }, null);
    if (!prepared.ok) throw new Error(prepared.error);
    const { GET } = await route();
    const res = await GET(request(prepared.batchId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);

    // No worker yet: the stream is open before anything runs.
    worker = await spawnWorkerProcess(url);

    const runs = new Map<string, { statuses: string[]; stdout: string; stderr: string; liveStdout: string }>();
    const seen: string[] = [];
    for await (const { event, data } of events(res.body!)) {
      seen.push(event);
      if (event === 'snapshot') {
        const snapshot = (data as { runs: RunView[] }).runs;
        expect(snapshot.map((r) => r.id)).toEqual(prepared.runs.map((r) => r.id));
        for (const r of snapshot) runs.set(r.id, { statuses: [r.status], stdout: '', stderr: '', liveStdout: '' });
        continue;
      }
      if (event !== 'run') continue;
      const p = data as RunPatch;
      const run = runs.get(p.id)!;
      if (run.statuses.at(-1) !== p.status) run.statuses.push(p.status);
      run.stdout = p.stdoutFrom === 0 ? p.stdout : run.stdout + p.stdout;
      run.stderr = p.stderrFrom === 0 ? p.stderr : run.stderr + p.stderr;
      if (p.status === 'running') run.liveStdout = run.stdout;
      // Both runs have printed their first lines and wait: let them finish. "more" comes
      // within FLUSH_INTERVAL_MS of "one", so it arrives only through the trailing flush.
      if ([...runs.values()].every((r) => r.liveStdout === 'one\nmore\n')) writeFileSync(go, '');
    }
    expect(seen[0]).toBe('snapshot');
    expect(seen.at(-1)).toBe('done');
    for (const run of runs.values()) {
      expect(run.statuses).toEqual(['queued', 'running', 'passed']);
      // Output arrived while the run was running, before its end.
      expect(run.liveStdout).toBe('one\nmore\n');
      expect(run.stdout).toBe('one\nmore\ntwo\n');
      expect(run.stderr).toBe('oops\n');
    }
    const stored = await db.checkRun.findMany({ where: { batchId: prepared.batchId } });
    expect(stored.every((r) => r.status === 'passed' && r.stdout === 'one\nmore\ntwo\n')).toBe(true);
  });

  it('for a finished launch sends everything at once and ends', async () => {
    const batch = await db.checkRun.findFirstOrThrow({ where: { hostId: hostIds[0]!, status: 'passed' } });
    const { GET } = await route();
    const res = await GET(request(batch.batchId!));
    const got: Event[] = [];
    for await (const e of events(res.body!)) got.push(e);
    expect(got.map((e) => e.event)).toEqual(['snapshot', 'run', 'run', 'done']);
    expect((got[1]!.data as RunPatch).stdout).toBe('one\nmore\ntwo\n');
  });

  it('refuses a malformed id and an unknown launch', async () => {
    const { GET } = await route();
    expect((await GET(request('not-a-uuid'))).status).toBe(400);
    expect((await GET(request('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });

  it('releases its slot when the client goes away', async () => {
    const { openStreams } = await import('./run-stream');
    // No worker from here on, so the launch stays queued and its stream open.
    await killProcess(worker!, 'SIGTERM');
    const prepared = await prepareLaunch(db, { check: `talk-${tag}`, hostIds: [hostIds[0]!], params: {} }, null);
    if (!prepared.ok) throw new Error(prepared.error);
    const before = openStreams();
    const abort = new AbortController();
    const { GET } = await route();
    const res = await GET(request(prepared.batchId, { signal: abort.signal }));
    const reader = res.body!.getReader();
    await reader.read(); // the snapshot
    expect(openStreams()).toBe(before + 1);
    abort.abort();
    await reader.cancel().catch(() => {});
    expect(openStreams()).toBe(before);
  });
});
