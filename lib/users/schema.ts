import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';

/** Better Auth's minimum, repeated here so the form can say so before submitting. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const createUserSchema = z.object({
  email: z.email('Enter an email address.').max(200).transform((s) => s.toLowerCase()),
  name: z.string().trim().min(1, 'Enter a name.').max(120),
  role: z.enum(ROLES),
  // Empty: a one-time password is generated and shown once.
  password: z.union([z.literal(''), z.string().min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`).max(PASSWORD_MAX)]),
});

export const changeRoleSchema = z.object({ userId: z.string().min(1).max(64), role: z.enum(ROLES) });
export const setDisabledSchema = z.object({ userId: z.string().min(1).max(64), disabled: z.enum(['true', 'false']).transform((v) => v === 'true') });
