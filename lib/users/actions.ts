'use server';
// Admin-only account management. Passwords are hashed by Better Auth's own
// hasher (scrypt); nothing here handles password crypto itself. Each action
// runs through lib/actions/pipeline.ts.
import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { action } from '@/lib/actions/pipeline';
import { fieldError, type ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { Prisma } from '@/lib/generated/prisma/client';
import { createUserWithPassword, setUserDisabledRow, setUserRole } from './mutations';
import { changeRoleSchema, createUserSchema, setDisabledSchema } from './schema';

const pages = () => ['/admin/users'];

export const createUser = action({
  name: 'user.create',
  sessionOnly: true,
  role: 'admin',
  input: 'form',
  schema: createUserSchema,
  handler: async (data, { viewer, values }): Promise<ActionResult<{ email: string; oneTimePassword?: string }>> => {
    const { email, name, role } = data;
    const oneTimePassword = data.password ? undefined : randomBytes(12).toString('base64url');
    const password = await hashPassword(data.password || oneTimePassword!);
    try {
      // A generated password is one-time: the user chooses their own at first sign-in.
      const user = await createUserWithPassword({
        email,
        name,
        role,
        mustChangePassword: oneTimePassword !== undefined,
        password,
      });
      await audit(viewer, {
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        outcome: 'success',
        details: { email, role },
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        return fieldError('email', 'An account with this email already exists.', values);
      }
      throw err;
    }
    return { ok: true, email, oneTimePassword };
  },
  revalidate: pages,
});

export const changeUserRole = action({
  name: 'user.change_role',
  sessionOnly: true,
  role: 'admin',
  input: 'form',
  schema: changeRoleSchema,
  handler: async ({ userId, role }, { viewer }) => {
    // Keeps at least one admin: nobody can demote themself out of the admin pages.
    if (userId === viewer.id && role !== 'admin') return { ok: false, error: 'You cannot remove your own admin role.' };
    if (!(await setUserRole(userId, role))) return { ok: false, error: 'No such user.' };
    await audit(viewer, {
      action: 'user.change_role',
      targetType: 'user',
      targetId: userId,
      outcome: 'success',
      details: { role },
    });
    return { ok: true };
  },
  revalidate: pages,
});

export const setUserDisabled = action({
  name: 'user.set_disabled',
  sessionOnly: true,
  role: 'admin',
  input: 'form',
  schema: setDisabledSchema,
  handler: async ({ userId, disabled }, { viewer }) => {
    if (userId === viewer.id) return { ok: false, error: 'You cannot disable your own account.' };
    if (!(await setUserDisabledRow(userId, disabled))) return { ok: false, error: 'No such user.' };
    await audit(viewer, {
      action: disabled ? 'user.disable' : 'user.enable',
      targetType: 'user',
      targetId: userId,
      outcome: 'success',
    });
    return { ok: true };
  },
  revalidate: pages,
});
