// Better Auth's HTTP endpoints as the app exposes them: only the ones it uses,
// the password policy on change-password, and other sessions ended by a change.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { send, startNextLikeServer, type RunningServer } from '@/tests/next-like-server';
import { makeUserWithPassword } from '@/tests/users';
import { createAuth, type Auth } from './create-auth';
import { handleAuthRequest } from './handler';

const url = inject('databaseUrl');
const prisma = scriptClient(url);
const PASSWORD = 'a-long-and-unusual-passphrase-42';

let server: RunningServer;
let auth: Auth;

beforeAll(async () => {
  await applyMigrations(url);
  server = await startNextLikeServer((request) => handleAuthRequest(auth, request));
  auth = createAuth(prisma, { baseURL: `http://127.0.0.1:${server.port}`, secret: 'endpoints-test-secret-0123456789abcdef' });
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});
beforeEach(async () => {
  await prisma.rateLimit.deleteMany();
  await prisma.throttleCounter.deleteMany();
});

let addressCounter = 0;
/** A fresh loopback address per request keeps these tests clear of the sign-in limit. */
const nextAddress = () => `127.0.5.${++addressCounter}`;

async function userWithSession(opts: { mustChangePassword?: boolean } = {}) {
  const email = `ep-${randomUUID().slice(0, 8)}@example.com`;
  const user = await makeUserWithPassword(
    prisma,
    { email, name: 'Endpoint test', mustChangePassword: opts.mustChangePassword ?? false },
    PASSWORD,
  );
  const signIn = async () => {
    const res = await send(server.port, nextAddress(), 'POST', '/api/auth/sign-in/email', {
      json: { email, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    return res.cookies.join('; ');
  };
  return { user, email, signIn };
}

const post = (path: string, cookie: string, json: unknown) =>
  send(server.port, nextAddress(), 'POST', `/api/auth${path}`, { json, headers: { cookie } });

describe('endpoints the app does not use are off', () => {
  it.each([
    '/update-user',
    '/change-email',
    '/delete-user',
    '/sign-up/email',
    '/revoke-sessions',
    '/list-accounts',
    '/unlink-account',
  ])('POST %s answers 404, even signed in', async (path) => {
    const { user, signIn } = await userWithSession();
    const res = await post(path, await signIn(), {
      name: '<img src=x onerror=alert(1)>'.repeat(50),
      email: 'new@example.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(404);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('Endpoint test');
  });

  it('a body over the limit is refused with 413, not read whole', async () => {
    const res = await post('/sign-in/email', '', { email: 'x@example.com', password: 'p'.repeat(20_000) });
    expect(res.status).toBe(413);
  });
});

describe('change-password', () => {
  it('refuses a common password and one containing the email, with a sentence', async () => {
    const { email, signIn } = await userWithSession();
    const cookie = await signIn();
    for (const newPassword of ['Password2026!', `${email}-2026`]) {
      const res = await post('/change-password', cookie, { currentPassword: PASSWORD, newPassword });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).message).toMatch(/common|email/);
    }
  });

  it('ends the other sessions even when the client asks not to, and clears the one-time flag', async () => {
    const { user, signIn } = await userWithSession({ mustChangePassword: true });
    const here = await signIn();
    const elsewhere = await signIn();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);
    const res = await post('/change-password', here, {
      currentPassword: PASSWORD,
      newPassword: 'violet tugboat arrives slowly',
      revokeOtherSessions: false,
    });
    expect(res.status).toBe(200);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    const stale = await send(server.port, nextAddress(), 'GET', '/api/auth/get-session', { headers: { cookie: elsewhere } });
    expect(stale.body).toBe('null');
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false);
  });
});
