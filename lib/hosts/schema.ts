import { z } from 'zod';
// From the protocol, not agent/config.ts: that module reads files at paths built
// from process.cwd(), which makes Turbopack trace the whole project into the app.
import { MIN_SECRET_LENGTH } from '@/agent/protocol';
import { addressProblem, classifyHost, defaultEgressPolicy } from '@/lib/agents/address';
import { safeString } from '@/lib/validation/text';
import { LABELS_TEXT_MAX, parseLabels, type HostLabels } from './labels';

/** Largest inventory file: 1,000 hosts take about 150 KB; room for long labels, under the 4 MB action body limit. */
export const INVENTORY_MAX_BYTES = 1_000_000;

/** Longest agent secret accepted: a pasted key, not a document. */
export const SECRET_MAX = 256;

export const hostNameSchema = safeString()
  .trim()
  .min(1, 'Enter a host name.')
  .max(80)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dots, dashes and underscores.');

export const hostRoleSchema = safeString()
  .trim()
  .min(1, 'Enter a role, e.g. director.')
  .max(40)
  .regex(/^[a-z][a-z0-9-]*$/, 'Lowercase letters, digits and dashes, e.g. director.');

/** URL.parse needs Node 20.18; the engines field allows 20.9. */
function parseUrl(u: string): URL | null {
  try {
    return new URL(u);
  } catch {
    return null;
  }
}

// An agent is an HTTP(S) base URL without credentials, query or fragment: the
// path of each call is appended and signed.
// The text check comes first: URL parsing would percent-encode a control character.
export const agentUrlSchema = safeString()
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter the agent URL, e.g. http://10.0.0.5:7070' }).max(300))
  // zod runs refinements even after the URL check failed: parse defensively.
  .refine((u) => {
    const url = parseUrl(u);
    return !url || (!url.username && !url.password && !url.search && !url.hash);
  }, 'No user, password, query or fragment in the agent URL.')
  // The same rule the app applies again to every resolved address when it calls
  // the agent (lib/agents/egress.ts). URL parsing has already turned spellings
  // such as http://2852039166/ or http://0xA9FEA9FE/ into dotted form.
  .superRefine((u, ctx) => {
    const url = parseUrl(u);
    const problem = url && addressProblem(classifyHost(url.hostname), defaultEgressPolicy());
    if (problem) ctx.addIssue({ code: 'custom', message: `This agent address is not allowed: ${problem}.` });
  })
  .transform((u) => u.replace(/\/+$/, ''));

export const secretSchema = safeString()
  .min(MIN_SECRET_LENGTH, `The agent secret has at least ${MIN_SECRET_LENGTH} characters.`)
  .max(SECRET_MAX)
  .regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces.');

/** `site=par1,tier=edge` as a map; '' is no labels. */
export const labelsTextSchema = safeString()
  .max(LABELS_TEXT_MAX)
  .transform((text, ctx): HostLabels => {
    const parsed = parseLabels(text);
    if (parsed.ok) return parsed.labels;
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  });

/** A launch's label selector: the same syntax, at least one label; a host must carry every one. */
export const labelSelectorSchema = labelsTextSchema.refine(
  (labels) => Object.keys(labels).length > 0,
  'Give at least one label, e.g. site=par1,tier=edge.',
);

export const createHostSchema = z.object({
  name: hostNameSchema,
  role: hostRoleSchema,
  agentUrl: agentUrlSchema,
  secret: secretSchema,
  labels: labelsTextSchema.default({}),
});
export const hostIdSchema = z.object({ hostId: safeString().min(1).max(64) });
export const setHostDisabledSchema = hostIdSchema.extend({ disabled: z.enum(['true', 'false']).transform((v) => v === 'true') });
export const updateHostSchema = hostIdSchema.extend({
  role: hostRoleSchema,
  agentUrl: agentUrlSchema,
  // Empty keeps the stored secret.
  secret: z.union([z.literal(''), secretSchema]),
  // Absent keeps the stored labels; '' clears them.
  labels: labelsTextSchema.optional(),
});
export const rotateSecretSchema = hostIdSchema.extend({
  // Empty: the app generates one (the usual case); else the admin's own, e.g. from a vault.
  secret: z.union([z.literal(''), secretSchema]).default(''),
});

/** An inventory pasted or read from a file by the browser (the page reads an upload into the text). */
export const importInventorySchema = z.object({
  text: safeString()
    .min(1, 'Paste an inventory or choose a file.')
    .max(INVENTORY_MAX_BYTES, `The inventory is larger than ${INVENTORY_MAX_BYTES / 1_000_000} MB; split it.`),
  format: z.enum(['yaml', 'csv'], 'Choose YAML or CSV.'),
});
