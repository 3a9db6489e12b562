import 'server-only';
import type { Role } from '@/lib/auth/roles';
import { db } from '@/lib/db';

export async function findSessionUser(
  id: string,
): Promise<{ id: string; email: string; name: string; role: Role; mustChangePassword: boolean } | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, mustChangePassword: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword };
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
}

export async function listUsers(): Promise<UserRow[]> {
  const users = await db.user.findMany({
    orderBy: [{ disabled: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      createdAt: true,
      sessions: { select: { createdAt: true }, orderBy: { createdAt: 'desc' }, take: 1 },
    },
  });
  return users.map(({ sessions, ...u }) => ({ ...u, lastSignInAt: sessions[0]?.createdAt ?? null }));
}
