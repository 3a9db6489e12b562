// The OpenAPI document describes every route in app/api/v1 and only those,
// and has the shape of an OpenAPI 3.1 document.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument, routeFolder } from './openapi';
import { OPERATIONS } from './ops';

const ROOT = path.resolve(import.meta.dirname, '../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return entry === 'route.ts' ? [path.relative(ROOT, p)] : [];
  });
}

/** "GET /api/v1/incidents/{slug}" for each handler a route file exports. */
function routedOperations(): string[] {
  return routeFiles(path.join(ROOT, 'app/api/v1')).flatMap((file) => {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    const apiPath = path
      .dirname(file)
      .replace(/^app/, '')
      .replace(/\[(\w+)\]/g, '{$1}');
    return METHODS.filter((m) => new RegExp(`export (const|async function) ${m}\\b`).test(source)).map((m) => `${m} ${apiPath}`);
  });
}

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, unknown>; parameters: { in: string; name: string }[] }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

describe('the OpenAPI document', () => {
  const doc = openApiDocument() as unknown as Doc;

  it('describes every route handler in app/api/v1, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(routedOperations().sort());
  });

  it('is built from the operation each route file uses', () => {
    for (const op of OPERATIONS) {
      const source = readFileSync(path.join(ROOT, routeFolder(op.path), 'route.ts'), 'utf8');
      expect(source, `${op.method} ${op.path}`).toMatch(new RegExp(`export const ${op.method} = apiRoute\\(\\w+Op\\b`));
    }
  });

  it('has the shape of OpenAPI 3.1', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const ids = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths)) {
      expect(p).toMatch(/^\/api\/v1\//);
      for (const [method, op] of Object.entries(ops)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$/);
        // Every {name} of the path is a required path parameter.
        for (const [, name] of p.matchAll(/\{(\w+)\}/g)) {
          expect(op.parameters).toContainEqual(expect.objectContaining({ in: 'path', name, required: true }));
        }
      }
    }
  });

  it('resolves every $ref inside the document', () => {
    const text = JSON.stringify(doc);
    for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas).toHaveProperty(ref!.split('/').at(-1)!);
    }
  });

  it('describes the incident document with the content format field names', () => {
    const incident = doc.components.schemas.IncidentDocument as { properties: Record<string, unknown>; required: string[] };
    for (const field of [
      'slug',
      'title',
      'summary',
      'severity',
      'status',
      'startedAt',
      'timezone',
      'services',
      'tags',
      'symptoms',
      'timeline',
      'narrative',
    ]) {
      expect(incident.properties).toHaveProperty(field);
    }
    // A draft needs only its title (decision 031): the start time is required to publish, not to save.
    expect(incident.required).toEqual(expect.arrayContaining(['slug', 'title', 'severity', 'status']));
    expect(incident.required).not.toContain('startedAt');
  });
});
