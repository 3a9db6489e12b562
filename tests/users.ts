// Users for integration tests, made through the test's own client (scripts/lib/prisma.ts).
import { hashPassword } from 'better-auth/crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { generateToken } from '@/lib/tokens/token';
import { setRequestHeaders } from './request-scope';

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

/** An author (or other role) with a token, made the caller of every request from here on (tests/request-scope.ts). */
export async function actAsNewUser(prisma: PrismaClient, role: Role, label: string) {
  const { user, token } = await makeUserWithToken(
    prisma,
    { email: `${label}-${Date.now()}@example.com`, name: `${label} ${role}`, role },
    label,
  );
  setRequestHeaders({ authorization: `Bearer ${token}`, 'x-request-id': `${label}-test` });
  return user;
}

/**
 * Removes what a test file made under its run prefix (incidents, runbooks, services, tags, checks) and its user,
 * so other files sharing the database (search relevance) never see it.
 */
export async function removeRunData(prisma: PrismaClient, run: string, userId: string): Promise<void> {
  const prefixed = { startsWith: run };
  await prisma.incident.deleteMany({ where: { slug: prefixed } });
  await prisma.runbook.deleteMany({ where: { slug: prefixed } });
  await prisma.service.deleteMany({ where: { name: prefixed } });
  await prisma.tag.deleteMany({ where: { name: prefixed } });
  await prisma.check.deleteMany({ where: { slug: prefixed } });
  await prisma.user.delete({ where: { id: userId } });
}
