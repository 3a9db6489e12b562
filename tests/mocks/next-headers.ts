// next/headers for integration tests: the headers the test set (tests/request-scope.ts)
// and an empty cookie jar (tests sign in with a Bearer token, not a cookie).
import { requestScope } from '@/tests/request-scope';

export const headers = async () => requestScope.headers;
export const cookies = async () => ({
  get: () => undefined,
  getAll: () => [],
  set: () => {},
  delete: () => {},
  has: () => false,
});
