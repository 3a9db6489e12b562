// The one result shape of every server action: forms show `error` and the
// per-field messages next to their fields, and keep what the user typed.
import type { z } from 'zod';

export type ActionResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined>; values?: Record<string, string> };

/**
 * A validation failure. `values` echoes what was submitted: React resets a form
 * after its action runs, back to the fields' defaultValue, so forms use these
 * as defaultValue and nothing typed is lost. Never echo passwords.
 */
export function invalid(
  error: z.ZodError,
  values?: Record<string, string>,
): { ok: false; error: string; fieldErrors: Record<string, string[] | undefined>; values?: Record<string, string> } {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors, values };
}

/** FormData as a plain object of strings, for zod. Files and repeated keys are not used by these forms. */
export function formFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value;
  return out;
}
