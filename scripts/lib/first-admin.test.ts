import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { ensureFirstAdmin } from './first-admin';

/** Just enough of Prisma to see what ensureFirstAdmin writes. */
function fakePrisma() {
  const writes: { upsert?: { create: Record<string, unknown>; update: Record<string, unknown> } } = {};
  const tx = {
    user: {
      upsert: async (args: { create: Record<string, unknown>; update: Record<string, unknown> }) => (
        (writes.upsert = args),
        { id: 'u1' }
      ),
    },
    account: { deleteMany: async () => ({}), create: async () => ({}) },
  };
  const prisma = { user: { count: async () => 0 }, $transaction: async (fn: (t: typeof tx) => Promise<void>) => fn(tx) };
  return { prisma: prisma as unknown as PrismaClient, writes };
}

describe('first admin', () => {
  it('must change a generated one-time password at first sign-in', async () => {
    const { prisma, writes } = fakePrisma();
    const result = await ensureFirstAdmin(prisma, {});
    expect(result?.generatedPassword).toBeTruthy();
    expect(writes.upsert?.create.mustChangePassword).toBe(true);
    expect(writes.upsert?.update.mustChangePassword).toBe(true);
  });

  it('keeps a password chosen in ADMIN_PASSWORD, if the password policy accepts it', async () => {
    const { prisma, writes } = fakePrisma();
    await ensureFirstAdmin(prisma, { ADMIN_PASSWORD: 'violet tugboat arrives slowly' });
    expect(writes.upsert?.create.mustChangePassword).toBe(false);
    await expect(ensureFirstAdmin(fakePrisma().prisma, { ADMIN_PASSWORD: 'Password2026!' })).rejects.toThrow(
      /ADMIN_PASSWORD: .*common/,
    );
    await expect(ensureFirstAdmin(fakePrisma().prisma, { ADMIN_PASSWORD: 'admin@pmkb.local-2026' })).rejects.toThrow(/email/);
  });
});
