// What the app stores and shows about an agent failure is its own short sentence,
// never text copied from the agent's answer: a hostile or misconfigured endpoint
// must not be able to write into run pages (markup, terminal escapes, pages of an
// internal service's error body).

/** Longest stored failure sentence: one line on a run page. */
export const REASON_MAX = 200;

// C0 and C1 controls, DEL, and Unicode bidi/format controls that reorder or hide text.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+/g;

/** One line, no control characters, at most `max` characters (an ellipsis marks a cut). */
export function shortReason(text: string, max = REASON_MAX): string {
  const line = text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  return `${line.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

/** A protocol identifier (an error code, a parameter name) safe to quote, or null. */
export function safeIdentifier(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/.test(value) ? value : null;
}
