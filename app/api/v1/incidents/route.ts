// GET /api/v1/incidents (list) and POST /api/v1/incidents (file one).
// The operations, their schemas and who may call them: lib/api/ops/incidents.ts.
import { decodeCursor } from '@/lib/api/cursor';
import { ApiError, invalidInput, issuesFromFieldErrors } from '@/lib/api/errors';
import { createIncidentOp, listIncidentsOp } from '@/lib/api/ops/incidents';
import { incidentPageJson } from '@/lib/api/present';
import { apiRoute, json } from '@/lib/api/route';
import { hasRole } from '@/lib/auth/roles';
import { listIncidentPage } from '@/lib/incidents/queries';
import { createIncidentDocument } from '@/lib/incidents/write';
import { urlFor } from '@/lib/search/engine';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(listIncidentsOp, async ({ viewer, query }) => {
  const { cursor, limit, ...filters } = query;
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  if (after === null) throw invalidInput([{ path: 'query.cursor', message: 'Not a cursor this API gave out.' }]);
  return json(incidentPageJson(await listIncidentPage({ ...filters, limit, after }, hasRole(viewer?.role, 'author'))));
});

export const POST = apiRoute(createIncidentOp, async ({ viewer, body }) => {
  const { version: _ignored, url: _alsoIgnored, ...doc } = body;
  const saved = await createIncidentDocument(viewer, doc, 'api');
  if (saved.ok) {
    const url = urlFor('incident', saved.slug);
    return json({ slug: saved.slug, version: saved.version, url }, { status: 201, headers: { Location: url } });
  }
  if (saved.reason === 'invalid') throw invalidInput(issuesFromFieldErrors(saved.fieldErrors));
  throw new ApiError(409, `An incident with the slug "${body.slug}" already exists.`);
});
