// Account writes on the app's one client, for ./actions.ts (house rule,
// decision 020: only queries.ts, mutations.ts and scripts import lib/db.ts).
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';

/** The user and Better Auth's credential account, together or not at all. */
export function createUserWithPassword(data: {
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  password: string;
}) {
  const { password, ...user } = data;
  return db.$transaction(async (tx) => {
    const created = await tx.user.create({ data: user });
    // Better Auth's credential account: accountId is the user id.
    await tx.account.create({ data: { userId: created.id, providerId: 'credential', accountId: created.id, password } });
    return created;
  });
}

/** False when there is no such user. */
export async function setUserRole(userId: string, role: Role): Promise<boolean> {
  return (await db.user.updateMany({ where: { id: userId }, data: { role } })).count > 0;
}

/** False when there is no such user. Disabling ends every way in: sessions and API tokens. */
export function setUserDisabledRow(userId: string, disabled: boolean): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: userId }, data: { disabled } });
    if (disabled) {
      await tx.session.deleteMany({ where: { userId } });
      await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    return updated.count > 0;
  });
}
