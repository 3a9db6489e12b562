// Scheduled runbook verification (issue 16, item 2) against a real PostgreSQL,
// a queue worker and a real agent process: the tick launches a due runbook's
// checks on its role's hosts as the system and records the verification; two
// ticks at once launch it once; runbooks not due are skipped; the page data
// says "Verified ... N of M passed"; a verification that turns failing notifies once.
import { existsSync, mkdtempSync, rmSync, writeFileSync, chmodSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { parseRunbook } from '@/lib/content/parse';
import { syncRunbook } from '@/lib/content/sync';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { startAgentProcess, type AgentProcess } from '@/tests/agents/start-agent';
import { withQueueWorker } from '@/tests/worker';
import { verificationFailed } from './notify';
import { readVerificationStatus, verificationSummary } from './status';
import { evaluateVerifications, runVerifyTick, SYSTEM_ACTOR } from './tick';

vi.mock('./notify', () => ({ verificationFailed: vi.fn(async () => {}) }));

process.env.BETTER_AUTH_SECRET ??= 'verify-test-secret-0123456789abcdef0123';
const url = inject('databaseUrl');
const db = scriptClient(url);
const worker = withQueueWorker(url);
const SECRET = 'verify-agent-secret-0123456789abcdef0123';
const tag = Date.now().toString(36);
const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-verify-'));
/** While this file exists, the "flaky" check fails: the test turns the verification failing and back. */
const brokenFlag = path.join(dir, 'broken');
const role = `vrole-${tag}`;
const slugs = { due: `verify-due-${tag}`, later: `verify-later-${tag}`, plain: `verify-plain-${tag}` };
const checks = { ok: `vok-${tag}`, flaky: `vflaky-${tag}` };

let agent: AgentProcess;
const ids: Record<keyof typeof slugs, string> = { due: '', later: '', plain: '' };

function runbookSource(slug: string, verify: string) {
  return [
    '---',
    `slug: ${slug}`,
    `title: Verified runbook ${slug}`,
    ...(verify ? [verify] : []),
    '---',
    '## Steps',
    '',
    '```check',
    checks.ok,
    '```',
    '',
    '```check',
    checks.flaky,
    '```',
    '',
  ].join('\n');
}

async function sync(slug: string, verify: string) {
  const parsed = parseRunbook(`${slug}.md`, runbookSource(slug, verify));
  await db.$transaction((tx) => syncRunbook(tx, `${slug}.md`, parsed));
  return (await db.runbook.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

const makeDue = (id: string) => db.runbook.update({ where: { id }, data: { verifyNextAt: new Date(Date.now() - 1000) } });
const verificationsOf = (runbookId: string) =>
  db.runbookVerification.findMany({ where: { runbookId }, orderBy: { startedAt: 'asc' } });
const mine = (launched: string[]) => launched.filter((s) => Object.values(slugs).includes(s));

/** Judges verifications until this runbook's newest one is judged (its runs finish on the worker). */
async function judged(runbookId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await evaluateVerifications(db);
    const newest = await db.runbookVerification.findFirst({ where: { runbookId }, orderBy: { startedAt: 'desc' } });
    if (newest?.evaluatedAt) return newest;
    if (Date.now() > deadline) throw new Error('the verification was not judged in time');
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  await applyMigrations(url);
  // The tick claims every due runbook in the database: keep other files' (the demo content's) out of this file's ticks.
  await db.$executeRaw`UPDATE runbooks SET verify_next_at = now() + interval '1 day' WHERE verify_next_at IS NOT NULL`;
  const flaky = path.join(dir, 'flaky.sh');
  writeFileSync(flaky, `#!/bin/sh\nif [ -f ${brokenFlag} ]; then echo broken; exit 1; fi\necho fine\n`);
  chmodSync(flaky, 0o755);
  const specs = [
    { slug: checks.ok, argv: ['echo', 'ok'], timeoutMs: 5_000 },
    { slug: checks.flaky, argv: [flaky], timeoutMs: 5_000 },
  ];
  agent = await startAgentProcess({
    config: { name: 'verify', secret: SECRET, checks: specs.map((c) => ({ ...c, params: [] })) },
  });
  for (const c of specs)
    await db.check.create({ data: { slug: c.slug, title: `${c.slug} (test)`, argv: c.argv, timeoutMs: c.timeoutMs } });
  for (const n of [1, 2])
    await db.host.create({ data: { name: `verify-${n}-${tag}`, role, agentUrl: agent.url, secretSealed: sealSecret(SECRET) } });
  ids.due = await sync(slugs.due, `verify: { every: 6h, role: ${role} }`);
  ids.later = await sync(slugs.later, `verify: { every: 1d, role: ${role}, checks: [${checks.ok}] }`);
  ids.plain = await sync(slugs.plain, '');
  // Already verified recently: due in a day.
  await db.runbook.update({ where: { id: ids.later }, data: { verifyNextAt: new Date(Date.now() + 86_400_000) } });
}, 60_000);

afterAll(async () => {
  await db.runbook.deleteMany({ where: { slug: { in: Object.values(slugs) } } });
  await db.checkRun.deleteMany({ where: { check: { slug: { in: Object.values(checks) } } } });
  await db.host.deleteMany({ where: { role } });
  await db.check.deleteMany({ where: { slug: { in: Object.values(checks) } } });
  await agent?.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduled verification', () => {
  it('stores what the front matter asks for, due at once', async () => {
    const rb = await db.runbook.findUniqueOrThrow({ where: { id: ids.due } });
    expect(rb.verifyEverySeconds).toBe(6 * 3600);
    expect(rb.verifyRole).toBe(role);
    expect(rb.verifyChecks).toEqual([
      { slug: checks.ok, params: {} },
      { slug: checks.flaky, params: {} },
    ]);
    expect(rb.verifyNextAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const plain = await db.runbook.findUniqueOrThrow({ where: { id: ids.plain } });
    expect(plain.verifyNextAt).toBeNull();
  });

  it('two ticks at once launch a due runbook once, on every host of the role, as the system; not-due ones are skipped', async () => {
    expect(worker.current).not.toBeNull();
    const [a, b] = await Promise.all([runVerifyTick(db), runVerifyTick(db)]);
    expect(mine([...a.launched, ...b.launched])).toEqual([slugs.due]);
    const [v] = await verificationsOf(ids.due);
    expect(await verificationsOf(ids.due)).toHaveLength(1);
    expect(v!.batchIds).toHaveLength(2);
    expect(await verificationsOf(ids.later)).toHaveLength(0);
    expect(await verificationsOf(ids.plain)).toHaveLength(0);

    const runs = await db.checkRun.findMany({ where: { batchId: { in: v!.batchIds } }, include: { host: true } });
    expect(runs).toHaveLength(4);
    expect(runs.every((r) => r.runbookId === ids.due && r.requestedById === null && r.host.role === role)).toBe(true);

    const rb = await db.runbook.findUniqueOrThrow({ where: { id: ids.due } });
    expect(rb.verifyNextAt!.getTime()).toBeGreaterThan(Date.now() + 5 * 3600_000);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'runbook.verify', targetId: ids.due } });
    expect(audit.actorId).toBeNull();
    expect(audit.details).toMatchObject({ actor: SYSTEM_ACTOR, batchIds: v!.batchIds.join(', ') });

    // A tick right after finds nothing due for it.
    expect(mine((await runVerifyTick(db)).launched)).toEqual([]);
  });

  it('the page data says "Verified ... N of M passed" and links to the launch', async () => {
    const v = await judged(ids.due);
    expect(v).toMatchObject({ passed: 4, total: 4 });
    const status = await readVerificationStatus(db, ids.due);
    const summary = verificationSummary(status!, new Date());
    expect(summary.text).toBe('Verified just now: 4 of 4 passed');
    expect(summary.href).toBe(`/checks/batches/${v.batchIds[0]}`);
    expect(summary.failingSince).toBeNull();
    expect(verificationFailed).not.toHaveBeenCalled();

    const later = verificationSummary((await readVerificationStatus(db, ids.later))!, new Date());
    expect(later.text).toBe('Not verified yet');
    expect(await readVerificationStatus(db, ids.plain)).toBeNull();
  });

  it('a verification that turns failing notifies once, not on every failing tick, and recovers', async () => {
    writeFileSync(brokenFlag, '');
    for (let round = 0; round < 2; round++) {
      await makeDue(ids.due);
      expect(mine((await runVerifyTick(db)).launched)).toEqual([slugs.due]);
      const v = await judged(ids.due);
      expect(v).toMatchObject({ passed: 2, total: 4 });
    }
    expect(verificationFailed).toHaveBeenCalledTimes(1);
    const [first] = (await verificationsOf(ids.due)).slice(-2);
    expect(vi.mocked(verificationFailed).mock.calls[0]![1]).toMatchObject({ runbookSlug: slugs.due, passed: 2, total: 4 });

    const rb = await db.runbook.findUniqueOrThrow({ where: { id: ids.due } });
    expect(rb.verifyFailingSince).toEqual(first!.startedAt);
    const summary = verificationSummary((await readVerificationStatus(db, ids.due))!, new Date());
    expect(summary).toMatchObject({ text: 'Verified just now: 2 of 4 passed', tone: 'failing', failingSince: first!.startedAt });
    // The link opens a launch with a failed run.
    const failedBatch = summary.href!.split('/').pop()!;
    expect(await db.checkRun.count({ where: { batchId: failedBatch, status: 'failed' } })).toBe(2);

    if (existsSync(brokenFlag)) unlinkSync(brokenFlag);
    await makeDue(ids.due);
    await runVerifyTick(db);
    await judged(ids.due);
    expect((await db.runbook.findUniqueOrThrow({ where: { id: ids.due } })).verifyFailingSince).toBeNull();
    expect(verificationFailed).toHaveBeenCalledTimes(1);
  }, 60_000);

  it('a role with no enabled host is a failing verification, not a silent one', async () => {
    const lonely = `verify-lonely-${tag}`;
    const id = await sync(lonely, `verify: { every: 15m, role: nobody-${tag} }`);
    try {
      expect(mine((await runVerifyTick(db)).launched)).toEqual([]);
      expect((await runVerifyTick(db)).launched).not.toContain(lonely);
      const [v] = await verificationsOf(id);
      expect(v!.problems).toEqual([`No enabled host has the role "nobody-${tag}".`]);
      await judged(id);
      expect((await db.runbook.findUniqueOrThrow({ where: { id } })).verifyFailingSince).not.toBeNull();
    } finally {
      await db.runbook.delete({ where: { id } });
    }
  });
});
