// Next's request scope for integration tests that call server actions, queries
// and route handlers directly, outside a Next server. A test file mocks Next's
// modules with the ones in tests/mocks/ (vi.mock is hoisted, so each file says it):
//
//   vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
//   vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
//   vi.mock('next/navigation', () => import('@/tests/mocks/next-navigation'));
//   vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));
//
// then calls setAppEnv before importing the app's modules, and setRequestHeaders
// before each call to say who is calling.

/** What next/headers' headers() returns in this test file (tests/mocks/next-headers.ts). */
export const requestScope = { headers: new Headers() };

/** The headers of the "current request" from here on; a Bearer token signs the caller in. */
export function setRequestHeaders(init: HeadersInit = {}): Headers {
  requestScope.headers = new Headers(init);
  return requestScope.headers;
}

/** Better Auth's secret under test: any 32+ characters do; it signs nothing outside the test database. */
export const TEST_AUTH_SECRET = 'integration-test-secret-0123456789abcdef';

/** The environment the app's modules read as they load: call it before importing them. */
export function setAppEnv(databaseUrl: string, extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
    BETTER_AUTH_URL: 'http://localhost:3000',
    ...extra,
  });
}
