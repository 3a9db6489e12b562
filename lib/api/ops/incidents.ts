// The incident operations of the JSON API. The body of POST and PUT and the
// answer of GET one are the content format's document (lib/content/schema.ts):
// the front-matter fields under their own names and the markdown as `narrative`.
import { z } from 'zod';
import { checkIncidentDocument, incidentDocumentFields, slugSchema } from '@/lib/content/schema';
import { IncidentStatus, Severity } from '@/lib/generated/prisma/enums';
import { QUERY_MAX } from '@/lib/incidents/schema';
import { safeString } from '@/lib/validation/text';
import { operation } from '../operation';
import { limitSchema } from '../schemas';

/** Rows per page unless `limit` says otherwise. */
export const INCIDENT_PAGE_DEFAULT = 20;
/** Most rows one page may ask for: enough for a script, small enough for one response. */
export const INCIDENT_PAGE_MAX = 100;
/** An opaque cursor is about 80 characters; anything much longer is not one of ours. */
const CURSOR_MAX = 200;

const label = (what: string) => safeString().trim().min(1, `${what} must not be empty`).max(100).optional();

export const incidentListQuery = z
  .object({
    q: safeString().trim().min(1, 'q must not be empty').max(QUERY_MAX).optional().meta({
      description: 'Words that must each appear in the title, summary or a symptom.',
    }),
    service: label('service').meta({ description: 'Exact service name.' }),
    tag: label('tag').meta({ description: 'Exact tag.' }),
    severity: z.enum(Severity).optional(),
    status: z.enum(IncidentStatus).optional(),
    draft: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .meta({
        description: 'Only drafts (true) or only published incidents (false); drafts are listed only for authors and above.',
      }),
    limit: limitSchema(INCIDENT_PAGE_MAX, INCIDENT_PAGE_DEFAULT),
    cursor: z.string().max(CURSOR_MAX).optional().meta({ description: 'nextCursor of the previous page, as given.' }),
  })
  .strict();

export const slugParams = z.object({ slug: slugSchema }).strict();

const incidentUrl = z.string().meta({ description: 'The incident page, relative to this site, e.g. /incidents/<slug>.' });
const version = z.number().int().min(1).meta({ description: 'Goes in If-Match to update; each save adds one.' });

export const incidentListItem = z.object({
  slug: z.string(),
  title: z.string(),
  severity: z.enum(Severity),
  status: z.enum(IncidentStatus),
  draft: z.boolean(),
  startedAt: z.iso.datetime().nullable().meta({ description: 'Null only for a draft not yet given a start time.' }),
  url: incidentUrl,
  version,
});

export const incidentListResponse = z.object({
  items: z.array(incidentListItem),
  nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last one.' }),
});

export const incidentResponse = incidentDocumentFields.extend({ version, url: incidentUrl });

/**
 * The document POST and PUT take (times with their offset, due dates as days).
 * What GET answered can be sent back as is: `version` and `url` are accepted and
 * ignored, since If-Match says which version an update replaces.
 */
export const incidentBody = checkIncidentDocument(
  incidentDocumentFields.extend({
    version: z.number().int().optional().meta({ description: 'Ignored: If-Match names the version replaced.' }),
    url: z.string().max(300).optional().meta({ description: 'Ignored.' }),
  }),
);

export const incidentSaved = z.object({ slug: z.string(), version, url: incidentUrl });

export const listIncidentsOp = operation({
  id: 'incident.list',
  method: 'GET',
  path: '/api/v1/incidents',
  tag: 'Incidents',
  summary: 'List incidents, newest first',
  description: 'Drafts are listed only for authors and above. Page with `cursor` until `nextCursor` is null.',
  access: 'reader',
  query: incidentListQuery,
  responses: { 200: { description: 'One page of incidents.', schema: incidentListResponse } },
});

export const getIncidentOp = operation({
  id: 'incident.get',
  method: 'GET',
  path: '/api/v1/incidents/{slug}',
  tag: 'Incidents',
  summary: 'One incident as a document',
  description: 'The ETag is the version; send it back in If-Match to update. A draft is 404 for readers below author.',
  access: 'reader',
  params: slugParams,
  responses: {
    200: { description: 'The incident.', schema: incidentResponse },
    304: { description: 'Unchanged (If-None-Match).' },
  },
});

export const createIncidentOp = operation({
  id: 'incident.create',
  method: 'POST',
  path: '/api/v1/incidents',
  tag: 'Incidents',
  summary: 'File a new incident',
  description: 'Saved as the form saves it: a revision and an audit event. A slug already taken (a draft included) is 409.',
  access: 'author',
  body: incidentBody,
  responses: { 201: { description: 'Filed.', schema: incidentSaved } },
  errors: { 409: 'The slug is taken.', 413: 'The body is larger than 3 MB.' },
});

export const updateIncidentOp = operation({
  id: 'incident.update',
  method: 'PUT',
  path: '/api/v1/incidents/{slug}',
  tag: 'Incidents',
  summary: 'Replace an incident',
  description:
    'The whole document replaces the stored one, only if If-Match still names the stored version: 412 with the current `version` when not, 428 without If-Match. The slug cannot change.',
  access: 'author',
  params: slugParams,
  body: incidentBody,
  headers: [{ name: 'If-Match', required: true, description: 'The version read (the ETag of GET), e.g. "3".' }],
  responses: { 200: { description: 'Saved.', schema: incidentSaved } },
  errors: {
    404: 'No such incident.',
    412: 'If-Match names an old version; `version` is the current one.',
    413: 'The body is larger than 3 MB.',
    428: 'If-Match is missing.',
  },
});
