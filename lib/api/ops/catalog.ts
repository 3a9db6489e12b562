// Runbooks, the check catalog and check runs in the JSON API.
import { z } from 'zod';
import { MAX_PARAM_LENGTH, PARAM_NAME } from '@/agent/argv';
import { approvalReason } from '@/lib/approvals/schema';
import { FANOUT_MAX_HOSTS } from '@/lib/checks/launch-rules';
import { slugSchema } from '@/lib/content/schema';
import { CheckRunStatus, Severity } from '@/lib/generated/prisma/enums';
import { safeString } from '@/lib/validation/text';
import { operation } from '../operation';
import { slugParams } from './incidents';

const pageUrl = z.string().meta({ description: 'The page on this site, relative, e.g. /runbooks/<slug>.' });

export const runbookListItem = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  services: z.array(z.string()),
  tags: z.array(z.string()),
  incidentCount: z.number().int().meta({ description: 'Published incidents that link to it.' }),
  url: pageUrl,
});

export const runbookResponse = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  owner: z.string().nullable(),
  reviewedAt: z.iso.date().nullable(),
  services: z.array(z.string()),
  tags: z.array(z.string()),
  markdown: z.string().meta({ description: 'The body as written.' }),
  html: z.string().meta({ description: 'The body rendered and sanitized when it was saved (what the page shows).' }),
  incidents: z.array(
    z.object({ slug: z.string(), title: z.string(), severity: z.enum(Severity), startedAt: z.iso.datetime(), url: pageUrl }),
  ),
  url: pageUrl,
});

export const checkItem = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string().meta({ description: 'Markdown.' }),
  argv: z.array(z.string()).meta({ description: 'The argv template; {name} fills a whole argument from params.' }),
  params: z.array(
    z.object({ name: z.string(), pattern: z.string(), description: z.string().optional(), example: z.string().optional() }),
  ),
  expectation: z.string().meta({ description: 'When the check passes, in words.' }),
  readOnly: z.boolean().meta({ description: 'False: it changes the host, and can be launched only with approval.' }),
  approvalRequired: z.boolean().meta({ description: "A launch waits for a second person's approval (/api/v1/approvals)." }),
  timeoutMs: z.number().int(),
  targetRole: z.string().nullable().meta({ description: 'The host role it usually runs on.' }),
});

/** Host ids as the registry makes them. */
const hostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i, 'not a host id');

export const launchBody = z
  .object({
    check: slugSchema.meta({ description: 'The catalog slug.' }),
    hostIds: z
      .array(hostId)
      .min(1)
      .max(FANOUT_MAX_HOSTS)
      .optional()
      .meta({ description: 'The hosts, in order: the first is the diff baseline.' }),
    role: safeString()
      .trim()
      .min(1)
      .max(80)
      .optional()
      .meta({ description: 'Instead of hostIds: every enabled host of this role.' }),
    params: z.record(z.string().regex(PARAM_NAME, 'not a parameter name'), safeString().max(MAX_PARAM_LENGTH * 4)).default({}),
    incidentSlug: slugSchema.optional().meta({
      description: 'Link the runs to this incident as evidence; an author adds them to its timeline with "Attach to timeline".',
    }),
    reason: approvalReason
      .optional()
      .meta({ description: 'Why it should run; required for an approval-required check, shown to the approver.' }),
  })
  .strict()
  .refine((b) => (b.hostIds ? 1 : 0) + (b.role ? 1 : 0) === 1, { message: 'Give either hostIds or role.', path: ['hostIds'] });

export const launchResponse = z.object({
  batchId: z.uuid(),
  runs: z.array(z.object({ id: z.string(), hostId: z.string(), status: z.enum(CheckRunStatus) })),
  approvalId: z.string().optional().meta({
    description: 'Set for an approval-required check: its runs wait in awaiting_approval until a second person decides.',
  }),
  expiresAt: z.iso
    .datetime()
    .optional()
    .meta({ description: 'When an unanswered approval request lapses (its runs are cancelled).' }),
});

export const runView = z.object({
  id: z.string(),
  batchId: z.string().nullable(),
  status: z.enum(CheckRunStatus),
  checkSlug: z.string(),
  checkTitle: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  argv: z.array(z.string()),
  params: z.record(z.string(), z.string()),
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  stdoutTruncated: z.boolean(),
  stderrTruncated: z.boolean(),
  verdict: z.string().nullable(),
  message: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  requestedBy: z.string().nullable(),
  incidentSlug: z
    .string()
    .nullable()
    .meta({ description: 'Null when the run is evidence for nothing, or for a draft the caller may not see.' }),
  forDraftIncident: z.boolean(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export const batchParams = z.object({ batchId: z.uuid('batchId must be a launch id') }).strict();

export const listRunbooksOp = operation({
  id: 'runbook.list',
  method: 'GET',
  path: '/api/v1/runbooks',
  tag: 'Runbooks',
  summary: 'List runbooks by title',
  access: 'reader',
  responses: { 200: { description: 'Every runbook.', schema: z.object({ items: z.array(runbookListItem) }) } },
});

export const getRunbookOp = operation({
  id: 'runbook.get',
  method: 'GET',
  path: '/api/v1/runbooks/{slug}',
  tag: 'Runbooks',
  summary: 'One runbook: markdown and sanitized HTML',
  access: 'reader',
  params: slugParams,
  responses: { 200: { description: 'The runbook.', schema: runbookResponse } },
  errors: { 404: 'No such runbook.' },
});

export const listChecksOp = operation({
  id: 'check.list',
  method: 'GET',
  path: '/api/v1/checks',
  tag: 'Checks',
  summary: 'The check catalog',
  access: 'reader',
  responses: { 200: { description: 'Every check.', schema: z.object({ items: z.array(checkItem) }) } },
});

export const launchCheckOp = operation({
  id: 'check.launch',
  method: 'POST',
  path: '/api/v1/check-runs',
  tag: 'Checks',
  summary: 'Launch a check on hosts',
  description:
    'Queues one run per host and answers at once; follow the runs at /api/v1/check-runs/{batchId}. Audited as check.launch. ' +
    'An approval-required check (one that changes the host) needs `reason`: its runs wait in `awaiting_approval`, ' +
    'the answer carries `approvalId`, and a different operator decides with /api/v1/approvals/{id}/approve or /reject.',
  access: 'operator',
  body: launchBody,
  responses: { 202: { description: 'Queued.', schema: launchResponse } },
  errors: { 413: 'The body is larger than 3 MB.' },
});

export const getCheckRunsOp = operation({
  id: 'check.runs',
  method: 'GET',
  path: '/api/v1/check-runs/{batchId}',
  tag: 'Checks',
  summary: 'The runs of one launch',
  description:
    "Output, verdict and status of each host's run, in the order the hosts were given. Poll until every status is final.",
  access: 'reader',
  params: batchParams,
  responses: { 200: { description: 'The runs.', schema: z.object({ batchId: z.uuid(), runs: z.array(runView) }) } },
  errors: { 404: 'No such launch.' },
});

export const checkRunEventsOp = operation({
  id: 'check.events',
  method: 'GET',
  path: '/api/v1/check-runs/{batchId}/events',
  tag: 'Checks',
  summary: 'The runs of one launch as a live stream (Server-Sent Events)',
  description:
    '`text/event-stream`: a `snapshot` event with every run, then `run` events carrying status changes and only the new output, then `done` when every run is final; a comment line every 15 s keeps it open. Any app instance serves any launch (PostgreSQL LISTEN/NOTIFY). 503 when this server serves too many streams: poll GET /api/v1/check-runs/{batchId} then.',
  access: 'reader',
  params: batchParams,
  responses: { 200: { description: 'The event stream (text/event-stream).', schema: z.string() } },
  errors: { 404: 'No such launch.' },
});
