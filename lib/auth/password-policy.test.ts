import { describe, expect, it } from 'vitest';
import { createUserSchema } from '@/lib/users/schema';
import { passwordProblem } from './password-policy';

const email = 'jane.doe@example.com';

describe('password policy', () => {
  it('accepts a long, unusual password', () => {
    expect(passwordProblem('violet tugboat arrives slowly', email)).toBeNull();
    expect(passwordProblem('Xk7#pQ2!vL9@', email)).toBeNull();
  });

  it.each([
    ['short', 'Tr0ub4dor&3'],
    ['common', 'password1234'],
    ['common, decorated', 'Password2026!'],
    ['common, glued', 'monkeydragon1'],
    ['keyboard walk', 'qwertyuiop12'],
    ['digits in a row', '123456789012'],
    ['one character', 'aaaaaaaaaaaaaa'],
    ['repeated piece', 'abcabcabcabc'],
    ['the email', 'jane.doe@example.com!'],
    ['the local part', 'xyz-JANE.DOE-xyz'],
    ['a name in the email', 'itsme-doe-4471'],
  ])('refuses %s', (_why, password) => {
    expect(passwordProblem(password, email)).not.toBeNull();
  });

  it('is the rule of the admin user form too', () => {
    const parsed = createUserSchema.safeParse({ email, name: 'Jane', role: 'viewer', password: 'Password2026!' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['password']);
    expect(createUserSchema.safeParse({ email, name: 'Jane', role: 'viewer', password: '' }).success).toBe(true);
  });
});
