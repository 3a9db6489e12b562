// Hosts at fleet scale (issue 15 item 4, decision 033) against a real database:
// an inventory of 1,000 hosts in one transaction, upsert reports, bad rows that
// apply nothing, secret rotation that is audited without the secret and makes
// the old one useless, launches by labels, and health stored by the probe.
import { createServer } from 'node:net';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { signedFetch, startInProcessAgent, type InProcessAgent } from '@/tests/agents/agent-server';
import { setAppEnv, setRequestHeaders } from '@/tests/request-scope';
import { actAsNewUser } from '@/tests/users';

const url = inject('databaseUrl');
setAppEnv(url);
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));

const { applyHostImport, createHost, previewHostImport, rotateHostSecret, updateHost } = await import('./actions');
const { importInventory } = await import('./import');
const { cliSecretPolicy } = await import('./secret-ref');
const { openSecret, sealSecret } = await import('./secret-box');
const { probeAgents } = await import('./probe');
const { prepareLaunch } = await import('@/lib/checks/prepare-launch');
const { launchSchema } = await import('@/lib/checks/launch-schema');

const prisma = scriptClient(url);
const RUN = `hst${Date.now().toString(36)}`;
const FLEET_SECRET = 'fleet-secret-0123456789abcdef0123456789';
const OTHER_SECRET = 'other-secret-0123456789abcdef0123456789';
const env = { AGENT_SECRET_FLEET: FLEET_SECRET, AGENT_SECRET_OTHER: OTHER_SECRET };
const cli = cliSecretPolicy(env);
let adminHeaders: Headers;
const agents: InProcessAgent[] = [];

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
const asAdmin = () => setRequestHeaders(adminHeaders);

/** A CSV inventory of n hosts named `${prefix}-i`; `edit` changes a row's fields. */
function fleetCsv(prefix: string, n: number, edit: (i: number, row: string[]) => string[] = (_i, r) => r): string {
  const rows = Array.from({ length: n }, (_, i) =>
    edit(i, [
      `${prefix}-${i}`,
      'director',
      `http://10.${Math.floor(i / 250)}.${i % 250}.1:7070`,
      `"site=par1,rack=r${i % 10}"`,
      'env:AGENT_SECRET_FLEET',
    ]).join(','),
  );
  return ['name,role,agent_url,labels,secret', ...rows].join('\n');
}

beforeAll(async () => {
  await applyMigrations(url);
  await actAsNewUser(prisma, 'admin', `${RUN}-admin`);
  const { requestScope } = await import('@/tests/request-scope');
  adminHeaders = new Headers(requestScope.headers);
});
afterAll(async () => {
  for (const a of agents) await a.close();
  await prisma.checkRun.deleteMany({ where: { host: { name: { startsWith: RUN } } } });
  await prisma.host.deleteMany({ where: { name: { startsWith: RUN } } });
  await prisma.check.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.$disconnect();
});

describe('inventory import', () => {
  it('registers 1,000 hosts in one transaction, then reports them unchanged, then updates only what changed', async () => {
    const prefix = `${RUN}-fleet`;
    const first = await importInventory(prisma, fleetCsv(prefix, 1000), 'csv', { policy: cli, apply: true });
    expect(first.counts).toEqual({ created: 1000, updated: 0, unchanged: 0, errors: 0 });
    expect(first.applied).toBe(true);
    expect(await prisma.host.count({ where: { name: { startsWith: `${prefix}-` } } })).toBe(1000);
    const h7 = await prisma.host.findUniqueOrThrow({ where: { name: `${prefix}-7` } });
    expect(h7).toMatchObject({ role: 'director', agentUrl: 'http://10.0.7.1:7070', labels: { site: 'par1', rack: 'r7' } });
    expect(openSecret(h7.secretSealed)).toBe(FLEET_SECRET);
    expect(h7.secretSealed).not.toContain(FLEET_SECRET);

    const again = await importInventory(prisma, fleetCsv(prefix, 1000), 'csv', { policy: cli, apply: true });
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 1000, errors: 0 });

    const edited = fleetCsv(prefix, 1001, (i, r) => {
      if (i === 1) return [r[0]!, 'proxy', r[2]!, r[3]!, r[4]!];
      if (i === 2) return [r[0]!, r[1]!, r[2]!, '"site=fra1"', r[4]!];
      if (i === 3) return [r[0]!, r[1]!, r[2]!, r[3]!, 'env:AGENT_SECRET_OTHER'];
      if (i === 4) return [r[0]!, r[1]!, r[2]!, r[3]!, '']; // no secret given: the stored one stays
      return r;
    });
    const third = await importInventory(prisma, edited, 'csv', { policy: cli, apply: true });
    expect(third.counts).toEqual({ created: 1, updated: 3, unchanged: 997, errors: 0 });
    expect(third.rows.filter((r) => r.outcome === 'updated').map((r) => [r.line, r.name, r.changes])).toEqual([
      [3, `${prefix}-1`, ['role']],
      [4, `${prefix}-2`, ['labels']],
      [5, `${prefix}-3`, ['secret']],
    ]);
    expect(openSecret((await prisma.host.findUniqueOrThrow({ where: { name: `${prefix}-3` } })).secretSealed)).toBe(OTHER_SECRET);
    expect(openSecret((await prisma.host.findUniqueOrThrow({ where: { name: `${prefix}-4` } })).secretSealed)).toBe(FLEET_SECRET);
    // The report names fields, never a secret.
    expect(JSON.stringify([first, again, third])).not.toMatch(/fleet-secret|other-secret/);
    await prisma.host.deleteMany({ where: { name: { startsWith: `${prefix}-` } } });
  });

  it('reports bad rows by line and applies nothing, not even the good rows', async () => {
    const prefix = `${RUN}-bad`;
    await importInventory(prisma, fleetCsv(prefix, 1), 'csv', { policy: cli, apply: true });
    const text = [
      `- { name: ${prefix}-0, role: proxy, agent_url: "http://10.0.0.1:7070" }`,
      `- { name: ${prefix}-1, role: director, agent_url: "http://10.0.0.2:7070", secret: env:AGENT_SECRET_FLEET }`,
      `- { name: ${prefix}-2, role: director, agent_url: "http://169.254.169.254", secret: env:AGENT_SECRET_FLEET }`,
      `- { name: ${prefix}-3, role: director, agent_url: "http://10.0.0.4:7070", secret: env:AGENT_SECRET_MISSING }`,
      `- { name: ${prefix}-4, role: director, agent_url: "http://10.0.0.5:7070" }`,
      `- { name: ${prefix}-5, role: director, agent_url: "http://10.0.0.6:7070", secret: "${FLEET_SECRET}" }`,
    ].join('\n');
    const report = await importInventory(prisma, text, 'yaml', { policy: cli, apply: true });
    expect(report.applied).toBe(false);
    expect(report.counts).toEqual({ created: 1, updated: 1, unchanged: 0, errors: 4 });
    expect(report.rows.filter((r) => r.outcome === 'error').map((r) => [r.line, r.errors.join(' ')])).toEqual([
      [3, expect.stringMatching(/^agent_url: This agent address is not allowed/)],
      [4, 'secret: The variable AGENT_SECRET_MISSING is not set for the importing process.'],
      [5, 'secret: a new host needs a secret reference (env:NAME or file:/path).'],
      [6, expect.stringMatching(/^secret: The secret column holds a reference/)],
    ]);
    expect(JSON.stringify(report)).not.toContain(FLEET_SECRET);
    expect(await prisma.host.count({ where: { name: { startsWith: `${prefix}-` } } })).toBe(1);
    expect((await prisma.host.findUniqueOrThrow({ where: { name: `${prefix}-0` } })).role).toBe('director');
  });

  it('two imports of the same new hosts at once: one applies, the other applies nothing or finds them unchanged', async () => {
    const prefix = `${RUN}-race`;
    const text = fleetCsv(prefix, 50);
    const [a, b] = await Promise.all([
      importInventory(prisma, text, 'csv', { policy: cli, apply: true }),
      importInventory(prisma, text, 'csv', { policy: cli, apply: true }),
    ]);
    const outcomes = [a, b].map((r) => (r.applied ? `applied ${r.counts.created}/${r.counts.unchanged}` : r.error));
    expect(outcomes).toContain('applied 50/0');
    expect(outcomes.filter((o) => o !== 'applied 50/0')).toEqual([
      expect.stringMatching(
        /^(applied 0\/50|A host in the inventory was registered by someone else during the import; nothing was applied\. Preview again\.)$/,
      ),
    ]);
    expect(await prisma.host.count({ where: { name: { startsWith: `${prefix}-` } } })).toBe(50);
    await prisma.host.deleteMany({ where: { name: { startsWith: `${prefix}-` } } });
  });

  it('through the admin page: preview writes nothing, apply is audited with counts, server secrets stay out of reach', async () => {
    const prefix = `${RUN}-web`;
    Object.assign(process.env, env);
    asAdmin();
    const text = fleetCsv(prefix, 3);
    const preview = await previewHostImport(null, form({ text, format: 'csv' }));
    expect(preview).toMatchObject({ ok: true, report: { applied: false, counts: { created: 3 } } });
    expect(await prisma.host.count({ where: { name: { startsWith: `${prefix}-` } } })).toBe(0);

    const applied = await applyHostImport(null, form({ text, format: 'csv' }));
    expect(applied).toMatchObject({ ok: true, report: { applied: true, counts: { created: 3, errors: 0 } } });
    expect(await prisma.host.count({ where: { name: { startsWith: `${prefix}-` } } })).toBe(3);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'host.import' }, orderBy: { at: 'desc' } });
    expect(event).toMatchObject({ outcome: 'success', details: { via: 'web', created: 3, updated: 0, unchanged: 0, errors: 0 } });
    expect(JSON.stringify(event.details)).not.toContain(FLEET_SECRET);

    // The server's own keys are not an agent secret an admin may point at.
    const sneaky = fleetCsv(`${prefix}x`, 1, (_i, r) => [...r.slice(0, 4), 'env:BETTER_AUTH_SECRET']);
    const refused = await applyHostImport(null, form({ text: sneaky, format: 'csv' }));
    expect(refused).toMatchObject({ ok: false, error: '1 row(s) have errors; nothing was applied.' });
    expect(JSON.stringify(refused)).toMatch(/starting with AGENT_SECRET_/);
    expect(JSON.stringify(refused)).not.toContain(process.env.BETTER_AUTH_SECRET!);
  });
});

describe('secret rotation', () => {
  it('is audited without the secret, and the agent refuses the old secret once it has the new one', async () => {
    const OLD = 'old-agent-secret-0123456789abcdef012345';
    const before = await startInProcessAgent({ name: `${RUN}-rot`, secret: OLD, checks: [] });
    agents.push(before);
    const host = await prisma.host.create({
      data: { name: `${RUN}-rot`, role: 'director', agentUrl: before.url, secretSealed: sealSecret(OLD) },
    });
    expect(await probeAgents(prisma, { hostIds: [host.id] })).toEqual({ probed: 1, ok: 1, failed: 0 });

    asAdmin();
    const rotated = await rotateHostSecret(null, form({ hostId: host.id, secret: '' }));
    if (!rotated.ok) throw new Error(rotated.error);
    const NEW = rotated.newSecret!;
    expect(NEW).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(openSecret((await prisma.host.findUniqueOrThrow({ where: { id: host.id } })).secretSealed)).toBe(NEW);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'host.rotate_secret', targetId: host.id } });
    expect(event).toMatchObject({ outcome: 'success', details: { name: host.name, generated: true } });
    expect(JSON.stringify(event)).not.toContain(NEW);

    // Until the agent has the new secret, the app's calls are refused, and the probe stores why.
    expect(await probeAgents(prisma, { hostIds: [host.id] })).toMatchObject({ failed: 1 });
    // The admin puts the new secret into the agent's config: the old one no longer opens it.
    const after = await startInProcessAgent({ name: `${RUN}-rot`, secret: NEW, checks: [] });
    agents.push(after);
    await prisma.host.update({ where: { id: host.id }, data: { agentUrl: after.url } });
    expect((await signedFetch(after.url, '/v1/health', { secret: OLD })).status).toBe(401);
    expect((await signedFetch(after.url, '/v1/health', { secret: NEW })).status).toBe(200);
    expect(await probeAgents(prisma, { hostIds: [host.id] })).toEqual({ probed: 1, ok: 1, failed: 0 });

    // A provided secret is stored, and not sent back.
    const provided = await rotateHostSecret(null, form({ hostId: host.id, secret: OTHER_SECRET }));
    expect(provided).toMatchObject({ ok: true, newSecret: null });
    expect(openSecret((await prisma.host.findUniqueOrThrow({ where: { id: host.id } })).secretSealed)).toBe(OTHER_SECRET);
  });
});

describe('labels on the admin form', () => {
  it('are stored on registration, refused when malformed, kept when absent and cleared when empty', async () => {
    asAdmin();
    const name = `${RUN}-form`;
    const fields = { name, role: 'director', agentUrl: 'http://10.0.0.9:7070', secret: FLEET_SECRET };
    const bad = await createHost(null, form({ ...fields, labels: 'Site=par1' }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { labels: [expect.stringMatching(/lowercase/)] } });
    expect(await createHost(null, form({ ...fields, labels: 'site=par1, tier=edge' }))).toEqual({ ok: true });
    const host = await prisma.host.findUniqueOrThrow({ where: { name } });
    expect(host.labels).toEqual({ site: 'par1', tier: 'edge' });
    const edit = { hostId: host.id, role: 'director', agentUrl: 'http://10.0.0.9:7070', secret: '' };
    expect(await updateHost(null, form(edit))).toEqual({ ok: true });
    expect((await prisma.host.findUniqueOrThrow({ where: { name } })).labels).toEqual({ site: 'par1', tier: 'edge' });
    expect(await updateHost(null, form({ ...edit, labels: '' }))).toEqual({ ok: true });
    expect((await prisma.host.findUniqueOrThrow({ where: { name } })).labels).toEqual({});
  });
});

describe('launch by labels', () => {
  it('selects every enabled host carrying all the labels, and says when none does', async () => {
    const check = await prisma.check.create({ data: { slug: `${RUN}-echo`, title: 'Echo', argv: ['echo', 'hi'] } });
    const make = (n: string, labels: Record<string, string>, disabled = false) =>
      prisma.host.create({
        data: {
          name: `${RUN}-l-${n}`,
          role: 'edge',
          agentUrl: 'http://127.0.0.1:9',
          secretSealed: sealSecret(FLEET_SECRET),
          labels,
          disabled,
        },
      });
    const site = `par${RUN}`;
    const b = await make('b', { site, tier: 'edge', rack: 'r1' });
    const a = await make('a', { site, tier: 'edge' });
    await make('c', { site, tier: 'core' });
    await make('d', { site, tier: 'edge' }, true);
    await make('e', { site: 'fra1', tier: 'edge' });

    const parsed = launchSchema.parse({ check: check.slug, hostLabels: `site=${site},tier=edge` });
    expect(parsed.hostLabels).toEqual({ site, tier: 'edge' });
    const prepared = await prepareLaunch(prisma, parsed, null);
    if (!prepared.ok) throw new Error(prepared.error);
    expect(prepared.runs.map((r) => r.host.id)).toEqual([a.id, b.id]);

    const none = await prepareLaunch(prisma, { check: check.slug, hostLabels: { site, tier: 'nowhere' }, params: {} }, null);
    expect(none).toMatchObject({ ok: false, error: `No enabled host has the labels site=${site},tier=nowhere.` });

    expect(launchSchema.safeParse({ check: check.slug, hostIds: [a.id], hostLabels: 'site=x' }).success).toBe(false);
    expect(launchSchema.safeParse({ check: check.slug }).error?.issues[0]?.message).toBe('Pick at least one host.');
    expect(launchSchema.safeParse({ check: check.slug, hostLabels: 'Site=X' }).success).toBe(false);
  });
});

describe('health probes', () => {
  it('store ok with the agent version for a reachable agent, and the error and since-when for an unreachable one', async () => {
    const agent = await startInProcessAgent({ name: `${RUN}-up`, checks: [] });
    agents.push(agent);
    const { TEST_SECRET } = await import('@/tests/agents/agent-server');
    const up = await prisma.host.create({
      data: { name: `${RUN}-p-up`, role: 'probe', agentUrl: agent.url, secretSealed: sealSecret(TEST_SECRET) },
    });
    const down = await prisma.host.create({
      data: { name: `${RUN}-p-down`, role: 'probe', agentUrl: 'http://127.0.0.1:9', secretSealed: sealSecret(TEST_SECRET) },
    });
    const updatedBefore = up.updatedAt;
    expect(await probeAgents(prisma, { hostIds: [up.id, down.id], concurrency: 2, timeoutMs: 2000 })).toEqual({
      probed: 2,
      ok: 1,
      failed: 1,
    });
    const upRow = await prisma.host.findUniqueOrThrow({ where: { id: up.id } });
    expect(upRow).toMatchObject({ lastProbeOk: true, lastProbeError: null, probeFailingSince: null });
    expect(upRow.agentVersion).toMatch(/\S/);
    expect(upRow.lastProbeAt).toBeInstanceOf(Date);
    // A probe is not an edit.
    expect(upRow.updatedAt).toEqual(updatedBefore);
    const downRow = await prisma.host.findUniqueOrThrow({ where: { id: down.id } });
    expect(downRow).toMatchObject({ lastProbeOk: false, agentVersion: null });
    expect(downRow.lastProbeError).toMatch(/\S/);
    const since = downRow.probeFailingSince!;
    expect(since).toBeInstanceOf(Date);

    // A second failure keeps the start of the streak; "probed recently" hosts are skipped.
    await new Promise((r) => setTimeout(r, 20));
    await probeAgents(prisma, { hostIds: [down.id], timeoutMs: 2000 });
    const again = await prisma.host.findUniqueOrThrow({ where: { id: down.id } });
    expect(again.probeFailingSince).toEqual(since);
    expect(again.lastProbeAt!.getTime()).toBeGreaterThan(downRow.lastProbeAt!.getTime());
    expect(await probeAgents(prisma, { hostIds: [up.id, down.id], olderThanMs: 60_000 })).toEqual({
      probed: 0,
      ok: 0,
      failed: 0,
    });
  });

  it('are what /admin/hosts shows: viewing the page calls no agent', async () => {
    let connections = 0;
    const listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as { port: number }).port;
    try {
      await prisma.host.create({
        data: {
          name: `${RUN}-p-view`,
          role: 'probe',
          agentUrl: `http://127.0.0.1:${port}`,
          secretSealed: sealSecret(FLEET_SECRET),
          lastProbeAt: new Date(Date.now() - 3 * 60_000),
          lastProbeOk: false,
          lastProbeError: 'connection refused',
          probeFailingSince: new Date('2026-12-01T08:30:00Z'),
        },
      });
      asAdmin();
      const { default: AdminHostsPage } = await import('@/app/admin/hosts/page');
      const html = renderToStaticMarkup(await AdminHostsPage());
      expect(connections).toBe(0);
      expect(html).toContain('unreachable since 2026-12-01 08:30 UTC');
      expect(html).toContain('connection refused');
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});
