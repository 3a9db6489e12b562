// The bridge against real agent processes on loopback ports standing in for
// hosts, and against one misbehaving agent per fault the app must survive.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { startFaultAgent, type FaultAgent, type FaultMode } from '@/tests/agents/fault-agent';
import { canaryPath, injectionCorpus } from '@/tests/agents/injection-corpus';
import { startAgentProcess, freePort, type AgentProcess } from '@/tests/agents/start-agent';
import { executeRuns } from './execute-runs';
import { closeExpiredRuns } from './orphans';
import { prepareLaunch } from './prepare-launch';

process.env.BETTER_AUTH_SECRET ??= 'bridge-test-secret-0123456789abcdef';
const url = inject('databaseUrl');
const db = scriptClient(url);
const SECRET = 'bridge-agent-secret-0123456789abcdef0123';
const tag = Date.now().toString(36);
const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-bridge-'));

const agents: AgentProcess[] = [];
const faults: FaultAgent[] = [];
const hostIds: Record<string, string> = {};

async function host(name: string, role: string, agentUrl: string, secret = SECRET) {
  const h = await db.host.create({
    data: { name: `${name}-${tag}`, role: `${role}-${tag}`, agentUrl, secretSealed: sealSecret(secret) },
  });
  hostIds[name] = h.id;
  return h.id;
}

function agentConfig(name: string, rulesFile: string) {
  return {
    name,
    secret: SECRET,
    checks: [
      { slug: `rules-${tag}`, argv: ['cat', rulesFile], params: [], timeoutMs: 5000 },
      { slug: `echo-${tag}`, argv: ['echo', '{{word}}'], params: [{ name: 'word', pattern: '[a-z0-9]{1,20}' }], timeoutMs: 5000 },
      { slug: `slow-${tag}`, argv: ['sleep', '30'], params: [], timeoutMs: 1000 },
      { slug: `controls-${tag}`, argv: ['cat', path.join(dir, 'controls.bin')], params: [], timeoutMs: 5000 },
      { slug: `controls-miss-${tag}`, argv: ['cat', path.join(dir, 'controls.bin')], params: [], timeoutMs: 5000 },
    ],
  };
}

const launch = (check: string, hosts: string[], params: Record<string, string> = {}, extra: object = {}) =>
  prepareLaunch(db, { check: `${check}-${tag}`, hostIds: hosts, params, ...extra }, null);

async function runAll(check: string, hosts: string[], params: Record<string, string> = {}, extra: object = {}) {
  const prepared = await launch(check, hosts, params, extra);
  if (!prepared.ok) throw new Error(prepared.error);
  await executeRuns(db, prepared.runs);
  return db.checkRun.findMany({
    where: { batchId: prepared.batchId },
    include: { host: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

beforeAll(async () => {
  await applyMigrations(url);
  const same = path.join(dir, 'rules-same.txt');
  const other = path.join(dir, 'rules-other.txt');
  writeFileSync(same, '-A -t 10.54.213.148:80 -s wrr\n-a -t 10.54.213.148:80 -r 10.131.153.80:80 -g -w 1\n');
  writeFileSync(other, '-A -t 10.54.213.148:80 -s wrr\n-a -t 10.54.213.148:80 -r 10.131.153.81:80 -g -w 1\n');
  // What a real command may print: a NUL, a terminal colour, a bell, CRLF.
  writeFileSync(path.join(dir, 'controls.bin'), Buffer.from('before\u0000middle\u001b[31m red\u0007\r\nafter\n', 'utf8'));
  agents.push(
    ...(await Promise.all([
      startAgentProcess({ config: agentConfig('dir-1', same) }),
      startAgentProcess({ config: agentConfig('dir-2', same) }),
      startAgentProcess({ config: agentConfig('dir-3', other) }),
    ])),
  );
  await host('dir-1', 'director', agents[0]!.url);
  await host('dir-2', 'director', agents[1]!.url);
  await host('dir-3', 'director', agents[2]!.url);
  const checks = [
    { slug: `rules-${tag}`, title: 'IPVS rules (test)', argv: ['cat', 'rules.txt'] },
    {
      slug: `echo-${tag}`,
      title: 'Echo (test)',
      argv: ['echo', '{{word}}'],
      params: [{ name: 'word', pattern: '[a-z0-9]{1,20}' }],
      expectKind: 'contains' as const,
      expectValue: 'hello',
    },
    { slug: `slow-${tag}`, title: 'Slow (test)', argv: ['sleep', '30'], timeoutMs: 1000 },
    {
      slug: `controls-${tag}`,
      title: 'Controls (test)',
      argv: ['cat', 'controls.bin'],
      expectKind: 'contains' as const,
      expectValue: 'after',
    },
    {
      slug: `controls-miss-${tag}`,
      title: 'Controls miss (test)',
      argv: ['cat', 'controls.bin'],
      expectKind: 'contains' as const,
      expectValue: 'absent',
    },
    { slug: `fault-${tag}`, title: 'Fault (test)', argv: ['true'], timeoutMs: 2000 },
    { slug: `restart-${tag}`, title: 'Restart (test)', argv: ['systemctl', 'restart', 'x'], readOnly: false },
  ];
  for (const c of checks) await db.check.create({ data: c });
}, 60_000);

afterAll(async () => {
  await Promise.all([...agents, ...faults].map((a) => a.close()));
  rmSync(dir, { recursive: true, force: true });
  await db.$disconnect();
});

describe('fan-out to real agents', () => {
  it('runs on every host of the role and keeps each output, in the order picked', async () => {
    const runs = await runAll('rules', [hostIds['dir-1']!, hostIds['dir-2']!, hostIds['dir-3']!]);
    expect(runs.map((r) => r.host.name)).toEqual([`dir-1-${tag}`, `dir-2-${tag}`, `dir-3-${tag}`]);
    expect(runs.map((r) => r.status)).toEqual(['passed', 'passed', 'passed']);
    expect(runs[0]!.stdout).toContain('10.131.153.80');
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    expect(runs[2]!.stdout).not.toBe(runs[0]!.stdout);
    expect(runs.every((r) => r.startedAt && r.finishedAt && r.exitCode === 0 && r.durationMs !== null)).toBe(true);
  });

  it('judges the output and records the argv that ran', async () => {
    const [run] = await runAll('echo', [hostIds['dir-1']!], { word: 'hello' });
    expect(run).toMatchObject({ status: 'passed', stdout: 'hello\n', argv: ['echo', 'hello'] });
    const [miss] = await runAll('echo', [hostIds['dir-1']!], { word: 'bye' });
    expect(miss).toMatchObject({ status: 'failed', verdict: 'Expected output contains "hello"; got "bye".' });
  });

  it('stops a run at its timeout on the host', async () => {
    const started = Date.now();
    const [run] = await runAll('slow', [hostIds['dir-1']!]);
    expect(run!.status).toBe('timed_out');
    expect(run!.message).toMatch(/timeout/);
    expect(Date.now() - started).toBeLessThan(1000 + 2000);
  });

  it('keeps a run whose output holds a NUL and other controls, escaped and judged (issue 10)', async () => {
    const incident = await db.incident.create({
      data: {
        slug: `bridge-ctl-${tag}`,
        title: 'Controls',
        summary: 's',
        severity: 'SEV4',
        status: 'investigating',
        startedAt: new Date(),
      },
    });
    const [run] = await runAll('controls', [hostIds['dir-1']!]);
    expect(run).toMatchObject({ status: 'passed', stdout: 'before\\x00middle\\x1B[31m red\\x07\nafter\n' });
    const [miss] = await runAll('controls-miss', [hostIds['dir-1']!], {}, { incidentId: incident.id });
    expect(miss!.status).toBe('failed');
    expect(miss!.verdict).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    // Nothing reaches the timeline by itself any more (decision 037): the run is only linked.
    expect(await db.timelineEntry.count({ where: { incidentId: incident.id } })).toBe(0);
  });

  it("leaves a published incident's timeline and revision alone when a run is started from it (decision 037)", async () => {
    const incident = await db.incident.create({
      data: {
        slug: `bridge-${tag}`,
        title: 'Bridge test',
        summary: 's',
        severity: 'SEV4',
        status: 'resolved',
        draft: false,
        startedAt: new Date(),
        timeline: { create: [{ position: 0, at: new Date(), kind: 'detection', text: 'Paged.' }] },
      },
    });
    const runs = await runAll('rules', [hostIds['dir-1']!, hostIds['dir-3']!], {}, { incidentId: incident.id });
    expect(runs.map((r) => r.incidentId)).toEqual([incident.id, incident.id]);
    const entries = await db.timelineEntry.findMany({ where: { incidentId: incident.id } });
    expect(entries.map((e) => e.text)).toEqual(['Paged.']);
    const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(after.version).toBe(incident.version);
    expect(runs.every((r) => r.attachedVersion === null)).toBe(true);
  });
});

describe('refusals before anything runs', () => {
  it('refuses checks that change the host', async () => {
    const prepared = await launch('restart', [hostIds['dir-1']!]);
    expect(prepared).toMatchObject({ ok: false, error: expect.stringMatching(/only read-only checks/) });
  });

  it('refuses unknown and disabled hosts', async () => {
    expect(await launch('rules', ['nosuchhost'])).toMatchObject({ ok: false, fieldErrors: { hostIds: ['Unknown host.'] } });
    const off = await db.host.create({
      data: { name: `off-${tag}`, role: 'x', agentUrl: 'http://127.0.0.1:9', secretSealed: sealSecret(SECRET), disabled: true },
    });
    expect(await launch('rules', [off.id])).toMatchObject({ ok: false, error: expect.stringMatching(/Disabled/) });
  });

  it('rejects every injection attempt in the app, queues nothing, and no canary appears', async () => {
    const canary = canaryPath('bridge');
    const before = await db.checkRun.count();
    for (const { name, value } of injectionCorpus(canary)) {
      const prepared = await launch('echo', [hostIds['dir-1']!], { word: value });
      expect(prepared.ok, name).toBe(false);
      if (!prepared.ok) expect(prepared.fieldErrors?.['params.word'], name).toBeDefined();
    }
    expect(await db.checkRun.count()).toBe(before);
    expect(existsSync(canary)).toBe(false);
  });
});

describe('faults end as stored runs within the timeout plus two seconds', () => {
  const CHECK_TIMEOUT_MS = 2000;
  const modes: FaultMode[] = ['hang', 'headers-then-hang', 'trickle', 'http500', 'non-json', 'huge', 'wrong-secret'];

  it.each([...modes, 'refused' as const, 'down' as const])('%s', async (mode) => {
    let agentUrl: string;
    if (mode === 'refused') agentUrl = `http://127.0.0.1:${await freePort()}`;
    // A TEST-NET address: nothing answers there, so the connection never completes.
    else if (mode === 'down') agentUrl = 'http://192.0.2.123:7070';
    else {
      const fault = await startFaultAgent(mode, { secret: 'the-agents-real-secret-0123456789abcdef' });
      faults.push(fault);
      agentUrl = fault.url;
    }
    const id = await host(`fault-${mode}`, 'fault', agentUrl);
    const started = Date.now();
    const [run] = await runAll('fault', [id]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(CHECK_TIMEOUT_MS + 2000);
    expect(run!.finishedAt).not.toBeNull();
    if (mode === 'huge') {
      // A real answer, only too long: kept up to the cap and marked truncated.
      expect(run!.stdoutTruncated).toBe(true);
      expect(Buffer.byteLength(run!.stdout)).toBeLessThanOrEqual(1024 * 1024);
      return;
    }
    expect(['error', 'timed_out']).toContain(run!.status);
    expect(run!.message).toMatch(/^[A-Z].{10,}/);
    expect(run!.message).not.toMatch(/\n\s+at /); // no stack traces
    if (mode === 'wrong-secret') expect(run!.message).toMatch(/signature|secret/i);
    if (mode === 'trickle') expect(run!.stdout.length).toBeGreaterThan(0);
  });
});

describe('orphaned runs', () => {
  it('closes runs left queued or running without a lease by an earlier process', async () => {
    const check = await db.check.findUniqueOrThrow({ where: { slug: `rules-${tag}` } });
    const old = new Date(Date.now() - 10 * 60_000);
    const stuck = await db.checkRun.create({
      data: { checkId: check.id, hostId: hostIds['dir-1']!, status: 'running', createdAt: old },
    });
    expect(await closeExpiredRuns(db)).toContain(stuck.id);
    const closed = await db.checkRun.findUniqueOrThrow({ where: { id: stuck.id } });
    expect(closed).toMatchObject({ status: 'error', message: expect.stringMatching(/stopped before it finished/) });
    expect(closed.finishedAt).not.toBeNull();
  });
});
