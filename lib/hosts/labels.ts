// Host labels beyond the role (issue 15, item 4; decision 033): a flat map of
// key -> value, written as `site=par1,tier=edge` in forms, inventory files and
// launch selectors. Plain TypeScript (no zod) so a client component can use it too.

/** Labels per host: enough for site, rack, tier, kernel, owner...; not a key-value store. */
export const HOST_LABELS_MAX = 16;
/** Longest key or value: the length of a DNS label, which is what most of them are. */
export const LABEL_PART_MAX = 63;
/** Longest `k=v,...` text: the most labels at their longest, with separators. */
export const LABELS_TEXT_MAX = HOST_LABELS_MAX * (2 * LABEL_PART_MAX + 2);

/** Lowercase letters, digits, dot, dash, underscore; starting with a letter or digit. */
const LABEL_PART = /^[a-z0-9][a-z0-9._-]*$/;

export type HostLabels = Record<string, string>;
export type LabelsResult = { ok: true; labels: HostLabels } | { ok: false; error: string };

/** Why one key or value is refused, or null. Never echoes more than the bounded part. */
function partProblem(kind: 'key' | 'value', part: string): string | null {
  if (!part) return `A label ${kind} is empty.`;
  if (part.length > LABEL_PART_MAX) return `A label ${kind} is longer than ${LABEL_PART_MAX} characters.`;
  if (!LABEL_PART.test(part))
    return `The label ${kind} "${part}" may hold only lowercase letters, digits, dots, dashes and underscores, starting with a letter or digit.`;
  return null;
}

/** Checks a map (from YAML or JSON). */
export function checkLabels(input: unknown): LabelsResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, error: 'Labels are a map of key to value.' };
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > HOST_LABELS_MAX) return { ok: false, error: `At most ${HOST_LABELS_MAX} labels per host.` };
  const labels: HostLabels = {};
  for (const [key, raw] of entries) {
    // Checked before it is used as a key: the pattern refuses __proto__ and the like.
    // YAML reads `tier: 2` as a number and `canary: true` as a boolean; both are plain label values.
    const value = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
    if (typeof value !== 'string') return { ok: false, error: `The label "${key.slice(0, LABEL_PART_MAX)}" needs a text value.` };
    const problem = partProblem('key', key) ?? partProblem('value', value);
    if (problem) return { ok: false, error: problem };
    labels[key] = value;
  }
  return { ok: true, labels };
}

/** Parses `site=par1,tier=edge` ('' is no labels). A key given twice is refused, not silently overwritten. */
export function parseLabels(text: string): LabelsResult {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, labels: {} };
  if (trimmed.length > LABELS_TEXT_MAX) return { ok: false, error: `Labels are at most ${LABELS_TEXT_MAX} characters.` };
  // A Map, not an object literal: a key such as __proto__ must reach the check, not vanish.
  const map = new Map<string, string>();
  for (const pair of trimmed.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0) return { ok: false, error: 'Write labels as key=value, separated by commas, e.g. site=par1,tier=edge.' };
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (map.has(key)) return { ok: false, error: `The label "${key.slice(0, LABEL_PART_MAX)}" is given twice.` };
    map.set(key, value);
  }
  return checkLabels(Object.fromEntries(map));
}

/** The text form, keys sorted, so equal maps print equal. */
export function formatLabels(labels: HostLabels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

/** The labels stored in a row's jsonb column; anything that is not a valid map reads as none. */
export function storedLabels(value: unknown): HostLabels {
  const checked = checkLabels(value);
  return checked.ok ? checked.labels : {};
}

export function sameLabels(a: HostLabels, b: HostLabels): boolean {
  return formatLabels(a) === formatLabels(b);
}

/** Whether a host's labels include every label of the selector (what `labels @> selector` says in SQL). */
export function hasLabels(labels: HostLabels, selector: HostLabels): boolean {
  return Object.entries(selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}
