// Sign-in throttling over real TCP connections from distinct loopback source
// addresses, through the same steps as `next start` (tests/next-like-server.ts):
// proxy.ts, then the auth route's handler, then Better Auth.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { send, startNextLikeServer, type RunningServer } from '@/tests/next-like-server';
import { makeUserWithPassword } from '@/tests/users';
import { FREE_FAILURES, MAX_DELAY_MS } from './account-slowdown';
import { createAuth, SIGN_IN_ATTEMPTS_PER_WINDOW, type Auth } from './create-auth';
import { handleAuthRequest } from './handler';

const url = inject('databaseUrl');
const prisma = scriptClient(url);
const SECRET = 'rate-limit-test-secret-0123456789abcdef';
const RIGHT = 'a-long-and-unusual-passphrase-42';
const WRONG = 'not-the-password-1234';

let server: RunningServer;
let auth: Auth;

beforeAll(async () => {
  await applyMigrations(url);
  delete process.env.AUTH_SIGN_IN_ATTEMPTS;
  server = await startNextLikeServer((request) => handleAuthRequest(auth, request));
  auth = createAuth(prisma, { baseURL: `http://127.0.0.1:${server.port}`, secret: SECRET });
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});
beforeEach(async () => {
  // Earlier runs' buckets would otherwise still be inside their window.
  await prisma.rateLimit.deleteMany();
  await prisma.throttleCounter.deleteMany();
});
afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
});

async function makeUser(password = RIGHT): Promise<{ id: string; email: string }> {
  const email = `rl-${randomUUID().slice(0, 8)}@example.com`;
  const user = await makeUserWithPassword(prisma, { email, name: 'Rate limit test' }, password);
  return { id: user.id, email };
}

const signIn = (from: string, email: string, password: string, headers: Record<string, string> = {}) =>
  send(server.port, from, 'POST', '/api/auth/sign-in/email', { json: { email, password }, headers });

describe('sign-in throttling by the address the server sees', () => {
  it('throttles one address whatever X-Forwarded-For it claims, and lets another address in with the right password', async () => {
    const user = await makeUser();
    const statuses: number[] = [];
    for (let i = 1; i <= 8; i++)
      statuses.push((await signIn('127.0.0.2', user.email, WRONG, { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([
      ...Array(SIGN_IN_ATTEMPTS_PER_WINDOW).fill(401),
      ...Array(8 - SIGN_IN_ATTEMPTS_PER_WINDOW).fill(429),
    ]);

    // The owner, elsewhere, still gets in (after the per-account slowdown, never refused).
    const owner = await signIn('127.0.0.3', user.email, RIGHT);
    expect(owner.status).toBe(200);
    expect(owner.ms).toBeLessThan(MAX_DELAY_MS + 3000);
    // ...while the guessing address stays throttled, even with the right password.
    expect((await signIn('127.0.0.2', user.email, RIGHT)).status).toBe(429);

    const failures = await prisma.auditEvent.count({
      where: { action: 'auth.sign_in', outcome: 'failure', targetId: user.email },
    });
    expect(failures).toBe(SIGN_IN_ATTEMPTS_PER_WINDOW);
  });

  it('never shares a bucket between unknown clients: each address has its own', async () => {
    for (const from of ['127.0.0.4', '127.0.0.5', '127.0.0.6']) {
      for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_WINDOW; i++)
        expect((await signIn(from, `nobody-${randomUUID()}@example.com`, WRONG)).status).toBe(401);
    }
    expect((await signIn('127.0.0.4', `nobody-${randomUUID()}@example.com`, WRONG)).status).toBe(429);
    expect((await signIn('127.0.0.7', `nobody-${randomUUID()}@example.com`, WRONG)).status).toBe(401);
  });

  it('believes X-Forwarded-For only from a proxy in TRUSTED_PROXIES', async () => {
    process.env.TRUSTED_PROXIES = '127.0.0.1';
    // Through the trusted proxy, eight clients are eight clients.
    for (let i = 1; i <= 8; i++) {
      expect(
        (await signIn('127.0.0.1', `nobody-${randomUUID()}@example.com`, WRONG, { 'x-forwarded-for': `198.51.100.${i}` })).status,
      ).toBe(401);
    }
    // A client putting its own entry in front gains nothing: the proxy's rightmost entry is the client.
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_WINDOW - 1; i++) {
      expect(
        (
          await signIn('127.0.0.1', `nobody-${randomUUID()}@example.com`, WRONG, {
            'x-forwarded-for': `203.0.113.${i}, 198.51.100.1`,
          })
        ).status,
      ).toBe(401);
    }
    expect(
      (
        await signIn('127.0.0.1', `nobody-${randomUUID()}@example.com`, WRONG, {
          'x-forwarded-for': `203.0.113.99, 198.51.100.1`,
        })
      ).status,
    ).toBe(429);
    // An address that is not a trusted proxy cannot claim to be one's client.
    const direct: number[] = [];
    for (let i = 1; i <= 8; i++)
      direct.push(
        (await signIn('127.0.0.2', `nobody-${randomUUID()}@example.com`, WRONG, { 'x-forwarded-for': `192.0.2.${i}` })).status,
      );
    expect(direct.slice(SIGN_IN_ATTEMPTS_PER_WINDOW)).toEqual([429, 429, 429]);
  });

  it('refuses a request that did not come through proxy.ts instead of guessing its address', async () => {
    const res = await handleAuthRequest(
      auth,
      new Request(`http://127.0.0.1:${server.port}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: `http://127.0.0.1:${server.port}`,
          'x-forwarded-for': '198.51.100.77',
        },
        body: JSON.stringify({ email: 'x@example.com', password: WRONG }),
      }),
    );
    expect(res.status).toBe(503);
  });
});

describe('per-account slowdown', () => {
  it('slows guesses for one account from many addresses, and never locks its owner out', async () => {
    const user = await makeUser();
    for (let i = 0; i < FREE_FAILURES + 2; i++) {
      expect((await signIn(`127.0.1.${i + 1}`, user.email, WRONG)).status).toBe(401);
    }
    // FREE_FAILURES + 2 failures: the next attempt waits (250 ms doubled twice = 1 s here), and succeeds.
    const owner = await signIn('127.0.2.1', user.email, RIGHT);
    expect(owner.status).toBe(200);
    expect(owner.ms).toBeGreaterThanOrEqual(1000);
    expect(owner.ms).toBeLessThan(MAX_DELAY_MS + 3000);
    // Success forgets the failures.
    const again = await signIn('127.0.2.2', user.email, RIGHT);
    expect(again.status).toBe(200);
    expect(again.ms).toBeLessThan(1000);
    expect(await prisma.throttleCounter.count()).toBe(0);
  });

  it('keeps its counters in PostgreSQL with an expiry', async () => {
    await signIn('127.0.3.1', `nobody-${randomUUID()}@example.com`, WRONG);
    const rows = await prisma.throttleCounter.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toMatch(/^sign-in-failures:[0-9a-f]{64}$/);
    expect(rows[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });
});
