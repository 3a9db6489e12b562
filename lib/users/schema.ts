import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';
import { safeString } from '@/lib/validation/text';

/** Better Auth's minimum, repeated here so the form can say so before submitting. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const createUserSchema = z.object({
  email: safeString().pipe(z.email('Enter an email address.').max(200)).transform((s) => s.toLowerCase()),
  name: safeString().trim().min(1, 'Enter a name.').max(120),
  role: z.enum(ROLES),
  // Empty: a one-time password is generated and shown once.
  password: z.union([z.literal(''), safeString().min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`).max(PASSWORD_MAX)]),
});

export const changeRoleSchema = z.object({ userId: safeString().min(1).max(64), role: z.enum(ROLES) });
export const setDisabledSchema = z.object({ userId: safeString().min(1).max(64), disabled: z.enum(['true', 'false']).transform((v) => v === 'true') });
