// The Better Auth instance: email + password accounts, an optional OpenID
// Connect provider, database sessions in httpOnly SameSite=Lax cookies, sign-in
// rate limiting per client address (resolved by client-address.ts, never from a
// header the client controls), a per-account slowdown, and the password policy.
// Built from a Prisma client so tests and the app share it.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { genericOAuth } from 'better-auth/plugins';
import { recordAudit } from '@/lib/audit/record';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { noteFailedSignIn, noteSignedIn, waitForAccount } from './account-slowdown';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-limits';
import { passwordProblem } from './password-policy';
import { oidcSettings } from './settings';

/**
 * Sign-in attempts allowed per client address per window; enough for typos, not
 * for guessing. AUTH_SIGN_IN_ATTEMPTS raises it where many people share one
 * address (and for the browser tests, which all come from 127.0.0.1).
 */
export const SIGN_IN_ATTEMPTS_PER_WINDOW = 5;
function signInAttempts(): number {
  const n = Number(process.env.AUTH_SIGN_IN_ATTEMPTS);
  return Number.isInteger(n) && n > 0 ? n : SIGN_IN_ATTEMPTS_PER_WINDOW;
}
export const SIGN_IN_WINDOW_SECONDS = 60;
/** Sessions last a working week and are extended while in use. */
const SESSION_DAYS = 7;

export function createAuth(prisma: PrismaClient, opts: { baseURL?: string; secret?: string } = {}) {
  const oidc = oidcSettings();
  const baseURL = opts.baseURL ?? process.env.BETTER_AUTH_URL;
  return betterAuth({
    appName: 'Postmortem KB',
    baseURL,
    secret: opts.secret ?? process.env.BETTER_AUTH_SECRET,
    // The same app is reached as localhost and 127.0.0.1 on a laptop.
    trustedOrigins: baseURL
      ? [baseURL, baseURL.replace('//localhost', '//127.0.0.1'), baseURL.replace('//127.0.0.1', '//localhost')]
      : [],
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      // Accounts are created by admins (or by the OIDC provider), not by strangers.
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
    },
    user: {
      additionalFields: {
        role: { type: 'string', input: false, defaultValue: 'viewer', required: false },
        disabled: { type: 'boolean', input: false, defaultValue: false, required: false },
        mustChangePassword: { type: 'boolean', input: false, defaultValue: false, required: false },
      },
    },
    session: { expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'rateLimit',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: SIGN_IN_WINDOW_SECONDS, max: signInAttempts() },
        '/sign-in/oauth2': { window: SIGN_IN_WINDOW_SECONDS, max: signInAttempts() * 2 },
        '/change-password': { window: SIGN_IN_WINDOW_SECONDS, max: signInAttempts() },
      },
    },
    advanced: {
      // The only address header Better Auth reads; handler.ts sets it on every
      // request from the TCP peer (and TRUSTED_PROXIES), overwriting any sent.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      cookiePrefix: 'pmkb',
      useSecureCookies: baseURL?.startsWith('https://') ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled account gets no session, whatever the sign-in method.
          before: async (session) => {
            const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { disabled: true } });
            if (!user || user.disabled) throw new APIError('FORBIDDEN', { message: 'This account is disabled.' });
            return { data: session };
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-in/email') {
          // Before the password is checked, so a right password waits too:
          // the delay says nothing about whether a guess was right.
          if (typeof ctx.body?.email === 'string') await waitForAccount(prisma, ctx.body.email);
          return;
        }
        if (ctx.path === '/change-password') {
          const newPassword: unknown = ctx.body?.newPassword;
          const session = await getSessionFromCtx(ctx);
          // No session or no new password: the endpoint itself answers 401 / 400.
          if (!session || typeof newPassword !== 'string') return;
          const problem = passwordProblem(newPassword, session.user.email);
          if (problem) throw new APIError('BAD_REQUEST', { message: problem, code: 'PASSWORD_POLICY' });
          // A changed password ends every other session, whatever the client asked.
          return { context: { body: { ...ctx.body, revokeOtherSessions: true } } };
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned = ctx.context.returned;
        const failed = returned instanceof APIError || returned instanceof Error;
        const requestId = ctx.headers?.get('x-request-id') ?? null;
        if (ctx.path === '/change-password') {
          const userId = ctx.context.session?.user.id ?? null;
          await recordAudit(prisma, {
            actorId: userId,
            action: 'auth.change_password',
            targetType: 'user',
            targetId: userId ?? undefined,
            outcome: failed ? 'failure' : 'success',
            requestId,
          });
          if (!failed && userId) await prisma.user.update({ where: { id: userId }, data: { mustChangePassword: false } });
          return;
        }
        if (!ctx.path.startsWith('/sign-in')) return;
        const email = typeof ctx.body?.email === 'string' ? ctx.body.email.slice(0, 200).toLowerCase() : null;
        if (email && ctx.path === '/sign-in/email') {
          if (!failed) await noteSignedIn(prisma, email);
          else if (returned instanceof APIError && returned.statusCode === 401) await noteFailedSignIn(prisma, email);
        }
        await recordAudit(prisma, {
          actorId: failed ? null : (ctx.context.newSession?.user.id ?? null),
          action: 'auth.sign_in',
          targetType: 'user',
          targetId: email ?? undefined,
          outcome: failed ? 'failure' : 'success',
          requestId,
          details: { method: ctx.path.replace('/sign-in/', '') },
        });
      }),
    },
    plugins: [
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: oidc.providerId,
                  discoveryUrl: oidc.discoveryUrl,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: oidc.scopes,
                  pkce: true,
                },
              ],
            }),
          ]
        : []),
      // Lets server actions set and clear the session cookie.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
