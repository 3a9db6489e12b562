import { z } from 'zod';
// From the protocol, not agent/config.ts: that module reads files at paths built
// from process.cwd(), which makes Turbopack trace the whole project into the app.
import { MIN_SECRET_LENGTH } from '@/agent/protocol';

/** Longest agent secret accepted: a pasted key, not a document. */
export const SECRET_MAX = 256;

export const hostNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a host name.')
  .max(80)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dots, dashes and underscores.');

export const hostRoleSchema = z
  .string()
  .trim()
  .min(1, 'Enter a role, e.g. director.')
  .max(40)
  .regex(/^[a-z][a-z0-9-]*$/, 'Lowercase letters, digits and dashes, e.g. director.');

// An agent is an HTTP(S) base URL without credentials, query or fragment: the
// path of each call is appended and signed.
export const agentUrlSchema = z
  .url({ protocol: /^https?$/, message: 'Enter the agent URL, e.g. http://10.0.0.5:7070' })
  .max(300)
  .refine((u) => {
    const url = new URL(u);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'No user, password, query or fragment in the agent URL.')
  .transform((u) => u.replace(/\/+$/, ''));

const secretSchema = z
  .string()
  .min(MIN_SECRET_LENGTH, `The agent secret has at least ${MIN_SECRET_LENGTH} characters.`)
  .max(SECRET_MAX)
  .regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces.');

export const createHostSchema = z.object({ name: hostNameSchema, role: hostRoleSchema, agentUrl: agentUrlSchema, secret: secretSchema });
export const hostIdSchema = z.object({ hostId: z.string().min(1).max(64) });
export const setHostDisabledSchema = hostIdSchema.extend({ disabled: z.enum(['true', 'false']).transform((v) => v === 'true') });
export const updateHostSchema = hostIdSchema.extend({
  role: hostRoleSchema,
  agentUrl: agentUrlSchema,
  // Empty keeps the stored secret.
  secret: z.union([z.literal(''), secretSchema]),
});
