// First start: make sure someone can administer the instance. The password is
// taken from ADMIN_PASSWORD, or generated and returned so `npm start` can print
// it exactly once. A generated password is one-time: the admin must choose their
// own at first sign-in. Hashing is Better Auth's own (scrypt).
import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { z } from 'zod';
import { passwordProblem } from '../../lib/auth/password-policy';
import type { PrismaClient } from '../../lib/generated/prisma/client';

export const DEFAULT_ADMIN_EMAIL = 'admin@pmkb.local';

export async function ensureFirstAdmin(
  prisma: PrismaClient,
  env: Record<string, string | undefined> = process.env,
): Promise<{ email: string; generatedPassword?: string } | null> {
  if ((await prisma.user.count({ where: { role: 'admin' } })) > 0) return null;
  const email = z
    .email()
    .parse(env.ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL)
    .toLowerCase();
  const given = env.ADMIN_PASSWORD;
  const problem = given === undefined ? null : passwordProblem(given, email);
  if (problem) throw new Error(`ADMIN_PASSWORD: ${problem}`);
  const password = given ?? randomBytes(18).toString('base64url');
  const mustChangePassword = given === undefined;
  const hash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email },
      create: { email, name: 'Administrator', role: 'admin', mustChangePassword },
      update: { role: 'admin', disabled: false, mustChangePassword },
    });
    await tx.account.deleteMany({ where: { userId: user.id, providerId: 'credential' } });
    await tx.account.create({ data: { userId: user.id, providerId: 'credential', accountId: user.id, password: hash } });
  });
  return { email, generatedPassword: given === undefined ? password : undefined };
}
