// client-address.ts relies on two things Next.js does that it does not document;
// this fails when an upgrade changes either, before sign-in throttling silently
// starts trusting a client-sent X-Forwarded-For again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const next = (file: string) => readFileSync(path.join(import.meta.dirname, '../../node_modules/next/dist/server', file), 'utf8');

describe('what Next.js does with X-Forwarded-For', () => {
  it('sets it from the socket on each pass through its request handler, only when absent', () => {
    expect(next('base-server.js')).toMatch(/req\.headers\['x-forwarded-for'\] \?\?= [^\n;]*\.socket\)[^\n;]*\.remoteAddress;/);
  });

  it("applies the proxy's request-header overrides by deleting every header the proxy dropped", () => {
    const resolveRoutes = next('lib/router-utils/resolve-routes.js');
    expect(resolveRoutes).toMatch(
      /for \(const key of Object\.keys\(req\.headers\)\)\{\s*if \(!overriddenHeaders\.has\(key\)\) \{\s*delete req\.headers\[key\];/,
    );
  });
});
