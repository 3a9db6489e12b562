import { z } from 'zod';
import { newPasswordSchema } from '@/lib/auth/password-policy';
import { ROLES } from '@/lib/auth/roles';
import { safeString } from '@/lib/validation/text';

export const createUserSchema = z
  .object({
    email: safeString()
      .pipe(z.email('Enter an email address.').max(200))
      .transform((s) => s.toLowerCase()),
    name: safeString().trim().min(1, 'Enter a name.').max(120),
    role: z.enum(ROLES),
    // Empty: a one-time password is generated and shown once.
    password: safeString(),
  })
  .superRefine((value, ctx) => {
    if (value.password === '') return;
    const checked = newPasswordSchema(value.email).safeParse(value.password);
    for (const issue of checked.error?.issues ?? []) ctx.addIssue({ code: 'custom', path: ['password'], message: issue.message });
  });

export const changeRoleSchema = z.object({ userId: safeString().min(1).max(64), role: z.enum(ROLES) });
export const setDisabledSchema = z.object({
  userId: safeString().min(1).max(64),
  disabled: z.enum(['true', 'false']).transform((v) => v === 'true'),
});
