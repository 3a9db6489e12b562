// The admin commands for automation (`npm run token`, `npm run user`), on a
// script's own client: a personal API token for an existing user, and a new
// user with a one-time password. The same rules as /account and /admin/users
// (lib/tokens/schema.ts, lib/users/schema.ts), and every write is audited with
// via: 'cli' and no actor (the CLI acts as no user).
import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { z } from 'zod';
import { recordAudit } from '../../lib/audit/record';
import { ROLES } from '../../lib/auth/roles';
import { Prisma, type PrismaClient } from '../../lib/generated/prisma/client';
import { MAX_LIVE_TOKENS, TOKEN_MAX_DAYS } from '../../lib/tokens/schema';
import { generateToken } from '../../lib/tokens/token';
import { safeString } from '../../lib/validation/text';

const email = safeString()
  .pipe(z.email('--email must be an email address').max(200))
  .transform((s) => s.toLowerCase());

export const tokenArgsSchema = z.object({
  email,
  name: safeString().trim().min(1, '--name names the token after what uses it').max(80),
  days: z.coerce
    .number({ error: '--days must be a number' })
    .int('--days must be a whole number')
    .min(1, '--days must be at least 1')
    .max(TOKEN_MAX_DAYS, `--days must be at most ${TOKEN_MAX_DAYS}`),
});

export const userArgsSchema = z.object({
  email,
  name: safeString().trim().min(1, '--name is required').max(120),
  role: z.enum(ROLES, { error: `--role must be one of ${ROLES.join(', ')}` }),
});

export class CliError extends Error {}

/** The first problem of a failed parse, as one line. */
export function firstProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid arguments';
}

export async function createTokenFor(
  prisma: PrismaClient,
  args: z.output<typeof tokenArgsSchema>,
): Promise<{ token: string; expiresAt: Date }> {
  const user = await prisma.user.findUnique({ where: { email: args.email }, select: { id: true, disabled: true } });
  if (!user) throw new CliError(`no user with the email ${args.email}`);
  if (user.disabled) throw new CliError(`${args.email} is disabled`);
  const live = await prisma.apiToken.count({ where: { userId: user.id, revokedAt: null } });
  if (live >= MAX_LIVE_TOKENS)
    throw new CliError(`${args.email} already has ${MAX_LIVE_TOKENS} live tokens; revoke one at /account`);
  const { token, hash, prefix } = generateToken();
  const expiresAt = new Date(Date.now() + args.days * 86_400_000);
  const row = await prisma.apiToken.create({ data: { userId: user.id, name: args.name, prefix, tokenHash: hash, expiresAt } });
  await recordAudit(prisma, {
    action: 'token.create',
    targetType: 'api_token',
    targetId: row.id,
    outcome: 'success',
    details: { name: args.name, owner: args.email, via: 'cli' },
  });
  return { token, expiresAt };
}

export async function createUserFromCli(
  prisma: PrismaClient,
  args: z.output<typeof userArgsSchema>,
): Promise<{ oneTimePassword: string | null }> {
  // An integration account is a machine (Alertmanager, Grafana): it gets no
  // password at all, so it never signs in, and acts only through the tokens an
  // admin creates for it (`npm run token -- create`). A one-time password would
  // also hold its tokens back until someone signed in to replace it.
  const machine = args.role === 'integration';
  // As /admin/users without a password: one-time, to be replaced at first sign-in.
  const oneTimePassword = machine ? null : randomBytes(12).toString('base64url');
  const password = oneTimePassword === null ? null : await hashPassword(oneTimePassword);
  let userId: string;
  try {
    userId = await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: args.email, name: args.name, role: args.role, mustChangePassword: !machine },
      });
      if (password)
        await tx.account.create({ data: { userId: user.id, providerId: 'credential', accountId: user.id, password } });
      return user.id;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new CliError(`an account with the email ${args.email} already exists`);
    }
    throw err;
  }
  await recordAudit(prisma, {
    action: 'user.create',
    targetType: 'user',
    targetId: userId,
    outcome: 'success',
    details: { email: args.email, role: args.role, via: 'cli' },
  });
  return { oneTimePassword };
}
