// The API's description of itself.
import { z } from 'zod';
import { operation } from '../operation';

export const openApiOp = operation({
  id: 'api.openapi',
  method: 'GET',
  path: '/api/v1/openapi.json',
  tag: 'API',
  summary: 'This API as an OpenAPI 3.1 document',
  description: 'Generated from the zod schemas the routes parse with. A readable version is at /api/docs.',
  access: 'public',
  responses: { 200: { description: 'The OpenAPI document.', schema: z.object({ openapi: z.string() }).passthrough() } },
});
