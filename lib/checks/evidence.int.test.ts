// Evidence is explicit, and then-vs-now is one click (issue 15 item 5, decision 037),
// through the server actions, with a queue worker and real agent processes on
// loopback: a run started from a published incident leaves its timeline alone;
// "Attach to timeline" makes a new revision (a stale version is refused);
// "Run again" repeats check, parameters and hosts and marks the host whose
// output changed; "Re-check now" re-runs the incident's evidence.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { startAgentProcess, type AgentProcess } from '@/tests/agents/start-agent';
import { setAppEnv } from '@/tests/request-scope';
import { actAsNewUser } from '@/tests/users';
import { withQueueWorker } from '@/tests/worker';

const url = inject('databaseUrl');
setAppEnv(url);
withQueueWorker(url);

vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const db = scriptClient(url);
const SECRET = 'evidence-agent-secret-0123456789abcdef01';
const tag = Date.now().toString(36);
const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-evidence-'));
const CHECK = `rules-${tag}`;
const agents: AgentProcess[] = [];
const hosts: Record<string, string> = {};
let incident: { id: string; slug: string };

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

async function settled(where: { batchId: string } | { recheckId: string }) {
  for (let i = 0; i < 200; i++) {
    const open = await db.checkRun.count({ where: { ...where, status: { in: ['queued', 'running'] } } });
    if (open === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('runs did not finish');
}

beforeAll(async () => {
  await applyMigrations(url);
  // Two agents, each reading its own rules file, so one host's output can change alone.
  for (const name of ['a', 'b']) {
    writeFileSync(path.join(dir, `${name}.txt`), 'TCP 10.0.0.1:80 rr\n');
    const agent = await startAgentProcess({
      config: {
        name: `evidence-${name}`,
        secret: SECRET,
        checks: [{ slug: CHECK, argv: ['cat', path.join(dir, `${name}.txt`)], params: [], timeoutMs: 5_000 }],
      },
    });
    agents.push(agent);
  }
  const host = async (key: string, agent: AgentProcess) => {
    const h = await db.host.create({
      data: { name: `${key}-${tag}`, role: `ev-${tag}`, agentUrl: agent.url, secretSealed: sealSecret(SECRET) },
    });
    hosts[key] = h.id;
  };
  await host('dir-1', agents[0]!);
  await host('dir-2', agents[1]!);
  await host('dir-3', agents[0]!);
  await db.check.create({ data: { slug: CHECK, title: 'IPVS rules (evidence test)', argv: ['cat', 'rules'] } });
  incident = await db.incident.create({
    data: {
      slug: `evidence-${tag}`,
      title: 'Evidence test incident',
      summary: 'Directors disagreed.',
      severity: 'SEV3',
      status: 'resolved',
      draft: false,
      startedAt: new Date('2026-11-01T10:00:00Z'),
      timeline: { create: [{ position: 0, at: new Date('2026-11-01T10:00:00Z'), kind: 'detection', text: 'Paged.' }] },
    },
    select: { id: true, slug: true },
  });
  await actAsNewUser(db, 'operator', `evidence-${tag}`);
}, 60_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe('evidence and then-vs-now', () => {
  let firstBatch: string;

  it('a run started from a published incident leaves its timeline and version unchanged', async () => {
    const { launchCheck } = await import('./actions');
    const result = await launchCheck({
      check: CHECK,
      hostIds: [hosts['dir-1']!, hosts['dir-2']!, hosts['dir-3']!],
      params: {},
      incidentId: incident.id,
    });
    if (!result.ok) throw new Error(result.error);
    firstBatch = result.batchId;
    await settled({ batchId: firstBatch });
    const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { timeline: true } });
    expect(after.version).toBe(1);
    expect(after.timeline.map((e) => e.text)).toEqual(['Paged.']);
  });

  it('refuses an attach against a stale version, and changes nothing', async () => {
    const { attachToTimelineAction } = await import('./actions');
    const stale = await attachToTimelineAction(null, form({ batchId: firstBatch, version: '7' }));
    expect(stale).toMatchObject({
      ok: false,
      conflict: true,
      version: 1,
      error: expect.stringMatching(/saved by someone else.*Nothing was attached/),
    });
    expect(await db.timelineEntry.count({ where: { incidentId: incident.id } })).toBe(1);
    expect(await db.checkRun.count({ where: { batchId: firstBatch, attachedVersion: { not: null } } })).toBe(0);
  });

  it('attaches a launch as a new revision, links the entry to its run, and audits it', async () => {
    const { attachToTimelineAction } = await import('./actions');
    const result = await attachToTimelineAction(null, form({ batchId: firstBatch, version: '1' }));
    expect(result).toMatchObject({ ok: true, version: 2, slug: incident.slug });
    const after = await db.incident.findUniqueOrThrow({
      where: { id: incident.id },
      include: { timeline: { orderBy: { position: 'asc' } }, revisions: true },
    });
    expect(after.version).toBe(2);
    expect(after.revisions.map((r) => r.version)).toContain(2);
    const entry = after.timeline[1]!;
    expect(entry.kind).toBe('evidence');
    expect(entry.text).toMatch(
      /^Check "IPVS rules \(evidence test\)" on 3 hosts \(dir-1-\w+, dir-2-\w+, dir-3-\w+\): 3 passed\.$/,
    );
    const runs = await db.checkRun.findMany({ where: { batchId: firstBatch }, orderBy: { createdAt: 'asc' } });
    expect(runs.map((r) => r.id)).toContain(entry.checkRunId);
    expect(runs.every((r) => r.attachedVersion === 2 && r.attachedAt)).toBe(true);
    const events = await db.auditEvent.findMany({ where: { action: 'check.attach', targetId: incident.id, outcome: 'success' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ batchId: firstBatch, version: 2, runs: 3 });

    const again = await attachToTimelineAction(null, form({ batchId: firstBatch, version: '2' }));
    expect(again).toMatchObject({ ok: false, error: expect.stringMatching(/Already on .* \(revision 2\)/) });
  });

  let rerunBatch: string;

  it('runs a launch again with the same check, parameters and hosts, and marks the host whose output changed', async () => {
    writeFileSync(path.join(dir, 'b.txt'), 'TCP 10.0.0.1:80 rr\nTCP 10.0.0.2:80 rr\n');
    await db.host.update({ where: { id: hosts['dir-3']! }, data: { disabled: true } });
    const { runAgainAction } = await import('./actions');
    const result = await runAgainAction(null, form({ batchId: firstBatch }));
    if (!result.ok) throw new Error(result.error);
    expect(result.skipped).toEqual([`dir-3-${tag}`]);
    rerunBatch = result.batchId;
    await settled({ batchId: rerunBatch });

    const before = await db.checkRun.findMany({ where: { batchId: firstBatch }, orderBy: { createdAt: 'asc' } });
    const now = await db.checkRun.findMany({
      where: { batchId: rerunBatch },
      include: { check: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(now.map((r) => r.hostId).sort()).toEqual([hosts['dir-1'], hosts['dir-2']].sort());
    expect(now.every((r) => r.check.slug === CHECK && JSON.stringify(r.params) === '{}')).toBe(true);
    // Each new run points at the earlier run of its own host.
    const beforeByHost = new Map(before.map((r) => [r.hostId, r.id]));
    expect(now.every((r) => r.baselineRunId === beforeByHost.get(r.hostId))).toBe(true);

    const { getLaunchComparison } = await import('./evidence-queries');
    const comparison = await getLaunchComparison(rerunBatch);
    expect(comparison).toMatchObject({ changed: 1, pending: 0, skipped: [`dir-3-${tag}`], previous: [{ batchId: firstBatch }] });
    expect(comparison!.hosts.map((h) => [h.hostName, h.changed])).toEqual([
      [`dir-1-${tag}`, false],
      [`dir-2-${tag}`, true],
    ]);
    // A launch that repeats nothing has no comparison.
    expect(await getLaunchComparison(firstBatch)).toBeNull();
  });

  it('re-checks the incident: its evidence runs again (not the repeats), compared with the time of the incident', async () => {
    writeFileSync(path.join(dir, 'a.txt'), 'TCP 10.0.0.1:80 wrr\n');
    const { recheckIncidentAction } = await import('./actions');
    const result = await recheckIncidentAction(null, form({ slug: incident.slug }));
    if (!result.ok) throw new Error(result.error);
    expect(result.launched).toBe(1);
    await settled({ recheckId: result.recheckId });

    const { getRecheck } = await import('./evidence-queries');
    const recheck = await getRecheck(incident.id, result.recheckId);
    expect(recheck!.hosts.map((h) => [h.hostName, h.changed])).toEqual([
      [`dir-1-${tag}`, true],
      [`dir-2-${tag}`, true],
    ]);
    const original = await db.checkRun.findMany({ where: { batchId: firstBatch }, include: { host: true } });
    const originalByHost = new Map(original.map((r) => [r.host.name, r.id]));
    expect(recheck!.hosts.every((h) => h.previousRunId === originalByHost.get(h.hostName))).toBe(true);
    expect(recheck!.launches).toHaveLength(1);
    // Another incident's re-check id shows nothing here.
    expect(await getRecheck('someotherincident', result.recheckId)).toBeNull();
    const events = await db.auditEvent.count({
      where: { action: 'incident.recheck', targetId: incident.id, outcome: 'success' },
    });
    expect(events).toBe(1);
  });

  it('never names a draft incident to a reader through "attached to"', async () => {
    const draft = await db.incident.create({
      data: {
        slug: `evidence-draft-${tag}`,
        title: 'Secret draft title',
        summary: 's',
        severity: 'SEV4',
        status: 'investigating',
        draft: true,
      },
    });
    const check = await db.check.findUniqueOrThrow({ where: { slug: CHECK } });
    const run = await db.checkRun.create({
      data: {
        checkId: check.id,
        hostId: hosts['dir-1']!,
        incidentId: draft.id,
        status: 'passed',
        attachedVersion: 3,
        attachedAt: new Date(),
      },
    });
    const { getEvidenceState } = await import('./evidence-queries');
    const reader = await getEvidenceState({ runId: run.id }, false);
    expect(reader).toMatchObject({ incident: { slug: null, title: null, version: null, draft: true }, attached: null });
    expect(JSON.stringify(reader)).not.toContain('Secret draft title');
    const author = await getEvidenceState({ runId: run.id }, true);
    expect(author).toMatchObject({ incident: { slug: draft.slug, title: 'Secret draft title' }, attached: { version: 3 } });
  });
});
