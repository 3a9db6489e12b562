// The batch page's data at fleet scale, against a real PostgreSQL: a launch of
// `uname -a` on 500 directors (487 agree, 11 run an older kernel, 2 refuse the
// connection), written straight through Prisma, read back by the page's loader,
// grouped, filtered and exported.
import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { FLEET, fleetRun, refusedMessage } from '@/tests/fixtures/checks/uname-batch';
import { setRequestHeaders, setAppEnv } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';

const url = inject('databaseUrl');
setAppEnv(url, { ANONYMOUS_READ: 'false' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const { getBatchView } = await import('./queries');
const exportRoute = await import('@/app/checks/batches/[batchId]/export/route');

const RUN = `bv${Math.random().toString(36).slice(2, 8)}`;
const prisma = scriptClient(url);
const batchId = randomUUID();
const checkSlug = `${RUN}-uname`;
let viewerToken = '';
let viewerId = '';

beforeAll(async () => {
  await applyMigrations(url);
  const viewer = await makeUserWithToken(prisma, { email: `${RUN}-viewer@example.com`, name: 'Batch viewer', role: 'viewer' });
  viewerToken = viewer.token;
  viewerId = viewer.user.id;
  const check = await prisma.check.create({
    data: { slug: checkSlug, title: 'Kernel and host name', argv: ['uname', '-a'], readOnly: true },
  });
  const secretSealed = sealSecret('s'.repeat(32));
  await prisma.host.createMany({
    data: Array.from({ length: FLEET.total }, (_, i) => ({
      id: `${RUN}h${i}`,
      name: `${RUN}-${fleetRun(i).hostName}`,
      role: `${RUN}-director`,
      agentUrl: `http://10.20.${Math.floor(i / 250)}.${i % 250}:8722`,
      secretSealed,
    })),
  });
  // One launch, picked in host order: created_at ascending is the pick order the page relies on.
  const t0 = Date.parse('2026-12-03T09:00:00.000Z');
  await prisma.checkRun.createMany({
    data: Array.from({ length: FLEET.total }, (_, i) => {
      const r = fleetRun(i);
      const hostName = `${RUN}-${r.hostName}`;
      return {
        checkId: check.id,
        hostId: `${RUN}h${i}`,
        batchId,
        argv: ['uname', '-a'],
        status: r.status,
        exitCode: r.exitCode,
        stdout: r.stdout,
        message: r.message ? refusedMessage(hostName) : null,
        verdict: r.status === 'passed' ? 'Expected exit code 0; got 0.' : null,
        durationMs: 12 + (i % 30),
        createdAt: new Date(t0 + i),
        startedAt: new Date(t0 + i + 2),
        finishedAt: new Date(t0 + i + 40),
      };
    }),
  });
});

afterAll(async () => {
  await prisma.checkRun.deleteMany({ where: { batchId } });
  await prisma.host.deleteMany({ where: { name: { startsWith: RUN } } });
  await prisma.check.deleteMany({ where: { slug: checkSlug } });
  await prisma.user.delete({ where: { id: viewerId } });
  await prisma.$disconnect();
});

describe('the batch view of 500 hosts', () => {
  it('groups them as same output / differs / agent unreachable, baseline first', async () => {
    const view = await getBatchView(batchId, false, { host: '' });
    expect(view).not.toBeNull();
    expect(view!.summary).toEqual({ total: 500, passed: 498, failed: 0, error: 2, timeout: 0, running: 0 });
    expect(view!.groups.map((g) => g.group.label)).toEqual([
      '487 hosts: same output',
      '11 hosts: differs',
      '2 hosts: agent unreachable',
    ]);
    const [same, differs, unreachable] = view!.groups;
    expect(same!.group.isBaseline).toBe(true);
    expect(same!.group.representative.hostName).toBe(`${RUN}-director-001`);
    // The older kernel is one changed line, with the version marked inside it.
    expect(differs!.diff!.stdout.removed).toBe(1);
    expect(differs!.diff!.stdout.added).toBe(1);
    const added = differs!.diff!.stdout.rows.find((r) => r.kind === 'add');
    expect(
      added &&
        'segments' in added &&
        added
          .segments!.filter((s) => s.changed)
          .map((s) => s.text)
          .join(' '),
    ).toMatch(/18/);
    expect(unreachable!.diff).toBeNull();
    expect(unreachable!.group.runs.map((r) => r.hostName)).toEqual([`${RUN}-director-499`, `${RUN}-director-500`]);
  });

  it('filters hosts by name and keeps the baseline to read the diff against', async () => {
    const view = await getBatchView(batchId, false, { host: 'DIRECTOR-045' });
    expect(view!.filter.matchedHosts).toBe(1);
    expect(view!.groups.map((g) => [g.group.label, g.matching.map((r) => r.hostName)])).toEqual([
      ['487 hosts: same output', []],
      ['11 hosts: differs', [`${RUN}-director-045`]],
    ]);
  });

  it('is null for a launch that does not exist', async () => {
    expect(await getBatchView(randomUUID(), false, { host: '' })).toBeNull();
  });
});

describe('the export route', () => {
  const get = (id: string, format: string, token?: string) => {
    setRequestHeaders(token ? { authorization: `Bearer ${token}` } : {});
    const req = new NextRequest(`http://localhost/checks/batches/${id}/export?format=${format}`);
    if (token) req.headers.set('authorization', `Bearer ${token}`);
    return exportRoute.GET(req);
  };

  it('gives a viewer the CSV as an attachment, one row per host', async () => {
    const res = await get(batchId, 'csv', viewerToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+-launch-[0-9a-f]{8}\.csv"$/);
    const body = await res.text();
    // Some hosts end lines with CRLF inside their (quoted) output: count records by where they start.
    expect(body.startsWith('host_name,host_id,status,')).toBe(true);
    expect(body.match(new RegExp(`\r\n${RUN}-director-\\d{3},`, 'g'))).toHaveLength(500);
    expect(body).toContain(`${RUN}-director-500,${RUN}h499,error,,`);
  });

  it('gives the same launch as JSON', async () => {
    const res = await get(batchId, 'json', viewerToken);
    const body = (await res.json()) as { runs: { host_name: string; status: string }[] };
    expect(body.runs).toHaveLength(500);
    expect(body.runs.filter((r) => r.status === 'error')).toHaveLength(2);
  });

  it('refuses anonymous callers when reading needs an account, and bad input without a 500', async () => {
    expect((await get(batchId, 'csv')).status).toBe(401);
    expect((await get(batchId, 'xlsx', viewerToken)).status).toBe(400);
    expect((await get('not-a-launch', 'csv', viewerToken)).status).toBe(404);
    expect((await get(randomUUID(), 'csv', viewerToken)).status).toBe(404);
  });
});
