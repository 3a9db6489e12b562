// `check.failed` for scheduled verification through the real webhook outbox: a
// runbook whose verification fails on every tick records one delivery (when it
// turns failing), not one per failed run per tick.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { parseRunbook } from '@/lib/content/parse';
import { syncRunbook } from '@/lib/content/sync';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { startAgentProcess, type AgentProcess } from '@/tests/agents/start-agent';
import { withQueueWorker } from '@/tests/worker';
import { evaluateVerifications, runVerifyTick } from './tick';

process.env.BETTER_AUTH_SECRET ??= 'verify-notify-secret-0123456789abcdef0123';
const url = inject('databaseUrl');
const db = scriptClient(url);
withQueueWorker(url);
const SECRET = 'verify-notify-agent-0123456789abcdef0123';
const tag = Date.now().toString(36);
const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-verify-notify-'));
const role = `vnrole-${tag}`;
const slug = `verify-notify-${tag}`;
const check = `vnfail-${tag}`;
let agent: AgentProcess;
let runbookId = '';
let hookId = '';

beforeAll(async () => {
  await applyMigrations(url);
  await db.$executeRaw`UPDATE runbooks SET verify_next_at = now() + interval '1 day' WHERE verify_next_at IS NOT NULL`;
  const failing = path.join(dir, 'down.sh');
  writeFileSync(failing, '#!/bin/sh\necho down\nexit 3\n');
  chmodSync(failing, 0o755);
  const spec = { slug: check, argv: [failing], timeoutMs: 5_000 };
  agent = await startAgentProcess({ config: { name: 'vn', secret: SECRET, checks: [{ ...spec, params: [] }] } });
  await db.check.create({ data: { slug: check, title: `${check} (test)`, argv: spec.argv, timeoutMs: spec.timeoutMs } });
  for (const n of [1, 2])
    await db.host.create({ data: { name: `vn-${n}-${tag}`, role, agentUrl: agent.url, secretSealed: sealSecret(SECRET) } });
  const source = `---\nslug: ${slug}\ntitle: Always failing ${tag}\nverify: { every: 15m, role: ${role} }\n---\n\`\`\`check\n${check}\n\`\`\`\n`;
  await db.$transaction((tx) => syncRunbook(tx, `${slug}.md`, parseRunbook(`${slug}.md`, source)));
  runbookId = (await db.runbook.findUniqueOrThrow({ where: { slug } })).id;
  // A receiver nobody listens on: only the outbox rows matter here.
  hookId = (
    await db.webhook.create({
      data: {
        name: `vn ${tag}`,
        url: 'http://127.0.0.1:9/hook',
        events: ['check.failed'],
        format: 'generic',
        secretSealed: sealSecret('x'.repeat(32)),
      },
    })
  ).id;
}, 60_000);

afterAll(async () => {
  await db.webhook.deleteMany({ where: { id: hookId } });
  await db.runbook.deleteMany({ where: { slug } });
  await db.checkRun.deleteMany({ where: { check: { slug: check } } });
  await db.host.deleteMany({ where: { role } });
  await db.check.deleteMany({ where: { slug: check } });
  await agent?.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

async function verifyOnce() {
  await db.runbook.update({ where: { id: runbookId }, data: { verifyNextAt: new Date(Date.now() - 1000) } });
  await runVerifyTick(db);
  const deadline = Date.now() + 30_000;
  for (;;) {
    await evaluateVerifications(db);
    const newest = await db.runbookVerification.findFirst({ where: { runbookId }, orderBy: { startedAt: 'desc' } });
    if (newest?.evaluatedAt) return newest;
    if (Date.now() > deadline) throw new Error('the verification was not judged in time');
    await new Promise((r) => setTimeout(r, 150));
  }
}

it('a runbook failing on every tick records one check.failed, for the runbook, not one per run', async () => {
  expect(await verifyOnce()).toMatchObject({ passed: 0, total: 2 });
  expect(await verifyOnce()).toMatchObject({ passed: 0, total: 2 });
  const deliveries = await db.webhookDelivery.findMany({ where: { webhookId: hookId, event: 'check.failed' } });
  expect(deliveries).toHaveLength(1);
  expect(deliveries[0]!.payload).toMatchObject({
    event: 'check.failed',
    url: `/runbooks/${slug}`,
    data: { kind: 'runbook-verification', runbookSlug: slug, passed: 0, total: 2 },
  });
}, 90_000);
