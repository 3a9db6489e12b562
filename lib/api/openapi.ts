// The OpenAPI 3.1 document of the JSON API v1, built from the operations
// (./ops/) and the very zod schemas the routes parse with (z.toJSONSchema),
// so the description cannot drift from what the routes accept. No library:
// zod 4 writes JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect.
import { z } from 'zod';
import { ROLE_DESCRIPTIONS } from '@/lib/auth/roles';
import type { Operation } from './operation';
import { OPERATIONS } from './ops';
import { incidentBody } from './ops/incidents';
import { errorSchema } from './schemas';

type JsonSchema = Record<string, unknown>;

export const API_VERSION = '1.0.0';

/** Schemas used by several operations, written once under components.schemas. */
const COMPONENTS = new Map<z.ZodType, string>([
  [errorSchema, 'Error'],
  [incidentBody, 'IncidentDocument'],
]);

/**
 * A request's side of a schema is what a client sends ('input': before
 * defaults and transforms); an answer's is what the server sends. Both are
 * written as the input side: the API answers in the same shape it takes
 * (times as ISO strings with offsets), never in the parsed form.
 */
function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema;
  return rest;
}

function schemaRef(schema: z.ZodType): JsonSchema {
  const name = COMPONENTS.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : jsonSchema(schema);
}

/** An object schema's fields as OpenAPI parameters in `where`. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...fieldSchema } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (object.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: fieldSchema,
    };
  });
}

const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: schemaRef(errorSchema) } },
});

function who(op: Operation): string {
  if (op.access === 'public') return 'Anyone.';
  if (op.access === 'reader') return 'Any signed-in user (anonymous callers too when anonymous reading is on).';
  // integration stands beside the ladder (lib/auth/roles.ts): "or above" would say the wrong thing.
  if (op.access === 'integration') return `Needs the integration role (${ROLE_DESCRIPTIONS.integration}), or author and above.`;
  return `Needs the ${op.access} role (${ROLE_DESCRIPTIONS[op.access]}) or above.`;
}

function describeOperation(op: Operation): JsonSchema {
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(op.responses)) {
    responses[status] = {
      description: answer.description,
      ...(answer.schema ? { content: { 'application/json': { schema: schemaRef(answer.schema) } } } : {}),
    };
  }
  if (op.params || op.query || op.body || op.headers)
    responses['400'] = errorAnswer('The request is not valid; `issues` say where.');
  if (op.access !== 'public') {
    responses['401'] = errorAnswer('No valid token or session.');
    responses['403'] = errorAnswer('The caller lacks the role, or a cookie write came from another site.');
  }
  for (const [status, description] of Object.entries(op.errors ?? {})) responses[status] = errorAnswer(description);
  if (op.method !== 'GET' && op.access !== 'public') {
    responses['429'] = errorAnswer('Too many writes by this user this minute (API_WRITES_PER_MINUTE); see Retry-After.');
  }
  responses['503'] = errorAnswer('The server could not answer; try again shortly. Writes answer 500 instead.');

  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, who(op)].filter(Boolean).join('\n\n'),
    parameters: [
      ...parameters(op.params, 'path'),
      ...parameters(op.query, 'query'),
      ...(op.headers ?? []).map((h) => ({
        name: h.name,
        in: 'header',
        required: h.required,
        description: h.description,
        schema: { type: 'string' },
      })),
    ],
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(op.body) } } } } : {}),
    responses,
    security: op.access === 'public' || op.access === 'reader' ? [{}, ...SECURITY] : SECURITY,
  };
}

const SECURITY = [{ bearerToken: [] }, { sessionCookie: [] }];

/** Turns a path template into the Next route folder it lives in, e.g. app/api/v1/incidents/[slug]. */
export const routeFolder = (path: string) => `app${path.replace(/\{(\w+)\}/g, '[$1]')}`;

export function openApiDocument(operations: readonly Operation[] = OPERATIONS): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method.toLowerCase()] = describeOperation(op);
  const schemas = Object.fromEntries([...COMPONENTS].map(([schema, name]) => [name, jsonSchema(schema)]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Postmortem KB API',
      version: API_VERSION,
      description:
        "Incidents, runbooks and diagnostic checks as JSON. Send a personal token (created at /account) as `Authorization: Bearer pmkb_…`; a token acts with its owner's role. Errors are `{ error, issues?: [{ path, message }] }`.",
    },
    servers: [{ url: '/' }],
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token, pmkb_…' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'pmkb.session_token',
          description: 'The browser session. Writes with it need an Origin header of this site.',
        },
      },
    },
  };
}
