// The one result shape of every server action: forms show `error` and the
// per-field messages next to their fields, and keep what the user typed.
// Built by lib/actions/pipeline.ts; handlers return it too.
import type { z } from 'zod';

export type FieldErrors = Record<string, string[] | undefined>;

/**
 * A refusal or failure. `values` echoes what was submitted (never passwords or
 * secrets): React resets a form after its action runs, back to the fields'
 * defaultValue, so forms use these as defaultValue and nothing typed is lost.
 * `E` adds a typed payload a form needs to recover, e.g. the save conflict.
 */
export type ActionFailure<E extends object = object> = {
  ok: false;
  error: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
  /** 401 / 403 when refused for who is calling, 500 when the handler broke. */
  status?: number;
} & Partial<E>;

export type ActionResult<T extends object = object, E extends object = object> = ({ ok: true } & T) | ActionFailure<E>;

export const CORRECT_FIELDS = 'Please correct the highlighted fields.';

/**
 * The one zod-to-field-errors function, on the server and in the browser:
 * messages keyed by dotted path ("timeline.0.text"), "_" for the whole input.
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.map(String).join('.') || '_'] ??= []).push(issue.message);
  return out;
}

/**
 * A validation failure. An issue about the whole input has no field to sit
 * next to, so its message becomes the error line itself.
 */
export function invalid(error: z.ZodError, values?: Record<string, string>): ActionFailure & { fieldErrors: FieldErrors } {
  const fieldErrors = fieldErrorsOf(error);
  const whole = Object.keys(fieldErrors).length === 1 ? fieldErrors._?.[0] : undefined;
  return { ok: false, error: whole ?? CORRECT_FIELDS, fieldErrors, ...(values ? { values } : {}) };
}

/** One field's error, for refusals found after validation (a taken name, an unknown reference). */
export function fieldError(
  field: string,
  message: string,
  values?: Record<string, string>,
): ActionFailure & { fieldErrors: FieldErrors } {
  return { ok: false, error: CORRECT_FIELDS, fieldErrors: { [field]: [message] }, ...(values ? { values } : {}) };
}

/** FormData as a plain object of strings, for zod. Files and repeated keys are not used by these forms. */
export function formFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value;
  return out;
}

/** Field names whose values never travel back to the browser. */
const NEVER_ECHOED = /pass(word)?|secret|token/i;

/** What a failed form gets back to refill its fields. */
export function echoValues(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !NEVER_ECHOED.test(key)));
}
