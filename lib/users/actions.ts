'use server';
// Admin-only account management. Passwords are hashed by Better Auth's own
// hasher (scrypt); nothing here handles password crypto itself.
import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db';
import { invalid, formFields, type ActionResult } from '@/lib/actions/result';
import { audit, authorizeAction } from '@/lib/audit/guard';
import { Prisma } from '@/lib/generated/prisma/client';
import { changeRoleSchema, createUserSchema, setDisabledSchema } from './schema';

export async function createUser(_prev: unknown, formData: FormData): Promise<ActionResult<{ email: string; oneTimePassword?: string }>> {
  const auth = await authorizeAction('admin', 'user.create');
  if (!auth.ok) return auth;
  const fields = formFields(formData);
  const { password: _password, ...echo } = fields;
  const parsed = createUserSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, echo);
  const { email, name, role } = parsed.data;
  const oneTimePassword = parsed.data.password ? undefined : randomBytes(12).toString('base64url');
  const password = await hashPassword(parsed.data.password || oneTimePassword!);
  try {
    const user = await db.$transaction(async (tx) => {
      // A generated password is one-time: the user chooses their own at first sign-in.
      const created = await tx.user.create({ data: { email, name, role, mustChangePassword: oneTimePassword !== undefined } });
      // Better Auth's credential account: accountId is the user id.
      await tx.account.create({ data: { userId: created.id, providerId: 'credential', accountId: created.id, password } });
      return created;
    });
    await audit(auth.viewer, { action: 'user.create', targetType: 'user', targetId: user.id, outcome: 'success', details: { email, role } });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { email: ['An account with this email already exists.'] }, values: echo };
    }
    throw err;
  }
  revalidatePath('/admin/users');
  return { ok: true, email, oneTimePassword };
}

export async function changeUserRole(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction('admin', 'user.change_role');
  if (!auth.ok) return auth;
  const parsed = changeRoleSchema.safeParse(formFields(formData));
  if (!parsed.success) return invalid(parsed.error);
  const { userId, role } = parsed.data;
  // Keeps at least one admin: nobody can demote themself out of the admin pages.
  if (userId === auth.viewer.id && role !== 'admin') return { ok: false, error: 'You cannot remove your own admin role.' };
  const updated = await db.user.updateMany({ where: { id: userId }, data: { role } });
  if (updated.count === 0) return { ok: false, error: 'No such user.' };
  await audit(auth.viewer, { action: 'user.change_role', targetType: 'user', targetId: userId, outcome: 'success', details: { role } });
  revalidatePath('/admin/users');
  return { ok: true };
}

export async function setUserDisabled(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction('admin', 'user.set_disabled');
  if (!auth.ok) return auth;
  const parsed = setDisabledSchema.safeParse(formFields(formData));
  if (!parsed.success) return invalid(parsed.error);
  const { userId, disabled } = parsed.data;
  if (userId === auth.viewer.id) return { ok: false, error: 'You cannot disable your own account.' };
  const found = await db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: userId }, data: { disabled } });
    if (disabled) {
      // Disabling ends every way in: sessions and API tokens.
      await tx.session.deleteMany({ where: { userId } });
      await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    return updated.count > 0;
  });
  if (!found) return { ok: false, error: 'No such user.' };
  await audit(auth.viewer, { action: disabled ? 'user.disable' : 'user.enable', targetType: 'user', targetId: userId, outcome: 'success' });
  revalidatePath('/admin/users');
  return { ok: true };
}
