import { z } from 'zod';
// From the protocol, not agent/config.ts: that module reads files at paths built
// from process.cwd(), which makes Turbopack trace the whole project into the app.
import { MIN_SECRET_LENGTH } from '@/agent/protocol';
import { addressProblem, classifyHost, defaultEgressPolicy } from '@/lib/agents/address';
import { safeString } from '@/lib/validation/text';

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

const secretSchema = safeString()
  .min(MIN_SECRET_LENGTH, `The agent secret has at least ${MIN_SECRET_LENGTH} characters.`)
  .max(SECRET_MAX)
  .regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces.');

export const createHostSchema = z.object({
  name: hostNameSchema,
  role: hostRoleSchema,
  agentUrl: agentUrlSchema,
  secret: secretSchema,
});
export const hostIdSchema = z.object({ hostId: safeString().min(1).max(64) });
export const setHostDisabledSchema = hostIdSchema.extend({ disabled: z.enum(['true', 'false']).transform((v) => v === 'true') });
export const updateHostSchema = hostIdSchema.extend({
  role: hostRoleSchema,
  agentUrl: agentUrlSchema,
  // Empty keeps the stored secret.
  secret: z.union([z.literal(''), secretSchema]),
});
