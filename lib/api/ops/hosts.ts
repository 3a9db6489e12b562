// The host registry in the JSON API (admins). Secrets go in and never come back out.
import { z } from 'zod';
import { createHostSchema, SECRET_MAX, agentUrlSchema, hostRoleSchema } from '@/lib/hosts/schema';
import { operation } from '../operation';

/** Hosts one POST may register: a rack at a time, not an inventory dump. */
export const HOSTS_PER_POST_MAX = 100;

export const hostIdParams = z
  .object({
    id: z
      .string()
      .max(64)
      .regex(/^[a-z0-9]+$/i, 'not a host id'),
  })
  .strict();

const newHost = createHostSchema.strict();

export const createHostsBody = z.union([
  newHost,
  z
    .array(newHost)
    .min(1, 'Send at least one host.')
    .max(HOSTS_PER_POST_MAX, `At most ${HOSTS_PER_POST_MAX} hosts per request.`)
    .refine((hosts) => new Set(hosts.map((h) => h.name)).size === hosts.length, 'A host name is listed twice.'),
]);

export const patchHostBody = z
  .object({
    role: hostRoleSchema.optional(),
    agentUrl: agentUrlSchema.optional(),
    secret: createHostSchema.shape.secret
      .optional()
      .meta({ description: `The new agent secret (at most ${SECRET_MAX} characters).` }),
    disabled: z.boolean().optional().meta({ description: 'A disabled host is kept (with its runs) but cannot be launched on.' }),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field to change.');

export const hostItem = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  agentUrl: z.string(),
  disabled: z.boolean(),
  runCount: z.number().int().optional().meta({ description: 'Runs kept as evidence; a host with runs cannot be deleted.' }),
});

export const listHostsOp = operation({
  id: 'host.list',
  method: 'GET',
  path: '/api/v1/hosts',
  tag: 'Hosts',
  summary: 'The registered hosts',
  description: 'Never includes the agent secrets.',
  access: 'admin',
  responses: { 200: { description: 'Every host.', schema: z.object({ items: z.array(hostItem) }) } },
});

export const createHostsOp = operation({
  id: 'host.create',
  method: 'POST',
  path: '/api/v1/hosts',
  tag: 'Hosts',
  summary: 'Register one host or several',
  description:
    'Send one host object, or an array of them: all are registered or none. The answer has the same shape: one host, or `{ items }`.',
  access: 'admin',
  body: createHostsBody,
  responses: {
    201: { description: 'Registered.', schema: z.union([hostItem, z.object({ items: z.array(hostItem) })]) },
  },
  errors: { 409: 'A host with one of these names exists.', 413: 'The body is larger than 3 MB.' },
});

export const patchHostOp = operation({
  id: 'host.update',
  method: 'PATCH',
  path: '/api/v1/hosts/{id}',
  tag: 'Hosts',
  summary: 'Change a host',
  description: 'Only the fields sent change. The name is permanent.',
  access: 'admin',
  params: hostIdParams,
  body: patchHostBody,
  responses: { 200: { description: 'The host as it is now.', schema: hostItem } },
  errors: { 404: 'No such host.' },
});

export const deleteHostOp = operation({
  id: 'host.delete',
  method: 'DELETE',
  path: '/api/v1/hosts/{id}',
  tag: 'Hosts',
  summary: 'Remove a host without runs',
  description: 'Runs are evidence and keep their host: a host with runs is 409; disable it instead.',
  access: 'admin',
  params: hostIdParams,
  responses: { 204: { description: 'Removed.' } },
  errors: { 404: 'No such host.', 409: 'The host has runs.' },
});
