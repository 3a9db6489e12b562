// The one rule for every new password, wherever it is set: the first admin
// (ADMIN_PASSWORD), an admin creating a user, and Better Auth's change-password
// endpoint (through a before-hook in create-auth.ts). Server-only: the common
// password list stays out of browser bundles.
import { z } from 'zod';
import { COMMON_PASSWORDS } from './common-passwords';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-limits';
/** Shorter fragments of an email ("jo" of jo@x.y) occur in good passwords by chance. */
const MIN_EMAIL_PART = 3;

const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
];

/** A run of one character, or a piece of the alphabet / digits / keyboard rows, forwards or backwards, repeated. */
function isWalkOrRepeat(p: string): boolean {
  if (new Set(p).size <= 2) return true;
  for (let period = 1; period <= p.length / 2; period++) {
    if (p.length % period === 0 && p.slice(0, period).repeat(p.length / period) === p) return true;
  }
  const doubled = SEQUENCES.flatMap((s) => [s + s, [...(s + s)].reverse().join('')]);
  return doubled.some((s) => s.includes(p));
}

/** "Password2026!" is "password" with decoration: strip digits and symbols at both ends and look again. */
function isCommon(p: string): boolean {
  if (COMMON_PASSWORDS.has(p)) return true;
  const core = p.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
  if (core.length >= 3 && COMMON_PASSWORDS.has(core)) return true;
  // Two common words glued ("monkeymonkey", "iloveyoupassword").
  for (let i = 3; i <= core.length - 3; i++)
    if (COMMON_PASSWORDS.has(core.slice(0, i)) && COMMON_PASSWORDS.has(core.slice(i))) return true;
  return isWalkOrRepeat(p) || (core.length >= 4 && isWalkOrRepeat(core));
}

function containsEmail(p: string, email: string): boolean {
  const e = email.trim().toLowerCase();
  const local = e.split('@')[0] ?? '';
  const parts = [e, local, ...local.split(/[._+-]+/)].filter((part) => part.length >= MIN_EMAIL_PART);
  return parts.some((part) => p.includes(part));
}

/** The schema for a new password of the account `email`. */
export function newPasswordSchema(email: string) {
  return z
    .string()
    .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`)
    .max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`)
    .superRefine((password, ctx) => {
      const p = password.toLowerCase();
      if (containsEmail(p, email))
        ctx.addIssue({ code: 'custom', message: 'The password must not contain your email address or its name part.' });
      else if (isCommon(p))
        ctx.addIssue({
          code: 'custom',
          message: 'This password is among the most common ones; choose a less guessable one (a few unrelated words work well).',
        });
    });
}

/** The first problem with `password`, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  const result = newPasswordSchema(email).safeParse(password);
  return result.success ? null : result.error.issues[0]!.message;
}
