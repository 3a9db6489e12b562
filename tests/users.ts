// Users for integration tests, made through the test's own client (scripts/lib/prisma.ts).
import { hashPassword } from 'better-auth/crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { generateToken } from '@/lib/tokens/token';

type NewUser = { email: string; name: string; role?: Role; mustChangePassword?: boolean };

/** A user with a personal API token: `authorization: Bearer <token>` makes a request theirs. */
export async function makeUserWithToken(prisma: PrismaClient, data: NewUser, tokenName = 'test') {
  const user = await prisma.user.create({ data });
  const { token, hash, prefix } = generateToken();
  await prisma.apiToken.create({ data: { userId: user.id, name: tokenName, prefix, tokenHash: hash } });
  return { user, token };
}

/** A user with a password (Better Auth's credential account, accountId = user id), for the sign-in tests. */
export async function makeUserWithPassword(prisma: PrismaClient, data: NewUser, password: string) {
  const user = await prisma.user.create({ data });
  await prisma.account.create({
    data: { userId: user.id, providerId: 'credential', accountId: user.id, password: await hashPassword(password) },
  });
  return user;
}
