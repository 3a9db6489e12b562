// The MCP server through the SDK's own client, against the route handler and a
// real PostgreSQL with the seed content: tools/list, search, reading, drafts
// private to readers, launching for operators only (and read-only checks only),
// following a launch, validation as isError results, and 401 without a token.
// The client's fetch hands each request to app/api/mcp/route.ts as Next would.
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { syncContent } from '@/lib/content/sync';
import { sealSecret } from '@/lib/hosts/secret-box';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setAppEnv, setRequestHeaders, TEST_AUTH_SECRET } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';
import { withQueueWorker } from '@/tests/worker';

const url = inject('databaseUrl');
// Launches are jobs on the queue: a worker runs them, as under `npm start`.
withQueueWorker(url);
// Anonymous reading on: the pages would let anyone read, MCP still needs a token.
setAppEnv(url, { ANONYMOUS_READ: 'true' });
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const route = await import('@/app/api/mcp/route');
const { MCP_TOOLS } = await import('./tools');

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUN = `mcp${Math.random().toString(36).slice(2, 8)}`;
const ENDPOINT = 'http://localhost:3000/api/mcp';
const SEED_INCIDENT = 'ovh-reverse-proxy-ip-lost-2024-08';
const DRAFT = `${RUN}-draft`;
const DRAFT_TITLE = 'Unannounced storage loss under investigation';
const HOST_ROLE = `${RUN}-role`;
const WRITING_CHECK = `${RUN}-restart`;

const prisma = scriptClient(url);
const tokens = { viewer: '', author: '', operator: '' };
const userIds: string[] = [];
let viewerId = '';

/** Next's handling of /api/mcp: the route's POST, and 405 for methods it does not export. */
async function routeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  // The plain Request first: NextRequest's init type has no `signal: null`.
  const request = new NextRequest(new Request(input instanceof Request ? input : new URL(input), init));
  if (request.method !== 'POST') return new Response(null, { status: 405, headers: { Allow: 'POST' } });
  request.headers.set('x-request-id', `${RUN}-request`);
  setRequestHeaders(request.headers);
  return route.POST(request);
}

async function connect(who: keyof typeof tokens): Promise<Client> {
  const client = new Client({ name: 'pmkb-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(ENDPOINT), {
    fetch: routeFetch,
    requestInit: { headers: { authorization: `Bearer ${tokens[who]}` } },
  });
  await client.connect(transport);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const textOf = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

const clients: Client[] = [];
let viewer: Client;
let author: Client;
let operator: Client;

beforeAll(async () => {
  await applyMigrations(url);
  const seeded = await syncContent(prisma, path.join(ROOT, 'content'));
  expect(seeded.errors).toEqual([]);
  for (const role of ['viewer', 'author', 'operator'] as const) {
    const { user, token } = await makeUserWithToken(
      prisma,
      { email: `${RUN}-${role}@example.com`, name: `MCP ${role}`, role },
      RUN,
    );
    tokens[role] = token;
    userIds.push(user.id);
    if (role === 'viewer') viewerId = user.id;
  }
  await prisma.incident.create({
    data: {
      slug: DRAFT,
      title: DRAFT_TITLE,
      summary: 'Draft.',
      severity: 'SEV2',
      // A draft whose status is already chosen (docs/decisions/031): the flag alone keeps it private.
      status: 'mitigated',
      draft: true,
      startedAt: new Date('2026-12-01T10:00:00Z'),
    },
  });
  // Agents on a closed port: a launch is accepted and its runs end in error at once.
  for (const n of [1, 2]) {
    await prisma.host.create({
      data: {
        name: `${RUN}-host-${n}`,
        role: HOST_ROLE,
        agentUrl: 'http://127.0.0.1:9',
        secretSealed: sealSecret('s'.repeat(32)),
      },
    });
  }
  await prisma.check.create({ data: { slug: WRITING_CHECK, title: 'Restart the daemon', argv: ['true'], readOnly: false } });
  viewer = await connect('viewer');
  author = await connect('author');
  operator = await connect('operator');
  clients.push(viewer, author, operator);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await prisma.checkRun.deleteMany({ where: { host: { role: HOST_ROLE } } });
  await prisma.host.deleteMany({ where: { role: HOST_ROLE } });
  await prisma.check.deleteMany({ where: { slug: WRITING_CHECK } });
  await prisma.incident.deleteMany({ where: { slug: DRAFT } });
  await prisma.user.deleteMany({ where: { id: { in: userIds } } });
  await prisma.$disconnect();
});

describe('authorization', () => {
  const initialize = (headers: Record<string, string>) =>
    routeFetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
      }),
    });

  it.each([
    ['no credentials', {}],
    ['a session cookie instead of a token', { cookie: 'pmkb.session_token=abc.def' }],
    ['an unknown token', { authorization: 'Bearer pmkb_not-a-real-token' }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers 401 JSON with %s, even with anonymous reading on', async (_label, headers) => {
    const res = await initialize(headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/Authorization: Bearer pmkb_/) });
  });

  it('refuses a valid session cookie: only a token opens MCP', async () => {
    // A real session, signed as Better Auth signs its cookie (HMAC-SHA256 of the token with the secret).
    const token = randomBytes(24).toString('base64url');
    await prisma.session.create({ data: { token, userId: viewerId, expiresAt: new Date(Date.now() + 3_600_000) } });
    const signature = createHmac('sha256', TEST_AUTH_SECRET).update(token).digest('base64');
    const cookie = `pmkb.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
    setRequestHeaders({ cookie });
    const { getViewer } = await import('@/lib/auth/session');
    expect((await getViewer())?.id).toBe(viewerId);
    const res = await initialize({ cookie });
    expect(res.status).toBe(401);
  });

  it.each([
    ['malformed JSON', '{"jsonrpc":', 400],
    ['not JSON-RPC', '{"hello":"world"}', 400],
    ['a body over MCP_BODY_MAX_BYTES', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', pad: 'x'.repeat(300_000) }), 413],
  ])('answers %s with a JSON-RPC error, not a 500', async (_label, body, status) => {
    const res = await routeFetch(ENDPOINT, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.viewer}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body,
    });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ jsonrpc: '2.0', error: { message: expect.any(String) } });
  });

  // Attack (issue 10): the SDK runs a JSON-RPC batch of up to 100 messages at once,
  // so one request started 100 searches (or launches) in parallel.
  it('refuses a batch of messages: one JSON-RPC message per request', async () => {
    const callTool = (id: number) => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'find_similar_incidents', arguments: { text: 'gateway FAILED' } },
    });
    const res = await routeFetch(ENDPOINT, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.viewer}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify(Array.from({ length: 50 }, (_, i) => callTool(i + 1))),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      jsonrpc: '2.0',
      error: { code: -32600, message: expect.stringMatching(/one JSON-RPC message/) },
    });
  });

  it('answers a valid token with the MCP handshake', async () => {
    const res = await initialize({ authorization: `Bearer ${tokens.viewer}` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { serverInfo: { name: string }; capabilities: object } };
    expect(body.result.serverInfo.name).toBe('postmortem-kb');
    expect(body.result.capabilities).toHaveProperty('tools');
  });
});

describe('tools/list', () => {
  it('lists the seven tools with their input schemas', async () => {
    const { tools } = await viewer.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'search_incidents',
      'get_incident',
      'get_runbook',
      'find_similar_incidents',
      'list_checks',
      'launch_check',
      'get_check_run',
    ]);
    expect(tools.map((t) => t.name)).toEqual(MCP_TOOLS.map((t) => t.name));
    const search = tools.find((t) => t.name === 'search_incidents')!;
    expect(search.inputSchema.required).toEqual(['query']);
    expect(search.annotations?.readOnlyHint).toBe(true);
    expect(tools.find((t) => t.name === 'launch_check')!.annotations?.readOnlyHint).toBe(false);
  });
});

describe('reading', () => {
  it('search_incidents finds the seed incident by its symptom', async () => {
    const r = await call(viewer, 'search_incidents', { query: 'gateway FAILED ip neigh', limit: 5 });
    expect(r.isError).toBeFalsy();
    const results = (r.structuredContent as { results: { slug: string; url: string; type: string }[] }).results;
    expect(results[0]).toMatchObject({
      slug: SEED_INCIDENT,
      type: 'incident',
      url: `http://localhost:3000/incidents/${SEED_INCIDENT}`,
    });
    expect(textOf(r)).toContain(`slug: ${SEED_INCIDENT}`);
    expect(textOf(r)).toContain('**');
  });

  it('get_incident returns the postmortem as markdown with front matter, and as data', async () => {
    const r = await call(viewer, 'get_incident', { slug: SEED_INCIDENT });
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toContain(`slug: ${SEED_INCIDENT}`);
    expect(textOf(r)).toContain('Gateway 193.70.55.1 on eth1 shows FAILED in ip neigh');
    expect(r.structuredContent).toMatchObject({ slug: SEED_INCIDENT, severity: 'SEV1', version: expect.any(Number) });
  });

  it('get_incident of a draft: refused to a viewer as if absent, given to an author', async () => {
    const refused = await call(viewer, 'get_incident', { slug: DRAFT });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(`There is no incident "${DRAFT}". search_incidents finds slugs.`);
    expect(JSON.stringify(refused)).not.toContain(DRAFT_TITLE);
    const given = await call(author, 'get_incident', { slug: DRAFT });
    expect(given.isError).toBeFalsy();
    expect(given.structuredContent).toMatchObject({ title: DRAFT_TITLE, status: 'mitigated', draft: true });
  });

  it('find_similar_incidents matches an Alertmanager alert to the seed incident and its runbook words', async () => {
    const alert = [
      'alertname="GatewayNeighbourFailed" instance="ovh1:9100" job="node" severity="critical"',
      'summary: gateway 193.70.55.1 is FAILED in ip neigh on eth1; reverse proxy unreachable',
    ].join('\n');
    const r = await call(viewer, 'find_similar_incidents', { text: alert, limit: 3 });
    expect(r.isError).toBeFalsy();
    type Hit = { slug: string; snippet: string };
    const data = r.structuredContent as { query: string; incidents: Hit[]; runbooks: Hit[] };
    expect(data.query).not.toMatch(/alertname|severity|"/);
    expect(data.incidents[0]?.slug).toBe(SEED_INCIDENT);
    expect(textOf(r)).toContain('Similar past incidents:');
    // Each hit is three or four lines (title, link, snippet, symptom): snippets cut from markdown keep no line breaks.
    const snippets = [...data.incidents, ...data.runbooks];
    expect(snippets.length).toBeGreaterThan(0);
    for (const hit of snippets) expect(hit.snippet).not.toMatch(/\n/);
  });

  it('get_runbook returns the markdown body; unknown slugs are an isError result', async () => {
    const r = await call(viewer, 'get_runbook', { slug: 'vm-hosts-uncontactable' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ slug: 'vm-hosts-uncontactable', body: expect.any(String) });
    expect(r.structuredContent).not.toHaveProperty('rendered');
    const missing = await call(viewer, 'get_runbook', { slug: 'no-such-runbook' });
    expect(missing.isError).toBe(true);
  });

  it('list_checks shows the catalog to everyone and the hosts only to operators', async () => {
    const forViewer = await call(viewer, 'list_checks');
    expect(forViewer.isError).toBeFalsy();
    const data = forViewer.structuredContent as { checks: { slug: string; readOnly: boolean }[]; hosts: unknown };
    expect(data.checks.map((c) => c.slug)).toContain('ip-neigh-address');
    expect(data.hosts).toBeNull();
    expect(textOf(forViewer)).not.toContain(HOST_ROLE);
    const forOperator = await call(operator, 'list_checks');
    expect(textOf(forOperator)).toContain(`${RUN}-host-1 (${HOST_ROLE})`);
  });
});

describe('launching', () => {
  it('launch_check is refused to a viewer, audited, and runs nothing', async () => {
    const r = await call(viewer, 'launch_check', { check: 'ip-neigh', role: HOST_ROLE });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toBe('This needs the operator role.');
    expect(await prisma.checkRun.count({ where: { host: { role: HOST_ROLE } } })).toBe(0);
    const denied = await prisma.auditEvent.findFirst({
      where: { actorId: viewerId, action: 'check.launch', outcome: 'denied' },
    });
    expect(denied).not.toBeNull();
  });

  it('an operator launches a read-only check on every host of a role and follows it with get_check_run', async () => {
    const r = await call(operator, 'launch_check', {
      check: 'ip-neigh-address',
      role: HOST_ROLE,
      params: { address: '193.70.55.1' },
    });
    expect(r.isError, textOf(r)).toBeFalsy();
    const { batchId, runs } = r.structuredContent as { batchId: string; runs: { hostName: string; argv: string[] }[] };
    expect(runs.map((x) => x.hostName).sort()).toEqual([`${RUN}-host-1`, `${RUN}-host-2`]);
    expect(runs[0]!.argv).toEqual(['ip', 'neigh', 'show', 'to', '193.70.55.1']);
    const followed = await call(viewer, 'get_check_run', { batchId });
    expect(followed.isError).toBeFalsy();
    expect((followed.structuredContent as { runs: unknown[] }).runs).toHaveLength(2);
    expect(textOf(followed)).toContain(`Launch ${batchId}`);
  });

  it('a check that changes the host is refused even to an operator', async () => {
    const r = await call(operator, 'launch_check', { check: WRITING_CHECK, role: HOST_ROLE });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/only read-only checks can be launched/);
  });

  // Attack (issue 10): /api/v1 holds each user to API_WRITES_PER_MINUTE; launch_check
  // is the same write through another door and counted nothing, so an assistant in
  // a loop could launch without end. The budget is per user, whichever door.
  it('launch_check counts against the same per-user write budget as /api/v1', async () => {
    const { clearCounter } = await import('@/lib/auth/throttle');
    const { db } = await import('@/lib/db');
    const { countApiWrite } = await import('@/lib/api/mutations');
    const { apiWritesPerMinute } = await import('@/lib/api/limits');
    const operatorId = userIds[2]!;
    // Spend the whole budget as /api/v1 would have.
    for (let i = 0; i < apiWritesPerMinute(); i++) await countApiWrite(operatorId);
    try {
      const r = await call(operator, 'launch_check', {
        check: 'ip-neigh-address',
        role: HOST_ROLE,
        params: { address: '193.70.55.1' },
      });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/writes a minute/);
    } finally {
      await clearCounter(db, `api-write:${operatorId}`);
    }
  });

  it('parameters that do not match the catalog are named', async () => {
    const r = await call(operator, 'launch_check', {
      check: 'ip-neigh-address',
      role: HOST_ROLE,
      params: { address: 'x; reboot' },
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/params\.address/);
  });
});

describe('validation', () => {
  it.each([
    ['search_incidents', { query: 'x', limit: 1000 }],
    ['search_incidents', { query: '' }],
    ['search_incidents', { query: 'a\u0000b' }],
    ['get_incident', { slug: '../etc/passwd' }],
    ['get_check_run', { batchId: 'not-a-launch' }],
    ['launch_check', { check: 'ip-neigh', hostIds: ['a'], role: 'director' }],
    ['launch_check', { check: 'ip-neigh' }],
    ['list_checks', { extra: true }],
  ])('%s %j is an isError result, not a protocol failure', async (name, args) => {
    const r = await call(operator, name, args);
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/Input validation error/);
  });

  it('an unknown launch is an isError result', async () => {
    const r = await call(viewer, 'get_check_run', { batchId: '00000000-0000-4000-8000-000000000000' });
    expect(r.isError).toBe(true);
  });
});
