// Text that people type or send: one rule for every zod input schema, and one
// escaping for text we must keep whatever it holds (a check's output).
//
// Why: PostgreSQL refuses NUL in text ("invalid byte sequence"), so a NUL that
// reaches a query turns a typo into a 500 or a lost write; other C0 controls
// (ESC, BEL, backspace) are invisible in the page and can hide or rewrite text in
// a terminal that shows it later. A lone UTF-16 surrogate is not a character at
// all: it cannot be encoded as UTF-8 and would be stored as U+FFFD, silently.
import { z } from 'zod';

// C0 controls and DEL, except tab and newline (carriage returns are normalised first).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

/** "\r\n" and a lone "\r" become "\n": one line ending in everything we store. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Why the text cannot be accepted, naming the first bad character and its
 * 1-based position; null when it is fine. Call after normalizeNewlines.
 */
export function unsafeTextProblem(text: string): string | null {
  const control = CONTROL.exec(text);
  const surrogate = LONE_SURROGATE.exec(text);
  if (control && (!surrogate || control.index < surrogate.index)) {
    return `Contains a control character (U+${hex(control[0].charCodeAt(0))}) at position ${control.index + 1}; remove it.`;
  }
  if (surrogate) {
    return `Contains an invalid character (unpaired surrogate U+${hex(surrogate[0].charCodeAt(0))}) at position ${surrogate.index + 1}; remove it.`;
  }
  return null;
}

/**
 * A string schema for any user-facing text field: line endings normalised to
 * "\n", NUL and other control characters (but tab and newline) and lone
 * surrogates refused with a field error. Still a ZodString: chain .trim(),
 * .min(), .max(), .regex() as usual.
 */
export function safeString(params?: Parameters<typeof z.string>[0]) {
  return z
    .string(params)
    .overwrite(normalizeNewlines)
    .superRefine((value, ctx) => {
      const problem = unsafeTextProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    });
}

/** Required one-field text: trimmed, at least one character, at most `max`. */
export const safeText = (max: number, required = 'Required.') =>
  safeString().trim().min(1, required).max(max, `At most ${max} characters.`);

const ESCAPE_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const ESCAPE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text we must keep whatever bytes it holds (a command's stdout and stderr):
 * control characters other than tab and newline become visible `\xNN` escapes,
 * "\r\n" becomes "\n" and a lone "\r" is shown as `\x0D`, and lone surrogates
 * become U+FFFD. The result is storable in PostgreSQL and readable in a page.
 */
export function escapeControlChars(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(ESCAPE_CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(ESCAPE_SURROGATE, '\uFFFD');
}
