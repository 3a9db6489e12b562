import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ERROR_CODES, ERROR_STATUS, ROUTES } from './protocol';

type Operation = { responses: Record<string, unknown> };
type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { in: string; name: string }>;
    schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } };
  };
};

const spec = parse(readFileSync(path.join(import.meta.dirname, 'openapi.yaml'), 'utf8')) as OpenApi;

describe('openapi.yaml', () => {
  it('is OpenAPI 3.1', () => {
    expect(spec.openapi).toBe('3.1.0');
  });

  it('documents every route the server answers, and no other', () => {
    const documented = Object.entries(spec.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('documents every error code and the status it comes with', () => {
    expect(spec.components.schemas.Error.properties.error.properties.code.enum.sort()).toEqual([...ERROR_CODES].sort());
    const runs = spec.paths['/v1/runs']!.post!.responses;
    for (const code of [
      'bad_parameter',
      'bad_request',
      'unknown_check',
      'too_large',
      'busy',
      'bad_signature',
      'method_not_allowed',
    ] as const) {
      expect(Object.keys(runs), code).toContain(String(ERROR_STATUS[code]));
    }
  });

  it('names the three signature headers', () => {
    const headers = Object.values(spec.components.securitySchemes).map((s) => `${s.in}:${s.name}`);
    expect(headers.sort()).toEqual(['header:x-pmkb-nonce', 'header:x-pmkb-signature', 'header:x-pmkb-timestamp']);
  });
});
