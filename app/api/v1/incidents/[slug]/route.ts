// GET /api/v1/incidents/{slug} (the document, ETag = version) and
// PUT /api/v1/incidents/{slug} (replace it, If-Match required).
// The operations, their schemas and who may call them: lib/api/ops/incidents.ts.
import { ApiError, invalidInput, issuesFromFieldErrors } from '@/lib/api/errors';
import { matchesIfNoneMatch, versionEtag, versionFromIfMatch } from '@/lib/api/etag';
import { getIncidentOp, updateIncidentOp } from '@/lib/api/ops/incidents';
import { incidentJson } from '@/lib/api/present';
import { apiRoute, json } from '@/lib/api/route';
import { hasRole } from '@/lib/auth/roles';
import { getStoredIncident } from '@/lib/incidents/authoring-queries';
import { updateIncidentDocument } from '@/lib/incidents/write';
import { urlFor } from '@/lib/search/engine';

export const dynamic = 'force-dynamic';

const NO_SUCH_INCIDENT = 'No such incident.';

export const GET = apiRoute(getIncidentOp, async ({ request, viewer, params }) => {
  // A draft is "no such incident" below author: its existence is not for readers either.
  const stored = await getStoredIncident({ slug: params.slug }, hasRole(viewer?.role, 'author'));
  if (!stored) throw new ApiError(404, NO_SUCH_INCIDENT);
  const etag = versionEtag(stored.version);
  if (matchesIfNoneMatch(request.headers.get('if-none-match'), stored.version)) {
    return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': 'no-store' } });
  }
  return json(incidentJson(stored), { headers: { ETag: etag } });
});

export const PUT = apiRoute(updateIncidentOp, async ({ request, viewer, params, body }) => {
  const expected = versionFromIfMatch(request.headers.get('if-match'));
  if (body.slug !== params.slug) {
    throw invalidInput([{ path: 'body.slug', message: `Slugs are permanent: this incident is "${params.slug}".` }]);
  }
  const { version: _ignored, url: _alsoIgnored, ...doc } = body;
  const saved = await updateIncidentDocument(viewer, params.slug, doc, expected, 'api');
  if (saved.ok) {
    const url = urlFor('incident', saved.slug);
    return json({ slug: saved.slug, version: saved.version, url }, { headers: { ETag: versionEtag(saved.version) } });
  }
  switch (saved.reason) {
    case 'missing':
      throw new ApiError(404, NO_SUCH_INCIDENT);
    case 'stale':
      throw new ApiError(412, `The incident was saved since version ${expected}; it is now at version ${saved.version}.`, {
        version: saved.version,
      });
    case 'invalid':
      throw invalidInput(issuesFromFieldErrors(saved.fieldErrors));
    default:
      throw new ApiError(409, 'The incident changed during the save; read it again.');
  }
});
