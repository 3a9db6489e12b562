// Sign-in attempts are rate-limited per client address, through Better Auth's
// HTTP handler (the path the sign-in form uses), and failures are audited.
import { toNextJsHandler } from 'better-auth/next-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { createAuth, SIGN_IN_ATTEMPTS_PER_WINDOW } from './create-auth';

const url = inject('databaseUrl');
const prisma = scriptClient(url);
const BASE = 'http://localhost:3000';

beforeAll(() => applyMigrations(url));
afterAll(() => prisma.$disconnect());

const attempt = (handler: ReturnType<typeof toNextJsHandler>, ip: string, email: string) =>
  handler.POST(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE, 'x-forwarded-for': ip, 'x-request-id': `rl-${ip}` },
      body: JSON.stringify({ email, password: 'not-the-password-123' }),
    }),
  );

describe('sign-in rate limit', () => {
  it(`allows ${SIGN_IN_ATTEMPTS_PER_WINDOW} attempts a minute per address, then answers 429`, async () => {
    delete process.env.AUTH_SIGN_IN_ATTEMPTS;
    const handler = toNextJsHandler(createAuth(prisma, { baseURL: BASE, secret: 'rate-limit-test-secret-0123456789abcdef' }));
    const email = `rl-${Date.now()}@example.com`;
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_WINDOW + 2; i++) statuses.push((await attempt(handler, '203.0.113.7', email)).status);
    expect(statuses.slice(0, SIGN_IN_ATTEMPTS_PER_WINDOW).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(SIGN_IN_ATTEMPTS_PER_WINDOW)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await attempt(handler, '203.0.113.8', email)).status).toBe(401);

    const failures = await prisma.auditEvent.count({ where: { action: 'auth.sign_in', outcome: 'failure', targetId: email } });
    expect(failures).toBe(SIGN_IN_ATTEMPTS_PER_WINDOW + 1);
  });
});
