// The MCP tools' inputs, validated by the SDK with these zod schemas before a
// tool runs (a bad argument is an isError result naming the field) and
// published to clients as JSON Schema by tools/list. Limits are the app's own:
// the same slug, search and launch rules as the pages and the JSON routes.
import { z } from 'zod';
import { MAX_PARAM_LENGTH, PARAM_NAME } from '@/agent/argv';
import { FANOUT_MAX_HOSTS } from '@/lib/checks/launch-rules';
import { slugSchema } from '@/lib/content/schema';
import { Severity } from '@/lib/generated/prisma/enums';
import { hostRoleSchema } from '@/lib/hosts/schema';
import { FREE_TEXT_MAX } from '@/lib/search/free-text';
import { SEARCH_QUERY_MAX } from '@/lib/search/schema';
import { safeString } from '@/lib/validation/text';

/** Results per tool call at most: an assistant's context is small, and a page link says where the rest is. */
export const MCP_RESULTS_MAX = 20;
export const SEARCH_RESULTS_DEFAULT = 10;
export const SIMILAR_RESULTS_DEFAULT = 5;

const limit = (fallback: number) =>
  z.number().int().min(1).max(MCP_RESULTS_MAX).default(fallback).describe(`How many results, 1-${MCP_RESULTS_MAX}.`);

const hostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i, 'not a host id');

export const searchIncidentsInput = z
  .object({
    query: safeString()
      .trim()
      .min(1, 'query must not be empty')
      .max(SEARCH_QUERY_MAX)
      .describe('Words to find, e.g. a symptom or a command: "ip neigh FAILED gateway". "quoted phrase", -exclude.'),
    limit: limit(SEARCH_RESULTS_DEFAULT),
    service: safeString().trim().min(1).max(100).optional().describe('Only incidents of this service.'),
    severity: z.enum(Severity).optional().describe('Only incidents of this severity.'),
    includeRunbooks: z.boolean().default(false).describe('Also return matching runbooks.'),
  })
  .strict();

export const slugInput = z.object({ slug: slugSchema.describe('The slug, e.g. from search_incidents.') }).strict();

export const findSimilarInput = z
  .object({
    text: safeString()
      .trim()
      .min(1, 'text must not be empty')
      .max(FREE_TEXT_MAX)
      .describe('Free text: an alert (name, summary, labels), a log line, a description of what is seen.'),
    limit: limit(SIMILAR_RESULTS_DEFAULT),
  })
  .strict();

export const listChecksInput = z.object({}).strict();

export const launchCheckInput = z
  .object({
    check: slugSchema.describe('A check slug from list_checks.'),
    hostIds: z
      .array(hostId)
      .min(1)
      .max(FANOUT_MAX_HOSTS)
      .optional()
      .describe('Hosts to run on (ids from list_checks). Give hostIds or role.'),
    role: hostRoleSchema.optional().describe('Run on every enabled host of this role, e.g. director.'),
    params: z
      .record(z.string().regex(PARAM_NAME, 'not a parameter name'), safeString().max(MAX_PARAM_LENGTH))
      .default({})
      .describe("The check's parameters by name; each must match the pattern list_checks shows."),
    incidentSlug: slugSchema.optional().describe('Record the runs as evidence on this incident.'),
  })
  .strict()
  .refine((v) => (v.hostIds === undefined) !== (v.role === undefined), {
    message: 'Give either hostIds or role, not both.',
    path: ['hostIds'],
  });

export const getCheckRunInput = z
  .object({ batchId: z.uuid('batchId must be a launch id').describe('From launch_check.') })
  .strict();

export type SearchIncidentsInput = z.output<typeof searchIncidentsInput>;
export type FindSimilarInput = z.output<typeof findSimilarInput>;
export type LaunchCheckInput = z.output<typeof launchCheckInput>;
