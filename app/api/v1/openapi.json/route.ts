// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (lib/api/openapi.ts).
import { openApiDocument } from '@/lib/api/openapi';
import { openApiOp } from '@/lib/api/ops/meta';
import { apiRoute, json } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(openApiOp, async () =>
  json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } }),
);
