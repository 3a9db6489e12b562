// GET /api/incidents/<slug>/export: the incident as a markdown file with YAML
// frontmatter, in the format of content/incidents/ (importable as is).
// Readable like the incident page; drafts only for authors and above.
import type { NextRequest } from 'next/server';
import { hasRole } from '@/lib/auth/roles';
import { authorizeRead, deniedResponse } from '@/lib/auth/session';
import { isSlug } from '@/lib/format/slug';
import { getStoredIncident } from '@/lib/incidents/authoring-queries';
import { exportFileName, serializeIncident } from '@/lib/incidents/document';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const allowed = await authorizeRead();
  if (!allowed.ok) return deniedResponse(allowed);
  // The slug is read from the path so the handler needs nothing but the request.
  const slug = decodeURIComponent(request.nextUrl.pathname.split('/').at(-2) ?? '');
  const stored = isSlug(slug) ? await getStoredIncident({ slug }, hasRole(allowed.viewer?.role, 'author')) : null;
  if (!stored) return Response.json({ error: 'no such incident' }, { status: 404 });
  return new Response(serializeIncident(stored.document), {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(stored.slug)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
