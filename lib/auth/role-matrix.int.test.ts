// Every server action and JSON route x {anonymous, viewer, author, operator,
// admin, integration}: allowed or refused, from one table. Actions are found by importing
// every lib/**/actions.ts and routes by every app/**/route.ts, so a new
// action or route without a row here fails this test; a 'use server' file by
// another name, or an action not built by lib/actions/pipeline.ts, fails it too.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { isPipelineAction } from '@/lib/actions/pipeline';
import { sealSecret } from '@/lib/hosts/secret-box';
import { emptyIncidentForm } from '@/lib/incidents/form';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { Redirect } from '@/tests/mocks/next-navigation';
import { requestScope, setRequestHeaders, setAppEnv, TEST_AUTH_SECRET } from '@/tests/request-scope';
import { makeUserWithToken } from '@/tests/users';
import { withQueueWorker } from '@/tests/worker';
import { ROLES, hasRole, type Role } from './roles';

const ROOT = path.resolve(import.meta.dirname, '../..');
const url = inject('databaseUrl');
// Launches are jobs on the queue: a worker runs them, as under `npm start`.
withQueueWorker(url);
setAppEnv(url, { ANONYMOUS_READ: 'false' });

// Next's request-scoped APIs, driven by the test (tests/request-scope.ts).
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', ...ROLES];

/** Who may call it. 'public': everyone, by design. */
// 'nobody': no role opens it; /api/metrics answers only METRICS_TOKEN or an allowed TCP peer.
type Rule = Role | 'public' | 'nobody';

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

// The one table. Inputs are valid, so the only reason to refuse is the role.
// `session`: only from a signed-in browser (lib/actions/pipeline.ts sessionOnly); the
// matrix calls it with a session cookie, and 'a token cannot manage accounts' below with a token.
const ACTIONS: Record<string, { rule: Rule; args: () => unknown[]; session?: true }> = {
  'lib/auth/actions.ts#signOut': { rule: 'viewer', args: () => [] },
  'lib/incidents/actions.ts#saveIncident': {
    rule: 'author',
    args: () => {
      const slug = `matrix-${Math.random().toString(36).slice(2, 10)}`;
      return [
        null,
        form({
          form: JSON.stringify({ ...emptyIncidentForm(), slug, title: 'Matrix draft', startedAt: '2024-01-01 10:00' }),
          incidentId: '',
          version: '',
        }),
      ];
    },
  },
  'lib/incidents/actions.ts#restoreRevision': {
    rule: 'author',
    args: () => [null, form({ revisionId: 'no-such-revision', version: '1' })],
  },
  'lib/incidents/actions.ts#importIncident': {
    rule: 'author',
    args: () => {
      const fd = new FormData();
      const slug = `matrix-import-${Math.random().toString(36).slice(2, 10)}`;
      const text = `---\nslug: ${slug}\ntitle: Imported\nsummary: S.\nseverity: SEV4\nstatus: draft\nstartedAt: "2024-01-01T10:00:00Z"\n---\nBody.\n`;
      fd.set('file', new File([text], `${slug}.md`, { type: 'text/markdown' }));
      return [null, fd];
    },
  },
  'lib/incidents/actions.ts#previewMarkdown': { rule: 'author', args: () => ['# Preview'] },
  // No such incident: allowed past the role check, then "no longer exists".
  'lib/action-items/actions.ts#updateActionItem': {
    rule: 'author',
    args: () => [null, form({ slug: 'matrix-no-such-incident', position: '0', version: '1', status: 'done' })],
  },
  'lib/tokens/actions.ts#createApiToken': {
    rule: 'viewer',
    session: true,
    args: () => [null, form({ name: 'matrix', expiresInDays: '1' })],
  },
  'lib/tokens/actions.ts#revokeApiToken': {
    rule: 'viewer',
    session: true,
    args: () => [null, form({ tokenId: 'no-such-token' })],
  },
  'lib/users/actions.ts#createUser': {
    rule: 'admin',
    session: true,
    args: () => [
      null,
      form({ email: `new-${Math.random().toString(36).slice(2)}@example.com`, name: 'New', role: 'viewer', password: '' }),
    ],
  },
  'lib/users/actions.ts#changeUserRole': {
    rule: 'admin',
    session: true,
    args: () => [null, form({ userId: targetUserId, role: 'viewer' })],
  },
  'lib/users/actions.ts#setUserDisabled': {
    rule: 'admin',
    session: true,
    args: () => [null, form({ userId: targetUserId, disabled: 'false' })],
  },
  // The host's agent is a closed port: the launch is allowed and its run ends in error at once.
  'lib/checks/actions.ts#launchCheck': {
    rule: 'operator',
    args: () => [{ check: MATRIX_CHECK, hostIds: [targetHostId], params: {} }],
  },
  // No such request: allowed past the role check, then "no such approval request".
  'lib/approvals/actions.ts#approveRequest': { rule: 'operator', args: () => [null, form({ id: 'no-such-approval' })] },
  'lib/approvals/actions.ts#rejectRequest': { rule: 'operator', args: () => [null, form({ id: 'no-such-approval' })] },
  // No such runbook: allowed past the role check, then "no longer exists".
  'lib/runbooks/actions.ts#markReviewed': {
    rule: 'author',
    args: () => [null, form({ runbookId: 'nosuchrunbook', version: '1' })],
  },
  'lib/hosts/actions.ts#createHost': {
    rule: 'admin',
    args: () => [
      null,
      form({
        name: `matrix-${Math.random().toString(36).slice(2)}`,
        role: 'test',
        agentUrl: 'http://127.0.0.1:9',
        secret: 's'.repeat(32),
      }),
    ],
  },
  'lib/hosts/actions.ts#updateHost': {
    rule: 'admin',
    args: () => [null, form({ hostId: targetHostId, role: 'test', agentUrl: 'http://127.0.0.1:9', secret: '' })],
  },
  'lib/hosts/actions.ts#setHostDisabled': {
    rule: 'admin',
    args: () => [null, form({ hostId: targetHostId, disabled: 'false' })],
  },
  'lib/hosts/actions.ts#deleteHost': { rule: 'admin', args: () => [null, form({ hostId: 'no-such-host' })] },
  // No such host: allowed past the role check, then "No such host." (nothing rotated).
  'lib/hosts/actions.ts#rotateHostSecret': { rule: 'admin', args: () => [null, form({ hostId: 'no-such-host', secret: '' })] },
  'lib/hosts/actions.ts#previewHostImport': {
    rule: 'admin',
    args: () => [null, form({ text: MATRIX_INVENTORY(), format: 'yaml' })],
  },
  // Its secret reference names no variable: the row is an error, so nothing is applied (and nothing to clean up).
  'lib/hosts/actions.ts#applyHostImport': {
    rule: 'admin',
    args: () => [null, form({ text: MATRIX_INVENTORY(), format: 'yaml' })],
  },
  'lib/factors/actions.ts#createFactorCategoryAction': {
    rule: 'admin',
    args: () => [null, form({ slug: `matrix-${Math.random().toString(36).slice(2, 10)}`, label: 'Matrix category' })],
  },
  // No such category: allowed past the role check, then "deleted meanwhile".
  'lib/factors/actions.ts#updateFactorCategoryAction': {
    rule: 'admin',
    args: () => [null, form({ slug: 'matrix-no-such-category', label: 'X', previousLabel: 'Y', position: '1' })],
  },
  'lib/factors/actions.ts#deleteFactorCategoryAction': {
    rule: 'admin',
    args: () => [null, form({ slug: 'matrix-no-such-category' })],
  },
  'lib/synonyms/actions.ts#createSynonymGroupAction': {
    rule: 'admin',
    args: () => {
      const word = `matrix${Math.random().toString(36).slice(2, 10)}`;
      return [null, form({ terms: `${word}, ${word} long form` })];
    },
  },
  // No such group: allowed past the role check, then "deleted meanwhile".
  'lib/synonyms/actions.ts#updateSynonymGroupAction': {
    rule: 'admin',
    args: () => [null, form({ groupId: 'no-such-group', version: '1', terms: 'matrixa, matrixb' })],
  },
  'lib/notifications/actions.ts#createWebhookAction': {
    rule: 'admin',
    args: () => {
      const fd = form({ name: 'matrix hook', url: 'https://chat.example.com/hooks/matrix', format: 'generic' });
      fd.append('events', 'alert.matched');
      return [null, fd];
    },
  },
  // No such webhook or delivery: allowed past the role check, then "deleted meanwhile".
  'lib/notifications/actions.ts#setWebhookDisabledAction': {
    rule: 'admin',
    args: () => [null, form({ webhookId: 'no-such-webhook', disabled: 'true' })],
  },
  'lib/notifications/actions.ts#deleteWebhookAction': {
    rule: 'admin',
    args: () => [null, form({ webhookId: 'no-such-webhook' })],
  },
  'lib/notifications/actions.ts#retryDeliveryAction': {
    rule: 'admin',
    args: () => [null, form({ deliveryId: 'no-such-delivery' })],
  },
  'lib/synonyms/actions.ts#deleteSynonymGroupAction': {
    rule: 'admin',
    args: () => [null, form({ groupId: 'no-such-group', version: '1' })],
  },
};

/** A JSON API write with a token caller: no Origin needed (lib/api/route.ts). */
const jsonRequest = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

// Reading routes follow the anonymous-reading setting, which is off here.
const ROUTES: Record<string, { rule: Rule; request: () => Request }> = {
  'app/api/health/route.ts#GET': { rule: 'public', request: () => new Request('http://localhost/api/health') },
  'app/api/health/live/route.ts#GET': { rule: 'public', request: () => new Request('http://localhost/api/health/live') },
  'app/api/health/ready/route.ts#GET': { rule: 'public', request: () => new Request('http://localhost/api/health/ready') },
  'app/api/metrics/route.ts#GET': { rule: 'nobody', request: () => new Request('http://localhost/api/metrics') },
  'app/api/search/route.ts#GET': { rule: 'viewer', request: () => new Request('http://localhost/api/search?q=gateway') },
  'app/api/v1/action-items/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/api/v1/action-items?status=open&overdue=1'),
  },
  'app/api/v1/insights/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/api/v1/insights?year=2024'),
  },
  'app/api/check-runs/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/api/check-runs?batch=00000000-0000-4000-8000-000000000000'),
  },
  'app/api/v1/check-runs/[batchId]/events/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/api/v1/check-runs/00000000-0000-4000-8000-000000000000/events'),
  },
  // The MCP handshake; tokens only (a session cookie is refused), whatever the anonymous-reading setting.
  'app/api/mcp/route.ts#POST': { rule: 'viewer', request: () => mcpRequest(MCP_INITIALIZE) },
  'app/api/incidents/[slug]/export/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/api/incidents/no-such-incident/export'),
  },
  'app/checks/batches/[batchId]/export/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/checks/batches/00000000-0000-4000-8000-000000000000/export?format=csv'),
  },
  // JSON API v1 (lib/api/route.ts): reads follow anonymous reading, writes audit their refusals.
  'app/api/v1/openapi.json/route.ts#GET': { rule: 'public', request: () => new Request('http://localhost/api/v1/openapi.json') },
  'app/api/v1/incidents/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/api/v1/incidents?limit=1'),
  },
  'app/api/v1/incidents/route.ts#POST': {
    rule: 'author',
    request: () =>
      jsonRequest('POST', '/api/v1/incidents', {
        slug: `matrix-api-${Math.random().toString(36).slice(2, 10)}`,
        title: 'Matrix API draft',
        severity: 'SEV4',
        status: 'investigating',
        draft: true,
        startedAt: '2024-01-01T10:00:00Z',
      }),
  },
  'app/api/v1/incidents/[slug]/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/api/v1/incidents/no-such-incident'),
  },
  'app/api/v1/incidents/[slug]/route.ts#PUT': {
    rule: 'author',
    request: () =>
      jsonRequest(
        'PUT',
        '/api/v1/incidents/matrix-no-such-incident',
        {
          slug: 'matrix-no-such-incident',
          title: 'Gone',
          severity: 'SEV4',
          status: 'investigating',
          draft: true,
          startedAt: '2024-01-01T10:00:00Z',
        },
        { 'if-match': '"1"' },
      ),
  },
  'app/api/v1/runbooks/route.ts#GET': { rule: 'viewer', request: () => new Request('http://localhost/api/v1/runbooks') },
  'app/api/v1/runbooks/[slug]/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/api/v1/runbooks/no-such-runbook'),
  },
  'app/api/v1/checks/route.ts#GET': { rule: 'viewer', request: () => new Request('http://localhost/api/v1/checks') },
  // As the launchCheck action: the agent is a closed port, so the launch is accepted and its run ends in error.
  'app/api/v1/check-runs/route.ts#POST': {
    rule: 'operator',
    request: () => jsonRequest('POST', '/api/v1/check-runs', { check: MATRIX_CHECK, hostIds: [targetHostId] }),
  },
  'app/api/v1/check-runs/[batchId]/route.ts#GET': {
    rule: 'viewer',
    request: () => new Request('http://localhost/api/v1/check-runs/00000000-0000-4000-8000-000000000000'),
  },
  'app/api/v1/approvals/route.ts#GET': {
    rule: 'operator',
    request: () => new Request('http://localhost/api/v1/approvals?status=pending'),
  },
  'app/api/v1/approvals/[id]/approve/route.ts#POST': {
    rule: 'operator',
    request: () => jsonRequest('POST', '/api/v1/approvals/no-such-approval/approve', {}),
  },
  'app/api/v1/approvals/[id]/reject/route.ts#POST': {
    rule: 'operator',
    request: () => jsonRequest('POST', '/api/v1/approvals/no-such-approval/reject', { reason: 'matrix' }),
  },
  'app/api/v1/hosts/route.ts#GET': { rule: 'admin', request: () => new Request('http://localhost/api/v1/hosts') },
  'app/api/v1/hosts/route.ts#POST': {
    rule: 'admin',
    request: () =>
      jsonRequest('POST', '/api/v1/hosts', {
        name: `matrix-${Math.random().toString(36).slice(2)}`,
        role: 'test',
        agentUrl: 'http://127.0.0.1:9',
        secret: 's'.repeat(32),
      }),
  },
  'app/api/v1/hosts/[id]/route.ts#PATCH': {
    rule: 'admin',
    request: () => jsonRequest('PATCH', `/api/v1/hosts/${targetHostId}`, { disabled: false }),
  },
  'app/api/v1/hosts/[id]/route.ts#DELETE': {
    rule: 'admin',
    request: () => new Request('http://localhost/api/v1/hosts/nosuchhost', { method: 'DELETE' }),
  },
  // Alert intake: the integration role (beside the ladder), or author and above. Each call is a new group.
  'app/api/v1/alerts/alertmanager/route.ts#POST': {
    rule: 'integration',
    request: () => jsonRequest('POST', '/api/v1/alerts/alertmanager', alertPayload()),
  },
  'app/api/v1/alerts/grafana/route.ts#POST': {
    rule: 'integration',
    request: () => jsonRequest('POST', '/api/v1/alerts/grafana', { ...alertPayload(), title: 'Matrix', state: 'alerting' }),
  },
  // Better Auth's own endpoints (sign-in, session): public by nature, protected by its checks.
  // The headers are those proxy.ts and Next hand to the route (lib/auth/client-address.ts).
  'app/api/auth/[...all]/route.ts#GET': {
    rule: 'public',
    request: () =>
      new Request('http://localhost:3000/api/auth/ok', {
        headers: { 'x-pmkb-forwarded-for': 'none', 'x-forwarded-for': '127.0.0.1' },
      }),
  },
  'app/api/auth/[...all]/route.ts#POST': {
    rule: 'public',
    request: () =>
      new Request('http://localhost:3000/api/auth/sign-out', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost:3000',
          'x-pmkb-forwarded-for': 'none',
          'x-forwarded-for': '127.0.0.1',
        },
        body: '{}',
      }),
  },
};

// A firing Alertmanager group nobody else uses: the intake opens a draft for it (removed in afterAll).
function alertPayload() {
  return {
    version: '4',
    groupKey: `matrix-${Math.random().toString(36).slice(2, 10)}`,
    status: 'firing',
    receiver: 'matrix',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    alerts: [{ status: 'firing', labels: { alertname: 'MatrixAlert' }, annotations: {}, startsAt: '2026-12-03T10:00:00Z' }],
  };
}

// MCP: one JSON-RPC message per POST (the server is stateless, so a tools/call needs no handshake first).
const MCP_INITIALIZE = {
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'matrix', version: '1' } },
};
const mcpRequest = (message: { method: string; params: object }) =>
  new Request('http://localhost/api/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...message }),
  });

// Every MCP tool (lib/mcp/tools.ts), called through POST /api/mcp. A tool's refusal is an
// isError result saying which role it needs; anything else (a result, "no such incident") is allowed.
const MCP_TOOL_RULES: Record<string, { rule: Rule; args: () => Record<string, unknown> }> = {
  search_incidents: { rule: 'viewer', args: () => ({ query: 'gateway' }) },
  get_incident: { rule: 'viewer', args: () => ({ slug: 'no-such-incident' }) },
  get_runbook: { rule: 'viewer', args: () => ({ slug: 'no-such-runbook' }) },
  find_similar_incidents: { rule: 'viewer', args: () => ({ text: 'alertname="GatewayDown" gateway FAILED' }) },
  list_checks: { rule: 'viewer', args: () => ({}) },
  // The host's agent is a closed port: the launch is allowed and its run ends in error at once.
  launch_check: { rule: 'operator', args: () => ({ check: MATRIX_CHECK, hostIds: [targetHostId] }) },
  get_check_run: { rule: 'viewer', args: () => ({ batchId: '00000000-0000-4000-8000-000000000000' }) },
};

function filesWhere(dir: string, keep: (name: string, file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (entry === 'node_modules' || entry === 'generated') continue;
    if (statSync(p).isDirectory()) out.push(...filesWhere(p, keep));
    else if (keep(entry, p)) out.push(path.relative(ROOT, p));
  }
  return out;
}
const filesNamed = (dir: string, name: string) => filesWhere(dir, (entry) => entry === name);

const prisma = scriptClient(url);
const tokens: Partial<Record<Role, string>> = {};
/** A signed-in browser's cookie per role (signed as Better Auth signs it: HMAC-SHA256 of the session token). */
const cookies: Partial<Record<Role, string>> = {};
let oneTimeToken = '';
const userIds: Partial<Record<Role, string>> = {};
let targetUserId = '';
let targetHostId = '';
const MATRIX_CHECK = 'matrix-echo';
const MATRIX_INVENTORY = () =>
  `- { name: matrix-inv-${Math.random().toString(36).slice(2, 10)}, role: test, agent_url: "http://127.0.0.1:9", secret: env:AGENT_SECRET_MATRIX_UNSET }\n`;

beforeAll(async () => {
  await applyMigrations(url);
  for (const role of ROLES) {
    const { user, token } = await makeUserWithToken(
      prisma,
      { email: `matrix-${role}-${Date.now()}@example.com`, name: `Matrix ${role}`, role },
      'matrix',
    );
    tokens[role] = token;
    userIds[role] = user.id;
    const session = randomBytes(24).toString('base64url');
    await prisma.session.create({ data: { token: session, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const signature = createHmac('sha256', TEST_AUTH_SECRET).update(session).digest('base64');
    cookies[role] = `pmkb.session_token=${encodeURIComponent(`${session}.${signature}`)}`;
  }
  // An admin who still has a one-time password can do nothing but change it (and sign out).
  const pending = await makeUserWithToken(
    prisma,
    { email: `matrix-pending-${Date.now()}@example.com`, name: 'Pending', role: 'admin', mustChangePassword: true },
    'matrix',
  );
  oneTimeToken = pending.token;
  targetUserId = (
    await prisma.user.create({ data: { email: `matrix-target-${Date.now()}@example.com`, name: 'Target', role: 'viewer' } })
  ).id;
  await prisma.check.upsert({
    where: { slug: MATRIX_CHECK },
    create: { slug: MATRIX_CHECK, title: 'Matrix echo', argv: ['echo', 'hi'] },
    update: {},
  });
  const host = await prisma.host.create({
    data: {
      name: `matrix-host-${Date.now()}`,
      role: 'test',
      agentUrl: 'http://127.0.0.1:9',
      secretSealed: sealSecret('s'.repeat(32)),
    },
  });
  targetHostId = host.id;
});
afterAll(async () => {
  // Everything this file made goes; its audit events stay, their actor blanked by the foreign key.
  await prisma.checkRun.deleteMany({ where: { check: { slug: MATRIX_CHECK } } });
  await prisma.incident.deleteMany({ where: { slug: { startsWith: 'matrix-' } } });
  const alertGroups = await prisma.alertGroup.findMany({
    where: { groupKey: { startsWith: 'matrix-' } },
    select: { incidentId: true },
  });
  await prisma.alertGroup.deleteMany({ where: { groupKey: { startsWith: 'matrix-' } } });
  await prisma.incident.deleteMany({ where: { id: { in: alertGroups.flatMap((g) => (g.incidentId ? [g.incidentId] : [])) } } });
  await prisma.webhook.deleteMany({ where: { name: 'matrix hook' } });
  await prisma.host.deleteMany({ where: { name: { startsWith: 'matrix-' } } });
  await prisma.$executeRaw`DELETE FROM synonym_groups WHERE terms[1] LIKE 'matrix%'`;
  await prisma.factorCategory.deleteMany({ where: { slug: { startsWith: 'matrix-' } } });
  await prisma.check.deleteMany({ where: { slug: MATRIX_CHECK } });
  await prisma.user.deleteMany({
    where: { OR: [{ email: { startsWith: 'matrix-' } }, { email: { startsWith: 'new-' }, name: 'New' }] },
  });
  await prisma.$disconnect();
});

function headersFor(caller: Caller, via: 'token' | 'session' = 'token'): Headers {
  const h = new Headers({ 'x-request-id': `matrix-${caller}` });
  if (caller === 'anonymous') return h;
  if (via === 'session') h.set('cookie', cookies[caller]!);
  else h.set('authorization', `Bearer ${tokens[caller]}`);
  return h;
}

async function callAction(fn: (...a: unknown[]) => Promise<unknown>, args: unknown[]): Promise<'allowed' | 'refused'> {
  try {
    const result = (await fn(...args)) as { ok: boolean; status?: number; error?: string } | undefined;
    // The pipeline turns a handler's exception into a 500 result: valid input must never get there.
    expect(result?.status, result?.error).not.toBe(500);
    if (result && result.ok === false && (result.status === 401 || result.status === 403)) return 'refused';
    return 'allowed';
  } catch (err) {
    if (err instanceof Redirect) return err.message.startsWith('/sign-in') ? 'refused' : 'allowed';
    throw err;
  }
}

const isAboveViewer = (rule: Rule) => rule !== 'viewer' && rule !== 'public' && rule !== 'nobody';

const expected = (rule: Rule, caller: Caller) =>
  rule === 'public' || (rule !== 'nobody' && caller !== 'anonymous' && hasRole(caller, rule)) ? 'allowed' : 'refused';

describe('every server action has a row', () => {
  it('matches the actions exported by lib/**/actions.ts', async () => {
    const found: string[] = [];
    for (const file of filesNamed(path.join(ROOT, 'lib'), 'actions.ts')) {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') found.push(`${file}#${name}`);
    }
    expect(found.sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it('finds server actions only in lib/**/actions.ts files', () => {
    const isSource = (name: string) => /\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name);
    const withDirective = ['lib', 'app', 'components'].flatMap((dir) =>
      filesWhere(
        path.join(ROOT, dir),
        (name, file) => isSource(name) && /^\s*(['"])use server\1/m.test(readFileSync(file, 'utf8')),
      ),
    );
    expect(withDirective.filter((file) => !/^lib\/[^/]+\/actions\.ts$/.test(file))).toEqual([]);
  });

  it('builds every exported action with the pipeline', async () => {
    const bypassing: string[] = [];
    for (const key of Object.keys(ACTIONS)) {
      const [file, name] = key.split('#') as [string, string];
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      if (!isPipelineAction(mod[name])) bypassing.push(key);
    }
    expect(bypassing).toEqual([]);
  });

  // All of app/, not only app/api: a download beside its page (a launch's export) is a route too.
  it('matches the handlers exported by app/**/route.ts', async () => {
    const found: string[] = [];
    for (const file of filesNamed(path.join(ROOT, 'app'), 'route.ts')) {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
        if (typeof mod[method] === 'function') found.push(`${file}#${method}`);
    }
    expect(found.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('matches the MCP tools of lib/mcp/tools.ts', async () => {
    const { MCP_TOOLS } = await import('@/lib/mcp/tools');
    expect(MCP_TOOLS.map((t) => t.name).sort()).toEqual(Object.keys(MCP_TOOL_RULES).sort());
  });
});

describe.each(CALLERS)('as %s', (caller) => {
  it.each(Object.entries(ACTIONS))('action %s', async (key, { rule, args, session }) => {
    setRequestHeaders(headersFor(caller, session ? 'session' : 'token'));
    const [file, name] = key.split('#') as [string, string];
    const mod = (await import(path.join(ROOT, file))) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    expect(await callAction(mod[name]!, args())).toBe(expected(rule, caller));
  });

  it.each(Object.entries(ROUTES))('route %s', async (key, { rule, request }) => {
    setRequestHeaders(headersFor(caller));
    const [file, method] = key.split('#') as [string, string];
    const mod = (await import(path.join(ROOT, file))) as Record<string, (r: Request) => Promise<Response>>;
    const req = new NextRequest(request());
    for (const [k, v] of requestScope.headers) req.headers.set(k, v);
    const res = await mod[method]!(req);
    const outcome = res.status === 401 || res.status === 403 ? 'refused' : 'allowed';
    expect(outcome, `HTTP ${res.status}`).toBe(expected(rule, caller));
    expect(res.status).toBeLessThan(500);
  });

  it.each(Object.entries(MCP_TOOL_RULES))('MCP tool %s', async (name, { rule, args }) => {
    // Its own request id: the audit counts below are about server actions.
    const headers = headersFor(caller);
    headers.set('x-request-id', `matrix-mcp-${caller}`);
    setRequestHeaders(headers);
    const { POST } = await import('@/app/api/mcp/route');
    const req = new NextRequest(mcpRequest({ method: 'tools/call', params: { name, arguments: args() } }));
    for (const [k, v] of headers) req.headers.set(k, v);
    const res = await POST(req);
    expect(res.status).toBeLessThan(500);
    let outcome: 'allowed' | 'refused' = res.status === 401 || res.status === 403 ? 'refused' : 'allowed';
    if (res.status === 200) {
      const body = (await res.json()) as { result?: { isError?: boolean; content: { text: string }[] } };
      expect(body.result, JSON.stringify(body)).toBeDefined();
      if (body.result!.isError && /needs the \w+ role/.test(body.result!.content[0]!.text)) outcome = 'refused';
    }
    expect(outcome).toBe(expected(rule, caller));
  });
});

describe('as an admin who still has a one-time password', () => {
  it.each(Object.entries(ACTIONS))('action %s', async (key, { args }) => {
    setRequestHeaders({ authorization: `Bearer ${oneTimeToken}`, 'x-request-id': 'matrix-pending' });
    const [file, name] = key.split('#') as [string, string];
    const mod = (await import(path.join(ROOT, file))) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    let outcome: unknown;
    try {
      outcome = await mod[name]!(...args());
    } catch (err) {
      outcome = err instanceof Redirect ? `redirect ${err.message}` : err;
    }
    if (key === 'lib/auth/actions.ts#signOut') expect(outcome).toBe('redirect /');
    else expect(outcome).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/one-time password/) });
  });

  it.each(Object.entries(ROUTES).filter(([, r]) => r.rule !== 'public'))('route %s', async (key, { request }) => {
    const [file, method] = key.split('#') as [string, string];
    const mod = (await import(path.join(ROOT, file))) as Record<string, (r: Request) => Promise<Response>>;
    setRequestHeaders({ authorization: `Bearer ${oneTimeToken}` });
    const req = new NextRequest(request());
    req.headers.set('authorization', `Bearer ${oneTimeToken}`);
    expect((await mod[method]!(req)).status).toBe(403);
  });
});

// Attack (issue 10): a stolen token minted a fresh token (or an admin's, a fresh
// account) through the server actions, which outlived the stolen one's revocation.
describe("a token cannot manage accounts or tokens, even its owner's", () => {
  let before = { tokens: 0, users: 0 };
  beforeAll(async () => {
    before = { tokens: await prisma.apiToken.count(), users: await prisma.user.count() };
  });

  it.each(Object.entries(ACTIONS).filter(([, a]) => a.session))('action %s with an admin token', async (key, { args }) => {
    setRequestHeaders({ authorization: `Bearer ${tokens.admin}`, 'x-request-id': 'matrix-session-only' });
    const [file, name] = key.split('#') as [string, string];
    const mod = (await import(path.join(ROOT, file))) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    expect(await mod[name]!(...args())).toMatchObject({
      ok: false,
      status: 403,
      error: expect.stringMatching(/API token cannot/),
    });
  });

  it('made no token or account, and audited each refusal with the actor', async () => {
    const actions = Object.entries(ACTIONS).filter(([, a]) => a.session).length;
    const denied = await prisma.auditEvent.findMany({ where: { outcome: 'denied', requestId: 'matrix-session-only' } });
    expect(denied).toHaveLength(actions);
    expect(denied.every((e) => e.actorId === userIds.admin)).toBe(true);
    expect({ tokens: await prisma.apiToken.count(), users: await prisma.user.count() }).toEqual(before);
  });
});

describe('refusals are audited', () => {
  it('records every refused action of a signed-in caller with its request id', async () => {
    const denied = await prisma.auditEvent.count({ where: { outcome: 'denied', requestId: 'matrix-viewer' } });
    // JSON API v1 routes that need more than viewer audit their refusals as actions do.
    const apiRoutes = Object.entries(ROUTES).filter(([key, r]) => key.startsWith('app/api/v1/') && isAboveViewer(r.rule));
    expect(denied).toBe(Object.values(ACTIONS).filter((a) => isAboveViewer(a.rule)).length + apiRoutes.length);
  });

  it('records anonymous refusals (junk session cookies) at most once per address per minute', async () => {
    await prisma.throttleCounter.deleteMany();
    const { signOut } = await import('./actions');
    const from = async (address: string, requestId: string) => {
      setRequestHeaders({
        cookie: 'pmkb.session_token=junk.junk',
        'x-request-id': requestId,
        'x-pmkb-forwarded-for': 'none',
        'x-forwarded-for': address,
      });
      await expect(signOut()).rejects.toThrow(Redirect);
    };
    for (let i = 0; i < 20; i++) await from('203.0.113.5', 'matrix-junk-a');
    await from('203.0.113.6', 'matrix-junk-b');
    expect(await prisma.auditEvent.count({ where: { outcome: 'denied', requestId: 'matrix-junk-a' } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { outcome: 'denied', requestId: 'matrix-junk-b' } })).toBe(1);
  });

  it('records who was refused when they were signed in', async () => {
    // The viewer was refused every author, operator and admin action above.
    const denied = await prisma.auditEvent.findMany({ where: { outcome: 'denied', requestId: 'matrix-viewer' } });
    const refusedForViewer = Object.values(ACTIONS).filter(({ rule }) => expected(rule, 'viewer') === 'refused').length;
    expect(denied.length).toBeGreaterThanOrEqual(refusedForViewer);
    expect(denied.every((event) => event.actorId === userIds.viewer)).toBe(true);
    const anonymous = await prisma.auditEvent.findMany({ where: { outcome: 'denied', requestId: 'matrix-anonymous' } });
    expect(anonymous.every((event) => event.actorId === null)).toBe(true);
  });
  it('cannot be edited or deleted, even with SQL', async () => {
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.updateMany({ data: { outcome: 'success' } })).rejects.toThrow(/append-only/);
  });
});

describe('erasing a user', () => {
  it('keeps their audit events and forgets who they were', async () => {
    const user = await prisma.user.create({
      data: { email: `erase-${Date.now()}@example.com`, name: 'Erase me', role: 'viewer' },
    });
    await prisma.auditEvent.create({ data: { actorId: user.id, action: 'test.erase', outcome: 'success' } });
    await prisma.user.delete({ where: { id: user.id } });
    const event = await prisma.auditEvent.findFirst({ where: { action: 'test.erase' } });
    expect(event?.actorId).toBeNull();
  });
});
