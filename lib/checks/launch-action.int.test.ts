// The launch action (issue 15): the web process only enqueues. With no worker
// the runs stay queued and unowned (before the queue, the action ran them in
// its own process); with a worker, a quick check comes back finished because
// the action waits, woken by the batch's notifications, up to its bound.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { startAgentProcess, type AgentProcess } from '@/tests/agents/start-agent';
import { setAppEnv } from '@/tests/request-scope';
import { actAsNewUser } from '@/tests/users';
import { startTestWorker } from '@/tests/worker';

const url = inject('databaseUrl');
setAppEnv(url);

vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const db = scriptClient(url);
const SECRET = 'action-agent-secret-0123456789abcdef0123';
const tag = Date.now().toString(36);
let agent: AgentProcess;
let hostId: string;

beforeAll(async () => {
  await applyMigrations(url);
  agent = await startAgentProcess({
    config: {
      name: 'action',
      secret: SECRET,
      checks: [{ slug: `hi-${tag}`, argv: ['echo', 'hi'], params: [], timeoutMs: 5_000 }],
    },
  });
  hostId = (
    await db.host.create({
      data: { name: `action-${tag}`, role: `action-${tag}`, agentUrl: agent.url, secretSealed: sealSecret(SECRET) },
    })
  ).id;
  await db.check.create({ data: { slug: `hi-${tag}`, title: 'Hi (test)', argv: ['echo', 'hi'] } });
  await actAsNewUser(db, 'operator', `action-${tag}`);
}, 60_000);

afterAll(async () => {
  await agent?.close();
  await db.$disconnect();
});

describe('launchCheck', () => {
  it('only enqueues: with no worker running, its runs stay queued and unowned', async () => {
    const { launchCheck } = await import('./actions');
    const result = await launchCheck({ check: `hi-${tag}`, hostIds: [hostId], params: {} });
    if (!result.ok) throw new Error(result.error);
    expect(result.runs.map((r) => r.status)).toEqual(['queued']);
    const row = await db.checkRun.findUniqueOrThrow({ where: { id: result.runs[0]!.id } });
    expect(row).toMatchObject({ status: 'queued', leaseOwner: null, startedAt: null });
    const jobs = await db.$queryRaw<unknown[]>`SELECT 1 FROM graphile_worker.jobs WHERE key = ${row.id}`;
    expect(jobs).toHaveLength(1);
  });

  it('returns a quick check finished once a worker runs it', async () => {
    const worker = await startTestWorker(url);
    try {
      const { launchCheck } = await import('./actions');
      const result = await launchCheck({ check: `hi-${tag}`, hostIds: [hostId], params: {} });
      if (!result.ok) throw new Error(result.error);
      expect(result.runs).toMatchObject([{ status: 'passed', stdout: 'hi\n' }]);
    } finally {
      await worker.stop();
    }
  });
});
